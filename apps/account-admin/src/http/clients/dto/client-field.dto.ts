import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CLIENT_FIELD_DATA_TYPE, CLIENT_FIELD_SPECIAL_BIT, ClientFieldDataType, ClientFieldSpecialBit } from '@leadx/accounts-domain';
import { SeedEnumProperty } from '../../common/seed-enum.property';
import { INT_MAX } from '../clients.params';

export class ClientFieldEnumDto {
  @ApiProperty({ example: 0, description: '0 adds the enum; an id of this field\'s enum modifies it' })
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  ClientFieldEnumUID!: number;

  @ApiPropertyOptional({ example: 0, description: 'Ignored (the parent is the field being written)' })
  @IsOptional()
  @IsInt()
  ClientFieldUID?: number;

  @ApiProperty({ example: 'Gold', description: 'May not contain spaces' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  Descriptor!: string;

  @ApiPropertyOptional({ example: 0 })
  @IsOptional()
  @IsInt()
  @Min(-INT_MAX)
  @Max(INT_MAX)
  Priority?: number;
}

/**
 * Extension PUT /v1/clients/fields: a client field definition in the shape GET /v1/clients/fields
 * answers (so a fetched field can be sent back). ClientFieldUID 0 creates.
 */
export class UpsertClientFieldDto {
  @ApiProperty({ example: 0 })
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  ClientFieldUID!: number;

  @ApiProperty({ example: 'Company', description: 'Name of the field, unique whatever its case' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  Descriptor!: string;

  @SeedEnumProperty(CLIENT_FIELD_DATA_TYPE, { optional: true, description: 'DataType by name or number (default Varchar)' })
  DataType?: ClientFieldDataType;

  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() Required?: boolean;
  @ApiPropertyOptional({ example: true, description: 'Enabled' }) @IsOptional() @IsBoolean() Status?: boolean;
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() Computed?: boolean;
  @ApiPropertyOptional({ example: '', description: 'Stored verbatim, never evaluated by the API' }) @IsOptional() @IsString() @MaxLength(2000) ComputedExpr?: string;
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() Enumerated?: boolean;

  @ApiPropertyOptional({ type: [ClientFieldEnumDto], description: 'When given, the field\'s enums become exactly this list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ClientFieldEnumDto)
  Enums?: ClientFieldEnumDto[];

  @ApiPropertyOptional({ example: '^[0-9]{5}$', description: 'Regular expression for clients of the API; stored verbatim, not run by the API' }) @IsOptional() @IsString() @MaxLength(2000) Validation?: string;
  @ApiPropertyOptional({ example: '', description: 'Stored verbatim, not run by the API' }) @IsOptional() @IsString() @MaxLength(2000) InvalidChars?: string;
  @ApiPropertyOptional({ example: '' }) @IsOptional() @IsString() @MaxLength(2000) FormatError?: string;
  @ApiPropertyOptional({ example: '' }) @IsOptional() @IsString() @MaxLength(2000) FormatString?: string;

  @SeedEnumProperty(CLIENT_FIELD_SPECIAL_BIT, { optional: true, description: 'SpecialBit by name or number (default NoSpecialBit)' })
  SpecialBit?: ClientFieldSpecialBit;

  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() isState?: boolean;

  @ApiPropertyOptional({ example: '', description: 'Ignored (answered by GET /v1/clients/fields/{ClientUID})' }) @IsOptional() @IsString() FieldValue?: string;
  @ApiPropertyOptional({ type: [String], description: 'Ignored' }) @IsOptional() @IsArray() @IsString({ each: true }) PastValues?: string[];
}
