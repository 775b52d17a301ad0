import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { ForeignKey, planLeadPurge, PurgeStep } from './lead-purge-plan';

export interface LeadDeletionOptions {
  /** A lead not in a final state is purged once it has not changed for this long (events in flight have landed). */
  quietSeconds: number;
  /** A lead is purged after this long whatever its state: a stuck pipeline must not keep personal data forever. */
  maxWaitSeconds: number;
  /** How long a lead waits before being looked at again when it was not ready or its purge failed. */
  retrySeconds: number;
}

export const DEFAULT_LEAD_DELETION_OPTIONS: LeadDeletionOptions = { quietSeconds: 300, maxWaitSeconds: 24 * 3600, retrySeconds: 60 };

/** Lead states after which no service acts on the lead any more (the receiver's DeliveryWaiter uses the same). */
const FINAL_STATES = ['sold', 'unsold', 'rejected', 'not_sold_no_sell'];

/**
 * Seed 003 "Delete Lead": `schedule` marks the lead (lead_deletions) and answers at once; the
 * account-admin worker calls `purgeDue`, which deletes the lead and every row about it:
 *
 * - every table reaching the lead through foreign keys, discovered from the catalog
 *   (planLeadPurge): lead_duplicate_keys, compliance_results, delivery_assignments, sends,
 *   scan_logs, lead_dispositions, return_callbacks, scheduled_distributions, lead_attachments,
 *   lead_deletions itself, and any table added later with a foreign key to leads;
 * - tables with a `lead_id` column but no foreign key (none today; guards later ones);
 * - the lead's outbox events (lead events are keyed by lead id);
 * - the receiver's request log row when no other lead of that request remains.
 *
 * A lead the pipeline may still be working on (not final, changed recently, or a delivery in
 * progress) waits: purging it under a consumer would dead-letter that consumer's event, copying the
 * lead into a dead-letter topic. Each lead is purged in its own transaction with the lead row
 * locked, so nothing can add a row about it meanwhile.
 */
export class LeadDeletionService {
  constructor(
    private readonly ds: DataSource,
    private readonly logger?: Logger,
    private readonly options: LeadDeletionOptions = DEFAULT_LEAD_DELETION_OPTIONS,
  ) {}

  /** False when the lead does not exist. Scheduling twice is a no-op. */
  async schedule(leadId: number, requestedBy: string): Promise<boolean> {
    const [row] = (await this.ds.query(
      `WITH lead AS (SELECT id FROM leads WHERE id = $1),
            scheduled AS (INSERT INTO lead_deletions (lead_id, requested_by) SELECT id, $2 FROM lead ON CONFLICT (lead_id) DO NOTHING)
       SELECT count(*)::int AS n FROM lead`,
      [leadId, requestedBy],
    )) as Array<{ n: number }>;
    return row.n > 0;
  }

  /** Purges up to `limit` due leads; answers how many were purged. */
  async purgeDue(limit = 20): Promise<number> {
    let purged = 0;
    for (let i = 0; i < limit; i++) {
      let current: string | undefined;
      try {
        const outcome = await this.ds.transaction(async (m) => {
          const [due] = (await m.query(
            `SELECT lead_id::text AS lead_id FROM lead_deletions WHERE next_attempt_at <= now()
              ORDER BY next_attempt_at, lead_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          )) as Array<{ lead_id: string }>;
          if (!due) return 'idle' as const;
          current = due.lead_id;
          if (!(await this.readyToPurge(m, due.lead_id))) {
            await m.query(`UPDATE lead_deletions SET next_attempt_at = now() + make_interval(secs => $2), attempts = attempts + 1 WHERE lead_id = $1`, [
              due.lead_id,
              this.options.retrySeconds,
            ]);
            return 'deferred' as const;
          }
          await this.purge(m, due.lead_id);
          return 'purged' as const;
        });
        if (outcome === 'idle') break;
        if (outcome === 'purged') {
          purged++;
          this.logger?.info({ leadId: current }, 'lead purged');
        }
      } catch (err) {
        if (!current) throw err;
        this.logger?.warn({ err, leadId: current }, 'lead purge failed; retrying later');
        await this.ds.query(
          `UPDATE lead_deletions SET next_attempt_at = now() + make_interval(secs => $2), attempts = attempts + 1, last_error = left($3, 1000) WHERE lead_id = $1`,
          [current, this.options.retrySeconds, err instanceof Error ? err.message : String(err)],
        );
      }
    }
    return purged;
  }

  /** Locks the lead (rows that reference it wait) and says whether the pipeline is done with it. */
  private async readyToPurge(m: EntityManager, leadId: string): Promise<boolean> {
    const [lead] = (await m.query(
      `SELECT (l.status = ANY($2::text[])
               OR d.requested_at < now() - make_interval(secs => $3)
               OR (l.updated_at < now() - make_interval(secs => $4)
                   AND NOT EXISTS (SELECT 1 FROM delivery_assignments a WHERE a.lead_id = l.id AND a.status = 'requested'))) AS ready
         FROM leads l JOIN lead_deletions d ON d.lead_id = l.id
        WHERE l.id = $1
          FOR UPDATE OF l`,
      [leadId, FINAL_STATES, this.options.maxWaitSeconds, this.options.quietSeconds],
    )) as Array<{ ready: boolean }>;
    return lead?.ready ?? false;
  }

  private async purge(m: EntityManager, leadId: string): Promise<void> {
    const [{ request_id: requestId }] = (await m.query(`SELECT request_id FROM leads WHERE id = $1`, [leadId])) as Array<{ request_id: string }>;
    await m.query(`DELETE FROM outbox WHERE message_key = $1 AND envelope->'payload'->>'leadId' = $1`, [leadId]);
    const steps = await this.purgeSteps(m);
    const leadsStep = steps.pop() as PurgeStep;
    for (const step of steps) await m.query(`DELETE FROM ${step.table} WHERE ${step.where}`, [leadId]);
    for (const table of await this.unreferencedLeadIdTables(m, steps)) await m.query(`DELETE FROM ${table} WHERE lead_id = $1`, [leadId]);
    await m.query(`DELETE FROM ${leadsStep.table} WHERE ${leadsStep.where}`, [leadId]);
    await m.query(`DELETE FROM intake_requests i WHERE i.id = $1 AND NOT EXISTS (SELECT 1 FROM leads WHERE request_id = $1)`, [requestId]);
  }

  /** The purge plan from the current catalog (cheap, and sees tables added since start). */
  private async purgeSteps(m: EntityManager): Promise<PurgeStep[]> {
    const [leads] = (await m.query(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass('leads')`,
    )) as Array<{ name: string }>;
    const rows = (await m.query(
      `SELECT format('%I.%I', cn.nspname, cc.relname) AS child, format('%I.%I', pn.nspname, pc.relname) AS parent,
              array_agg(format('%I', ca.attname) ORDER BY k.ord) AS child_columns,
              array_agg(format('%I', pa.attname) ORDER BY k.ord) AS parent_columns,
              c.confdeltype::text AS on_delete
         FROM pg_constraint c
         JOIN pg_class cc ON cc.oid = c.conrelid JOIN pg_namespace cn ON cn.oid = cc.relnamespace
         JOIN pg_class pc ON pc.oid = c.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
         CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(child_att, parent_att, ord)
         JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = k.child_att
         JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.parent_att
        WHERE c.contype = 'f'
        GROUP BY c.oid, cn.nspname, cc.relname, pn.nspname, pc.relname, c.confdeltype`,
    )) as Array<{ child: string; parent: string; child_columns: string[]; parent_columns: string[]; on_delete: string }>;
    const fks: ForeignKey[] = rows.map((r) => ({
      child: r.child,
      parent: r.parent,
      childColumns: r.child_columns,
      parentColumns: r.parent_columns,
      onDelete: r.on_delete,
    }));
    return planLeadPurge(fks, leads.name);
  }

  /** Tables of the lead's schema with a lead_id column that no foreign key ties to the lead. */
  private async unreferencedLeadIdTables(m: EntityManager, planned: readonly PurgeStep[]): Promise<string[]> {
    const rows = (await m.query(
      `SELECT format('%I.%I', c.table_schema, c.table_name) AS name
         FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.column_name = 'lead_id' AND t.table_type = 'BASE TABLE'
          AND c.table_schema = (SELECT n.nspname FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace WHERE k.oid = to_regclass('leads'))`,
    )) as Array<{ name: string }>;
    const known = new Set(planned.map((s) => s.table));
    return rows.map((r) => r.name).filter((t) => !known.has(t));
  }
}
