import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { LEAD_SOURCE_STATUS, LeadSourceStatus, MAX_LEAD_SOURCE_USERNAME_LENGTH } from '@leadx/accounts-domain';
import { SeedEnumProperty } from '../../common/seed-enum.property';
import { SERIAL_MAX } from '../lead-sources.params';
import { SeedText } from './seed-text.property';

const NAME = 200;
const CONTACT = 500;
const URL = 2000;
export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 200;

/** Seed types State as a string but its example sends 0: a number is taken as its text. */
const numberAsText = Transform(({ value }) => (typeof value === 'number' ? String(value) : value));

/**
 * Seed 003 "Create or Modify Lead Source". LPVendorUID 0 (or absent) creates; on a modify,
 * absent fields keep their value. Password is write-only.
 */
export class UpsertLeadSourceDto {
  @ApiPropertyOptional({ example: 0, description: 'The lead source to modify; 0 or absent creates one' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SERIAL_MAX)
  LPVendorUID?: number;

  @SeedText({ max: NAME, example: 'Acme Leads', optional: true, description: 'Required to create' })
  Name?: string;

  @SeedText({ max: CONTACT, example: '1 Main St', optional: true })
  Address?: string;

  @SeedText({ max: CONTACT, example: 'Suite 2', optional: true })
  Address2?: string;

  @SeedText({ max: CONTACT, example: 'Austin', optional: true })
  City?: string;

  @numberAsText
  @SeedText({ max: CONTACT, example: 'TX', optional: true })
  State?: string;

  @numberAsText
  @SeedText({ max: CONTACT, example: '73301', optional: true })
  Zip?: string;

  @SeedText({ max: CONTACT, example: '5125550100', optional: true })
  Phone?: string;

  @SeedText({ max: CONTACT, example: '', optional: true })
  Fax?: string;

  @SeedText({ max: CONTACT, example: 'ops@acme.example', optional: true })
  Email?: string;

  @SeedText({ max: URL, example: '', optional: true, description: '(deprecated) stored and answered back' })
  ReturnString?: string;

  @SeedText({ max: URL, example: '', optional: true, description: '(deprecated) stored and answered back' })
  ReturnPostURL?: string;

  @ApiPropertyOptional({ example: false, description: '(deprecated) Send false' })
  @IsOptional()
  @IsBoolean()
  SystemVendor?: boolean;

  @SeedEnumProperty(LEAD_SOURCE_STATUS, { optional: true, description: 'source_status by name or number (Inactive = 0, Active = 1, OnHold = 2, Suspended = 3, Closed = 4); default Active' })
  Status?: LeadSourceStatus;

  @SeedText({ max: MAX_LEAD_SOURCE_USERNAME_LENGTH, example: 'acme', optional: true, nullable: true, description: 'Portal login, unique among lead sources (any case); blank removes it' })
  UserName?: string | null;

  @ApiPropertyOptional({ example: 'correct horse battery', nullable: true, writeOnly: true, description: `Portal password (at least ${MIN_PASSWORD_LENGTH} characters), stored as an argon2id hash and never answered; absent, null or "" keeps the current one` })
  @IsOptional()
  @MaxLength(MAX_PASSWORD_LENGTH)
  @ValidateBy(
    { name: 'isPassword', validator: { validate: (v: unknown) => typeof v === 'string' && (v === '' || (v.length >= MIN_PASSWORD_LENGTH && !v.includes('\u0000'))) } },
    { message: `Password must be text of at least ${MIN_PASSWORD_LENGTH} characters (or "" to keep the current one)` },
  )
  Password?: string | null;

  @ApiPropertyOptional({ example: 0, description: '(deprecated)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SERIAL_MAX)
  AdminUID?: number;

  @ApiPropertyOptional({ example: 0, description: '(deprecated)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SERIAL_MAX)
  CherryAccountUID?: number;

  @ApiPropertyOptional({ example: 0, description: 'Your account identifier (stored and answered back; this platform has one account)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SERIAL_MAX)
  AccountUID?: number;

  @SeedText({ max: URL, example: 'https://cdn.example/acme.png', optional: true })
  ImageURL?: string;

  @ApiPropertyOptional({ example: 30, description: 'The most days after which a return is accepted' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  DefaultReturnDay?: number;
}

/** Optional paging of GET /v1/leadsources (an extension: the seed lists every source). */
export class ListLeadSourcesQueryDto {
  @ApiPropertyOptional({ example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(SERIAL_MAX)
  Skip?: number;

  @ApiPropertyOptional({ example: 100, description: 'Pages the list when given (at most 100, larger values are clamped); absent lists every source' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  Take?: number;
}

/** Extension: a label telling a source's api-keys apart. */
export class CreateApiKeyDto {
  @SeedText({ max: 200, example: 'production posting server', optional: true, nullable: true })
  Label?: string | null;
}

/** The plain key, answered once. */
export class CreatedApiKeyDto {
  @ApiProperty({ example: 7 }) ApiKeyUID!: number;
  @ApiProperty({ example: 3 }) LeadSourceUID!: number;
  @ApiProperty({ example: 'lx_AbCdEfG' }) Prefix!: string;
  @ApiProperty({ example: 'production posting server', nullable: true, type: String }) Label!: string | null;
  @ApiProperty({ example: '2025-01-01T00:00:00.000Z' }) CreatedAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) RevokedAt!: string | null;
  @ApiProperty({ example: 'lx_…', description: 'The api-key for the V2 lead receiver (`api-key` header). Shown only in this answer: store it now.' })
  Key!: string;
}
