import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { allPlatformTopics, createKafka, ensureTopics } from '@leadx/platform-messaging';
import { eventually, RecordingBuyer, ServiceProcess, startRecordingBuyer, startServiceProcess, testEnv, uniqueSuffix } from '@leadx/platform-testing';

const repoRoot = resolve(__dirname, '../../..');

/**
 * Issue 4's "done when": an operator builds a complete working setup purely through the Account
 * API — an API client from the documented bootstrap command, a lead type with fields, a lead source
 * with an api-key, a campaign with rules, two clients with delivery methods and accounts, an order
 * and a distribution list — then a lead posted through the receiver reaches the configured buyer,
 * and revoking the api-key through the API stops the receiver taking it within about a second.
 */
describe('an operator configures everything through the Account API', () => {
  const prefix = `ops-${uniqueSuffix()}.`;
  const sfx = uniqueSuffix();
  let pool: Pool;
  let buyer: RecordingBuyer;
  const services: Record<string, ServiceProcess> = {};
  let token = '';
  /** Every secret the test hands over or receives: none may appear in any service's output. */
  const secrets: string[] = [];

  const call = async <T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${services['account-admin'].url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  /** Calls and insists on 2xx, so a failing step names itself. */
  const ok = async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await call<T>(method, path, body);
    expect({ step: `${method} ${path}`, status: res.status < 300 ? 'ok' : res.status, body: res.status < 300 ? undefined : res.body }).toEqual({
      step: `${method} ${path}`,
      status: 'ok',
      body: undefined,
    });
    return res.body;
  };

  beforeAll(async () => {
    pool = new Pool({ connectionString: testEnv.databaseUrl, max: 2 });
    await ensureTopics(createKafka({ brokers: testEnv.kafkaBrokers, clientId: 'ops-e2e' }), allPlatformTopics(prefix), { partitions: 2 });
    buyer = await startRecordingBuyer();
    const env = {
      DATABASE_URL: testEnv.databaseUrl,
      REDIS_URL: testEnv.redisUrl,
      KAFKA_BROKERS: testEnv.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      // The buyer listens on loopback.
      DELIVERY_URL_ALLOW_PRIVATE: 'true',
      // Long enough that only the config-change broadcast can explain a revoked key failing fast.
      API_KEY_CACHE_MS: '600000',
    };
    // account-admin logs at debug level so the secrets check below has everything it could leak.
    const started = await Promise.all(
      ['account-admin', 'receiver', 'compliance', 'scanner', 'delivery-worker'].map((app) => startServiceProcess(app, app === 'account-admin' ? { ...env, LOG_LEVEL: 'debug' } : env)),
    );
    for (const s of started) services[s.name] = s;

    // The documented bootstrap: `npm run accounts:create-client` (here its built script).
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', './scripts/register-dist-paths.js', 'dist/scripts/create-api-client.js', '--name', `ops ${sfx}`], {
      cwd: repoRoot,
      env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: testEnv.databaseUrl },
    });
    const credentials = JSON.parse(stdout) as { client_id: string; client_secret: string };
    secrets.push(credentials.client_secret);
    const tokenRes = await fetch(`${services['account-admin'].url}/v1/authorization/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...credentials, grant_type: 'client_credentials' }),
    });
    token = ((await tokenRes.json()) as { access_token: string }).access_token;
  });

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.stop()));
    await buyer?.close();
    await pool?.end();
  });

  it('builds a working setup through the API alone, and a posted lead reaches the configured buyer', async () => {
    // Lead type and fields (extension).
    const leadTypeId = await ok<number>('PUT', '/v1/leadtypes', { LeadTypeUID: 0, Descriptor: `Auto insurance ${sfx}` });
    const fields = await ok<Array<{ LeadFieldUID: number; Descriptor: string }>>('PUT', `/v1/leadtypes/${leadTypeId}/fields`, {
      Fields: [
        { Descriptor: 'FirstName', Required: true, SpecialBit: 'FirstName' },
        { Descriptor: 'LastName', Required: true, SpecialBit: 'LastName' },
        { Descriptor: 'Email', Required: true, SpecialBit: 'Email' },
        { Descriptor: 'State', Required: true, SpecialBit: 'State' },
        { Descriptor: 'Zip', SpecialBit: 'Zip', Validation: '^[0-9]{5}$', InvalidChars: '[^0-9]', FmtError: 'Zip must be 5 digits' },
      ],
    });
    const field = Object.fromEntries(fields.map((f) => [f.Descriptor, f.LeadFieldUID]));

    // Lead source, api-key (extension) and campaign with a rule.
    const sourceId = await ok<number>('PUT', '/v1/leadsources', { LPVendorUID: 0, Name: `Ops source ${sfx}`, Status: 'Active', UserName: `ops-src-${sfx}`, Password: `Src-${sfx}-pass!` });
    const apiKey = (await ok<{ Key: string }>('POST', `/v1/leadsources/${sourceId}/apikeys`, { Label: 'production' })).Key;
    secrets.push(`Src-${sfx}-pass!`, `Buyer-${sfx}-pass!`, apiKey, token);
    const saved = await ok<{ identifier: number }>('PUT', '/v1/leadsources/campaigns', {
      VendorUID: sourceId,
      VendorAccountUID: 0,
      AccountName: `Ops campaign ${sfx}`,
      LeadTypeUID: leadTypeId,
      Status: 1,
      LeadPrice: 15,
      MaxSell: 1,
      UseDeliveryQueue: true,
      Rules: [{ VendorRuleUID: 0, LeadFieldUID: field['State'], Operator: 'In', Value: 'TX|CA', Delete: false }],
    });
    const campaignId = saved.identifier;

    // Two buyers, each with a method posting to the local buyer and an account with criteria.
    const buyers: Record<string, { clientId: number; accountId: number }> = {};
    for (const [name, state] of [['texas', 'TX'], ['california', 'CA']] as const) {
      const clientId = await ok<number>('PATCH', '/v1/clients', {
        Info: { ClientUID: 0, Status: 'Active', Username: `${name}-${sfx}`, Password: `Buyer-${sfx}-pass!`, TimeZoneName: 'Central Standard Time', DeliveryAccountAutomationType: 'Price' },
        FieldData: [],
      });
      const methodId = await ok<number>('PUT', `/v1/delivery/${clientId}/methods`, {
        ClientDeliveryUID: 0,
        ClientUID: clientId,
        Type: 'XML / JSON',
        Name: `${name} post`,
        Status: true,
        LeadTypeUID: leadTypeId,
        DeliveryAddress: `${buyer.url}/leads/${name}`,
        ResponseSearch: 'success',
      });
      const accountId = await ok<number>('PUT', `/v1/delivery/${clientId}/accounts`, {
        ClientAccountUID: 0,
        ClientUID: clientId,
        DeliveryUID: methodId,
        LeadTypeUID: leadTypeId,
        Description: `${name} account`,
        Status: 'Open',
        AccountType: 'General',
        Price: 20,
        Criteria: [{ ClientCriteriaUID: 0, LeadFieldUID: field['State'], Type: 'FieldValue', Expression: '', Operator: 'Equal', Value: state }],
      });
      buyers[name] = { clientId, accountId };
    }
    // A client logs in with the right password and then a wrong one.
    expect((await call('POST', '/v1/clients/login', { Username: `texas-${sfx}`, Password: `Buyer-${sfx}-pass!` })).status).toBe(200);
    expect((await call('POST', '/v1/clients/login', { Username: `texas-${sfx}`, Password: `Wrong-${sfx}-pass!` })).status).toBe(401);
    secrets.push(`Wrong-${sfx}-pass!`);
    // An order for the Texas buyer and a distribution list by zip.
    await ok('PUT', '/v1/orders', {
      ClientOrderUID: 0,
      ClientUID: buyers['texas'].clientId,
      StartDate: '2026-01-01T00:00:00.000Z',
      EndDate: '2035-12-31T23:59:59Z',
      Status: 'Open',
      Renewal: 'On_Qty_Fill',
      AutoCharge: false,
      Items: [{ ClientOrderItemUID: 0, ClientAccountUID: buyers['texas'].accountId, Qty: 100, Price: 2000, ConstrainQuantity: true }],
    });
    const listId = await ok<number>('PUT', '/v1/distribution/lists', {
      CustomListUID: 0,
      LeadTypeUID: leadTypeId,
      LeadFieldUID: field['Zip'],
      Description: `Territories ${sfx}`,
      DefaultClient: buyers['texas'].clientId,
      Status: 1,
    });
    await ok('PUT', `/v1/distribution/lists/${listId}`, {
      CustomListItemUID: 0,
      CustomListUID: listId,
      Description: 'Austin',
      Tag1: '',
      Tag2: '',
      Value: '73301',
      AssignedClient: buyers['texas'].clientId,
      AssignedClients: '',
    });

    // The source posts a Texas lead with its new key.
    const res = await fetch(`${services['receiver'].url}/v2/insert/general`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-key': apiKey },
      body: JSON.stringify({
        source: { vid: sourceId, lid: leadTypeId, aid: campaignId },
        leads: [{ properties: { reference: `ops-${sfx}` }, fields: { FirstName: 'Ada', LastName: 'Lovelace', Email: `ada.${sfx}@example.com`, State: 'TX', Zip: '73-301' } }],
      }),
    });
    expect(res.status).toBe(200);
    const [result] = ((await res.json()) as { results: Array<{ isValid: boolean; responseType: string; leadId: number; price: number }> }).results;
    expect(result).toMatchObject({ isValid: true, responseType: 'No_Error', price: 15 });
    // The field definitions made through the API were applied (InvalidChars stripped the dash).
    expect((await pool.query(`SELECT fields->>'Zip' AS zip FROM leads WHERE id = $1`, [result.leadId])).rows[0].zip).toBe('73301');

    const post = await eventually(() => buyer.received.find((p) => p.body.includes(`ada.${sfx}@example.com`)), 60_000, 'the Texas buyer to receive the lead');
    expect(post.path).toBe('/leads/texas');
    const send = await eventually(
      async () => (await pool.query(`SELECT delivery_account_id, status FROM sends WHERE lead_id = $1 AND status = 'sold'`, [result.leadId])).rows[0],
      30_000,
      'the sold send',
    );
    expect(send.delivery_account_id).toBe(buyers['texas'].accountId);
    expect(buyer.received.filter((p) => p.path === '/leads/california' && p.body.includes(sfx))).toEqual([]);

    // A rule made through the API refuses a lead outside it.
    const outside = await fetch(`${services['receiver'].url}/v2/insert/general`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-key': apiKey },
      body: JSON.stringify({ source: { vid: sourceId, lid: leadTypeId, aid: campaignId }, leads: [{ fields: { FirstName: 'Bo', LastName: 'Ny', Email: `bo.${sfx}@example.com`, State: 'NY' } }] }),
    });
    expect(((await outside.json()) as { results: Array<{ responseType: string }> }).results[0].responseType).toBe('Outside_Criteria');

    // Revoking the key through the API reaches the receiver through the config-change broadcast,
    // long before its 10-minute api-key cache would expire.
    const keys = await ok<Array<{ ApiKeyUID: number }>>('GET', `/v1/leadsources/${sourceId}/apikeys`);
    await ok('DELETE', `/v1/leadsources/${sourceId}/apikeys/${keys[0].ApiKeyUID}`);
    const revokedAt = Date.now();
    await eventually(
      async () => {
        const r = await fetch(`${services['receiver'].url}/v2/insert/general`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'api-key': apiKey },
          body: JSON.stringify({ source: { vid: sourceId, lid: leadTypeId, aid: campaignId }, leads: [] }),
        });
        return r.status === 401 ? true : undefined;
      },
      15_000,
      'the receiver to refuse the revoked key',
    );
    expect(Date.now() - revokedAt).toBeLessThan(10_000);

    // No password, secret, key or token reached any service's log.
    for (const service of Object.values(services)) {
      const output = service.output();
      for (const secret of secrets) expect({ service: service.name, leaked: output.includes(secret) }).toEqual({ service: service.name, leaked: false });
    }
    expect(services['account-admin'].output().length).toBeGreaterThan(0);
  });
});
