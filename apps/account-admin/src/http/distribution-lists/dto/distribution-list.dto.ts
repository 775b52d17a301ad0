import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { DistributionListInput, DistributionListItemInput } from '@leadx/accounts-data-access';
import { DistributionListStatus, DistributionListStatusName } from '@leadx/accounts-domain';
import { SeedEnumProperty } from '../../common/seed-enum.property';
import { SERIAL_ID_MAX } from '../../orders/serial-id.pipe';

/** Extension: creates (CustomListUID 0) or modifies a distribution list; items have their own endpoint. */
export class SaveDistributionListDto implements DistributionListInput {
  @ApiProperty({ example: 0, description: 'Send 0 to create a list' })
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  CustomListUID!: number;

  @ApiProperty({ example: 3, description: 'The lead type of the leads the list distributes' })
  @IsInt()
  @Min(1)
  @Max(SERIAL_ID_MAX)
  LeadTypeUID!: number;

  @ApiProperty({ example: 41, description: "The lead field (of that lead type) whose value selects the item, e.g. ZipCode" })
  @IsInt()
  @Min(1)
  @Max(SERIAL_ID_MAX)
  LeadFieldUID!: number;

  @ApiProperty({ example: 'Zip territories', description: 'Name of the distribution list' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  Description!: string;

  @ApiPropertyOptional({ example: 0, description: 'The client that gets leads whose value matches no assigned item (0 = none)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  DefaultClient?: number;

  @SeedEnumProperty(DistributionListStatus, { description: 'Status: 1 = Active, 0 = Inactive (number or name)' })
  Status!: DistributionListStatusName;

  @ApiPropertyOptional({ example: 0, description: 'A lead field (of that lead type) the list depends on, e.g. Country (0 = none)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  DependField?: number;

  @ApiPropertyOptional({ example: '', description: 'The value of the depend field the list applies to, e.g. United States' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  Value?: string;
}

/** Seed 003 "Create or Modify List Item": CustomListItemUID 0 creates. */
export class SaveDistributionListItemDto implements DistributionListItemInput {
  @ApiProperty({ example: 0, description: 'The identifier of the distribution list item, send 0 for a new item' })
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  CustomListItemUID!: number;

  @ApiProperty({ example: 0, description: 'The identifier of the distribution list (0 or the path DistributionListUID)' })
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  CustomListUID!: number;

  @ApiProperty({ example: 'Beverly Hills', description: 'Description of the list item' })
  @IsString()
  @MaxLength(500)
  Description!: string;

  @ApiProperty({ example: 'west', description: 'Tag value' })
  @IsString()
  @MaxLength(500)
  Tag1!: string;

  @ApiProperty({ example: '', description: 'Tag value' })
  @IsString()
  @MaxLength(500)
  Tag2!: string;

  @ApiProperty({ example: '90210', description: "Value of the item: a lead whose list field has this value (case and surrounding spaces ignored) matches it; unique in the list" })
  @IsString()
  @Matches(/\S/, { message: 'Value must not be blank' })
  @MaxLength(500)
  Value!: string;

  @ApiProperty({ example: 0, description: 'Identifier of the assigned client, send 0 for multiple assignments' })
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  AssignedClient!: number;

  @ApiProperty({ example: '12|15', description: 'Pipe (|) delimited client identifiers (multiple assignments); "" = unassigned' })
  @IsString()
  @MaxLength(12_000)
  AssignedClients!: string;

  @ApiPropertyOptional({ example: 0, description: 'Hash value (not used): string or number, ignored' })
  @IsOptional()
  @ValidateBy({ name: 'isHashCode', validator: { validate: (v: unknown) => (typeof v === 'string' && v.length <= 200) || (typeof v === 'number' && Number.isFinite(v)) } }, {
    message: 'HashCode must be a string or a number',
  })
  HashCode?: string | number;
}
