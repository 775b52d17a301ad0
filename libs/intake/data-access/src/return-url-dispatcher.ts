import { DataSource, EntityManager } from 'typeorm';
import { assertOutboundUrl, OutboundUrlPolicy } from '@leadx/platform-outbound-http';
import { RequestStatusQuery } from './request-status.query';

export interface ReturnUrlDispatcherOptions {
  policy: OutboundUrlPolicy;
  batchSize?: number;
  timeoutMs?: number;
  /** After this many failed attempts a callback is given up (status 'failed'). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to one hour. */
  baseDelayMs?: number;
}

interface DueCallback {
  id: string;
  lead_id: string;
  url: string;
  attempts: number;
  request_id: string;
  lead_source_id: number;
}

/**
 * Delivers `source.returnURL` callbacks: when a lead's processing completes, its source gets the
 * lead's status result (the `GET /v2/status/{id}` shape) by POST. Rows are claimed with SKIP LOCKED,
 * so receiver replicas share the work; failures retry with exponential backoff and every attempt's
 * outcome is recorded on the row.
 */
export class ReturnUrlDispatcher {
  private readonly status: RequestStatusQuery;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: ReturnUrlDispatcherOptions,
  ) {
    this.status = new RequestStatusQuery(dataSource);
  }

  /** Queues the callback of a lead that reached its terminal state (in the caller's transaction). */
  static async enqueue(m: EntityManager, leadId: number): Promise<void> {
    await m.query(
      `INSERT INTO return_callbacks (lead_id, url)
       SELECT id, return_url FROM leads WHERE id = $1 AND return_url IS NOT NULL
       ON CONFLICT (lead_id) DO NOTHING`,
      [leadId],
    );
  }

  /** One pass over due callbacks; returns how many were attempted. */
  async runOnce(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const due = (await m.query(
        `SELECT c.id, c.lead_id, c.url, c.attempts, l.request_id, l.lead_source_id
           FROM return_callbacks c JOIN leads l ON l.id = c.lead_id
          WHERE c.status = 'pending' AND c.next_attempt_at <= now()
          ORDER BY c.next_attempt_at LIMIT $1 FOR UPDATE OF c SKIP LOCKED`,
        [this.options.batchSize ?? 20],
      )) as DueCallback[];
      await Promise.all(due.map((c) => this.attempt(m, c)));
      return due.length;
    });
  }

  private async attempt(m: EntityManager, c: DueCallback): Promise<void> {
    const attempts = c.attempts + 1;
    let status: number | undefined;
    let error: string | undefined;
    try {
      const url = await assertOutboundUrl(c.url, this.options.policy);
      const results = (await this.status.byRequest(c.lead_source_id, c.request_id))?.filter((r) => r.leadId === Number(c.lead_id)) ?? [];
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ requestId: c.request_id, results }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
        redirect: 'manual',
      });
      status = res.status;
      await res.body?.cancel();
      if (res.status < 200 || res.status >= 300) error = `answered ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 500) : 'failed';
    }
    if (!error) {
      await m.query(`UPDATE return_callbacks SET status = 'delivered', attempts = $2, last_status = $3, last_error = NULL, delivered_at = now() WHERE id = $1`, [
        c.id, attempts, status,
      ]);
      return;
    }
    const giveUp = attempts >= (this.options.maxAttempts ?? 10);
    const delayMs = Math.min((this.options.baseDelayMs ?? 30_000) * 2 ** (attempts - 1), 3_600_000);
    await m.query(
      `UPDATE return_callbacks SET status = $2, attempts = $3, last_status = $4, last_error = $5,
              next_attempt_at = now() + make_interval(secs => $6) WHERE id = $1`,
      [c.id, giveUp ? 'failed' : 'pending', attempts, status ?? null, error, delayMs / 1000],
    );
  }
}
