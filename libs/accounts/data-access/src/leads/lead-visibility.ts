import { DataSource, EntityManager } from 'typeorm';

/**
 * A lead scheduled for deletion is gone as far as the Account API is concerned (searches skip it,
 * lookups answer 404) while the purge waits for the pipeline to finish with it.
 */
export const NOT_SCHEDULED_FOR_DELETION = (alias: string) => `NOT EXISTS (SELECT 1 FROM lead_deletions d WHERE d.lead_id = ${alias}.id)`;

/** True when the lead exists and is not scheduled for deletion. */
export async function isVisibleLead(db: DataSource | EntityManager, leadId: number): Promise<boolean> {
  const rows = (await db.query(`SELECT 1 FROM leads l WHERE l.id = $1 AND ${NOT_SCHEDULED_FOR_DELETION('l')}`, [leadId])) as unknown[];
  return rows.length > 0;
}

/** Postgres foreign_key_violation: the lead went away between our check and our write. */
export function isForeignKeyViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23503';
}
