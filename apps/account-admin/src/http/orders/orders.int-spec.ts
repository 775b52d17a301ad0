import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';

describe('Account API orders and payments', () => {
  let api: AccountApiHarness;
  let clientA: number;
  let clientB: number;
  let accountA: number;
  let accountB: number;

  const one = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> => (await api.pool.query(sql, params)).rows[0] as T;

  beforeAll(async () => {
    api = await startAccountApi();
    const leadType = (await one<{ id: number }>(`INSERT INTO lead_types (name) VALUES ('Orders LT') RETURNING id`)).id;
    clientA = (await one<{ id: number }>(`INSERT INTO clients (name) VALUES ('Order Client A') RETURNING id`)).id;
    clientB = (await one<{ id: number }>(`INSERT INTO clients (name) VALUES ('Order Client B') RETURNING id`)).id;
    accountA = (await one<{ id: number }>(`INSERT INTO delivery_accounts (client_id, lead_type_id, name) VALUES ($1, $2, 'A main') RETURNING id`, [clientA, leadType])).id;
    accountB = (await one<{ id: number }>(`INSERT INTO delivery_accounts (client_id, lead_type_id, name) VALUES ($1, $2, 'B main') RETURNING id`, [clientB, leadType])).id;
  });
  afterAll(() => api?.close());

  const order = (over: Record<string, unknown> = {}) => ({
    ClientOrderUID: 0,
    ClientUID: clientA,
    StartDate: '2030-01-01T00:00:00.000Z',
    EndDate: '2030-12-31T23:59:59Z',
    Status: 'Open',
    Renewal: 'On_Qty_Fill',
    AutoCharge: true,
    Items: [
      { ClientOrderItemUID: 0, ClientAccountUID: accountA, Qty: 100, Price: 2500, ConstrainQuantity: true },
      { ClientOrderItemUID: 0, Qty: 50, Price: 1000.5, ConstrainQuantity: false },
    ],
    ...over,
  });
  const query = (body: Record<string, unknown>) => api.call('POST', '/v1/orders', { OrderUID: null, OrderStatusFilter: null, ClientUID: null, StartDate: null, Skip: 0, Take: 20, ...body });

  describe('create, list, modify', () => {
    let orderId: number;

    it('creates an order with 0 and answers its id as a bare JSON number', async () => {
      const res = await api.call('PUT', '/v1/orders', order());
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(typeof res.body).toBe('number');
      orderId = res.body;
      const row = await one(`SELECT client_id, status, renewal, auto_charge FROM orders WHERE id = $1`, [orderId]);
      expect(row).toEqual({ client_id: clientA, status: 'Open', renewal: 'On_Qty_Fill', auto_charge: true });
    });

    it('answers the order details in the seed shape, with totals summed over the items', async () => {
      const res = await query({ OrderUID: orderId });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ QueryTotal: 1, Count: 1, Skip: 0, Take: 20 });
      const [o] = res.body.Orders;
      expect(o).toEqual({
        ClientOrderUID: orderId,
        ClientUID: clientA,
        StartDate: '2030-01-01T00:00:00Z',
        EndDate: '2030-12-31T23:59:59Z',
        Qty: 150,
        SentQty: 0,
        PriceTotal: 3500.5,
        SentPriceTotal: 0,
        Status: 'Open',
        Renewal: 'On_Qty_Fill',
        AutoCharge: true,
        Items: [
          { ClientOrderItemUID: expect.any(Number), ClientAccountUID: accountA, Qty: 100, SentQty: 0, ConstrainQuantity: true, Price: 2500, SentPrice: 0 },
          { ClientOrderItemUID: expect.any(Number), ClientAccountUID: null, Qty: 50, SentQty: 0, ConstrainQuantity: false, Price: 1000.5, SentPrice: 0 },
        ],
      });
    });

    it('filters by client, status (each section numbered by its own list) and minimum start date, and pages', async () => {
      // Status 4 is Pending in the create list; OrderStatusFilter 0 is Pending in the query list.
      const pending = (await api.call('PUT', '/v1/orders', order({ Status: 4, StartDate: '2031-06-01T00:00:00Z', EndDate: null }))).body as number;
      const paused = (await api.call('PUT', '/v1/orders', order({ Status: 'paused', StartDate: '2029-01-01T00:00:00Z' }))).body as number;
      const other = (await api.call('PUT', '/v1/orders', order({ ClientUID: clientB, Items: [{ ClientOrderItemUID: 0, ClientAccountUID: accountB, Qty: null, Price: 300, ConstrainQuantity: true }] })))
        .body as number;

      const ofA = await query({ ClientUID: clientA });
      expect(ofA.body.QueryTotal).toBe(3);
      expect(ofA.body.Orders.map((o: { ClientOrderUID: number }) => o.ClientOrderUID)).toEqual([orderId, pending, paused]);

      // Other suites share the database: every query here is narrowed to this suite's client.
      const byNumber = await query({ ClientUID: clientA, OrderStatusFilter: 0 });
      expect(byNumber.body.Orders.map((o: { ClientOrderUID: number }) => o.ClientOrderUID)).toEqual([pending]);
      expect(byNumber.body.Orders[0]).toMatchObject({ Status: 'Pending', EndDate: null });
      expect((await query({ ClientUID: clientA, OrderStatusFilter: 'PAUSED' })).body.Orders.map((o: { ClientOrderUID: number }) => o.ClientOrderUID)).toEqual([paused]);

      const fromDate = await query({ ClientUID: clientA, StartDate: '2030-01-01T00:00:00Z' });
      expect(fromDate.body.Orders.map((o: { ClientOrderUID: number }) => o.ClientOrderUID)).toEqual([orderId, pending]);

      const page = await query({ ClientUID: clientA, Skip: 1, Take: 1 });
      expect(page.body).toMatchObject({ QueryTotal: 3, Count: 1, Skip: 1, Take: 1 });
      expect(page.body.Orders[0].ClientOrderUID).toBe(pending);

      const clamped = await query({ ClientUID: clientA, Take: 500 });
      expect(clamped.body.Take).toBe(100);
      expect(clamped.body.QueryTotal).toBe(3);

      const dollarBased = (await query({ OrderUID: other })).body.Orders[0];
      expect(dollarBased).toMatchObject({ Qty: null, PriceTotal: 300, Items: [{ Qty: null, ClientAccountUID: accountB }] });
    });

    it('modifies the order: kept items keep their delivered figures, new ones are added, left-out ones removed', async () => {
      const before = (await query({ OrderUID: orderId })).body.Orders[0];
      const [kept, dropped] = before.Items as { ClientOrderItemUID: number }[];
      await api.pool.query(`UPDATE order_items SET sent_qty = 7, sent_price = 175 WHERE id = $1`, [kept.ClientOrderItemUID]);

      const res = await api.call(
        'PUT',
        '/v1/orders',
        order({
          ClientOrderUID: orderId,
          Status: 'OnHold',
          Renewal: 'On_End',
          Items: [
            { ClientOrderItemUID: kept.ClientOrderItemUID, ClientAccountUID: 0, Qty: 120, Price: 3000, ConstrainQuantity: true },
            { ClientOrderItemUID: 0, Qty: 10, Price: 99.99, ConstrainQuantity: true },
          ],
        }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toBe(orderId);

      const after = (await query({ OrderUID: orderId })).body.Orders[0];
      expect(after).toMatchObject({ Status: 'OnHold', Renewal: 'On_End', Qty: 130, SentQty: 7, PriceTotal: 3099.99, SentPriceTotal: 175 });
      expect(after.Items[0]).toEqual({ ClientOrderItemUID: kept.ClientOrderItemUID, ClientAccountUID: null, Qty: 120, SentQty: 7, ConstrainQuantity: true, Price: 3000, SentPrice: 175 });
      expect(after.Items[1].ClientOrderItemUID).not.toBe(dropped.ClientOrderItemUID);
      expect((await api.pool.query(`SELECT 1 FROM order_items WHERE id = $1`, [dropped.ClientOrderItemUID])).rowCount).toBe(0);
    });

    it('records an order config change in the outbox for each write', async () => {
      const rows = (
        await api.pool.query(`SELECT envelope FROM outbox WHERE topic = 'accounts.config.changed.v1' AND envelope->'payload'->>'entity' = 'order' AND envelope->'payload'->>'entityId' = $1`, [
          String(orderId),
        ])
      ).rows;
      expect(rows.length).toBe(2);
      expect(rows[0].envelope.payload).toEqual({ entity: 'order', entityId: String(orderId), change: 'upserted' });
    });

    it('refuses an item id of another order with 404 and leaves the order unchanged', async () => {
      const other = (await api.call('PUT', '/v1/orders', order())).body as number;
      const foreignItem = (await query({ OrderUID: other })).body.Orders[0].Items[0].ClientOrderItemUID;
      const res = await api.call('PUT', '/v1/orders', order({ ClientOrderUID: orderId, Status: 'Closed', Items: [{ ClientOrderItemUID: foreignItem, Qty: 1, Price: 1, ConstrainQuantity: true }] }));
      expect(res.status).toBe(404);
      expect(res.body.Message).toBe(`order item ${foreignItem} of order ${orderId} not found`);
      expect((await query({ OrderUID: orderId })).body.Orders[0].Status).toBe('OnHold');
    });
  });

  describe('bad input', () => {
    it.each([
      ['an invalid Status', { Status: 'Done' }, 'Status'],
      ['an out-of-range Status number', { Status: 6 }, 'Status'],
      ['an invalid Renewal', { Renewal: 'Weekly' }, 'Renewal'],
      ['an unknown property', { Discount: 5 }, 'Discount'],
      ['EndDate before StartDate', { EndDate: '2029-01-01T00:00:00Z' }, 'EndDate'],
      ['an impossible date', { StartDate: '2030-02-30T00:00:00Z' }, 'StartDate'],
      ['a SQL string as date', { StartDate: "2030-01-01'; DROP TABLE orders; --" }, 'StartDate'],
      ['no items', { Items: [] }, 'Items'],
      ['an item without Qty', { Items: [{ ClientOrderItemUID: 0, Price: 1, ConstrainQuantity: true }] }, 'Items[0].Qty'],
      ['a price with fractions of cents', { Items: [{ ClientOrderItemUID: 0, Qty: 1, Price: 1.005, ConstrainQuantity: true }] }, 'Items[0].Price'],
      ['a string ClientUID', { ClientUID: '1 OR 1=1' }, 'ClientUID'],
      ['an id beyond int range', { ClientOrderUID: 3_000_000_000 }, 'ClientOrderUID'],
    ])('answers 400 naming the field for %s', async (_name, over, field) => {
      const res = await api.call('PUT', '/v1/orders', order(over));
      expect(res.status).toBe(400);
      expect(res.body.Errors.map((e: { Field: string }) => e.Field)).toContain(field);
    });

    it('refuses an invalid OrderStatusFilter with 400', async () => {
      const res = await query({ OrderStatusFilter: 9 });
      expect(res.status).toBe(400);
      expect(res.body.Errors[0].Field).toBe('OrderStatusFilter');
    });

    it.each([
      ['an unknown client', () => order({ ClientUID: 999_999 }), () => 'client 999999 not found'],
      ['an unknown order', () => order({ ClientOrderUID: 999_999 }), () => 'order 999999 not found'],
      [
        'a delivery account of another client',
        () => order({ Items: [{ ClientOrderItemUID: 0, ClientAccountUID: accountB, Qty: 1, Price: 1, ConstrainQuantity: true }] }),
        () => `delivery account ${accountB} of client ${clientA} not found`,
      ],
    ])('answers 404 for %s', async (_name, body, message) => {
      const res = await api.call('PUT', '/v1/orders', body());
      expect(res.status).toBe(404);
      expect(res.body.Message).toBe(message());
    });

    it('answers 404 for an unknown OrderUID or ClientUID filter', async () => {
      expect((await query({ OrderUID: 999_999 })).status).toBe(404);
      expect((await query({ ClientUID: 999_999 })).status).toBe(404);
    });
  });

  describe('payments', () => {
    const PAN = '4242424242424242';
    let orderId: number;

    beforeAll(async () => {
      orderId = (await api.call('PUT', '/v1/orders', order())).body as number;
    });

    it('logs a payment against an order, masking a card number pasted in the response text', async () => {
      const res = await api.call('PUT', '/v1/orders/billing/payments', {
        ClientUID: clientA,
        ClientOrderUID: orderId,
        CardTransUID: 0,
        Amount: 250.25,
        IsValid: true,
        Response: `wire received; card ${PAN} <b>${'${x}'}</b>`,
      });
      expect(res.status).toBe(200);
      const row = await one(`SELECT client_id, order_id, source, status, amount::float8 AS amount, is_valid, response FROM order_payments WHERE id = $1`, [res.body]);
      expect(row).toEqual({
        client_id: clientA,
        order_id: orderId,
        source: 'logged',
        status: 'logged',
        amount: 250.25,
        is_valid: true,
        response: 'wire received; card XXXXXXXXXXXX4242 <b>${x}</b>',
      });
    });

    it('refuses a payment for an order of another client, an unknown client or a bad amount', async () => {
      const base = { ClientUID: clientB, ClientOrderUID: orderId, CardTransID: 0, Amount: 1, IsValid: true, Response: '' };
      expect((await api.call('PUT', '/v1/orders/billing/payments', base)).status).toBe(404);
      expect((await api.call('PUT', '/v1/orders/billing/payments', { ...base, ClientUID: 999_999 })).status).toBe(404);
      const bad = await api.call('PUT', '/v1/orders/billing/payments', { ...base, ClientUID: clientA, Amount: 'ten' });
      expect(bad.status).toBe(400);
      expect(bad.body.Errors[0].Field).toBe('Amount');
    });

    it('refuses card numbers where a provider token belongs, and card fields outright', async () => {
      const path = `/v1/orders/${clientA}/billing/paymentmethods`;
      const pan = await api.call('PUT', path, { ClientPaymentMethodUID: 0, ProviderToken: PAN, IsPrimary: true });
      expect(pan.status).toBe(400);
      expect(pan.body.Errors[0].Field).toBe('ProviderToken');
      const cardField = await api.call('PUT', path, { ClientPaymentMethodUID: 0, ProviderToken: 'tok_local_visa', CardNumber: PAN, ExpDate: '12/30' });
      expect(cardField.status).toBe(400);
      expect(cardField.body.Errors.map((e: { Field: string }) => e.Field).sort()).toEqual(['CardNumber', 'ExpDate']);
      expect((await api.call('PUT', path, { ClientPaymentMethodUID: 0, ProviderToken: 'tok_x', CardLast4: '42424' })).status).toBe(400);
    });

    it('answers 404 when the client has no primary payment method', async () => {
      const res = await api.call('POST', `/v1/orders/${clientB}/billing/paymentmethods/run`, { Amount: 10 });
      expect(res.status).toBe(404);
      expect(res.body.Message).toBe(`primary payment method of client ${clientB} not found`);
    });

    it('runs an approved payment through the local provider and records the provider reference', async () => {
      const saved = await api.call('PUT', `/v1/orders/${clientA}/billing/paymentmethods`, { ClientPaymentMethodUID: 0, ProviderToken: 'tok_local_visa', CardBrand: 'Visa', CardLast4: '4242' });
      expect(saved.status).toBe(200);
      const methods = await api.call('GET', `/v1/orders/${clientA}/billing/paymentmethods`);
      expect(methods.body).toEqual([{ ClientPaymentMethodUID: saved.body, ClientUID: clientA, Provider: 'local', CardBrand: 'Visa', CardNumber: 'XXXXXXXXXXXX4242', IsPrimary: true }]);

      const res = await api.call('POST', `/v1/orders/${clientA}/billing/paymentmethods/run`, { Amount: 250 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ClientTranUID: expect.any(Number),
        ClientUID: clientA,
        IsValid: true,
        Response: 'Approved 250.00 USD (local test provider)',
        CardNumber: 'XXXXXXXXXXXX4242',
        ExpDate: 'XX/XX',
        Amount: 250,
        DateRan: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      });
      const row = await one<{ uid: string; status: string; provider_reference: string; source: string; payment_method_id: number }>(
        `SELECT uid, status, provider_reference, source, payment_method_id FROM order_payments WHERE id = $1`,
        [res.body.ClientTranUID],
      );
      expect(row).toMatchObject({ status: 'approved', source: 'run', payment_method_id: saved.body, provider_reference: `local_ch_${row.uid}` });
    });

    it('records a decline on the documented test amount (402.00) and on a decline token, answering IsValid false', async () => {
      const byAmount = await api.call('POST', `/v1/orders/${clientA}/billing/paymentmethods/run`, { Amount: 402 });
      expect(byAmount.status).toBe(200);
      expect(byAmount.body).toMatchObject({ IsValid: false, Response: expect.stringMatching(/insufficient_funds/) });
      expect((await one(`SELECT status, is_valid FROM order_payments WHERE id = $1`, [byAmount.body.ClientTranUID])).status).toBe('declined');

      await api.call('PUT', `/v1/orders/${clientA}/billing/paymentmethods`, { ClientPaymentMethodUID: 0, ProviderToken: 'tok_local_decline_visa', CardLast4: '0002', IsPrimary: true });
      const byToken = await api.call('POST', `/v1/orders/${clientA}/billing/paymentmethods/run`, { Amount: 10 });
      expect(byToken.body).toMatchObject({ IsValid: false, CardNumber: 'XXXXXXXXXXXX0002', Response: expect.stringMatching(/card_declined/) });
      expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM client_payment_methods WHERE client_id = $1 AND is_primary`, [clientA])).n).toBe(1);
    });

    it('keeps a modified method\'s role when IsPrimary is absent, and moves primary when it is sent', async () => {
      const path = `/v1/orders/${clientA}/billing/paymentmethods`;
      const primaryOf = async () => ((await api.call('GET', path)).body as { ClientPaymentMethodUID: number; IsPrimary: boolean }[]).filter((x) => x.IsPrimary).map((x) => x.ClientPaymentMethodUID);
      const [declining] = await primaryOf();
      const visa = ((await api.call('GET', path)).body as { ClientPaymentMethodUID: number; CardNumber: string }[]).find((x) => x.CardNumber.endsWith('4242'))!.ClientPaymentMethodUID;
      expect((await api.call('PUT', path, { ClientPaymentMethodUID: visa, ProviderToken: 'tok_local_visa2', CardLast4: '4242' })).status).toBe(200);
      expect(await primaryOf()).toEqual([declining]);
      expect((await api.call('PUT', path, { ClientPaymentMethodUID: visa, ProviderToken: 'tok_local_visa2', CardLast4: '4242', IsPrimary: true })).status).toBe(200);
      expect(await primaryOf()).toEqual([visa]);
      expect((await api.call('PUT', path, { ClientPaymentMethodUID: 999_999, ProviderToken: 'tok_x' })).status).toBe(404);
    });

    it('answers 503 when the provider is down, and a retry with the same Idempotency-Key charges the same payment once it is back', async () => {
      const saved = (await api.call('PUT', `/v1/orders/${clientB}/billing/paymentmethods`, { ClientPaymentMethodUID: 0, ProviderToken: 'tok_local_unavailable' })).body as number;
      const headers = { 'idempotency-key': 'retry-1' };
      const down = await api.call('POST', `/v1/orders/${clientB}/billing/paymentmethods/run`, { Amount: 20 }, { headers });
      expect(down.status).toBe(503);
      const failed = await one<{ id: number; status: string }>(`SELECT id, status FROM order_payments WHERE client_id = $1 AND idempotency_key = 'retry-1'`, [clientB]);
      expect(failed.status).toBe('error');

      await api.call('PUT', `/v1/orders/${clientB}/billing/paymentmethods`, { ClientPaymentMethodUID: saved, ProviderToken: 'tok_local_mastercard', CardLast4: '4444', IsPrimary: true });
      const retried = await api.call('POST', `/v1/orders/${clientB}/billing/paymentmethods/run`, { Amount: 20 }, { headers });
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ ClientTranUID: failed.id, IsValid: true });
      const again = await api.call('POST', `/v1/orders/${clientB}/billing/paymentmethods/run`, { Amount: 20 }, { headers });
      expect(again.body).toEqual(retried.body);
      expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM order_payments WHERE client_id = $1 AND idempotency_key = 'retry-1'`, [clientB])).n).toBe(1);
      const otherAmount = await api.call('POST', `/v1/orders/${clientB}/billing/paymentmethods/run`, { Amount: 21 }, { headers });
      expect(otherAmount.status).toBe(409);
    });

    it('refuses a non-positive amount, an unknown client and a bad path id', async () => {
      expect((await api.call('POST', `/v1/orders/${clientA}/billing/paymentmethods/run`, { Amount: 0 })).status).toBe(400);
      expect((await api.call('POST', `/v1/orders/999999/billing/paymentmethods/run`, { Amount: 1 })).status).toBe(404);
      const bad = await api.call('POST', `/v1/orders/abc/billing/paymentmethods/run`, { Amount: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.Errors[0].Field).toBe('ClientUID');
      expect((await api.call('POST', `/v1/orders/99999999999/billing/paymentmethods/run`, { Amount: 1 })).status).toBe(404);
    });

    it('never stores a card number: no table of the area holds a 12–19 digit run', async () => {
      // This suite's rows only: other suites (e.g. the Stripe one) write these tables concurrently.
      const ours = `client_id = ANY($1::int[])`;
      const tables: Record<string, string> = {
        orders: ours,
        order_items: `order_id IN (SELECT id FROM orders WHERE ${ours})`,
        order_payments: ours,
        client_payment_methods: ours,
      };
      for (const [table, where] of Object.entries(tables)) {
        const { rows } = await api.pool.query(`SELECT row_to_json(t)::text AS row FROM ${table} t WHERE ${where}`, [[clientA, clientB]]);
        expect(rows.length).toBeGreaterThan(0);
        for (const { row } of rows as { row: string }[]) {
          // Timestamps and uuids are digit runs too: blank them before looking for card numbers.
          const text = row.replace(/"\d{4}-\d{2}-\d{2}T[^"]*"/g, '""').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '');
          expect({ table, row, pan: /(?<!\d)\d(?:[ -]?\d){11,18}(?!\d)/.test(text) }).toMatchObject({ pan: false });
        }
      }
      const outbox = await api.pool.query(`SELECT 1 FROM outbox WHERE envelope::text LIKE $1`, [`%${PAN}%`]);
      expect(outbox.rowCount).toBe(0);
    });
  });
});
