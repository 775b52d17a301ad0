import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Screening providers a campaign can run (seed 004). */
export const COMPLIANCE_INTEGRATION_TYPES = ['PureCallerID'] as const;
export type ComplianceIntegrationType = (typeof COMPLIANCE_INTEGRATION_TYPES)[number];

/** What happens to a lead when the provider fails or times out. */
export const COMPLIANCE_FAILURE_POLICIES = ['pass_and_flag', 'hold_for_qc'] as const;
export type ComplianceFailurePolicy = (typeof COMPLIANCE_FAILURE_POLICIES)[number];

/** Parallel integrations run together; sequential ones run in sortOrder and stop at a reject. */
export const COMPLIANCE_MODES = ['parallel', 'sequential'] as const;
export type ComplianceMode = (typeof COMPLIANCE_MODES)[number];

/** Seed 004 criteria actions on the provider's answer. */
export const COMPLIANCE_RULE_ACTIONS = ['Reject', 'Flag', 'Send to QC'] as const;
export type ComplianceRuleAction = (typeof COMPLIANCE_RULE_ACTIONS)[number];

/** One lead field sent to the provider under a payload key (PureCallerID needs `phone` and `zip`). */
export interface ComplianceFieldMapping {
  leadField: string;
  payloadField: string;
}

/**
 * A criteria rule on the provider's answer: matches when `status` is null or equals the answer's
 * status, and `reasons` is empty or holds the answer's reason (both case-insensitive). The first
 * matching rule's action applies.
 */
export interface ComplianceRule {
  status: string | null;
  reasons: string[];
  action: ComplianceRuleAction;
}

/** Provider settings that are not secret (PureCallerID: `campaignId`, `listName`). */
export interface ComplianceProviderSettings {
  campaignId?: string;
  listName?: string;
}

/** The sealing context of an integration's API token: `SecretBox.open(apiTokenSealed, complianceTokenContext(campaignId))`. */
export function complianceTokenContext(campaignId: number): string {
  return `compliance_integration:${campaignId}`;
}

/**
 * A screening integration of one campaign (seed 004), written by the Account API and read by the
 * compliance service. The API token is sealed with SecretBox under SECRETS_ENCRYPTION_KEY.
 */
@Entity('campaign_compliance_integrations')
export class CampaignComplianceIntegrationEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'campaign_id' }) campaignId!: number;
  @Column({ type: 'text' }) type!: ComplianceIntegrationType;
  @Column({ default: false }) enabled!: boolean;
  @Column({ name: 'api_token_sealed', type: 'text' }) apiTokenSealed!: string;
  @Column({ name: 'base_url', type: 'text' }) baseUrl!: string;
  @Column({ type: 'jsonb', default: {} }) settings!: ComplianceProviderSettings;
  @Column({ name: 'field_mapping', type: 'jsonb', default: [] }) fieldMapping!: ComplianceFieldMapping[];
  @Column({ name: 'timeout_ms', type: 'int', default: 3000 }) timeoutMs!: number;
  @Column({ name: 'failure_policy', type: 'text', default: 'pass_and_flag' }) failurePolicy!: ComplianceFailurePolicy;
  @Column({ type: 'text', default: 'sequential' }) mode!: ComplianceMode;
  @Column({ name: 'sort_order', type: 'int', default: 0 }) sortOrder!: number;
  @Column({ type: 'jsonb', default: [] }) rules!: ComplianceRule[];
}
