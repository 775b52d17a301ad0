import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, Max, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';
import { COMPLIANCE_ACTION, COMPLIANCE_ANSWER_STATUS, COMPLIANCE_FAILURE_POLICY, COMPLIANCE_MODE, COMPLIANCE_TYPE } from '@leadx/accounts-domain';
import { SeedEnumProperty } from '../../common/seed-enum.property';
import { SERIAL_MAX } from '../../lead-sources/lead-sources.params';
import { SeedText } from '../../lead-sources/dto/seed-text.property';

/** A lead field sent to the provider under a payload key. */
export class ComplianceFieldMappingDto {
  @SeedText({ max: 200, example: 'Phone', description: "A field of the campaign's lead type" })
  LeadField!: string;

  @SeedText({ max: 64, example: 'phone', description: 'JSON key of the provider payload (phone and zip are required; firstName, lastName, address or any other key)' })
  PayloadField!: string;
}

/** A criteria rule on the provider's answer (seed 004). */
export class ComplianceRuleDto {
  @SeedEnumProperty(COMPLIANCE_ANSWER_STATUS, { optional: true, description: 'Accepted or Rejected; null matches any' })
  Status?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['INACTIVE', 'DNC', 'TCPA_FLAG'], description: 'Reason codes; empty matches any' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @MaxLength(64, { each: true })
  @SeedTextEach()
  Reasons?: string[];

  @SeedEnumProperty(COMPLIANCE_ACTION, { description: 'Reject, Flag or Send to QC' })
  Action!: string;
}

function SeedTextEach(): PropertyDecorator {
  return ValidateBy(
    { name: 'isTextEach', validator: { validate: (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string' && !x.includes('\u0000')) } },
    { message: ({ property }) => `each value in ${property} must be text without NUL` },
  );
}

/** One screening integration of the campaign (seed 004 PureCallerID). */
export class ComplianceIntegrationDto {
  @ApiPropertyOptional({ example: 0, description: "0 or absent adds an integration; otherwise one of this campaign's" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SERIAL_MAX)
  IntegrationUID?: number;

  @SeedEnumProperty(COMPLIANCE_TYPE, { description: 'The provider: PureCallerID' })
  Type!: string;

  @ApiProperty({ example: true, description: 'Screen leads with it (enable once the credentials are set)' })
  @IsBoolean()
  Enabled!: boolean;

  @SeedText({
    max: 1000,
    optional: true,
    nullable: true,
    example: 'pcid_live_…',
    description: 'Write-only: sent as apiToken, stored encrypted, never answered. Required for a new integration; absent, null or "" keeps the stored one.',
  })
  ApiToken?: string | null;

  @SeedText({ max: 200, example: 'CMP-1001', description: 'PureCallerID campaignId' })
  CampaignId!: string;

  @SeedText({ max: 200, example: 'inbound-auto', description: 'PureCallerID listName (dialer list)' })
  ListName!: string;

  @SeedText({ max: 2048, example: 'https://api.purecallerid.example', description: 'The host URL given with the credentials (http or https, public address)' })
  BaseUrl!: string;

  @ApiProperty({ type: [ComplianceFieldMappingDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ComplianceFieldMappingDto)
  FieldMapping!: ComplianceFieldMappingDto[];

  @ApiPropertyOptional({ example: 3000, description: 'Give up on the provider after this many ms (100-30000; default 3000)' })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(30_000)
  TimeoutMs?: number;

  @SeedEnumProperty(COMPLIANCE_FAILURE_POLICY, { optional: true, description: 'When the provider fails: pass_and_flag (default) or hold_for_qc' })
  FailurePolicy?: string;

  @SeedEnumProperty(COMPLIANCE_MODE, { optional: true, description: 'parallel or sequential (default); sequential ones run by SortOrder and stop at a reject' })
  Mode?: string;

  @ApiPropertyOptional({ example: 0, description: 'Order among sequential integrations (default: position in the list)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  SortOrder?: number;

  @ApiPropertyOptional({ type: [ComplianceRuleDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ComplianceRuleDto)
  Rules?: ComplianceRuleDto[];
}

/** Extension: a campaign's Compliance tab (seed 000) and screening integrations (seed 004). */
export class CampaignComplianceDto {
  @ApiPropertyOptional({ example: true, description: 'Seed 000 "return client offers" (FCC 1-to-1 consent); absent keeps it' })
  @IsOptional()
  @IsBoolean()
  ReturnClientOffers?: boolean;

  @ApiPropertyOptional({ type: [ComplianceIntegrationDto], description: "The campaign's whole list: listed ones are saved, unlisted ones removed; absent keeps the list" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ComplianceIntegrationDto)
  Integrations?: ComplianceIntegrationDto[];
}
