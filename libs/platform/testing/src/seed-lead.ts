import { randomUUID } from 'node:crypto';

/** The ids a lead row needs (a seeded demo catalog has them). */
export interface LeadOwnerIds {
  leadSourceId: number;
  campaignId: number;
  leadTypeId: number;
}

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Inserts a lead row directly (as the receiver would have) for tests of downstream services. */
export async function insertTestLead(db: Queryable, catalog: LeadOwnerIds, fields: Record<string, string> = { State: 'TX' }): Promise<{ id: number; uid: string }> {
  const uid = randomUUID();
  const rows = (await db.query(
    `INSERT INTO leads (uid, request_id, lead_source_id, campaign_id, lead_type_id, fields)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::int AS id`,
    [uid, randomUUID(), catalog.leadSourceId, catalog.campaignId, catalog.leadTypeId, JSON.stringify(fields)],
  )) as Array<{ id: number }> | { rows: Array<{ id: number }> };
  const id = Array.isArray(rows) ? rows[0].id : rows.rows[0].id;
  return { id, uid };
}
