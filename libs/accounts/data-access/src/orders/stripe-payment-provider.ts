import type { Logger } from 'pino';
import { PaymentChargeRequest, PaymentChargeResult, PaymentProvider, PaymentProviderUnavailableError } from './payment-provider';

export interface StripeSettings {
  secretKey: string;
  /** `https://api.stripe.com`; a local protocol server in tests. */
  baseUrl: string;
  /** ISO 4217, lower case, a two-decimal currency (amounts are sent in cents). */
  currency: string;
  timeoutMs: number;
}

/** Stripe's error body (https://docs.stripe.com/api/errors). */
interface StripeError {
  type?: string;
  code?: string;
  decline_code?: string;
  message?: string;
  payment_intent?: { id?: string; status?: string };
  charge?: string;
}

interface PaymentIntent {
  id?: string;
  status?: string;
  last_payment_error?: StripeError | null;
}

/**
 * A stored token is a PaymentMethod id (`pm_…`), or `cus_…/pm_…` when the card is attached to a
 * Stripe Customer (Stripe then requires the customer on the PaymentIntent). The platform stores no
 * separate customer column: the pair travels in the token.
 */
export function parseStripeToken(token: string): { customer?: string; paymentMethod: string } {
  const slash = token.indexOf('/');
  if (slash < 0) return { paymentMethod: token };
  return { customer: token.slice(0, slash), paymentMethod: token.slice(slash + 1) };
}

/**
 * Stripe PaymentIntents, confirmed at once and off session (the cardholder is not present):
 * POST /v1/payment_intents with Bearer secret key. The payment row's uid is the Idempotency-Key,
 * so a run retried after a timeout or an outage cannot charge twice (Stripe replays the first
 * answer for 24 h). Mapping:
 * - `succeeded` → approved; `requires_action` / `requires_payment_method` / other statuses → not
 *   approved; `processing` (not settled) → unavailable, the row stays an error to check;
 * - 402 and other card errors → declined, with Stripe's decline_code;
 * - 400 other than an idempotency clash → declined (the stored card or request is refused; retrying
 *   the same request gets the same answer);
 * - 401/403 (our key), 409/429 (retry), idempotency clash, 5xx, timeout, network → unavailable.
 * Logs and messages never hold the secret key.
 */
export class StripePaymentProvider extends PaymentProvider {
  readonly name = 'stripe';
  private readonly url: string;

  constructor(
    private readonly settings: StripeSettings,
    private readonly logger?: Logger,
  ) {
    super();
    this.url = `${settings.baseUrl.replace(/\/+$/, '')}/v1/payment_intents`;
  }

  async charge(request: PaymentChargeRequest): Promise<PaymentChargeResult> {
    const { customer, paymentMethod } = parseStripeToken(request.token);
    const amount = Math.round(request.amount * 100);
    const form = new URLSearchParams({
      amount: String(amount),
      currency: this.settings.currency,
      payment_method: paymentMethod,
      confirm: 'true',
      off_session: 'true',
      description: request.description,
      'metadata[payment_uid]': request.idempotencyKey,
    });
    if (customer) form.set('customer', customer);

    let res: Response;
    let body: unknown;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.settings.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
          'idempotency-key': request.idempotencyKey,
          accept: 'application/json',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      const raw = await res.text();
      body = raw ? JSON.parse(raw) : undefined;
    } catch (err) {
      const what = (err as Error).name === 'TimeoutError' ? `no answer within ${this.settings.timeoutMs} ms` : `unreachable or unreadable answer (${(err as Error).name})`;
      return this.unavailable(`Stripe: ${what}; outcome unknown, a retry reuses the idempotency key`);
    }
    const money = `${(amount / 100).toFixed(2)} ${this.settings.currency.toUpperCase()}`;

    if (res.ok) {
      const intent = (body ?? {}) as PaymentIntent;
      const reference = intent.id ?? '';
      if (typeof intent.id !== 'string' || typeof intent.status !== 'string') return this.unavailable(`Stripe answered ${res.status} without a PaymentIntent`);
      if (intent.status === 'succeeded') return { approved: true, reference, message: `Approved ${money} (Stripe ${reference})` };
      // Not settled either way (rare for cards): recording it declined could hide money taken.
      if (intent.status === 'processing') return this.unavailable(`Stripe ${reference} is processing; check its outcome in Stripe`);
      // requires_action: the bank wants the cardholder (3-D Secure), who is not present off session.
      const why = intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code;
      return { approved: false, reference, message: `Not approved: ${intent.status}${why ? ` (${why})` : ''} (Stripe ${reference})` };
    }

    const error = ((body as { error?: StripeError } | undefined)?.error ?? {}) as StripeError;
    const reference = error.payment_intent?.id ?? error.charge ?? '';
    const code = error.decline_code ?? error.code ?? error.type ?? 'error';
    if (res.status === 402 || error.type === 'card_error') {
      return { approved: false, reference, message: `Declined: ${code}${this.detail(error)}${reference ? ` (Stripe ${reference})` : ''}` };
    }
    if (res.status === 400 && error.type !== 'idempotency_error') {
      return { approved: false, reference, message: `Refused by Stripe: ${code}${this.detail(error)}` };
    }
    if (error.type === 'idempotency_error') {
      // The same payment was sent before with other parameters (the primary card changed between
      // a failed run and its retry): its first outcome must be checked in Stripe, not guessed.
      return this.unavailable(`Stripe ${res.status} idempotency_error: this payment was first sent with other parameters; check its outcome in Stripe`);
    }
    return this.unavailable(`Stripe ${res.status}${error.type ? ` ${error.type}` : ''}${error.code ? ` ${error.code}` : ''}`);
  }

  private unavailable(message: string): never {
    this.logger?.warn({ provider: 'stripe', reason: message }, 'payment not charged');
    throw new PaymentProviderUnavailableError(message);
  }

  /** Stripe's human message, bounded, without our key should it ever echo it. */
  private detail(error: StripeError): string {
    if (typeof error.message !== 'string' || !error.message) return '';
    return `: ${error.message.split(this.settings.secretKey).join('[redacted]').slice(0, 300)}`;
  }
}
