import { DataSource } from 'typeorm';
import { SeedLeadAnalytics, toSeedLeadAnalytics } from '@leadx/accounts-domain';
import { NOT_SCHEDULED_FOR_DELETION } from './lead-visibility';

/**
 * Seed 003 "Lead Analytics Detail" from what the platform stores: the lead, its fields and the
 * receiver's request log (see toSeedLeadAnalytics for what each field is and why some are empty).
 */
export class LeadAnalyticsService {
  constructor(private readonly ds: DataSource) {}

  /** Undefined when the lead does not exist (or is scheduled for deletion). */
  async forLead(leadId: number): Promise<SeedLeadAnalytics | undefined> {
    const [lead] = (await this.ds.query(
      `SELECT l.id::text AS id, l.request_id, l.created_at, l.fields, l.lead_type_id, i.created_at AS request_at
         FROM leads l LEFT JOIN intake_requests i ON i.id = l.request_id
        WHERE l.id = $1 AND ${NOT_SCHEDULED_FOR_DELETION('l')}`,
      [leadId],
    )) as Array<{ id: string; request_id: string; created_at: Date; fields: Record<string, unknown>; lead_type_id: number; request_at: Date | null }>;
    if (!lead) return undefined;
    const ipFields = (await this.ds.query(`SELECT name FROM lead_type_fields WHERE lead_type_id = $1 AND lower(special_bit) = 'ipaddress' ORDER BY id`, [
      lead.lead_type_id,
    ])) as Array<{ name: string }>;
    return toSeedLeadAnalytics({
      leadId: Number(lead.id),
      requestId: lead.request_id,
      requestReceivedAt: lead.request_at ?? lead.created_at,
      leadStoredAt: lead.created_at,
      fields: lead.fields ?? {},
      ipFieldNames: ipFields.map((f) => f.name),
    });
  }
}
