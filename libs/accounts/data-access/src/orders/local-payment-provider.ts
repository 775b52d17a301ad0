import { PaymentChargeRequest, PaymentChargeResult, PaymentProvider, PaymentProviderUnavailableError } from './payment-provider';

/**
 * The provider of development and tests: no network, deterministic answers.
 * - token starting with `tok_local_decline` → declined (card_declined);
 * - amount exactly 402.00 → declined (insufficient_funds), whatever the token;
 * - token `tok_local_unavailable` → PaymentProviderUnavailableError (an outage);
 * - anything else → approved.
 * The reference is derived from the idempotency key, so a retried charge answers the same one.
 */
export class LocalPaymentProvider extends PaymentProvider {
  static readonly DECLINE_TOKEN_PREFIX = 'tok_local_decline';
  static readonly DECLINE_AMOUNT = 402;
  static readonly UNAVAILABLE_TOKEN = 'tok_local_unavailable';

  readonly name = 'local';

  async charge(request: PaymentChargeRequest): Promise<PaymentChargeResult> {
    if (request.token === LocalPaymentProvider.UNAVAILABLE_TOKEN) throw new PaymentProviderUnavailableError('local payment provider: simulated outage');
    const reference = `local_ch_${request.idempotencyKey}`;
    if (request.token.startsWith(LocalPaymentProvider.DECLINE_TOKEN_PREFIX)) {
      return { approved: false, reference, message: 'Declined: card_declined (local test provider)' };
    }
    if (Math.round(request.amount * 100) === LocalPaymentProvider.DECLINE_AMOUNT * 100) {
      return { approved: false, reference, message: 'Declined: insufficient_funds (local test provider)' };
    }
    return { approved: true, reference, message: `Approved ${request.amount.toFixed(2)} ${request.currency} (local test provider)` };
  }
}
