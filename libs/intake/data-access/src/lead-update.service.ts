import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { describeFieldErrors } from '@leadx/intake-domain';
import { Outbox } from '@leadx/platform-messaging';
import { IntakeRequestContext, IntakeRequestLog } from './intake-request-log';
import { addLeadAcceptedEvent, invalidResult } from './lead-accepted-event';
import { IntakeOutcome, IntakeResult } from './lead-intake.service';
import { LeadFieldRulesCache } from './lead-field-rules';

export interface LeadUpdateBatch {
  source: { vid?: number; lid?: number };
  leads: Array<{ leadUID: number; processDelivery: boolean; fields: Record<string, string> }>;
}

/** States after which a lead is never offered for sale again. */
const DISTRIBUTED = new Set(['sold', 'unsold', 'rejected']);

/**
 * `PUT /v2/update` (seed 002): changes fields of the source's own leads. With processDelivery, a lead
 * that has not been distributed yet (e.g. posted with noSell) goes through screening and
 * distribution now; a lead already distributed is never sold again.
 */
export class LeadUpdateService {
  private readonly requestLog = new IntakeRequestLog();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly fieldRules: LeadFieldRulesCache = new LeadFieldRulesCache(dataSource),
  ) {}

  async update(leadSourceId: number, batch: LeadUpdateBatch, request: IntakeRequestContext): Promise<IntakeOutcome> {
    const requestId = request.requestId ?? randomUUID();
    return this.dataSource.transaction(async (m) => {
      const earlier = await this.requestLog.claim<IntakeResult>(m, leadSourceId, requestId, request, false);
      if (earlier) return { ...earlier, replayed: true };
      const results: IntakeResult[] = [];
      for (const lead of batch.leads) results.push(await this.updateOne(m, leadSourceId, batch.source, lead, requestId));
      await this.requestLog.complete(m, leadSourceId, requestId, request, false, results);
      return { requestId, results, replayed: false };
    });
  }

  private async updateOne(
    m: EntityManager,
    leadSourceId: number,
    source: LeadUpdateBatch['source'],
    posted: LeadUpdateBatch['leads'][number],
    requestId: string,
  ): Promise<IntakeResult> {
    if (!source.vid) return invalidResult('Vendor_ID_Missing', 'source.vid is required');
    if (!source.lid) return invalidResult('LeadType_ID_Missing', 'source.lid is required');
    // Another source's lead answers exactly like a lead that does not exist.
    const [lead] = (await m.query(
      `SELECT id::int AS id, uid, campaign_id, lead_type_id, fields, status, no_sell, pending_review, price::float AS price,
              send_delay_hours::float AS send_delay, reference
         FROM leads WHERE id = $1 AND lead_source_id = $2 AND lead_type_id = $3 FOR UPDATE`,
      [posted.leadUID, leadSourceId, source.vid === leadSourceId ? source.lid : -1],
    )) as Array<{ id: number; uid: string; campaign_id: number; lead_type_id: number; fields: Record<string, string>; status: string; no_sell: boolean; pending_review: boolean; price: number; send_delay: number; reference: string | null }>;
    if (!lead) return invalidResult('System_ID_Missing', `no lead ${posted.leadUID} of lead type ${source.lid} for this source`);
    // The merged lead must pass the same field rules as a new one (and is normalised the same way).
    const checked = (await this.fieldRules.forLeadType(lead.lead_type_id)).validate({ ...lead.fields, ...posted.fields });
    if (checked.errors.length) return invalidResult('Data_Errors', describeFieldErrors(checked.errors), lead.campaign_id, lead.id);
    const fields = checked.fields;

    const deliver = posted.processDelivery && !DISTRIBUTED.has(lead.status);
    await m.query(`UPDATE leads SET fields = $2, no_sell = CASE WHEN $3 THEN false ELSE no_sell END, updated_at = now() WHERE id = $1`, [
      lead.id,
      JSON.stringify(fields),
      deliver,
    ]);
    if (deliver) {
      await addLeadAcceptedEvent(
        this.outbox,
        m,
        {
          id: lead.id,
          uid: lead.uid,
          leadSourceId,
          campaignId: lead.campaign_id,
          leadTypeId: lead.lead_type_id,
          fields,
          sendDelayHours: lead.send_delay,
          noSell: false,
          pendingReview: lead.pending_review,
          price: lead.price,
          reference: lead.reference,
        },
        requestId,
      );
    }
    const note = posted.processDelivery && !deliver ? '; already distributed, not delivered again' : deliver ? '; delivery started' : '';
    return {
      isValid: true,
      responseType: 'No_Error',
      responseMessage: `Lead information updated${note}`,
      leadId: lead.id,
      campaignId: lead.campaign_id,
      isPendingReview: lead.pending_review,
      price: lead.price,
    };
  }
}
