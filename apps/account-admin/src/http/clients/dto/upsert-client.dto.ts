import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsDefined, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CLIENT_AUTOMATION_TYPE, CLIENT_STATUS, ClientAutomationType, ClientStatus } from '@leadx/accounts-domain';
import { SeedEnumProperty } from '../../common/seed-enum.property';
import { INT_MAX } from '../clients.params';

/** Seed 003 "Create / Modify Client" Info. On modify, an absent (or null) property keeps its value. */
export class ClientInfoDto {
  @ApiProperty({ example: 0, description: 'Client identifier; 0 creates a client' })
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  ClientUID!: number;

  @ApiPropertyOptional({ example: '2020-08-21T16:38:22.976Z', description: 'Date the client record was added; now when omitted on create' })
  @IsOptional()
  @IsDateString()
  DateAdded?: string;

  @SeedEnumProperty(CLIENT_STATUS, { optional: true, description: 'ClientStatus by name or number; required for a new client' })
  Status?: ClientStatus;

  @ApiPropertyOptional({ example: 0, description: 'User to assign to (0: none)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  UserUID?: number;

  @ApiPropertyOptional({ example: -8, description: 'Hours from UTC' })
  @IsOptional()
  @IsInt()
  @Min(-12)
  @Max(14)
  TimeOffset?: number;

  @ApiPropertyOptional({ example: 'Pacific Standard Time', description: 'Kept as given; US Windows names and IANA names also set the zone the scanner uses' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  TimeZoneName?: string;

  @ApiPropertyOptional({ example: '' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  Notes?: string;

  @ApiPropertyOptional({ example: 0, description: 'Reseller to assign to (0: none)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  ResellerUID?: number;

  @ApiPropertyOptional({ example: 0, description: 'Client group (0: none); an unknown group is a 400' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  GroupUID?: number;

  @ApiPropertyOptional({ example: 'acme-portal', description: 'Portal username, unique whatever its case; required for a new client' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  Username?: string;

  @ApiPropertyOptional({ example: 'correct horse battery staple', description: 'Portal password, required for a new client; stored as an argon2id hash and never answered', writeOnly: true })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  Password?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  OverrideReassign?: boolean;

  @SeedEnumProperty(CLIENT_AUTOMATION_TYPE, { optional: true })
  DeliveryAccountAutomationType?: ClientAutomationType;
}

export class ClientFieldDataDto {
  @ApiProperty({ example: 1, description: 'A client field (GET /v1/clients/fields); an unknown one is a 400' })
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  ClientFieldUID!: number;

  @ApiProperty({ example: 'Acme Insurance', description: 'The value; its field\'s DataType and enums are checked. An empty value clears it' })
  // Numbers and booleans are taken as their text: integrations send typed JSON for typed fields.
  @Transform(({ value }) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value))
  @IsString()
  Value!: string;
}

export class UpsertClientDto {
  @ApiProperty({ type: ClientInfoDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ClientInfoDto)
  Info!: ClientInfoDto;

  @ApiPropertyOptional({ type: [ClientFieldDataDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ClientFieldDataDto)
  FieldData?: ClientFieldDataDto[];
}
