/** One charge against a card the provider holds (identified by its token, never by card number). */
export interface PaymentChargeRequest {
  token: string;
  /** Dollars, at most two decimals. */
  amount: number;
  currency: 'USD';
  /** Unique per payment row: a provider that sees it twice charges once. */
  idempotencyKey: string;
  description: string;
}

export interface PaymentChargeResult {
  approved: boolean;
  /** The provider's transaction reference. */
  reference: string;
  /** The provider's answer, as the seed's Response field shows it. */
  message: string;
}

/** The provider could not be reached or failed: the charge may be retried with the same key. */
export class PaymentProviderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentProviderUnavailableError';
  }
}

/**
 * A card payment provider (Stripe, Authorize.Net …). Cards are tokenised on the provider's side;
 * this platform keeps only the token, so no card number ever reaches it. Abstract class rather
 * than interface so it doubles as the Nest injection token.
 */
export abstract class PaymentProvider {
  abstract readonly name: string;
  /** Declines resolve (approved: false); outages reject with PaymentProviderUnavailableError. */
  abstract charge(request: PaymentChargeRequest): Promise<PaymentChargeResult>;
}
