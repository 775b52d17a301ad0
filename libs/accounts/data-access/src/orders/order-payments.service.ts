import { DataSource, EntityManager } from 'typeorm';
import { looksLikeCardNumber, MASKED_CARD_EXP_DATE, maskedCardNumber, OrderRefusal, redactCardNumbers, seedDateTime } from '@leadx/accounts-domain';
import { ConfigChanges } from '../config-changes';
import { PaymentProvider, PaymentProviderUnavailableError } from './payment-provider';

/** PUT /v1/orders/billing/payments: a payment received outside the platform. */
export interface LoggedPaymentInput {
  ClientUID: number;
  /** 0: not linked to an order. */
  ClientOrderUID: number;
  Amount: number;
  IsValid: boolean;
  Response: string;
}

/** Extension: a client's card as the provider tokenised it. ClientPaymentMethodUID 0 creates. */
export interface PaymentMethodInput {
  ClientPaymentMethodUID: number;
  ProviderToken: string;
  CardBrand?: string;
  CardLast4?: string;
  IsPrimary?: boolean;
}

export interface PaymentMethodView {
  ClientPaymentMethodUID: number;
  ClientUID: number;
  Provider: string;
  CardBrand: string;
  CardNumber: string;
  IsPrimary: boolean;
}

/** Seed 003 "Run Payment" answer. */
export interface PaymentRunView {
  ClientTranUID: number;
  ClientUID: number;
  IsValid: boolean;
  Response: string;
  CardNumber: string;
  ExpDate: string;
  Amount: number;
  DateRan: string;
}

interface PaymentRow {
  id: number;
  uid: string;
  client_id: number;
  status: string;
  amount: number;
  is_valid: boolean;
  response: string;
  card_last4: string | null;
  payment_method_id: number | null;
  ran_at: Date;
  stale: boolean;
}

const PAYMENT_COLUMNS = `id, uid, client_id, status, amount::float8 AS amount, is_valid, response, card_last4, payment_method_id, ran_at,
  ran_at < now() - interval '2 minutes' AS stale`;

/**
 * Order payments: logged ones and ones run through the PaymentProvider against the client's
 * primary payment method. Only provider tokens and last-four digits are stored.
 */
export class OrderPaymentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
    private readonly provider: PaymentProvider,
  ) {}

  /** Logs a payment (no money moves); answers its ClientTranUID. */
  async log(input: LoggedPaymentInput): Promise<number> {
    return this.ds.transaction(async (m) => {
      await requireClient(m, input.ClientUID);
      const orderId = input.ClientOrderUID || null;
      if (orderId !== null) {
        const [order] = await m.query(`SELECT client_id FROM orders WHERE id = $1`, [orderId]);
        if (!order || order.client_id !== input.ClientUID) throw OrderRefusal.notFound('order', `${orderId} of client ${input.ClientUID}`);
      }
      const [row] = await m.query(
        `INSERT INTO order_payments (client_id, order_id, source, status, amount, is_valid, response) VALUES ($1, $2, 'logged', 'logged', $3, $4, $5) RETURNING id`,
        [input.ClientUID, orderId, input.Amount, input.IsValid, redactCardNumbers(input.Response)],
      );
      return row.id as number;
    });
  }

  /**
   * Creates or modifies a payment method. IsPrimary true makes it the one Run Payment charges (the
   * others stop being primary); absent, a client's first method becomes primary.
   */
  async savePaymentMethod(clientId: number, input: PaymentMethodInput): Promise<number> {
    if (looksLikeCardNumber(input.ProviderToken)) {
      throw new OrderRefusal('invalid', 'ProviderToken looks like a card number: send the token your payment provider issued, never the card', 'ProviderToken');
    }
    return this.ds.transaction(async (m) => {
      // Serialises a client's payment-method writes so "one primary" cannot race.
      await requireClient(m, clientId, 'FOR NO KEY UPDATE');
      let id = input.ClientPaymentMethodUID;
      const methods: { id: number; is_primary: boolean }[] = await m.query(`SELECT id, is_primary FROM client_payment_methods WHERE client_id = $1`, [clientId]);
      const current = methods.find((x) => x.id === id);
      if (id !== 0 && !current) throw OrderRefusal.notFound('payment method', `${id} of client ${clientId}`);
      // IsPrimary absent: a modified method keeps its role; a new one is primary when it is the first.
      const primary = input.IsPrimary ?? (current ? current.is_primary : methods.length === 0);
      if (primary) await m.query(`UPDATE client_payment_methods SET is_primary = false, updated_at = now() WHERE client_id = $1 AND is_primary AND id <> $2`, [clientId, id]);
      const values = [clientId, this.provider.name, input.ProviderToken, input.CardBrand || null, input.CardLast4 || null, primary];
      if (id === 0) {
        const [row] = await m.query(
          `INSERT INTO client_payment_methods (client_id, provider, provider_token, card_brand, card_last4, is_primary) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          values,
        );
        id = row.id;
      } else {
        await m.query(
          `UPDATE client_payment_methods SET provider = $2, provider_token = $3, card_brand = $4, card_last4 = $5, is_primary = $6, updated_at = now() WHERE client_id = $1 AND id = $7`,
          [...values, id],
        );
      }
      // Billing settings belong to the client record; services caching clients refresh it.
      await this.changes.record(m, 'client', clientId);
      return id;
    });
  }

  async paymentMethods(clientId: number): Promise<PaymentMethodView[]> {
    await requireClient(this.ds.manager, clientId);
    const rows: { id: number; provider: string; card_brand: string | null; card_last4: string | null; is_primary: boolean }[] = await this.ds.query(
      `SELECT id, provider, card_brand, card_last4, is_primary FROM client_payment_methods WHERE client_id = $1 ORDER BY id`,
      [clientId],
    );
    return rows.map((r) => ({
      ClientPaymentMethodUID: r.id,
      ClientUID: clientId,
      Provider: r.provider,
      CardBrand: r.card_brand ?? '',
      CardNumber: maskedCardNumber(r.card_last4),
      IsPrimary: r.is_primary,
    }));
  }

  /**
   * Charges the client's primary payment method. The payment row is written (pending) before the
   * provider is called, with its uid as the provider's idempotency key, so a crash or an outage
   * leaves a trace and a retry cannot charge twice. With an Idempotency-Key, a repeated run answers
   * the first one's result; a failed (error) or abandoned (pending > 2 min) one is charged again,
   * on the client's current primary method, under the same provider key.
   */
  async run(clientId: number, amount: number, idempotencyKey?: string): Promise<PaymentRunView> {
    const claim = await this.ds.transaction((m) => this.claim(m, clientId, amount, idempotencyKey));
    if (!claim.charge) return runView(claim.row);
    const { row, charge } = claim;
    let outcome: { status: 'approved' | 'declined'; response: string; reference: string };
    try {
      const result = await this.provider.charge({ token: charge.token, amount: row.amount, currency: 'USD', idempotencyKey: row.uid, description: `client ${clientId} payment ${row.id}` });
      outcome = { status: result.approved ? 'approved' : 'declined', response: redactCardNumbers(result.message), reference: result.reference };
    } catch (err) {
      await this.finish(row.id, { status: 'error', response: `payment provider failed: ${(err as Error).message}`, reference: null }, charge.last4);
      if (err instanceof PaymentProviderUnavailableError) throw new OrderRefusal('unavailable', 'the payment provider is unavailable; retry the payment');
      throw err;
    }
    return runView(await this.finish(row.id, outcome, charge.last4));
  }

  /**
   * The payment row to charge (new, or an earlier run with this key claimed again) with the card to
   * charge, or an earlier run's row to answer as is.
   */
  private async claim(m: EntityManager, clientId: number, amount: number, key: string | undefined): Promise<{ row: PaymentRow; charge?: { token: string; last4: string | null } }> {
    await requireClient(m, clientId);
    const [method] = await m.query(`SELECT id, provider_token, card_last4 FROM client_payment_methods WHERE client_id = $1 AND is_primary`, [clientId]);
    if (!method) throw OrderRefusal.notFound('primary payment method of client', clientId);
    const charge = { token: method.provider_token as string, last4: method.card_last4 as string | null };
    const [inserted]: PaymentRow[] = await m.query(
      `INSERT INTO order_payments (client_id, source, status, amount, is_valid, payment_method_id, provider, card_last4, idempotency_key)
       VALUES ($1, 'run', 'pending', $2, false, $3, $4, $5, $6)
       ON CONFLICT (client_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING ${PAYMENT_COLUMNS}`,
      [clientId, amount, method.id, this.provider.name, method.card_last4, key ?? null],
    );
    if (inserted) return { row: inserted, charge };

    // The key was used before (only a keyed run can conflict).
    const [earlier]: PaymentRow[] = await m.query(`SELECT ${PAYMENT_COLUMNS} FROM order_payments WHERE client_id = $1 AND idempotency_key = $2 FOR UPDATE`, [clientId, key]);
    if (Math.round(earlier.amount * 100) !== Math.round(amount * 100)) {
      throw new OrderRefusal('conflict', `Idempotency-Key ${key} was used for a run of another amount (${earlier.amount.toFixed(2)})`);
    }
    const retry = earlier.status === 'error' || (earlier.status === 'pending' && earlier.stale);
    if (!retry && earlier.status === 'pending') throw new OrderRefusal('conflict', `a run with Idempotency-Key ${key} is in progress; retry later`);
    if (!retry) return { row: earlier };
    // Charged again under the same provider key (its uid): a provider that got the first call charges once.
    const [again]: PaymentRow[] = await m.query(
      `WITH u AS (UPDATE order_payments SET status = 'pending', payment_method_id = $2, ran_at = now() WHERE id = $1 RETURNING *)
       SELECT ${PAYMENT_COLUMNS} FROM u`,
      [earlier.id, method.id],
    );
    return { row: again, charge };
  }

  private async finish(id: number, outcome: { status: string; response: string; reference: string | null }, last4: string | null): Promise<PaymentRow> {
    const [row]: PaymentRow[] = await this.ds.query(
      `WITH u AS (
         UPDATE order_payments SET status = $2, is_valid = ($2 = 'approved'), response = $3, provider_reference = $4, card_last4 = $5, ran_at = now()
         WHERE id = $1 RETURNING *)
       SELECT ${PAYMENT_COLUMNS} FROM u`,
      [id, outcome.status, outcome.response, outcome.reference, last4],
    );
    return row;
  }
}

async function requireClient(m: EntityManager, clientId: number, lock = ''): Promise<void> {
  const rows = await m.query(`SELECT id FROM clients WHERE id = $1 ${lock}`, [clientId]);
  if (rows.length === 0) throw OrderRefusal.notFound('client', clientId);
}

function runView(row: PaymentRow): PaymentRunView {
  return {
    ClientTranUID: row.id,
    ClientUID: row.client_id,
    IsValid: row.is_valid,
    Response: row.response,
    CardNumber: maskedCardNumber(row.card_last4),
    ExpDate: MASKED_CARD_EXP_DATE,
    Amount: row.amount,
    DateRan: seedDateTime(row.ran_at),
  };
}
