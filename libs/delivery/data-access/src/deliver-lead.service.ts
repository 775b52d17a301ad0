import { DataSource, EntityManager } from 'typeorm';
import { DeliveryCompletedV1, DeliveryOutcome, DeliveryRequestedV1 } from '@leadx/contracts';
import {
  backoffMs,
  buildHttpRequest,
  classifyHttpOutcome,
  HttpAttempt,
  HttpDeliveryKind,
  isRetryable,
  leadView,
  OutboundHttpRequest,
  readBuyerAnswer,
  renderFields,
  RenderedField,
  responseMatches,
} from '@leadx/delivery-domain';
import { EventContext, Outbox } from '@leadx/platform-messaging';
import { assertOutboundUrl } from '@leadx/platform-outbound-http';
import { DeliveryPlan, LeadFacts, loadDeliveryPlan, loadLeadFacts, LoadedMethod } from './delivery-plan';
import { MAX_RESPONSE_CHARS, sendHttp } from './http-attempt';
import { MethodResult, notSentResult } from './method-result';
import { deliverByEmail } from './channels/email-channel';
import { deliverByFtp } from './channels/ftp-channel';
import { DeliverySmsProvider } from './channels/sms-channel';
import { deliverBySms } from './channels/sms-channel';

/** One attempt, written with the send's outcome in a single statement (same transaction either way). */
interface AttemptRecord {
  method: LoadedMethod;
  result: MethodResult;
  problems: string[];
}

interface Claim {
  sendId: number;
  fresh: boolean;
  status: string;
  price: number;
}

export interface DeliveryOptions {
  /** Timeout of one attempt when the method sets none. */
  timeoutMs: number;
  /** Loopback and private addresses may be called: development and tests only. */
  allowPrivate: boolean;
  /** Attempts per method while the buyer certainly did not get the lead. */
  maxAttempts: number;
  /** Backoff before the 2nd attempt; doubles after. */
  retryBaseMs: number;
  /** Opens SMTP/FTP passwords sealed by account-admin (SecretBox.open); unset: such methods are not sent. */
  openSecret?: (sealed: string, context: string) => string;
  /** SMS Notification gateway; unset: SMS methods are not sent. */
  sms?: DeliverySmsProvider;
}

const DEFAULTS: DeliveryOptions = { timeoutMs: 10_000, allowPrivate: false, maxAttempts: 3, retryBaseMs: 250 };

const HTTP_KINDS = new Set<string>(['HTTP_POST', 'HTTP_GET', 'JSON', 'SOAP', 'SALESEXEC']);
/** Kinds other issues build: recorded as failed with a clear error, never dropped silently. */
const NOT_HERE: Readonly<Record<string, string>> = {
  PING_POST: 'PING/POST delivery is not supported yet (auctions arrive with issue 6); not sent',
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends one lead to one delivery account, exactly once. The send row is CLAIMED and committed
 * before anything leaves the building: a redelivered request, or one replayed after a crash
 * mid-send, finds the claim and never sends again (an interrupted send is recorded ambiguous).
 * Retries and the alternate method happen only while the buyer certainly has not got the lead.
 */
export class DeliverLeadService {
  private readonly options: DeliveryOptions;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    options: Partial<DeliveryOptions> | number = {},
  ) {
    this.options = { ...DEFAULTS, ...(typeof options === 'number' ? { timeoutMs: options } : options) };
  }

  async onRequested(req: DeliveryRequestedV1, ctx: EventContext): Promise<void> {
    const done = await this.deliverOnce(req, ctx.manager);
    // A queued lead (Batch Email) is announced by BatchEmailService when its batch goes out.
    if (done.queued) return;
    await this.announce(ctx, req, done.sendId, done.outcome, done.message);
  }

  /**
   * Claims, sends and records one delivery; the caller's transaction (`manager`) holds the outcome.
   * `fresh` is false when the lead had been sent to this account before: nothing is sent again.
   */
  async deliverOnce(
    req: DeliveryRequestedV1, manager: EntityManager,
  ): Promise<{ sendId: number; fresh: boolean; outcome: DeliveryOutcome; message: string; result?: MethodResult; queued?: boolean }> {
    const plan = await loadDeliveryPlan(this.dataSource, req.deliveryAccountId);
    if (!plan) throw new Error(`delivery account ${req.deliveryAccountId} not found`);
    const claim = await this.claim(req, plan.primary);
    if (!claim.fresh && claim.status === 'queued') {
      return { sendId: claim.sendId, fresh: false, outcome: 'ambiguous', message: 'queued for its batch; not re-queued', queued: true };
    }
    if (claim.fresh && plan.primary.kind === 'BATCH_EMAIL' && plan.primary.enabled && plan.primary.id !== null) {
      const message = await this.queueForBatch(manager, req, plan.primary, claim.sendId);
      return { sendId: claim.sendId, fresh: true, outcome: 'ambiguous', message, queued: true };
    }
    if (!claim.fresh) {
      // Seen before. Finished: the recorded outcome stands. Interrupted: ambiguous.
      const outcome: DeliveryOutcome = claim.status === 'sending' ? 'ambiguous' : (claim.status as DeliveryOutcome);
      if (claim.status === 'sending') {
        await manager.query(`UPDATE sends SET status = 'ambiguous', error = $2, completed_at = now() WHERE id = $1`, [
          claim.sendId,
          'interrupted during a previous attempt; not re-sent',
        ]);
      }
      return { sendId: claim.sendId, fresh: false, outcome, message: 'replayed request; not re-sent' };
    }
    const attempts: AttemptRecord[] = [];
    const result = await this.deliver(manager, req, plan, attempts);
    await this.record(manager, claim.sendId, result, req.price, attempts);
    return { sendId: claim.sendId, fresh: true, outcome: result.outcome, message: result.message, result };
  }

  /**
   * Batch Email File Delivery: the lead's rendered fields wait in its `sends` row (status `queued`,
   * request_body `{methodId, fields}`) for BatchEmailService. Committed at once, like the claim: a
   * replayed request finds it queued and adds nothing.
   */
  private async queueForBatch(manager: EntityManager, req: DeliveryRequestedV1, method: LoadedMethod, sendId: number): Promise<string> {
    const facts = await loadLeadFacts(manager, {
      leadId: req.leadId, clientId: req.clientId, deliveryAccountId: req.deliveryAccountId, assignmentId: req.assignmentId,
      price: req.price, deliveryMethodId: method.id,
    });
    const { fields, problems } = facts ? this.render(method, facts, req) : { fields: [], problems: [`lead ${req.leadId} not found`] };
    const message = `queued for Batch Email File Delivery (method ${method.id})`;
    await this.dataSource.query(
      `UPDATE sends SET status = 'queued', request_body = $2, error = $3 WHERE id = $1 AND status = 'sending'`,
      [sendId, JSON.stringify({ methodId: method.id, fields }), problems.length ? `render: ${problems.join('; ')}` : null],
    );
    return message;
  }

  /**
   * Delivers with the primary method, then (seed AlternatePosting) with the alternate when the
   * primary certainly did not deliver (`failed`). A rejection or an ambiguous answer never falls
   * through: the buyer may hold the lead.
   */
  private async deliver(manager: EntityManager, req: DeliveryRequestedV1, plan: DeliveryPlan, attempts: AttemptRecord[]): Promise<MethodResult> {
    const primary = await this.deliverWith(manager, req, plan.primary, attempts);
    if (primary.outcome !== 'failed' || !plan.alternate) return primary;
    const alternate = await this.deliverWith(manager, req, plan.alternate, attempts);
    return { ...alternate, message: `${alternate.message} (alternate method ${plan.alternate.id}; primary: ${primary.message})` };
  }

  private async deliverWith(manager: EntityManager, req: DeliveryRequestedV1, method: LoadedMethod, attempts: AttemptRecord[]): Promise<MethodResult> {
    const notSent = (message: string): MethodResult => {
      const result = notSentResult(message);
      attempts.push({ method, result, problems: [] });
      return result;
    };
    if (!method.enabled) return notSent(`delivery method${method.id === null ? '' : ` ${method.id}`} is disabled (Status false); not sent`);
    if (NOT_HERE[method.kind]) return notSent(NOT_HERE[method.kind]);

    const facts = await loadLeadFacts(manager, {
      leadId: req.leadId, clientId: req.clientId, deliveryAccountId: req.deliveryAccountId, assignmentId: req.assignmentId,
      price: req.price, deliveryMethodId: method.id,
    });
    if (!facts) return notSent(`lead ${req.leadId} not found; not sent`);
    const { fields, problems } = this.render(method, facts, req);

    if (method.kind === 'INTERNAL') {
      // Kept for the client to pick up (seed Internal System): delivered without any network.
      const result: MethodResult = {
        outcome: 'sold', message: 'kept for the client to pick up (Internal System)', requestUrl: null,
        requestBody: JSON.stringify(Object.fromEntries(fields.map((f) => [f.name, f.value]))), responseStatus: null, responseBody: null, durationMs: 0,
      };
      attempts.push({ method, result, problems });
      return result;
    }
    const channel = this.channel(method, fields, req);
    if (!channel) return notSent(`${method.seedType} delivery is not supported by this worker yet; not sent`);
    return this.withRetries(method, problems, attempts, channel);
  }

  /** How one attempt with this method is made, or undefined for a kind this worker does not send. */
  private channel(method: LoadedMethod, fields: RenderedField[], req: DeliveryRequestedV1): (() => Promise<MethodResult>) | undefined {
    const openSecret = this.options.openSecret ?? (() => {
      throw new Error('SECRETS_ENCRYPTION_KEY is not configured');
    });
    const channelOptions = { timeoutMs: method.timeoutMs ?? this.options.timeoutMs, allowPrivate: this.options.allowPrivate, openSecret };
    if (HTTP_KINDS.has(method.kind)) {
      let request: OutboundHttpRequest | undefined;
      return async () => {
        try {
          request ??= await this.httpRequest(method, fields, req);
        } catch (err) {
          return notSentResult(`delivery address refused: ${err instanceof Error ? err.message : String(err)}; not sent`, method.address || null);
        }
        const started = Date.now();
        const answer = await sendHttp(request, channelOptions.timeoutMs);
        return { ...this.judge(method, request, answer, Date.now() - started), retryable: isRetryable(answer) };
      };
    }
    if (method.kind === 'EMAIL' || method.kind === 'CSV_EMAIL') return () => deliverByEmail(method, fields, req.leadId, channelOptions);
    if (method.kind === 'FTP') return () => deliverByFtp(method, fields, req.leadId, channelOptions);
    if (method.kind === 'SMS') {
      const sms = this.options.sms;
      return sms ? () => deliverBySms(method, fields, sms) : undefined;
    }
    return undefined;
  }

  /** The request, its address checked against SSRF right before sending. */
  private async httpRequest(method: LoadedMethod, fields: RenderedField[], req: DeliveryRequestedV1): Promise<OutboundHttpRequest> {
    const request: OutboundHttpRequest = sendsLeadAsIs(method) && method.kind === 'JSON' && !method.template.trim()
      ? { method: 'POST', url: method.address, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leadId: req.leadId, leadUid: req.leadUid, ...facts(fields) }) }
      : buildHttpRequest(method.kind as HttpDeliveryKind, method.address, method.template, fields);
    await assertOutboundUrl(request.url, { allowPrivate: this.options.allowPrivate });
    return request;
  }

  /** Attempts with backoff while the buyer certainly did not get the lead; every attempt is recorded. */
  private async withRetries(method: LoadedMethod, problems: string[], attempts: AttemptRecord[], once: () => Promise<MethodResult>): Promise<MethodResult> {
    let result = notSentResult('no attempt made');
    for (let n = 1; n <= this.options.maxAttempts; n++) {
      await sleep(backoffMs(n, this.options.retryBaseMs));
      result = await once();
      attempts.push({ method, result, problems });
      if (!result.retryable || result.outcome !== 'failed') break;
    }
    return result;
  }

  private render(method: LoadedMethod, facts: LeadFacts, req: DeliveryRequestedV1): { fields: RenderedField[]; problems: string[] } {
    if (sendsLeadAsIs(method)) {
      // No field settings: the lead's own fields, under their own names (what the worker always sent).
      return { fields: [{ name: 'leadId', value: String(req.leadId) }, { name: 'leadUid', value: req.leadUid }, ...Object.entries(leadView({ ...facts, inTesting: method.inTesting })).map(([name, value]) => ({ name, value }))], problems: [] };
    }
    return renderFields(method.settings, { ...facts, inTesting: method.inTesting });
  }

  private judge(method: LoadedMethod, request: OutboundHttpRequest, answer: HttpAttempt, durationMs: number): MethodResult {
    let { outcome, message } = classifyHttpOutcome(answer);
    const body = answer.body ?? '';
    const result: MethodResult = {
      outcome, message, requestUrl: request.url, requestBody: request.body ?? null, responseStatus: answer.status ?? null,
      responseBody: answer.status === undefined ? null : body.slice(0, MAX_RESPONSE_CHARS), durationMs,
    };
    if (outcome !== 'sold') return result;
    const search = responseMatches(body, method.responseSearch, method.useRegex);
    if (!search.matched) {
      outcome = 'rejected';
      message = search.error ?? `buyer answer lacks ${method.useRegex ? 'a match for ' : ''}"${method.responseSearch}"`;
      return { ...result, outcome, message };
    }
    const read = readBuyerAnswer(body);
    return { ...result, buyerPrice: read.price, redirectUrl: read.redirectUrl };
  }

  /** The send's outcome and every attempt, in one round trip (the caller's transaction holds both). */
  private async record(manager: EntityManager, sendId: number, r: MethodResult, price: number, attempts: AttemptRecord[]): Promise<void> {
    const rows = attempts.map(({ method, result: a, problems }) => ({
      method,
      a,
      error: [a.outcome === 'sold' ? '' : a.message, problems.length ? `render: ${problems.join('; ')}` : ''].filter(Boolean).join(' | ') || null,
    }));
    await manager.query(
      `WITH attempts AS (
         INSERT INTO send_attempts (send_id, attempt, delivery_method_id, method, request_url, request_body, response_status, response_body,
                                    error, duration_ms, price, redirect_url)
         SELECT $1, x.n, x.method_id, x.method, x.url, x.body, x.status, x.answer, x.error, x.ms, x.price, x.redirect
           FROM unnest($11::int[], $12::int[], $13::text[], $14::text[], $15::text[], $16::int[], $17::text[], $18::text[], $19::int[], $20::numeric[], $21::text[])
                AS x(n, method_id, method, url, body, status, answer, error, ms, price, redirect))
       UPDATE sends SET status = $2, request_url = COALESCE($3, request_url), request_body = $4, response_status = $5, response_body = $6,
              duration_ms = $7, error = $8, price = $9, redirect_url = $10, completed_at = now() WHERE id = $1`,
      [sendId, r.outcome, r.requestUrl, r.requestBody, r.responseStatus, r.responseBody, r.durationMs,
       r.outcome === 'sold' ? null : r.message, r.outcome === 'sold' ? price : 0, r.redirectUrl ?? null,
       rows.map((_, i) => i + 1), rows.map((x) => x.method.id), rows.map((x) => x.method.kind), rows.map((x) => x.a.requestUrl),
       rows.map((x) => x.a.requestBody), rows.map((x) => x.a.responseStatus), rows.map((x) => x.a.responseBody), rows.map((x) => x.error),
       rows.map((x) => x.a.durationMs), rows.map((x) => x.a.buyerPrice ?? null), rows.map((x) => x.a.redirectUrl ?? null)],
    );
  }

  private async claim(req: DeliveryRequestedV1, method: LoadedMethod): Promise<Claim> {
    const fresh = (await this.dataSource.query(
      `INSERT INTO sends (assignment_id, lead_id, delivery_account_id, status, method, request_url)
       VALUES ($1, $2, $3, 'sending', $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
      [req.assignmentId, req.leadId, req.deliveryAccountId, method.kind, method.address || null],
    )) as Array<{ id: string }>;
    if (fresh.length) return { sendId: Number(fresh[0].id), fresh: true, status: 'sending', price: 0 };
    const [existing] = (await this.dataSource.query(
      `SELECT id, status, price::float AS price FROM sends WHERE lead_id = $1 AND delivery_account_id = $2`,
      [req.leadId, req.deliveryAccountId],
    )) as Array<{ id: string; status: string; price: number }>;
    return { sendId: Number(existing.id), fresh: false, status: existing.status, price: existing.price };
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

/** The legacy body's lead fields (leadId and leadUid are added by the caller with their own types). */
function facts(fields: RenderedField[]): Record<string, string> {
  return Object.fromEntries(fields.filter((f) => f.name !== 'leadId' && f.name !== 'leadUid').map((f) => [f.name, f.value]));
}

/** A method without field settings (or the legacy projection) sends the lead's fields as they are. */
function sendsLeadAsIs(method: LoadedMethod): boolean {
  return method.legacy || method.settings.length === 0;
}
