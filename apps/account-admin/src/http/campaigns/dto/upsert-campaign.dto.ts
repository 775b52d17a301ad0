import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNumber, IsOptional, Max, Min, ValidateBy, ValidateNested } from 'class-validator';
import { CAMPAIGN_CHANNEL, CAMPAIGN_STATUS, CampaignStatus, MAX_RULE_VALUE_LENGTH } from '@leadx/accounts-domain';
import { CRITERION_OPERATORS } from '@leadx/catalog-criteria';
import { SeedEnumProperty } from '../../common/seed-enum.property';
import { SERIAL_MAX } from '../../lead-sources/lead-sources.params';
import { SeedText } from '../../lead-sources/dto/seed-text.property';

/** Largest money amount: campaigns.lead_price and revenue_share_flat_rate are numeric(12,2). */
export const MAX_AMOUNT = 1_000_000_000;
const MAX_DAYS = 3650;
const finite = { allowNaN: false, allowInfinity: false };

/** Seed types LeadTypeUID as a string and sends 0: digits in a string are taken as the number. */
const digitsAsNumber = Transform(({ value }) => (typeof value === 'string' && /^\d{1,10}$/.test(value.trim()) ? Number(value) : value));

function OptionalInt(max: number, opts: { min?: number; example?: number | null; description?: string; nullable?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: Number, example: opts.example ?? 0, description: opts.description, nullable: opts.nullable }),
    IsOptional(),
    IsInt(),
    Min(opts.min ?? 0),
    Max(max),
  );
}

function OptionalBool(example: boolean, description?: string): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ example, description }), IsOptional(), IsBoolean());
}

const CHANNELS = 'Channel must be one of Web = 0, PING/POST = 1, Phone = 2, Chat = 3 (by number or name)';
/** Channel by name ("PING/POST") becomes its number; the seed types it int and answers numbers. */
const channelNumber = Transform(({ value }) => {
  if (typeof value !== 'string') return value;
  const name = CAMPAIGN_CHANNEL.parse(value);
  return name === undefined ? value : CAMPAIGN_CHANNEL.numberOf(name);
});

/** One item of the seed's Rules (Array<Criteria>). */
export class CampaignRuleDto {
  @OptionalInt(SERIAL_MAX, { description: 'The rule to change or delete; 0 adds one' })
  VendorRuleUID?: number;

  @OptionalInt(SERIAL_MAX, { description: 'Ignored: the campaign is the one being saved' })
  VendorAccountUID?: number;

  @OptionalInt(SERIAL_MAX, { example: 101, description: "A field of the campaign's lead type" })
  LeadFieldUID?: number;

  @SeedText({ max: 50, optional: true, example: 'In', description: `criteria_operator: ${CRITERION_OPERATORS.join(', ')}` })
  Operator?: string;

  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }], example: 'TX|OK', description: "The operator's argument (In: TX|OK, Between: 18|65, Distance_Compare: 75001|50, DateCompare: >=-30)" })
  @IsOptional()
  @ValidateBy(
    {
      name: 'isRuleValue',
      validator: {
        validate: (v: unknown) =>
          (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= MAX_RULE_VALUE_LENGTH && !v.includes('\u0000')),
      },
    },
    { message: ({ property }) => `${property} must be text (at most ${MAX_RULE_VALUE_LENGTH} characters, no NUL) or a number` },
  )
  Value?: string | number | null;

  @OptionalBool(false, 'true removes the rule named by VendorRuleUID')
  Delete?: boolean;
}

/** The seed's deprecated Validation block: stored and answered back, not acted on. */
export class CampaignValidationDto {
  @OptionalInt(SERIAL_MAX) PhoneValidation?: number;
  @OptionalInt(SERIAL_MAX) PhoneAddressValidation?: number;
  @OptionalInt(SERIAL_MAX) EmailValidation?: number;
  @OptionalInt(SERIAL_MAX) FullAddressValidation?: number;
  @OptionalInt(SERIAL_MAX) CityStateZipVerification?: number;
  @OptionalInt(SERIAL_MAX) DemographicInformation?: number;
  @OptionalInt(SERIAL_MAX) IPAddressVerification?: number;
  @OptionalInt(SERIAL_MAX) DNC?: number;
}

/**
 * Seed 003 "Create or Modify Lead Source Campaign". VendorAccountUID 0 (or absent) creates
 * (AccountName and LeadTypeUID required); on a modify absent fields keep their value.
 */
export class UpsertCampaignDto {
  @ApiPropertyOptional({ example: 0, description: 'Channel by number or name: Web = 0, PING/POST = 1, Phone = 2, Chat = 3' })
  @channelNumber
  @IsOptional()
  @IsInt({ message: CHANNELS })
  @Min(0, { message: CHANNELS })
  @Max(3, { message: CHANNELS })
  Channel?: number;

  @ApiProperty({ example: 12, description: 'The lead source of the campaign' })
  @IsInt()
  @Min(1)
  @Max(SERIAL_MAX)
  VendorUID!: number;

  @OptionalInt(SERIAL_MAX, { description: 'The campaign to modify; 0 or absent creates one' })
  VendorAccountUID?: number;

  @SeedText({ max: 200, optional: true, example: 'Acme auto leads', description: 'Name of the campaign; required to create' })
  AccountName?: string;

  @ApiPropertyOptional({ example: 3, description: 'Lead type the campaign receives; required to create' })
  @digitsAsNumber
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(SERIAL_MAX)
  LeadTypeUID?: number;

  @SeedEnumProperty(CAMPAIGN_STATUS, { optional: true, description: 'campaign_status by name or number (1 = Active ... 6 = Closed); default Active' })
  Status?: CampaignStatus;

  @OptionalInt(SERIAL_MAX, { example: null, nullable: true, description: 'Leads per calendar month; null (or 0) = no max' })
  MonthMax?: number | null;

  @OptionalInt(SERIAL_MAX, { example: null, nullable: true, description: 'Leads per calendar day; null (or 0) = no max' })
  DayMax?: number | null;

  @OptionalInt(SERIAL_MAX, { example: null, nullable: true, description: 'Leads per rolling 60 minutes; null (or 0) = no max' })
  HourMax?: number | null;

  @OptionalBool(false, '(deprecated)') Flagged?: boolean;
  @OptionalBool(false, '(deprecated)') OrderSystem?: boolean;

  @OptionalInt(MAX_DAYS, { example: 7, description: 'The most days to allow returns' })
  ReturnDayCount?: number;

  @OptionalBool(false, '(deprecated)') ShowOnCherryPick?: boolean;
  @OptionalBool(false, '(deprecated)') ClientDataVendor?: boolean;
  @OptionalBool(false, 'Count returns in the lead quantity checks') countReturns?: boolean;

  @ApiPropertyOptional({ example: 12.5, description: 'Default lead price (stored to the cent)' })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_AMOUNT)
  LeadPrice?: number;

  @OptionalBool(false, 'Leads wait in the quality control bin') useQCBin?: boolean;

  @OptionalInt(1000, { min: 1, example: 1, description: 'The most times a lead can be sold (at least 1)' })
  MaxSell?: number;

  @OptionalInt(MAX_DAYS, { example: 30, description: 'Days scanned for duplicates; 0 = no duplicate check' })
  DupDayMax?: number;

  @OptionalInt(SERIAL_MAX, { description: '(deprecated)' })
  ExclusiveClientUID?: number;

  @OptionalInt(SERIAL_MAX, { nullable: true, description: "Lead category (of the campaign's lead type); 0 or null for none" })
  LeadCatUID?: number | null;

  @OptionalBool(false, '(deprecated)') EmailVerify?: boolean;
  @OptionalBool(false, 'Add city and state from the zip code') AppendCityStateFromPostalCode?: boolean;

  @ApiPropertyOptional({ type: [CampaignRuleDto], description: 'Rules to add (VendorRuleUID 0), change or delete (Delete: true); unmentioned rules stay' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CampaignRuleDto)
  Rules?: CampaignRuleDto[];

  @ApiPropertyOptional({ type: CampaignValidationDto, description: '(deprecated)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignValidationDto)
  Validation?: CampaignValidationDto;

  @OptionalBool(false, 'Answer the source with who the lead was delivered to (Return Sends)') AllowSendResponse?: boolean;
  @OptionalBool(true, 'Queue deliveries (false delivers before answering the source)') UseDeliveryQueue?: boolean;

  @ApiPropertyOptional({ type: Number, example: null, nullable: true, description: 'Percent of each sale paid for the lead (0-100); alternative to RevenueShareFlatRate' })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(100)
  RevenueSharePercentage?: number | null;

  @ApiPropertyOptional({ type: Number, example: null, nullable: true, description: 'Flat amount of each sale paid for the lead; alternative to RevenueSharePercentage' })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_AMOUNT)
  RevenueShareFlatRate?: number | null;
}
