import { DataSource } from 'typeorm';
import { CampaignEntity } from '@leadx/catalog-data-access';
import { checkSourceIds, PostedSourceIds } from '@leadx/intake-domain';
import { DuplicateDetector } from './duplicates/duplicate-detector';
import { LeadFieldRulesCache } from './lead-field-rules';

export interface DuplicateCheckOutcome {
  success: boolean;
  isDuplicate: boolean;
  duplicateLeadId: number;
  receivedOn: Date | null;
  response: string;
}

/** Window scanned when the campaign sets no DupDayMax (the check was asked for explicitly). */
export const DEFAULT_DUPLICATE_CHECK_DAYS = 30;

/**
 * `POST /v2/duplicate/check` (seed 002): would this lead be a duplicate? Uses the same duplicate
 * sets, normalisation and window as intake, and stores nothing. A duplicate of ANOTHER source's
 * lead is reported as a duplicate without that lead's id or date: a source sees only its own leads.
 */
export class DuplicateCheckQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly duplicates: DuplicateDetector,
    private readonly fieldRules: LeadFieldRulesCache,
  ) {}

  async check(leadSourceId: number, source: PostedSourceIds, leads: Array<{ fields: Record<string, string> }>): Promise<DuplicateCheckOutcome[]> {
    const campaign =
      source.vid === leadSourceId && source.aid
        ? ((await this.dataSource.getRepository(CampaignEntity).findOne({ where: { id: source.aid, leadSourceId } })) ?? undefined)
        : undefined;
    const refused = source.aid ? checkSourceIds(source, leadSourceId, campaign) : { message: 'source.aid is required' };
    if (refused || !campaign) {
      const response = refused?.message ?? 'no campaign found';
      return leads.map(() => ({ success: false, isDuplicate: false, duplicateLeadId: 0, receivedOn: null, response }));
    }
    const days = campaign.dupDayMax > 0 ? campaign.dupDayMax : DEFAULT_DUPLICATE_CHECK_DAYS;
    const rules = await this.fieldRules.forLeadType(campaign.leadTypeId);
    const out: DuplicateCheckOutcome[] = [];
    for (const lead of leads) {
      // Normalise like intake (partial fields are fine here: only the duplicate sets matter).
      const fields = rules.validate(lead.fields).fields;
      const keys = await this.duplicates.keysFor(campaign.leadTypeId, fields);
      if (!keys.length) {
        out.push({ success: true, isDuplicate: false, duplicateLeadId: 0, receivedOn: null, response: 'no duplicate-set fields in the lead' });
        continue;
      }
      const original = await this.duplicates.findDuplicate(this.dataSource.manager, campaign.leadTypeId, keys, days);
      if (original === undefined) {
        out.push({ success: true, isDuplicate: false, duplicateLeadId: 0, receivedOn: null, response: `no duplicate within ${days} days` });
        continue;
      }
      const [row] = (await this.dataSource.query(`SELECT lead_source_id, created_at FROM leads WHERE id = $1`, [original])) as Array<{ lead_source_id: number; created_at: Date }>;
      const own = row?.lead_source_id === leadSourceId;
      out.push({
        success: true,
        isDuplicate: true,
        duplicateLeadId: own ? original : 0,
        receivedOn: own ? row.created_at : null,
        response: own ? `duplicate of lead ${original} within ${days} days` : `duplicate of a lead received within ${days} days`,
      });
    }
    return out;
  }
}
