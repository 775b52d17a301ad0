import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeliveryCompletedV1, DeliveryOutcome } from '@leadx/contracts';
import { Outbox } from '@leadx/platform-messaging';
import { batchDue, BatchDayRule, RenderedField, toCsvRows } from '@leadx/delivery-domain';
import { deliverByEmail, EmailChannelOptions } from './channels/email-channel';
import { loadMethod } from './delivery-plan';
import { MethodResult, notSentResult } from './method-result';

interface QueuedSend {
  id: string;
  lead_id: number;
  lead_uid: string;
  delivery_account_id: number;
  assignment_id: number;
  price: number;
  request_body: string;
}

/**
 * Batch Email File Delivery: leads queued by DeliverLeadService (sends rows `queued`) go out as ONE
 * e-mail per method with one CSV attachment, when the method's delivery days allow (client time
 * zone; no delivery days: every pass). Exactly once, like single sends: the rows are claimed
 * (`sending`, committed) before the e-mail leaves, each lead's outcome is recorded and announced
 * (`delivery.attempt.completed.v1`) afterwards. A pass holds a per-method advisory lock, so rows it
 * finds `sending` were left by a crashed pass: they become ambiguous, never re-sent.
 */
export class BatchEmailService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly options: EmailChannelOptions,
  ) {}

  /** One pass: every method with queued leads whose schedule is open at `now`. Returns e-mails sent. */
  async runDue(now = new Date()): Promise<number> {
    const methods = (await this.dataSource.query(
      `SELECT DISTINCT (request_body::jsonb->>'methodId')::int AS id FROM sends WHERE status IN ('queued', 'sending') AND method = 'BATCH_EMAIL'`,
    )) as Array<{ id: number }>;
    let sent = 0;
    for (const { id } of methods) if (await this.runMethod(id, now)) sent++;
    return sent;
  }

  private async runMethod(methodId: number, now: Date): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const key = `leadx-batch-email:${methodId}`;
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [key])) as Array<{ locked: boolean }>;
      if (!locked) return false; // another worker's pass has this method
      try {
        await this.settleInterrupted(methodId);
        return await this.sendBatch(methodId, now);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [key]);
      }
    } finally {
      await runner.release();
    }
  }

  private async sendBatch(methodId: number, now: Date): Promise<boolean> {
    const method = await loadMethod(this.dataSource, methodId, undefined);
    const schedule = (await this.dataSource.query(
      `SELECT c.time_zone, d.week_day, d.static_date::text AS static_date, d.start_time::text AS start_time, d.end_time::text AS end_time, d.allow
         FROM delivery_methods m JOIN clients c ON c.id = m.client_id LEFT JOIN delivery_method_days d ON d.delivery_method_id = m.id
        WHERE m.id = $1 ORDER BY d.id`,
      [methodId],
    )) as Array<{ time_zone: string | null; week_day: number | null; static_date: string | null; start_time: string | null; end_time: string | null; allow: boolean | null }>;
    const rules: BatchDayRule[] = schedule
      .filter((r) => r.start_time !== null)
      .map((r) => ({ weekDay: r.week_day, staticDate: r.static_date, startTime: r.start_time ?? '00:00', endTime: r.end_time ?? '23:59:59', allow: r.allow ?? true }));
    if (method && method.enabled && !batchDue(rules, now, schedule[0]?.time_zone || 'UTC')) return false;

    // Claim: committed before anything leaves.
    const rows = (await this.dataSource.query(
      `WITH c AS (UPDATE sends SET status = 'sending' WHERE status = 'queued' AND method = 'BATCH_EMAIL'
                    AND (request_body::jsonb->>'methodId')::int = $1 RETURNING id, lead_id, delivery_account_id, assignment_id, request_body)
       SELECT c.id, c.lead_id::int AS lead_id, l.uid::text AS lead_uid, c.delivery_account_id, c.assignment_id::int AS assignment_id,
              COALESCE(a.price, 0)::float AS price, c.request_body
         FROM c JOIN leads l ON l.id = c.lead_id LEFT JOIN delivery_assignments a ON a.id = c.assignment_id ORDER BY c.id`,
      [methodId],
    )) as QueuedSend[];
    if (!rows.length) return false;

    let result: MethodResult;
    if (!method || !method.enabled) {
      result = notSentResult(`Batch Email method ${methodId} is ${method ? 'disabled (Status false)' : 'gone'}; not sent`);
    } else {
      const leads = rows.map((r) => (JSON.parse(r.request_body) as { fields: RenderedField[] }).fields);
      const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15);
      const summary: RenderedField[] = [{ name: 'Count', value: String(rows.length) }, { name: 'BatchDate', value: now.toISOString() }];
      result = await deliverByEmail(method, summary, 0, this.options, { filename: `batch-${methodId}-${stamp}.csv`, csv: toCsvRows(leads) });
    }
    await this.record(methodId, rows, result.outcome, result.message, result);
    return result.outcome !== 'failed';
  }

  /** Rows left `sending` by a pass that crashed mid-send: the e-mail may have gone out. */
  private async settleInterrupted(methodId: number): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.lead_id::int AS lead_id, l.uid::text AS lead_uid, s.delivery_account_id, s.assignment_id::int AS assignment_id, 0::float AS price, s.request_body
         FROM sends s JOIN leads l ON l.id = s.lead_id
        WHERE s.status = 'sending' AND s.method = 'BATCH_EMAIL' AND (s.request_body::jsonb->>'methodId')::int = $1`,
      [methodId],
    )) as QueuedSend[];
    if (rows.length) await this.record(methodId, rows, 'ambiguous', 'batch interrupted during a previous pass; not re-sent');
  }

  /** Each lead's outcome, its attempt and its announcement, in one transaction. */
  private async record(methodId: number, rows: QueuedSend[], outcome: DeliveryOutcome, message: string, r?: MethodResult): Promise<void> {
    const correlationId = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      for (const row of rows) {
        const price = outcome === 'sold' ? row.price : 0;
        const updated = (await manager.query(
          `UPDATE sends SET status = $2, request_url = COALESCE($3, request_url), response_status = $4, response_body = $5, duration_ms = $6,
                  error = $7, price = $8, completed_at = now() WHERE id = $1 AND status = 'sending' RETURNING id`,
          [row.id, outcome, r?.requestUrl ?? null, r?.responseStatus ?? null, r?.responseBody ?? null, r?.durationMs ?? null, outcome === 'sold' ? null : message, price],
        )) as [unknown[], number];
        if (!updated[0]?.length) continue; // settled meanwhile by a replayed request
        await manager.query(
          `INSERT INTO send_attempts (send_id, attempt, delivery_method_id, method, request_url, request_body, response_status, response_body, error, duration_ms)
           VALUES ($1, 1, $2, 'BATCH_EMAIL', $3, $4, $5, $6, $7, $8)`,
          [row.id, methodId, r?.requestUrl ?? null, r?.requestBody ?? null, r?.responseStatus ?? null, r?.responseBody ?? null, outcome === 'sold' ? null : message, r?.durationMs ?? null],
        );
        await this.outbox.add(
          manager,
          'delivery.attempt.completed.v1',
          String(row.lead_id),
          DeliveryCompletedV1.of({
            leadId: row.lead_id, leadUid: row.lead_uid, deliveryAccountId: row.delivery_account_id, assignmentId: row.assignment_id,
            sendId: Number(row.id), outcome, price, message,
          }),
          { correlationId, causationId: correlationId },
        );
      }
    });
  }
}
