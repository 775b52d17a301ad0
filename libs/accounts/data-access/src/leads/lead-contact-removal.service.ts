import { DataSource, EntityManager } from 'typeorm';
import { contactFieldNames, contactPropertyNames, LEAD_REDACTION_MARK, redactValues } from '@leadx/accounts-domain';

interface LeadRow {
  id: string;
  lead_type_id: number;
  fields: Record<string, unknown>;
  properties: Record<string, unknown>;
  return_url: string | null;
}

/** A URL without its query and fragment (where contact data travels in GET deliveries and callbacks). */
function withoutQuery(url: string): string {
  return url.replace(/[?#].*$/s, '');
}

/**
 * Seed 003 "Remove Lead": strips contact data (see lead-contact-data.ts for what counts) from the
 * lead and every copy the platform keeps, in one transaction with the lead locked, and keeps the
 * record for reporting (ids, source, campaign, price, status, dates, non-contact fields):
 *
 * - leads.fields and leads.properties: the contact keys are removed; return_url loses the values;
 * - lead_duplicate_keys: deleted (hashes of the email and phone, reversible by brute force);
 * - lead_attachments: deleted (files about the person);
 * - outbox: the contact keys are removed from the lead's events' `fields`;
 * - sends: request_body (the lead as the buyer got it, in the buyer's format) is dropped, the
 *   query of request_url removed, the values redacted from response_body and error;
 * - scan_logs.message, compliance_results.reasons, return_callbacks (url, last_error): values redacted.
 *
 * Not reachable from here: events already published to Kafka (topic retention bounds them).
 */
export class LeadContactRemovalService {
  constructor(private readonly ds: DataSource) {}

  /** False when the lead does not exist. Removing twice finds nothing more to remove. */
  async remove(leadId: number): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const [lead] = (await m.query(`SELECT id::text AS id, lead_type_id, fields, properties, return_url FROM leads WHERE id = $1 FOR UPDATE`, [leadId])) as LeadRow[];
      if (!lead) return false;
      const bits = (await m.query(`SELECT lower(name) AS name, special_bit FROM lead_type_fields WHERE lead_type_id = $1 AND special_bit IS NOT NULL`, [
        lead.lead_type_id,
      ])) as Array<{ name: string; special_bit: string }>;
      const fields = lead.fields ?? {};
      const properties = lead.properties ?? {};
      const fieldKeys = contactFieldNames(fields, new Map(bits.map((b) => [b.name, b.special_bit])));
      const propertyKeys = contactPropertyNames(properties);
      const values = [...fieldKeys.map((k) => fields[k]), ...propertyKeys.map((k) => properties[k])]
        .filter((v): v is string | number => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number')
        .map(String);
      const redact = (text: string | null) => (text === null ? null : redactValues(text, values));

      await m.query(
        `UPDATE leads SET fields = fields - $2::text[], properties = properties - $3::text[], return_url = $4, updated_at = now() WHERE id = $1`,
        [leadId, fieldKeys, propertyKeys, redact(lead.return_url)],
      );
      await m.query(`DELETE FROM lead_duplicate_keys WHERE lead_id = $1`, [leadId]);
      await m.query(`DELETE FROM lead_attachments WHERE lead_id = $1`, [leadId]);
      await m.query(
        `UPDATE outbox SET envelope = jsonb_set(envelope, '{payload,fields}', (envelope->'payload'->'fields') - $2::text[])
          WHERE message_key = $1 AND envelope->'payload'->>'leadId' = $1 AND jsonb_typeof(envelope->'payload'->'fields') = 'object'`,
        [lead.id, fieldKeys],
      );
      await this.redactCopies(m, leadId, fieldKeys, redact);
      return true;
    });
  }

  private async redactCopies(m: EntityManager, leadId: number, fieldKeys: readonly string[], redact: (t: string | null) => string | null): Promise<void> {
    const sends = (await m.query(`SELECT id, request_url, response_body, error FROM sends WHERE lead_id = $1`, [leadId])) as Array<{
      id: number; request_url: string | null; response_body: string | null; error: string | null;
    }>;
    for (const s of sends) {
      await m.query(`UPDATE sends SET request_body = NULL, request_url = $2, response_body = $3, error = $4 WHERE id = $1`, [
        s.id,
        s.request_url === null ? null : redact(withoutQuery(s.request_url)),
        redact(s.response_body),
        redact(s.error),
      ]);
    }
    // A scan message names the criterion's field first ("Email: lead has ..."): a removed field's
    // message keeps only that name, whatever the value's spelling in it.
    const removed = new Set(fieldKeys.map((k) => k.toLowerCase()));
    const logs = (await m.query(`SELECT id, message FROM scan_logs WHERE lead_id = $1`, [leadId])) as Array<{ id: number; message: string }>;
    for (const log of logs) {
      const label = log.message.split(':', 1)[0].trim();
      const message = removed.has(label.toLowerCase()) ? `${label}: ${LEAD_REDACTION_MARK}` : (redact(log.message) as string);
      if (message !== log.message) await m.query(`UPDATE scan_logs SET message = $2 WHERE id = $1`, [log.id, message]);
    }
    const [compliance] = (await m.query(`SELECT reasons FROM compliance_results WHERE lead_id = $1`, [leadId])) as Array<{ reasons: unknown }>;
    if (compliance && Array.isArray(compliance.reasons)) {
      const reasons = compliance.reasons.map((r) => (typeof r === 'string' ? redact(r) : r));
      await m.query(`UPDATE compliance_results SET reasons = $2 WHERE lead_id = $1`, [leadId, JSON.stringify(reasons)]);
    }
    const callbacks = (await m.query(`SELECT id, url, last_error FROM return_callbacks WHERE lead_id = $1`, [leadId])) as Array<{ id: number; url: string; last_error: string | null }>;
    for (const c of callbacks) {
      await m.query(`UPDATE return_callbacks SET url = $2, last_error = $3 WHERE id = $1`, [c.id, redact(c.url), redact(c.last_error)]);
    }
  }
}
