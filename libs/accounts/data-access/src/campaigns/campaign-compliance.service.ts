import { DataSource, EntityManager } from 'typeorm';
import {
  CampaignFieldProblem,
  checkComplianceRules,
  checkFieldMapping,
  COMPLIANCE_FAILURE_POLICY,
  COMPLIANCE_MODE,
  COMPLIANCE_TYPE,
  PostedComplianceRule,
  PostedFieldMapping,
} from '@leadx/accounts-domain';
import {
  ComplianceFieldMapping,
  ComplianceProviderSettings,
  ComplianceRule,
  complianceTokenContext,
  SecretBox,
} from '@leadx/catalog-data-access';
import { assertOutboundUrl, OutboundUrlError, OutboundUrlPolicy } from '@leadx/platform-outbound-http';
import { ConfigChanges } from '../config-changes';
import { LeadSourcesError } from '../lead-sources/lead-sources.errors';
import { campaignLeadTypeFields } from './campaigns.service';

/** One screening integration as posted (seed 004 settings). */
export interface ComplianceIntegrationInput {
  /** 0 or absent: a new integration; otherwise one of this campaign's. */
  IntegrationUID?: number;
  Type: string;
  Enabled: boolean;
  /** Write-only. Required for a new integration; absent, null or "" keeps the stored one. */
  ApiToken?: string | null;
  CampaignId: string;
  ListName: string;
  BaseUrl: string;
  FieldMapping: PostedFieldMapping[];
  TimeoutMs?: number;
  FailurePolicy?: string;
  Mode?: string;
  SortOrder?: number;
  Rules?: PostedComplianceRule[];
}

/** Extension: a campaign's Compliance tab (seed 000) and screening integrations (seed 004). */
export interface CampaignComplianceInput {
  /** Seed 000 "return client offers" (FCC 1-to-1 consent); absent keeps it. */
  ReturnClientOffers?: boolean;
  /** The campaign's whole list: listed ones are created or updated, unlisted ones removed. Absent keeps the list. */
  Integrations?: ComplianceIntegrationInput[];
}

/** An integration as answered: never the token, only whether one is set. */
export interface ComplianceIntegrationView {
  IntegrationUID: number;
  Type: string;
  Enabled: boolean;
  ApiTokenSet: boolean;
  CampaignId: string;
  ListName: string;
  BaseUrl: string;
  FieldMapping: Array<{ LeadField: string; PayloadField: string }>;
  TimeoutMs: number;
  FailurePolicy: string;
  Mode: string;
  SortOrder: number;
  Rules: Array<{ Status: string | null; Reasons: string[]; Action: string }>;
}

export interface CampaignComplianceView {
  CampaignUID: number;
  ReturnClientOffers: boolean;
  Integrations: ComplianceIntegrationView[];
}

interface IntegrationRow {
  id: number;
  type: string;
  enabled: boolean;
  api_token_sealed: string;
  base_url: string;
  settings: ComplianceProviderSettings;
  field_mapping: ComplianceFieldMapping[];
  timeout_ms: number;
  failure_policy: string;
  mode: string;
  sort_order: number;
  rules: ComplianceRule[];
}

/** What the write needs of each posted integration once it passed validation. */
interface CheckedIntegration {
  id: number;
  values: Omit<IntegrationRow, 'id' | 'api_token_sealed'>;
  token: string | undefined;
}

export const DEFAULT_COMPLIANCE_TIMEOUT_MS = 3000;

function view(r: IntegrationRow): ComplianceIntegrationView {
  return {
    IntegrationUID: r.id,
    Type: r.type,
    Enabled: r.enabled,
    ApiTokenSet: r.api_token_sealed !== '',
    CampaignId: r.settings.campaignId ?? '',
    ListName: r.settings.listName ?? '',
    BaseUrl: r.base_url,
    FieldMapping: r.field_mapping.map((f) => ({ LeadField: f.leadField, PayloadField: f.payloadField })),
    TimeoutMs: r.timeout_ms,
    FailurePolicy: r.failure_policy,
    Mode: r.mode,
    SortOrder: r.sort_order,
    Rules: r.rules.map((x) => ({ Status: x.status, Reasons: x.reasons, Action: x.action })),
  };
}

const INTEGRATION_COLUMNS = `id, type, enabled, api_token_sealed, base_url, settings, field_mapping, timeout_ms, failure_policy, mode, sort_order, rules`;

/**
 * A campaign's compliance settings. "Return client offers" stays in campaigns.settings where the
 * receiver and offer code read it; integrations live in campaign_compliance_integrations, their
 * API token sealed with SecretBox (the compliance service opens it) and never answered or logged.
 */
export class CampaignComplianceService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
    private readonly secrets: SecretBox,
    private readonly urlPolicy: OutboundUrlPolicy = { allowPrivate: false },
  ) {}

  async get(campaignId: number): Promise<CampaignComplianceView> {
    const [campaign] = (await this.ds.query(`SELECT id, settings FROM campaigns WHERE id = $1`, [campaignId])) as Array<{ id: number; settings: { returnClientOffers?: boolean } }>;
    if (!campaign) throw LeadSourcesError.notFound('campaign', campaignId);
    return this.viewOf(this.ds.manager, campaignId, campaign.settings);
  }

  async save(campaignId: number, input: CampaignComplianceInput): Promise<CampaignComplianceView> {
    // DNS for the base URLs before the transaction: no lock is held while resolving.
    const urlProblems = await this.baseUrlProblems(input.Integrations ?? []);
    return this.ds.transaction(async (m) => {
      const [campaign] = (await m.query(`SELECT id, lead_type_id FROM campaigns WHERE id = $1 FOR UPDATE`, [campaignId])) as Array<{ id: number; lead_type_id: number }>;
      if (!campaign) throw LeadSourcesError.notFound('campaign', campaignId);
      if (input.Integrations) {
        const existing = (await m.query(`SELECT id FROM campaign_compliance_integrations WHERE campaign_id = $1`, [campaignId])) as Array<{ id: number }>;
        const checked = await this.check(m, campaign.lead_type_id, input.Integrations, new Set(existing.map((e) => e.id)), urlProblems);
        await this.write(m, campaignId, checked, existing.map((e) => e.id));
      }
      if (typeof input.ReturnClientOffers === 'boolean') {
        await m.query(`UPDATE campaigns SET settings = settings || jsonb_build_object('returnClientOffers', $2::boolean), updated_at = now() WHERE id = $1`, [
          campaignId,
          input.ReturnClientOffers,
        ]);
      }
      await this.changes.record(m, 'campaign', campaignId);
      const [after] = (await m.query(`SELECT settings FROM campaigns WHERE id = $1`, [campaignId])) as Array<{ settings: { returnClientOffers?: boolean } }>;
      return this.viewOf(m, campaignId, after.settings);
    });
  }

  private async viewOf(m: EntityManager, campaignId: number, settings: { returnClientOffers?: boolean }): Promise<CampaignComplianceView> {
    const rows = (await m.query(`SELECT ${INTEGRATION_COLUMNS} FROM campaign_compliance_integrations WHERE campaign_id = $1 ORDER BY sort_order, id`, [
      campaignId,
    ])) as IntegrationRow[];
    return { CampaignUID: campaignId, ReturnClientOffers: settings?.returnClientOffers === true, Integrations: rows.map(view) };
  }

  /** assertOutboundUrl per integration: http(s), no credentials, not a private or reserved address. */
  private async baseUrlProblems(integrations: readonly ComplianceIntegrationInput[]): Promise<CampaignFieldProblem[]> {
    const problems: CampaignFieldProblem[] = [];
    for (const [i, integration] of integrations.entries()) {
      const field = `Integrations[${i}].BaseUrl`;
      try {
        await assertOutboundUrl(integration.BaseUrl, this.urlPolicy);
      } catch (err) {
        const why = err instanceof OutboundUrlError ? err.message : 'its host does not resolve';
        problems.push({ field, message: `${field} is not allowed: ${why}` });
      }
    }
    return problems;
  }

  private async check(
    m: EntityManager,
    leadTypeId: number,
    posted: readonly ComplianceIntegrationInput[],
    existing: ReadonlySet<number>,
    urlProblems: CampaignFieldProblem[],
  ): Promise<CheckedIntegration[]> {
    const problems = [...urlProblems];
    const fields = await campaignLeadTypeFields(m, leadTypeId);
    const seen = new Set<number>();
    const checked: CheckedIntegration[] = [];
    posted.forEach((p, i) => {
      const at = `Integrations[${i}]`;
      const id = p.IntegrationUID ?? 0;
      if (id > 0 && (!existing.has(id) || seen.has(id))) {
        problems.push({ field: `${at}.IntegrationUID`, message: `${at}.IntegrationUID ${id} is not an integration of this campaign (send 0 to add one)` });
      }
      seen.add(id);
      const token = p.ApiToken ? p.ApiToken : undefined;
      if (id === 0 && !token) problems.push({ field: `${at}.ApiToken`, message: `${at}.ApiToken is required for a new integration` });
      const mapping = checkFieldMapping(at, p.FieldMapping, fields);
      const rules = checkComplianceRules(at, p.Rules ?? []);
      problems.push(...mapping.problems, ...rules.problems);
      const type = COMPLIANCE_TYPE.parse(p.Type);
      const failurePolicy = COMPLIANCE_FAILURE_POLICY.parse(p.FailurePolicy ?? 'pass_and_flag');
      const mode = COMPLIANCE_MODE.parse(p.Mode ?? 'sequential');
      if (!type || !failurePolicy || !mode) {
        problems.push({ field: at, message: `${at} has an unknown Type, FailurePolicy or Mode` }); // the DTO checks these first
        return;
      }
      checked.push({
        id,
        token,
        values: {
          type,
          enabled: p.Enabled,
          base_url: p.BaseUrl,
          settings: { campaignId: p.CampaignId, listName: p.ListName },
          field_mapping: mapping.mapping,
          timeout_ms: p.TimeoutMs ?? DEFAULT_COMPLIANCE_TIMEOUT_MS,
          failure_policy: failurePolicy,
          mode,
          sort_order: p.SortOrder ?? i,
          rules: rules.rules,
        },
      });
    });
    if (problems.length) throw LeadSourcesError.invalid(problems);
    return checked;
  }

  private async write(m: EntityManager, campaignId: number, checked: readonly CheckedIntegration[], existing: readonly number[]): Promise<void> {
    const kept = new Set(checked.map((c) => c.id));
    for (const gone of existing.filter((id) => !kept.has(id))) {
      await m.query(`DELETE FROM campaign_compliance_integrations WHERE id = $1`, [gone]);
      await this.changes.record(m, 'compliance_integration', gone, 'deleted');
    }
    const context = complianceTokenContext(campaignId);
    for (const c of checked) {
      const v = c.values;
      const sealed = c.token === undefined ? null : this.secrets.seal(c.token, context);
      const params = [v.type, v.enabled, v.base_url, JSON.stringify(v.settings), JSON.stringify(v.field_mapping), v.timeout_ms, v.failure_policy, v.mode, v.sort_order, JSON.stringify(v.rules), sealed];
      let id = c.id;
      if (id > 0) {
        await m.query(
          `UPDATE campaign_compliance_integrations SET type = $1, enabled = $2, base_url = $3, settings = $4, field_mapping = $5, timeout_ms = $6,
                  failure_policy = $7, mode = $8, sort_order = $9, rules = $10, api_token_sealed = COALESCE($11, api_token_sealed), updated_at = now()
            WHERE id = $12 AND campaign_id = $13`,
          [...params, id, campaignId],
        );
      } else {
        const [row] = (await m.query(
          `INSERT INTO campaign_compliance_integrations (type, enabled, base_url, settings, field_mapping, timeout_ms, failure_policy, mode, sort_order, rules, api_token_sealed, campaign_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
          [...params, campaignId],
        )) as Array<{ id: number }>;
        id = row.id;
      }
      await this.changes.record(m, 'compliance_integration', id);
    }
  }
}
