import pino from 'pino';
import { PaymentProviderUnavailableError, StripePaymentProvider } from '@leadx/accounts-data-access';
import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';
import { FakeStripe } from '../../../test/fake-stripe';

const SECRET_KEY = 'sk_test_51LeadxSecretKeyNeverLogged';
const TIMEOUT_MS = 400;

describe('Run Payment through Stripe (PAYMENT_PROVIDER=stripe, a local Stripe protocol server)', () => {
  let stripe: FakeStripe;
  let api: AccountApiHarness;
  let client: number;

  const one = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> => (await api.pool.query(sql, params)).rows[0] as T;

  beforeAll(async () => {
    stripe = await new FakeStripe(SECRET_KEY).start();
    api = await startAccountApi({
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: SECRET_KEY,
      STRIPE_BASE_URL: stripe.url,
      PAYMENT_PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS),
    });
  });
  afterAll(async () => {
    await api?.close();
    await stripe?.close();
  });
  beforeEach(async () => {
    stripe.secretKey = SECRET_KEY;
    stripe.requests.length = 0;
    client = (await one<{ id: number }>(`INSERT INTO clients (name) VALUES ('Stripe client') RETURNING id`)).id;
  });

  const useCard = async (token: string, last4 = '4242') => {
    const saved = await api.call('PUT', `/v1/orders/${client}/billing/paymentmethods`, { ClientPaymentMethodUID: 0, ProviderToken: token, CardBrand: 'Visa', CardLast4: last4, IsPrimary: true });
    expect(saved.status).toBe(200);
    return saved.body as number;
  };
  const run = (amount: number, key?: string) =>
    api.call('POST', `/v1/orders/${client}/billing/paymentmethods/run`, { Amount: amount }, key ? { headers: { 'idempotency-key': key } } : {});
  const payment = (id: number) =>
    one<{ uid: string; status: string; is_valid: boolean; provider: string; provider_reference: string | null; response: string }>(
      `SELECT uid, status, is_valid, provider, provider_reference, response FROM order_payments WHERE id = $1`,
      [id],
    );
  const unavailable = { StatusCode: 503, Error: 'Service Unavailable', Message: 'the payment provider is unavailable; retry the payment' };

  it('confirms an off-session PaymentIntent with the Bearer key and the payment as Idempotency-Key, and records it approved', async () => {
    await useCard('pm_card_visa');
    const res = await run(12.34, 'stripe-ok-1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ClientUID: client, IsValid: true, Amount: 12.34, CardNumber: 'XXXXXXXXXXXX4242', Response: expect.stringMatching(/^Approved 12\.34 USD \(Stripe pi_[0-9a-f]+\)$/) });

    const row = await payment(res.body.ClientTranUID);
    expect(stripe.requests).toHaveLength(1);
    const [request] = stripe.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/payment_intents',
      authorization: `Bearer ${SECRET_KEY}`,
      contentType: 'application/x-www-form-urlencoded',
      idempotencyKey: row.uid,
    });
    expect(request.form).toEqual({
      amount: '1234',
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: 'true',
      off_session: 'true',
      description: `client ${client} payment ${res.body.ClientTranUID}`,
      'metadata[payment_uid]': row.uid,
    });
    expect(row).toMatchObject({ status: 'approved', is_valid: true, provider: 'stripe', provider_reference: stripe.created.at(-1)?.id });
    expect((await api.call('GET', `/v1/orders/${client}/billing/paymentmethods`)).body).toEqual([expect.objectContaining({ Provider: 'stripe' })]);

    // The caller's key answers the first result without calling Stripe again.
    const again = await run(12.34, 'stripe-ok-1');
    expect(again.body).toEqual(res.body);
    expect(stripe.requests).toHaveLength(1);
  });

  it('sends the customer of a cus_…/pm_… token', async () => {
    await useCard('cus_Q1w2E3r4/pm_card_visa');
    const res = await run(5);
    expect(res.body.IsValid).toBe(true);
    expect(stripe.requests[0].form).toMatchObject({ customer: 'cus_Q1w2E3r4', payment_method: 'pm_card_visa', amount: '500' });
  });

  it('answers a decline (402 card_declined) and a requires_action as IsValid false, recorded declined', async () => {
    await useCard('pm_card_chargeDeclinedInsufficientFunds', '9995');
    const declined = await run(250);
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      IsValid: false,
      CardNumber: 'XXXXXXXXXXXX9995',
      Response: expect.stringMatching(/^Declined: insufficient_funds: Your card has insufficient funds\. \(Stripe pi_[0-9a-f]+\)$/),
    });
    expect(await payment(declined.body.ClientTranUID)).toMatchObject({ status: 'declined', is_valid: false, provider_reference: stripe.created.at(-1)?.id });

    await useCard('pm_card_threeDSecureRequired', '3184');
    const action = await run(250);
    expect(action.status).toBe(200);
    expect(action.body).toMatchObject({ IsValid: false, Response: expect.stringMatching(/^Not approved: requires_action \(Stripe pi_[0-9a-f]+\)$/) });

    await useCard('pm_gone');
    const missing = await run(1);
    expect(missing.body).toMatchObject({ IsValid: false, Response: "Refused by Stripe: resource_missing: No such PaymentMethod: 'pm_gone'" });
  });

  it('answers the unavailable 503 on a Stripe 5xx, a refused key or a processing intent, recording the error without the key', async () => {
    await useCard('pm_card_serverError');
    const down = await run(30, 'stripe-500');
    expect(down.status).toBe(503);
    expect(down.body).toEqual(unavailable);
    const failed = await one<{ id: number; status: string; response: string }>(`SELECT id, status, response FROM order_payments WHERE client_id = $1 AND idempotency_key = 'stripe-500'`, [client]);
    expect(failed).toMatchObject({ status: 'error', response: 'payment provider failed: Stripe 500 api_error' });

    // Stripe replays a key's first answer, 500 included; a retry on another card under the same key
    // clashes (idempotency_error) and stays an error to check in Stripe, never a guess.
    const replayed = await run(30, 'stripe-500');
    expect(replayed.status).toBe(503);
    await useCard('pm_card_visa');
    const clash = await run(30, 'stripe-500');
    expect(clash.status).toBe(503);
    expect((await payment(failed.id)).response).toMatch(/idempotency_error: this payment was first sent with other parameters; check its outcome in Stripe/);
    expect(stripe.created).not.toContainEqual(expect.objectContaining({ amount: 3000 }));

    stripe.secretKey = 'sk_test_rotated';
    const refused = await run(31);
    expect(refused.status).toBe(503);
    const row = await one<{ response: string }>(`SELECT response FROM order_payments WHERE id = (SELECT max(id) FROM order_payments WHERE client_id = $1)`, [client]);
    expect(row.response).toBe('payment provider failed: Stripe 401 invalid_request_error');
    const all = await api.pool.query(`SELECT response FROM order_payments WHERE client_id = $1`, [client]);
    for (const r of all.rows as { response: string }[]) expect(r.response).not.toContain('LeadxSecretKey');

    // Not settled either way: an error to check, never a decline that could hide money taken.
    stripe.secretKey = SECRET_KEY;
    await useCard('pm_card_processing');
    const processing = await run(32, 'stripe-processing');
    expect(processing.status).toBe(503);
    const pending = await one<{ status: string; response: string }>(`SELECT status, response FROM order_payments WHERE client_id = $1 AND idempotency_key = 'stripe-processing'`, [client]);
    expect(pending).toEqual({ status: 'error', response: expect.stringMatching(/^payment provider failed: Stripe pi_[0-9a-f]+ is processing; check its outcome in Stripe$/) });
  });

  it('answers 503 when Stripe does not answer in time, and a retry with the same Idempotency-Key gets the charge Stripe made, once', async () => {
    await useCard('pm_card_slow');
    const started = Date.now();
    const slow = await run(42, 'stripe-slow');
    expect(slow.status).toBe(503);
    expect(slow.body).toEqual(unavailable);
    expect(Date.now() - started).toBeLessThan(stripe.slowMs);
    const failed = await one<{ id: number; uid: string; status: string; response: string }>(
      `SELECT id, uid, status, response FROM order_payments WHERE client_id = $1 AND idempotency_key = 'stripe-slow'`,
      [client],
    );
    expect(failed).toMatchObject({ status: 'error', response: expect.stringMatching(/Stripe: no answer within 400 ms/) });

    const retried = await run(42, 'stripe-slow');
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ ClientTranUID: failed.id, IsValid: true });
    expect(stripe.requests.map((r) => r.idempotencyKey)).toEqual([failed.uid, failed.uid]);
    expect(stripe.created.filter((pi) => pi.amount === 4200)).toHaveLength(1);
    expect(await payment(failed.id)).toMatchObject({ status: 'approved', provider_reference: stripe.created.filter((pi) => pi.amount === 4200)[0].id });
  });

  it('never logs the secret key', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const provider = new StripePaymentProvider({ secretKey: SECRET_KEY, baseUrl: stripe.url, currency: 'eur', timeoutMs: TIMEOUT_MS }, logger);
    const charge = (token: string) => provider.charge({ token, amount: 9.99, currency: 'USD', idempotencyKey: `log-${token}-${Date.now()}`, description: 'log test' });

    expect(await charge('pm_card_visa')).toMatchObject({ approved: true, message: expect.stringMatching(/^Approved 9\.99 EUR/) });
    expect(stripe.requests.at(-1)?.form).toMatchObject({ currency: 'eur', amount: '999' });
    await expect(charge('pm_card_serverError')).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
    await expect(charge('pm_card_slow')).rejects.toThrow(/no answer within 400 ms/);
    stripe.secretKey = 'sk_test_other';
    await expect(charge('pm_card_visa')).rejects.toThrow(/Stripe 401/);

    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toContain('LeadxSecretKey');
  });
});
