import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Pool, PoolClient } from 'pg';
import { LeadAcceptedV1 } from '@leadx/contracts';
import { DemoCatalog } from '@leadx/catalog-data-access';
import { buildEnvelope } from '@leadx/platform-messaging';
import { bump, PhaseResult } from './http-load';
import { LatencyRecorder } from './latency-recorder';

/** Outbox rows of this "service" are never relayed: no service of that name runs. */
export const RAW_OUTBOX_SERVICE = 'bench-raw';

/**
 * The floor this machine allows: `concurrency` workers, each on its own pooled connection, loop
 * over ONE transaction per lead with what an accepted lead writes (a request-log row, the lead row,
 * its `intake.lead.accepted.v1` outbox row), and nothing else: no HTTP, no auth, no validation.
 */
export async function runRawInsertFloor(
  name: string,
  pool: Pool,
  catalog: DemoCatalog,
  /** The posted leads' fields, n-th lead. */
  fieldsOf: (n: number) => Record<string, string>,
  opts: { concurrency: number; durationS: number },
): Promise<PhaseResult> {
  const latency = new LatencyRecorder();
  const errors = new Map<string, number>();
  let requests = 0;
  let accepted = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + opts.durationS * 1000;

  let made = 0;
  const insertOne = async (db: PoolClient, reference: string): Promise<void> => {
    const fields = fieldsOf(made++);
    const requestId = randomUUID();
    const uid = randomUUID();
    await db.query('BEGIN');
    try {
      await db.query(
        `INSERT INTO intake_requests (id, lead_source_id, endpoint, payload_hash, has_references, results)
         VALUES ($1, $2, 'general', $3, true, '[]')`,
        [requestId, catalog.leadSourceId, createHash('sha256').update(reference).digest()],
      );
      const inserted = await db.query<{ id: string }>(
        `INSERT INTO leads (uid, request_id, lead_source_id, campaign_id, lead_type_id, reference, fields, status,
                            send_delay_hours, no_sell, pending_review, price, kind, properties, return_url)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'accepted', 0, false, false, 12.5, 'general', '{}', NULL) RETURNING id`,
        [uid, requestId, catalog.leadSourceId, catalog.campaignId, catalog.leadTypeId, reference, JSON.stringify(fields)],
      );
      const leadId = Number(inserted.rows[0].id);
      const payload = LeadAcceptedV1.of({
        leadId,
        leadUid: uid,
        leadSourceId: catalog.leadSourceId,
        campaignId: catalog.campaignId,
        leadTypeId: catalog.leadTypeId,
        fields,
        sendDelayHours: 0,
        noSell: false,
        pendingReview: false,
        price: 12.5,
        receivedAt: new Date().toISOString(),
        reference,
      });
      const envelope = buildEnvelope({ topic: 'intake.lead.accepted.v1', key: String(leadId), payload, correlationId: requestId, causationId: requestId });
      await db.query(`INSERT INTO outbox (service, topic, message_key, envelope) VALUES ($1, 'intake.lead.accepted.v1', $2, $3::jsonb)`, [
        RAW_OUTBOX_SERVICE,
        String(leadId),
        JSON.stringify(envelope),
      ]);
      await db.query('COMMIT');
    } catch (err) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  };

  const worker = async (w: number): Promise<void> => {
    const db = await pool.connect();
    try {
      for (let i = 0; performance.now() < end; i++) {
        requests++;
        const began = performance.now();
        try {
          await insertOne(db, `raw-${w}-${i}-${randomUUID()}`);
          accepted++;
        } catch (err) {
          bump(errors, `pg ${(err as { code?: string }).code ?? (err as Error).message}`);
        }
        latency.record(performance.now() - began);
      }
    } finally {
      db.release();
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  const elapsedMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    name,
    elapsedS: elapsedMs / 1000,
    requests,
    accepted,
    latency,
    errors,
    clientCpuPct: ((used.user + used.system) / 1000 / elapsedMs) * 100,
  };
}
