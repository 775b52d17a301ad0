import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  LEAD_FIELD_DATA_TYPE,
  LEAD_FIELD_DATA_TYPE_NAMES,
  LEAD_FIELD_SPECIAL_BIT,
  LEAD_FIELD_SPECIAL_BIT_NAMES,
  LeadFieldDataType,
  LeadFieldSpecialBit,
} from '@leadx/accounts-domain';
import { SeedEnumProperty } from '../../common/seed-enum.property';
import { INT_MAX, OptionalUid, SeedBool } from './dto-helpers';

// Generous bounds against oversized bodies; the real limits (expression 2,000 and pattern 500
// characters) are the engines', which name the field when they refuse.
const MAX_EXPRESSION_TEXT = 10_000;
const MAX_TEXT = 4000;

function Text(description: string, max = MAX_TEXT, example = ''): PropertyDecorator {
  return applyDecorators(ApiProperty({ required: false, description, example }), IsOptional(), IsString(), MaxLength(max));
}

function Size(description: string): PropertyDecorator {
  return applyDecorators(ApiProperty({ required: false, description, example: 0 }), IsOptional(), IsInt(), Min(0), Max(10_000));
}

/** Seed 003 FieldEnum: LeadFieldEnumUID 0 adds, a known UID changes, Delete removes. */
export class LeadFieldEnumDto {
  @OptionalUid('The enumeration to change or delete; 0 or absent adds one')
  LeadFieldEnumUID?: number;

  @OptionalUid('Informational (the enclosing field is meant)')
  LeadFieldUID?: number;

  @ApiProperty({ required: false, description: 'The value (the seed types it integer; numbers are taken as text)', example: 'Owner' })
  @Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value))
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  Descriptor?: string;

  @ApiProperty({ required: false, description: 'Display priority in lists (lower first)', example: 0 })
  @IsOptional()
  @IsInt()
  @Min(-INT_MAX)
  @Max(INT_MAX)
  Priority?: number;

  @SeedBool('Should this enumeration be removed', false)
  Delete?: boolean;
}

/**
 * Extension: one field to create (LeadFieldUID 0 or absent), modify (omitted properties kept) or,
 * with Delete, remove. Seed 003 "Fields for Lead Type" property names.
 */
export class LeadFieldDto {
  @OptionalUid('The field to modify or delete; 0 or absent creates one')
  LeadFieldUID?: number;

  @OptionalUid('Informational; must be the path\'s LeadTypeUID when given')
  LeadTypeUID?: number;

  @Text('Name of the field (required to create); the key leads are posted with', 100, 'Email')
  Descriptor?: string;

  @SeedEnumProperty(LEAD_FIELD_DATA_TYPE, { optional: true, description: `data_type: ${LEAD_FIELD_DATA_TYPE_NAMES.join(', ')} (default Varchar)` })
  FieldDataType?: LeadFieldDataType;

  @SeedBool('Is a value required', false)
  Required?: boolean;

  @SeedBool('Is the field enabled (a disabled field is treated as not defined)')
  Status?: boolean;

  @SeedBool('Is the value computed from other fields (ComputedExpr)', false)
  Computed?: boolean;

  @Text('The expression computing the value (the safe expression language of @leadx/catalog-expressions)', MAX_EXPRESSION_TEXT, "upper(FirstName) + ' ' + LastName")
  ComputedExpr?: string;

  @SeedBool('Does the field have a list of possible enumerations (FieldEnums)', false)
  Enumerated?: boolean;

  @Text('Regular expression the value must match (searched; anchor with ^...$)', MAX_EXPRESSION_TEXT, '^[0-9]{5}$')
  Validation?: string;

  @Text('Regular expression of characters removed from the value', MAX_EXPRESSION_TEXT, '[^0-9]')
  InvalidChars?: string;

  @Text('The text shown when Validation fails')
  FmtError?: string;

  @Text('Same as FmtError (the client fields\' spelling)')
  FormatError?: string;

  @Text('Display format of the value (not applied at intake)')
  FormatString?: string;

  @SeedBool('Does the field hold a US state (normalised to its 2-letter code)', false)
  isState?: boolean;

  @Text('Description of the field')
  FieldDescription?: string;

  @Size('Display columns this field spans in detail screens')
  ColSpan?: number;

  @Size('Width of the field on detail screens')
  Width?: number;

  @Size('Height of the field on detail screens')
  Height?: number;

  @SeedEnumProperty(LEAD_FIELD_SPECIAL_BIT, {
    optional: true,
    description: `system_field_bit: ${LEAD_FIELD_SPECIAL_BIT_NAMES.join(', ')} (the last 7 are extensions the receiver normalises)`,
  })
  SpecialBit?: LeadFieldSpecialBit;

  @ApiProperty({ required: false, type: [LeadFieldEnumDto], description: 'Enumerations to add, change or delete (others are kept)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => LeadFieldEnumDto)
  FieldEnums?: LeadFieldEnumDto[];

  @SeedBool('Remove this field (LeadFieldUID required)', false)
  Delete?: boolean;
}

export class SaveLeadFieldsDto {
  @ApiProperty({ type: [LeadFieldDto], description: 'Applied in order, all or nothing; fields not listed are kept' })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => LeadFieldDto)
  Fields!: LeadFieldDto[];
}

export class LeadFieldEnumResponse {
  @ApiProperty({ example: 7 }) LeadFieldEnumUID!: number;
  @ApiProperty({ example: 31 }) LeadFieldUID!: number;
  @ApiProperty({ example: 'Owner' }) Descriptor!: string;
  @ApiProperty({ example: 0 }) Priority!: number;
  @ApiProperty({ example: false }) Delete!: boolean;
}

/** Seed 003 "Fields for Lead Type" item. */
export class LeadFieldResponse {
  @ApiProperty({ example: 31 }) LeadFieldUID!: number;
  @ApiProperty({ example: 12 }) LeadTypeUID!: number;
  @ApiProperty({ example: 'HomeOwner' }) Descriptor!: string;
  @ApiProperty({ enum: LEAD_FIELD_DATA_TYPE_NAMES, example: 'Varchar' }) FieldDataType!: LeadFieldDataType;
  @ApiProperty({ example: true }) Required!: boolean;
  @ApiProperty({ example: true }) Status!: boolean;
  @ApiProperty({ example: false }) Computed!: boolean;
  @ApiProperty({ example: '' }) ComputedExpr!: string;
  @ApiProperty({ example: true }) Enumerated!: boolean;
  @ApiProperty({ example: '' }) Validation!: string;
  @ApiProperty({ example: '' }) InvalidChars!: string;
  @ApiProperty({ example: '' }) FmtError!: string;
  @ApiProperty({ example: '' }) FormatString!: string;
  @ApiProperty({ example: false }) isState!: boolean;
  @ApiProperty({ example: '' }) FieldDescription!: string;
  @ApiProperty({ example: 0 }) ColSpan!: number;
  @ApiProperty({ example: 0 }) Width!: number;
  @ApiProperty({ example: 0 }) Height!: number;
  @ApiProperty({ enum: LEAD_FIELD_SPECIAL_BIT_NAMES, example: 'No_SpecialBit' }) SpecialBit!: LeadFieldSpecialBit;
  @ApiProperty({ type: [LeadFieldEnumResponse] }) FieldEnums!: LeadFieldEnumResponse[];
}
