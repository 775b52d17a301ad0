import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface StripeRequest {
  method: string;
  path: string;
  authorization: string;
  contentType: string;
  idempotencyKey: string | undefined;
  form: Record<string, string>;
}

interface Saved {
  params: string;
  status: number;
  body: unknown;
}

/**
 * A local server speaking Stripe's PaymentIntents API closely enough for the client's tests:
 * POST /v1/payment_intents, Bearer secret key, form body, Idempotency-Key (the first answer of a
 * key is saved and replayed, 500s included, and other parameters under a used key answer 400
 * idempotency_error, as Stripe does). The payment method decides the outcome, after Stripe's test
 * cards:
 * - `pm_card_visa` → succeeded;
 * - `pm_card_chargeDeclinedInsufficientFunds` → 402 card_error card_declined / insufficient_funds;
 * - `pm_card_threeDSecureRequired` → 200, status requires_action; `pm_card_processing` → 200, processing;
 * - `pm_card_serverError` → 500 api_error;
 * - `pm_card_slow` → succeeded, but the answer comes after `slowMs` (the charge is saved first).
 */
export class FakeStripe {
  readonly requests: StripeRequest[] = [];
  /** PaymentIntents created (replays create none). */
  readonly created: { id: string; amount: number; status: string }[] = [];
  slowMs = 2000;
  private server?: Server;
  private readonly saved = new Map<string, Saved>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(public secretKey: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const form = Object.fromEntries(new URLSearchParams(raw));
    const contentType = req.headers['content-type'] ?? '';
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    this.requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization ?? '', contentType, idempotencyKey, form });

    const error = (status: number, e: Record<string, unknown>) => this.json(res, status, { error: e });
    if (req.method !== 'POST' || req.url !== '/v1/payment_intents') return error(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.url})` });
    if (req.headers.authorization !== `Bearer ${this.secretKey}`) {
      return error(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${String(req.headers.authorization).slice(7, 15)}****` });
    }
    if (!contentType.startsWith('application/x-www-form-urlencoded')) return error(400, { type: 'invalid_request_error', message: 'Invalid request: form body expected' });

    const params = [...new URLSearchParams(raw)].sort().join('&');
    if (idempotencyKey) {
      const earlier = this.saved.get(idempotencyKey);
      if (earlier && earlier.params !== params) {
        return error(400, { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' });
      }
      if (earlier) return this.json(res, earlier.status, earlier.body, { 'idempotent-replayed': 'true' });
    }
    const { status, body } = this.outcome(form);
    if (idempotencyKey) this.saved.set(idempotencyKey, { params, status, body });
    if (form['payment_method'] === 'pm_card_slow') {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.json(res, status, body);
      }, this.slowMs);
      this.timers.add(timer);
    }
    else this.json(res, status, body);
  }

  private outcome(form: Record<string, string>): { status: number; body: unknown } {
    const amount = Number(form['amount']);
    if (!/^\d+$/.test(form['amount'] ?? '') || !form['currency'] || !form['payment_method']) {
      return { status: 400, body: { error: { type: 'invalid_request_error', code: 'parameter_missing', message: 'Missing required param: amount.' } } };
    }
    if (form['payment_method'] === 'pm_card_serverError') {
      return { status: 500, body: { error: { type: 'api_error', message: 'An unknown error occurred' } } };
    }
    const id = `pi_${randomBytes(12).toString('hex')}`;
    const intent = (status: string, lastError: unknown = null) => {
      this.created.push({ id, amount, status });
      return { id, object: 'payment_intent', amount, currency: form['currency'], customer: form['customer'] ?? null, payment_method: form['payment_method'], status, last_payment_error: lastError };
    };
    switch (form['payment_method']) {
      case 'pm_card_chargeDeclinedInsufficientFunds': {
        const decline = { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', charge: `ch_${randomBytes(8).toString('hex')}` };
        const pi = intent('requires_payment_method', decline);
        return { status: 402, body: { error: { ...decline, payment_intent: pi } } };
      }
      case 'pm_card_threeDSecureRequired':
        return { status: 200, body: intent('requires_action') };
      case 'pm_card_processing':
        return { status: 200, body: intent('processing') };
      case 'pm_card_visa':
      case 'pm_card_slow':
        return { status: 200, body: intent('succeeded') };
      default:
        return { status: 400, body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_method', message: `No such PaymentMethod: '${form['payment_method']}'` } } };
    }
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}`, ...headers }).end(JSON.stringify(body));
  }
}
