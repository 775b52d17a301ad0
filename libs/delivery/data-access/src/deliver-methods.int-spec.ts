import { randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { DeliveryRequestedV1, EventEnvelope } from '@leadx/contracts';
import { DemoCatalog, seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { EventContext, Outbox } from '@leadx/platform-messaging';
import { insertTestLead, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { DeliverLeadService } from './deliver-lead.service';

interface Hit {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A buyer whose answer depends on the path: /ok, /no, /fail (503), /slow, /xml, /price. */
async function startBuyer(): Promise<{ url: string; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      hits.push({ method: req.method ?? '', path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const route = path.split('?')[0];
      if (route === '/fail') return void res.writeHead(503).end('busy');
      if (route === '/no') return void res.writeHead(200).end('<result>Rejected</result>');
      if (route === '/slow') return void setTimeout(() => res.writeHead(200).end('success'), 800);
      if (route === '/price') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"Accepted-77","price":"14.25","redirect_url":"https://buyer.example/thanks"}');
      res.writeHead(200).end('<result>Success</result>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface SettingSpec {
  fieldType: string;
  fieldName: string;
  value?: string;
  leadField?: string;
  format?: string;
  expr?: string;
  mappings?: Array<[string, string]>;
}

interface MethodSpec {
  type: string;
  address?: string;
  template?: string;
  responseSearch?: string;
  useRegex?: boolean;
  enabled?: boolean;
  inTesting?: boolean;
  settings?: SettingSpec[];
}

/** HTTP delivery methods read from the delivery_methods tables, against a real local buyer. */
describe('DeliverLeadService with delivery methods', () => {
  let ds: DataSource;
  let buyer: Awaited<ReturnType<typeof startBuyer>>;
  let catalog: DemoCatalog;
  const service = `delivery-methods-test-${uniqueSuffix()}`;
  let delivery: DeliverLeadService;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4 })).initialize();
    buyer = await startBuyer();
    catalog = await seedDemoCatalog(ds, { buyerUrl: buyer.url, name: service });
    delivery = new DeliverLeadService(ds, new Outbox(service), { timeoutMs: 2_000, allowPrivate: true, retryBaseMs: 20, maxAttempts: 3 });
  });
  afterAll(async () => {
    await buyer.close();
    await ds.destroy();
  });

  async function method(spec: MethodSpec): Promise<number> {
    const [m] = (await ds.query(
      `INSERT INTO delivery_methods (client_id, lead_type_id, type, name, enabled, in_testing, template, response_search, use_regex, delivery_address)
       VALUES ($1, $2, $3, 'm', $4, $5, $6, $7, $8, $9) RETURNING id`,
      [catalog.clientId, catalog.leadTypeId, spec.type, spec.enabled ?? true, spec.inTesting ?? false, spec.template ?? '', spec.responseSearch ?? '',
       spec.useRegex ?? false, spec.address ?? ''],
    )) as Array<{ id: number }>;
    for (const s of spec.settings ?? []) {
      const [row] = (await ds.query(
        `INSERT INTO delivery_method_settings (delivery_method_id, field_type, field_name, value, lead_field_id, format, expr, has_map)
         VALUES ($1, $2, $3, $4, (SELECT id FROM lead_type_fields WHERE lead_type_id = $5 AND name = $6), $7, $8, $9) RETURNING id`,
        [m.id, s.fieldType, s.fieldName, s.value ?? '', catalog.leadTypeId, s.leadField ?? null, s.format ?? '', s.expr ?? '', !!s.mappings?.length],
      )) as Array<{ id: number }>;
      for (const [fieldValue, deliveryValue] of s.mappings ?? []) {
        await ds.query(`INSERT INTO delivery_method_mappings (setting_id, field_value, delivery_value) VALUES ($1, $2, $3)`, [row.id, fieldValue, deliveryValue]);
      }
    }
    return m.id;
  }

  async function account(primary: MethodSpec, alternate?: MethodSpec): Promise<number> {
    const primaryId = await method(primary);
    const alternateId = alternate ? await method(alternate) : null;
    const [a] = (await ds.query(
      `INSERT INTO delivery_accounts (client_id, lead_type_id, name, price, delivery_method, delivery_method_id, alternate_delivery_method_id)
       VALUES ($1, $2, 'acct', 20, $3, $4, $5) RETURNING id`,
      [catalog.clientId, catalog.leadTypeId, JSON.stringify({ type: 'JSON', url: primary.address ?? '' }), primaryId, alternateId],
    )) as Array<{ id: number }>;
    return a.id;
  }

  const DEFAULT_LEAD = { FirstName: 'Ada', LastName: 'Lovelace', State: 'TX', PrimaryPhone: '5125550100' };

  async function deliver(accountId: number, fields: Record<string, string> = DEFAULT_LEAD, svc: DeliverLeadService = delivery) {
    const lead = await insertTestLead(ds, catalog, fields);
    const [a] = (await ds.query(`INSERT INTO delivery_assignments (lead_id, delivery_account_id, price) VALUES ($1, $2, 20) RETURNING id::int AS id`, [
      lead.id, accountId,
    ])) as Array<{ id: number }>;
    const req = DeliveryRequestedV1.of({ leadId: lead.id, leadUid: lead.uid, deliveryAccountId: accountId, clientId: catalog.clientId, assignmentId: a.id, price: 20 });
    await ds.transaction((manager) => {
      const envelope = { eventId: randomUUID(), correlationId: randomUUID() } as EventEnvelope;
      return svc.onRequested(req, { envelope, manager, topic: 'distribution.delivery.requested.v1', partition: 0, offset: '0' } as EventContext);
    });
    const [send] = (await ds.query(
      `SELECT id::int AS id, status, error, price::float AS price, redirect_url, request_body FROM sends WHERE lead_id = $1`, [lead.id],
    )) as Array<{ id: number; status: string; error: string | null; price: number; redirect_url: string | null; request_body: string | null }>;
    const attempts = (await ds.query(
      `SELECT attempt, delivery_method_id, response_status, error, price::float AS price, duration_ms FROM send_attempts WHERE send_id = $1 ORDER BY attempt`, [send.id],
    )) as Array<{ attempt: number; delivery_method_id: number | null; response_status: number | null; error: string | null; price: number | null; duration_ms: number }>;
    return { lead, send, attempts };
  }

  const hitsFor = (path: string) => buyer.hits.filter((h) => h.path.split('?')[0] === path);

  const nameSettings: SettingSpec[] = [
    { fieldType: 'Static Value', fieldName: 'vendor', value: 'leadx' },
    { fieldType: 'Lead Field', fieldName: 'first_name', leadField: 'FirstName' },
    { fieldType: 'Lead Field', fieldName: 'state', leadField: 'State', mappings: [['TX', 'Texas']] },
    { fieldType: 'Special Field', fieldName: 'lead_id', value: 'LeadUID' },
    { fieldType: 'Client Field', fieldName: 'buyer', value: 'ClientName' },
  ];

  it('HTTP POST sends the rendered fields form-urlencoded and finds ResponseSearch', async () => {
    const id = await account({ type: 'HTTP POST', address: `${buyer.url}/ok`, responseSearch: 'Success', settings: nameSettings });
    const { lead, send, attempts } = await deliver(id);
    expect(send).toMatchObject({ status: 'sold', price: 20, error: null });
    const hit = hitsFor('/ok').find((h) => h.body.includes(`lead_id=${lead.id}`));
    expect(hit?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(hit?.body))).toEqual({
      vendor: 'leadx', first_name: 'Ada', state: 'Texas', lead_id: String(lead.id), buyer: `${service} buyer`,
    });
    expect(attempts).toEqual([expect.objectContaining({ attempt: 1, response_status: 200, error: null })]);
  });

  it('SalesExec posts a JSON object of the rendered fields to DeliveryAddress and finds ResponseSearch', async () => {
    const id = await account({ type: 'SalesExec', address: `${buyer.url}/ok`, responseSearch: 'Success', settings: nameSettings });
    const { lead, send, attempts } = await deliver(id);
    expect(send).toMatchObject({ status: 'sold', price: 20, error: null });
    const hit = hitsFor('/ok').find((h) => h.body.includes(`"lead_id":"${lead.id}"`));
    expect(hit?.method).toBe('POST');
    expect(hit?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(hit?.body ?? '')).toEqual({ vendor: 'leadx', first_name: 'Ada', state: 'Texas', lead_id: String(lead.id), buyer: `${service} buyer` });
    expect(attempts).toEqual([expect.objectContaining({ attempt: 1, response_status: 200, error: null })]);
  });

  it('HTTP GET puts the fields in the query string; a regex ResponseSearch that fails rejects', async () => {
    const id = await account({ type: 'HTTP GET', address: `${buyer.url}/no?key=1`, responseSearch: '^<result>success', useRegex: true, settings: nameSettings });
    const { lead, send } = await deliver(id);
    expect(send.status).toBe('rejected');
    const hit = hitsFor('/no').find((h) => h.path.includes(`lead_id=${lead.id}`));
    expect(hit?.method).toBe('GET');
    expect(hit?.path).toContain('key=1&vendor=leadx&first_name=Ada&state=Texas');
  });

  it('XML / JSON fills the template with escaped values, in testing with test values', async () => {
    await ds.query(`UPDATE lead_type_fields SET settings = '{"TestValue": "Test \\"Q\\""}' WHERE lead_type_id = $1 AND name = 'LastName'`, [catalog.leadTypeId]);
    const id = await account({
      type: 'XML / JSON', address: `${buyer.url}/price`, responseSearch: 'accepted-\\d+', useRegex: true, inTesting: true,
      template: '{"lead": {"name": "{full}", "id": {lead_id}, "tags": ["a"]}}',
      settings: [
        { fieldType: 'String Concatenation', fieldName: 'full', expr: '{FirstName} {LastName}' },
        { fieldType: 'Special Field', fieldName: 'lead_id', value: 'LeadUID' },
      ],
    });
    const { lead, send, attempts } = await deliver(id, { FirstName: 'Ada', LastName: 'Lovelace' });
    expect(send).toMatchObject({ status: 'sold', redirect_url: 'https://buyer.example/thanks' });
    expect(JSON.parse(send.request_body ?? '')).toEqual({ lead: { name: 'Ada Test "Q"', id: lead.id, tags: ['a'] } });
    expect(attempts[0].price).toBe(14.25);
  });

  it('a method without field settings sends the lead as it is (as the projection did)', async () => {
    const id = await account({ type: 'XML / JSON', address: `${buyer.url}/ok`, responseSearch: 'Success' });
    const { lead, send } = await deliver(id);
    expect(send.status).toBe('sold');
    expect(JSON.parse(send.request_body ?? '')).toEqual({ leadId: lead.id, leadUid: lead.uid, FirstName: 'Ada', LastName: 'Lovelace', State: 'TX', PrimaryPhone: '5125550100' });
  });

  it('SOAP posts the XML template with its SOAPAction', async () => {
    const id = await account({
      type: 'SOAP', address: `${buyer.url}/ok`, responseSearch: 'Success', template: '<Envelope><Body><Name>[first_name]</Name></Body></Envelope>',
      settings: [
        { fieldType: 'Custom Expr', fieldName: 'first_name', expr: 'FirstName + " <&>"' },
        { fieldType: 'Static Value', fieldName: 'SOAPAction', value: 'urn:PostLead' },
      ],
    });
    const { send } = await deliver(id);
    expect(send.status).toBe('sold');
    const hit = hitsFor('/ok').find((h) => h.body.startsWith('<Envelope>'));
    expect(hit?.headers['soapaction']).toBe('"urn:PostLead"');
    expect(hit?.body).toBe('<Envelope><Body><Name>Ada &lt;&amp;&gt;</Name></Body></Envelope>');
  });

  it('retries a 5xx with backoff, then falls through to the alternate method', async () => {
    const before = hitsFor('/fail').length;
    const id = await account({ type: 'HTTP POST', address: `${buyer.url}/fail`, settings: nameSettings }, { type: 'HTTP POST', address: `${buyer.url}/ok`, responseSearch: 'Success', settings: nameSettings });
    const { send, attempts } = await deliver(id);
    expect(hitsFor('/fail').length - before).toBe(3);
    expect(attempts.map((a) => a.response_status)).toEqual([503, 503, 503, 200]);
    expect(send.status).toBe('sold');
  });

  it('never repeats a timeout (ambiguous) nor falls through to the alternate after it', async () => {
    const slow = new DeliverLeadService(ds, new Outbox(service), { timeoutMs: 200, allowPrivate: true, retryBaseMs: 20 });
    const id = await account({ type: 'HTTP POST', address: `${buyer.url}/slow`, settings: nameSettings }, { type: 'HTTP POST', address: `${buyer.url}/ok`, settings: nameSettings });
    const before = hitsFor('/slow').length;
    const { send, attempts } = await deliver(id, DEFAULT_LEAD, slow);
    expect(send.status).toBe('ambiguous');
    expect(hitsFor('/slow').length - before).toBe(1);
    expect(attempts).toHaveLength(1);
  });
  it('never sends with a disabled method, nor to a private address unless allowed', async () => {
    const disabled = await deliver(await account({ type: 'HTTP POST', address: `${buyer.url}/ok`, enabled: false }));
    expect(disabled.send).toMatchObject({ status: 'failed', error: expect.stringMatching(/disabled/) });

    const strict = new DeliverLeadService(ds, new Outbox(service), { allowPrivate: false });
    const id = await account({ type: 'HTTP POST', address: `${buyer.url}/ok`, settings: nameSettings });
    const { lead, send } = await deliver(id, DEFAULT_LEAD, strict);
    expect(send).toMatchObject({ status: 'failed', error: expect.stringMatching(/private or reserved address/) });
    expect(hitsFor('/ok').some((h) => h.body.includes(`lead_id=${lead.id}`))).toBe(false);
  });

  it('records Internal System as delivered without network, and not-yet-supported kinds as failed with a reason', async () => {
    const hitsBefore = buyer.hits.length;
    const internal = await deliver(await account({ type: 'Internal System', settings: nameSettings }));
    expect(internal.send).toMatchObject({ status: 'sold', price: 20 });
    expect(JSON.parse(internal.send.request_body ?? '')).toMatchObject({ first_name: 'Ada', state: 'Texas' });
    const ping = await deliver(await account({ type: 'PING/POST', address: `${buyer.url}/ok` }));
    expect(ping.send).toMatchObject({ status: 'failed', error: expect.stringMatching(/PING\/POST.*not supported yet/) });
    const batch = await deliver(await account({ type: 'Batch Email File Delivery', address: '' }));
    // Batch Email is queued for its scheduled batch (batch-email.int-spec.ts), not sent here.
    expect(batch.send).toMatchObject({ status: 'queued' });
    expect(buyer.hits.length).toBe(hitsBefore);
  });
});
