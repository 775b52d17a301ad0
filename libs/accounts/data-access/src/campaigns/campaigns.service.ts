import { DataSource, EntityManager } from 'typeorm';
import {
  CampaignFieldProblem,
  CampaignLeadField,
  campaignPricingProblems,
  CampaignRuleView,
  campaignRuleView,
  CampaignStatus,
  mergeCampaignRules,
  PostedCampaignRule,
  storedCampaignRules,
} from '@leadx/accounts-domain';
import { ConfigChanges } from '../config-changes';
import { LeadSourcesError } from '../lead-sources/lead-sources.errors';

/** The seed's deprecated Validation block (all integers). */
export interface CampaignValidation {
  PhoneValidation?: number;
  PhoneAddressValidation?: number;
  EmailValidation?: number;
  FullAddressValidation?: number;
  CityStateZipVerification?: number;
  DemographicInformation?: number;
  IPAddressVerification?: number;
  DNC?: number;
}

/** The seed's deprecated campaign fields: stored only to be answered back as they were sent. */
export interface CampaignLegacy {
  Flagged?: boolean;
  OrderSystem?: boolean;
  ShowOnCherryPick?: boolean;
  ClientDataVendor?: boolean;
  ExclusiveClientUID?: number;
  EmailVerify?: boolean;
  Validation?: CampaignValidation;
}

/**
 * Seed 003 "Create or Modify Lead Source Campaign" body. Absent fields keep their value on a
 * modify (defaults on a create); for the maxes and revenue shares null is a value ("no max").
 */
export interface CampaignInput extends CampaignLegacy {
  VendorUID: number;
  VendorAccountUID?: number;
  Channel?: number;
  AccountName?: string;
  LeadTypeUID?: number;
  Status?: CampaignStatus;
  MonthMax?: number | null;
  DayMax?: number | null;
  HourMax?: number | null;
  ReturnDayCount?: number;
  countReturns?: boolean;
  LeadPrice?: number;
  useQCBin?: boolean;
  MaxSell?: number;
  DupDayMax?: number;
  /** 0 or null: no category. */
  LeadCatUID?: number | null;
  AppendCityStateFromPostalCode?: boolean;
  Rules?: PostedCampaignRule[];
  AllowSendResponse?: boolean;
  UseDeliveryQueue?: boolean;
  RevenueSharePercentage?: number | null;
  RevenueShareFlatRate?: number | null;
}

/** Seed 003 "Lead Source Campaign Details". */
export interface CampaignView {
  Channel: number;
  VendorUID: number;
  VendorAccountUID: number;
  AccountName: string;
  LeadTypeUID: number;
  Status: string;
  MonthMax: number | null;
  DayMax: number | null;
  HourMax: number | null;
  Flagged: boolean;
  OrderSystem: boolean;
  ReturnDayCount: number;
  ShowOnCherryPick: boolean;
  ClientDataVendor: boolean;
  countReturns: boolean;
  LeadPrice: number;
  useQCBin: boolean;
  MaxSell: number;
  DupDayMax: number;
  ExclusiveClientUID: number;
  LeadCatUID: number;
  EmailVerify: boolean;
  AppendCityStateFromPostalCode: boolean;
  Rules: CampaignRuleView[];
  Validation: Required<CampaignValidation>;
  AllowSendResponse: boolean;
  UseDeliveryQueue: boolean;
  RevenueSharePercentage: number | null;
  RevenueShareFlatRate: number | null;
}

/** Seed 003's answer to a campaign create or modify. */
export interface CampaignSaveResult {
  success: true;
  message: string;
  identifier: number;
}

/** The seed's deprecated Validation block, all zeros unless a caller sent values. */
export const DEFAULT_CAMPAIGN_VALIDATION: Readonly<Required<CampaignValidation>> = Object.freeze({
  PhoneValidation: 0,
  PhoneAddressValidation: 0,
  EmailValidation: 0,
  FullAddressValidation: 0,
  CityStateZipVerification: 0,
  DemographicInformation: 0,
  IPAddressVerification: 0,
  DNC: 0,
});

const LEGACY_KEYS = ['Flagged', 'OrderSystem', 'ShowOnCherryPick', 'ClientDataVendor', 'ExclusiveClientUID', 'EmailVerify', 'Validation'] as const;

interface CampaignRow {
  id: number;
  lead_source_id: number;
  lead_type_id: number;
  name: string;
  status: string;
  channel: number;
  lead_price: string;
  max_sell: number;
  hour_max: number | null;
  day_max: number | null;
  month_max: number | null;
  dup_day_max: number;
  use_qc_bin: boolean;
  append_city_state: boolean;
  allow_send_response: boolean;
  use_delivery_queue: boolean;
  revenue_share_percentage: string | null;
  revenue_share_flat_rate: string | null;
  rules: unknown;
  return_day_count: number;
  count_returns: boolean;
  category_id: number | null;
  legacy: CampaignLegacy;
}

const COLUMNS = `id, lead_source_id, lead_type_id, name, status, channel, lead_price, max_sell, hour_max, day_max, month_max, dup_day_max,
  use_qc_bin, append_city_state, allow_send_response, use_delivery_queue, revenue_share_percentage, revenue_share_flat_rate,
  rules, return_day_count, count_returns, category_id, legacy`;

const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** Fields of a lead type, for resolving LeadFieldUID ↔ the field names rules are evaluated on. */
export async function campaignLeadTypeFields(m: EntityManager | DataSource, leadTypeId: number): Promise<CampaignLeadField[]> {
  return (await m.query(`SELECT id, name FROM lead_type_fields WHERE lead_type_id = $1 ORDER BY id`, [leadTypeId])) as CampaignLeadField[];
}

function view(r: CampaignRow, fields: readonly CampaignLeadField[]): CampaignView {
  const legacy = r.legacy ?? {};
  return {
    Channel: r.channel,
    VendorUID: r.lead_source_id,
    VendorAccountUID: r.id,
    AccountName: r.name,
    LeadTypeUID: r.lead_type_id,
    Status: r.status,
    MonthMax: r.month_max,
    DayMax: r.day_max,
    HourMax: r.hour_max,
    Flagged: legacy.Flagged ?? false,
    OrderSystem: legacy.OrderSystem ?? false,
    ReturnDayCount: r.return_day_count,
    ShowOnCherryPick: legacy.ShowOnCherryPick ?? false,
    ClientDataVendor: legacy.ClientDataVendor ?? false,
    countReturns: r.count_returns,
    LeadPrice: Number(r.lead_price),
    useQCBin: r.use_qc_bin,
    MaxSell: r.max_sell,
    DupDayMax: r.dup_day_max,
    ExclusiveClientUID: legacy.ExclusiveClientUID ?? 0,
    LeadCatUID: r.category_id ?? 0,
    EmailVerify: legacy.EmailVerify ?? false,
    AppendCityStateFromPostalCode: r.append_city_state,
    Rules: storedCampaignRules(r.rules).map((rule) => campaignRuleView(rule, r.id, fields)),
    Validation: { ...DEFAULT_CAMPAIGN_VALIDATION, ...(legacy.Validation ?? {}) },
    AllowSendResponse: r.allow_send_response,
    UseDeliveryQueue: r.use_delivery_queue,
    RevenueSharePercentage: num(r.revenue_share_percentage),
    RevenueShareFlatRate: num(r.revenue_share_flat_rate),
  };
}

/**
 * Lead source campaigns (seed 003). The receiver reads the same row through CampaignEntity:
 * Status 'Active' takes leads, the maxes cap intake (null or 0 = no max), Rules are evaluated with
 * @leadx/catalog-criteria on field names, so each rule stores its field's name beside the id.
 */
export class CampaignsService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
  ) {}

  /** A campaign of the lead source; another source's campaign is not found (the path nests it). */
  async get(leadSourceId: number, campaignId: number): Promise<CampaignView> {
    const [row] = (await this.ds.query(`SELECT ${COLUMNS} FROM campaigns WHERE id = $1 AND lead_source_id = $2`, [campaignId, leadSourceId])) as CampaignRow[];
    if (!row) throw LeadSourcesError.notFound(`campaign ${campaignId} of lead source`, leadSourceId);
    return view(row, await campaignLeadTypeFields(this.ds, row.lead_type_id));
  }

  async save(input: CampaignInput): Promise<CampaignSaveResult> {
    const id = input.VendorAccountUID ?? 0;
    const identifier = await this.ds.transaction(async (m) => {
      const sources = (await m.query(`SELECT id FROM lead_sources WHERE id = $1 FOR KEY SHARE`, [input.VendorUID])) as unknown[];
      if (!sources.length) throw LeadSourcesError.notFound('lead source', input.VendorUID);
      let current: CampaignRow | undefined;
      if (id > 0) {
        [current] = (await m.query(`SELECT ${COLUMNS} FROM campaigns WHERE id = $1 AND lead_source_id = $2 FOR UPDATE`, [id, input.VendorUID])) as CampaignRow[];
        if (!current) throw LeadSourcesError.notFound(`campaign ${id} of lead source`, input.VendorUID);
      }
      const problems: CampaignFieldProblem[] = [];
      if (!current && !input.AccountName?.trim()) problems.push({ field: 'AccountName', message: 'AccountName is required to create a campaign' });
      if (typeof input.AccountName === 'string' && !input.AccountName.trim()) problems.push({ field: 'AccountName', message: 'AccountName must not be empty' });
      const leadTypeId = input.LeadTypeUID ?? current?.lead_type_id;
      if (!leadTypeId) throw LeadSourcesError.invalid([...problems, { field: 'LeadTypeUID', message: 'LeadTypeUID is required to create a campaign' }]);
      const types = (await m.query(`SELECT id FROM lead_types WHERE id = $1 FOR KEY SHARE`, [leadTypeId])) as unknown[];
      if (!types.length) throw LeadSourcesError.invalid([...problems, { field: 'LeadTypeUID', message: `LeadTypeUID ${leadTypeId} is not a lead type` }]);

      const fields = await campaignLeadTypeFields(m, leadTypeId);
      const merged = mergeCampaignRules(current ? storedCampaignRules(current.rules) : [], input.Rules, fields);
      problems.push(...merged.problems);
      const pct = input.RevenueSharePercentage !== undefined ? input.RevenueSharePercentage : num(current?.revenue_share_percentage ?? null);
      const flat = input.RevenueShareFlatRate !== undefined ? input.RevenueShareFlatRate : num(current?.revenue_share_flat_rate ?? null);
      problems.push(...campaignPricingProblems({ revenueSharePercentage: pct, revenueShareFlatRate: flat }));
      const categoryId = input.LeadCatUID === undefined ? (current?.category_id ?? null) : input.LeadCatUID || null;
      if (categoryId !== null) problems.push(...(await this.categoryProblems(m, categoryId, leadTypeId)));
      // The scanner sells the campaign's leads only to this client: an unknown one would sell to nobody.
      if (input.ExclusiveClientUID) {
        const clients = (await m.query(`SELECT id FROM clients WHERE id = $1`, [input.ExclusiveClientUID])) as unknown[];
        if (!clients.length) problems.push({ field: 'ExclusiveClientUID', message: `ExclusiveClientUID ${input.ExclusiveClientUID} is not a client` });
      }
      if (problems.length) throw LeadSourcesError.invalid(problems);

      // New rules get their VendorRuleUID from a sequence: unique across campaigns, never reused.
      const fresh = merged.rules.filter((r) => !r.ruleId);
      if (fresh.length) {
        const ids = (await m.query(`SELECT nextval('campaign_rule_id_seq')::int AS id FROM generate_series(1, $1)`, [fresh.length])) as Array<{ id: number }>;
        fresh.forEach((r, i) => (r.ruleId = ids[i].id));
      }
      const legacy: CampaignLegacy = { ...(current?.legacy ?? {}) };
      for (const key of LEGACY_KEYS) if (input[key] !== undefined) Object.assign(legacy, { [key]: input[key] });
      // Absent (or null, for the NOT NULL columns) keeps the current value, or takes the default on a create.
      const pick = <T>(value: T | null | undefined, was: T | undefined, fallback: T): T => value ?? was ?? fallback;
      // For the maxes null is a value ("no max"): only absent keeps.
      const pickNullable = <T>(value: T | null | undefined, was: T | null | undefined): T | null => (value !== undefined ? value : (was ?? null));
      const values = [
        input.VendorUID,
        leadTypeId,
        pick(input.AccountName, current?.name, ''),
        pick<string>(input.Status, current?.status, 'Active'),
        pick(input.Channel, current?.channel, 0),
        pick(input.LeadPrice, current ? Number(current.lead_price) : undefined, 0),
        pick(input.MaxSell, current?.max_sell, 1),
        pickNullable(input.HourMax, current?.hour_max),
        pickNullable(input.DayMax, current?.day_max),
        pickNullable(input.MonthMax, current?.month_max),
        pick(input.DupDayMax, current?.dup_day_max, 0),
        pick(input.useQCBin, current?.use_qc_bin, false),
        pick(input.AppendCityStateFromPostalCode, current?.append_city_state, false),
        pick(input.AllowSendResponse, current?.allow_send_response, false),
        pick(input.UseDeliveryQueue, current?.use_delivery_queue, true),
        pct,
        flat,
        JSON.stringify(merged.rules),
        pick(input.ReturnDayCount, current?.return_day_count, 0),
        pick(input.countReturns, current?.count_returns, false),
        categoryId,
        JSON.stringify(legacy),
      ];
      let saved: number;
      if (current) {
        await m.query(
          `UPDATE campaigns SET lead_source_id = $1, lead_type_id = $2, name = $3, status = $4, channel = $5, lead_price = $6, max_sell = $7,
                  hour_max = $8, day_max = $9, month_max = $10, dup_day_max = $11, use_qc_bin = $12, append_city_state = $13,
                  allow_send_response = $14, use_delivery_queue = $15, revenue_share_percentage = $16, revenue_share_flat_rate = $17,
                  rules = $18, return_day_count = $19, count_returns = $20, category_id = $21, legacy = $22, updated_at = now()
            WHERE id = $23`,
          [...values, current.id],
        );
        saved = current.id;
      } else {
        const [row] = (await m.query(
          `INSERT INTO campaigns (lead_source_id, lead_type_id, name, status, channel, lead_price, max_sell, hour_max, day_max, month_max,
                                  dup_day_max, use_qc_bin, append_city_state, allow_send_response, use_delivery_queue,
                                  revenue_share_percentage, revenue_share_flat_rate, rules, return_day_count, count_returns, category_id, legacy)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id`,
          values,
        )) as Array<{ id: number }>;
        saved = row.id;
      }
      await this.changes.record(m, 'campaign', saved);
      return saved;
    });
    return { success: true, message: id > 0 ? 'Campaign has been updated' : 'Campaign has been created', identifier };
  }

  private async categoryProblems(m: EntityManager, categoryId: number, leadTypeId: number): Promise<CampaignFieldProblem[]> {
    const [category] = (await m.query(`SELECT lead_type_id FROM lead_categories WHERE id = $1 FOR KEY SHARE`, [categoryId])) as Array<{ lead_type_id: number }>;
    if (!category) return [{ field: 'LeadCatUID', message: `LeadCatUID ${categoryId} is not a lead category` }];
    if (category.lead_type_id !== leadTypeId) {
      return [{ field: 'LeadCatUID', message: `LeadCatUID ${categoryId} is a category of lead type ${category.lead_type_id}, the campaign's lead type is ${leadTypeId} (send 0 for none)` }];
    }
    return [];
  }
}
