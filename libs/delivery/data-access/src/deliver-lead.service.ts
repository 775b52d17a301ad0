import { DataSource } from 'typeorm';
import { DeliveryCompletedV1, DeliveryOutcome, DeliveryRequestedV1 } from '@leadx/contracts';
import { DeliveryMethodSettings } from '@leadx/catalog-data-access';
import { classifyHttpOutcome, HttpAttempt } from '@leadx/delivery-domain';
import { EventContext, Outbox } from '@leadx/platform-messaging';

interface Claim {
  sendId: number;
  fresh: boolean;
  status: string;
  price: number;
}

/**
 * Sends one lead to one delivery account, exactly once. The send row is CLAIMED and committed
 * before anything leaves the building: a redelivered request, or one replayed after a crash
 * mid-send, finds the claim and never sends again (an interrupted send is recorded ambiguous).
 */
export class DeliverLeadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly defaultTimeoutMs = 10_000,
  ) {}

  async onRequested(req: DeliveryRequestedV1, ctx: EventContext): Promise<void> {
    const [account] = (await this.dataSource.query(`SELECT delivery_method FROM delivery_accounts WHERE id = $1`, [req.deliveryAccountId])) as Array<{
      delivery_method: DeliveryMethodSettings;
    }>;
    if (!account) throw new Error(`delivery account ${req.deliveryAccountId} not found`);
    const method = account.delivery_method;
    const claim = await this.claim(req, method);
    if (!claim.fresh) {
      // Seen before. Finished: announce the recorded outcome again. Interrupted: ambiguous.
      const outcome: DeliveryOutcome = claim.status === 'sending' ? 'ambiguous' : (claim.status as DeliveryOutcome);
      if (claim.status === 'sending') {
        await ctx.manager.query(`UPDATE sends SET status = 'ambiguous', error = $2, completed_at = now() WHERE id = $1`, [
          claim.sendId,
          'interrupted during a previous attempt; not re-sent',
        ]);
      }
      await this.announce(ctx, req, claim.sendId, outcome, 'replayed request; not re-sent');
      return;
    }
    const [lead] = (await this.dataSource.query(`SELECT fields FROM leads WHERE id = $1`, [req.leadId])) as Array<{ fields: Record<string, string> }>;
    const body = JSON.stringify({ leadId: req.leadId, leadUid: req.leadUid, ...lead?.fields });
    const started = Date.now();
    const attempt = await this.post(method.url, body, method.timeoutMs ?? this.defaultTimeoutMs);
    const { outcome, message } = classifyHttpOutcome(attempt, method.responseSearch);
    await ctx.manager.query(
      `UPDATE sends SET status = $2, request_body = $3, response_status = $4, response_body = $5, duration_ms = $6,
              error = $7, price = $8, completed_at = now() WHERE id = $1`,
      [claim.sendId, outcome, body, attempt.status ?? null, attempt.body?.slice(0, 65_536) ?? null, Date.now() - started,
       outcome === 'sold' ? null : message, outcome === 'sold' ? req.price : 0],
    );
    await this.announce(ctx, req, claim.sendId, outcome, message);
  }

  private async claim(req: DeliveryRequestedV1, method: DeliveryMethodSettings): Promise<Claim> {
    const fresh = (await this.dataSource.query(
      `INSERT INTO sends (assignment_id, lead_id, delivery_account_id, status, method, request_url)
       VALUES ($1, $2, $3, 'sending', $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
      [req.assignmentId, req.leadId, req.deliveryAccountId, method.type, method.url],
    )) as Array<{ id: string }>;
    if (fresh.length) return { sendId: Number(fresh[0].id), fresh: true, status: 'sending', price: 0 };
    const [existing] = (await this.dataSource.query(
      `SELECT id, status, price::float AS price FROM sends WHERE lead_id = $1 AND delivery_account_id = $2`,
      [req.leadId, req.deliveryAccountId],
    )) as Array<{ id: string; status: string; price: number }>;
    return { sendId: Number(existing.id), fresh: false, status: existing.status, price: existing.price };
  }

  private async post(url: string, body: string, timeoutMs: number): Promise<HttpAttempt> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
      return { status: res.status, body: await res.text() };
    } catch (err) {
      const e = err as { name?: string; code?: string; cause?: { code?: string } };
      return { errorCode: e.cause?.code ?? e.code ?? e.name ?? 'UNKNOWN' };
    }
  }

  private async announce(ctx: EventContext, req: DeliveryRequestedV1, sendId: number, outcome: DeliveryOutcome, message: string): Promise<void> {
    await this.outbox.add(
      ctx.manager,
      'delivery.attempt.completed.v1',
      String(req.leadId),
      DeliveryCompletedV1.of({
        leadId: req.leadId,
        leadUid: req.leadUid,
        deliveryAccountId: req.deliveryAccountId,
        assignmentId: req.assignmentId,
        sendId,
        outcome,
        price: outcome === 'sold' ? req.price : 0,
        message,
      }),
      { correlationId: ctx.envelope.correlationId, causationId: ctx.envelope.eventId },
    );
  }
}
