import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { parseStringPromise } from 'xml2js';
import { DemoCatalog, demoLeadRequest, seedDemoCatalog } from '@leadx/catalog-data-access';
import { allPlatformTopics, createKafka, ensureTopics } from '@leadx/platform-messaging';
import { ServiceProcess, startServiceProcess, testEnv, uniqueSuffix } from '@leadx/platform-testing';

/** The Lead Receiver v2 HTTP contract, against the built receiver process on real infrastructure. */
describe('Lead Receiver v2 API', () => {
  const prefix = `rx-${uniqueSuffix()}.`;
  let pool: Pool;
  let catalog: DemoCatalog;
  let other: DemoCatalog;
  let receiver: ServiceProcess;

  beforeAll(async () => {
    pool = new Pool({ connectionString: testEnv.databaseUrl, max: 4 });
    await ensureTopics(createKafka({ brokers: testEnv.kafkaBrokers, clientId: 'rx-e2e' }), allPlatformTopics(prefix), { partitions: 1 });
    catalog = await seedDemoCatalog(pool, { buyerUrl: 'http://127.0.0.1:9', name: `RX ${prefix}` });
    other = await seedDemoCatalog(pool, { buyerUrl: 'http://127.0.0.1:9', name: `RX other ${prefix}` });
    receiver = await startServiceProcess('receiver', {
      DATABASE_URL: testEnv.databaseUrl,
      REDIS_URL: testEnv.redisUrl,
      KAFKA_BROKERS: testEnv.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      MAX_BODY_BYTES: '65536',
    });
  });
  afterAll(async () => {
    await receiver?.stop();
    await pool?.end();
  });

  const post = (body: string | Buffer, headers: Record<string, string> = {}, path = '/v2/insert/general', method = 'POST') =>
    fetch(`${receiver.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'api-key': catalog.apiKey, ...headers },
      body: method === 'GET' ? undefined : body,
    });
  const json = (over: Record<string, string> = {}) => JSON.stringify(demoLeadRequest(catalog, over));
  const xml = (fields = '<FirstName>Ada</FirstName><LastName>Lovelace</LastName><Email>ada@example.com</Email><State>TX</State>') =>
    `<Leads vid="${catalog.leadSourceId}" lid="${catalog.leadTypeId}" aid="${catalog.campaignId}"><Lead reference="x-${randomUUID()}">${fields}</Lead></Leads>`;
  const leadCount = async () => (await pool.query(`SELECT count(*)::int AS n FROM leads WHERE lead_source_id = $1`, [catalog.leadSourceId])).rows[0].n as number;

  it('accepts XML and answers in the seed XML shape with its namespaces', async () => {
    const res = await post(xml(), { 'content-type': 'application/xml', accept: 'application/xml' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const text = await res.text();
    expect(text).toContain('xmlns="http://schemas.datacontract.org/2004/07/LeadExec.LeadReceiver.API.Models"');
    const doc = await parseStringPromise(text);
    const result = doc.LeadReceiverResult.Results[0]['d2p1:PostResponse'][0];
    expect(result.IsValid[0]).toBe('true');
    expect(result.ResponseType[0]).toBe('No_Error');
    const leadId = Number(result.LeadIdentifier[0]);
    expect((await pool.query(`SELECT fields->>'FirstName' AS f FROM leads WHERE id = $1`, [leadId])).rows[0].f).toBe('Ada');
  });

  it('answers a JSON post in XML when Accept asks for XML', async () => {
    const res = await post(json(), { accept: 'application/xml' });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^(<\?xml[^>]*>\s*)?<LeadReceiverResult /);
  });

  it('answers each lead of a batch in order; one bad lead fails only itself', async () => {
    const body = demoLeadRequest(catalog) as { leads: Array<{ fields: Record<string, string> }> };
    const good = body.leads[0];
    body.leads = [good, { ...good, fields: { ...good.fields, Email: '' } }, good];
    const res = await post(JSON.stringify(body));
    const out = (await res.json()) as { results: Array<{ isValid: boolean; responseType: string; responseMessage: string }> };
    expect(out.results.map((r) => r.responseType)).toEqual(['No_Error', 'Data_Errors', 'No_Error']);
    expect(out.results[1].responseMessage).toMatch(/Email/);
  });

  it.each([
    ['malformed JSON', '{"source": {', 'application/json', 400],
    ['a JSON array', '[1,2,3]', 'application/json', 400],
    ['wrong types', JSON.stringify({ source: { vid: 'abc', lid: 1 }, leads: [] }), 'application/json', 400],
    ['malformed XML', '<Leads vid="1"><Lead>', 'application/xml', 400],
    ['a DOCTYPE (billion laughs)', '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><Leads vid="1" lid="1"><Lead><F>&b;</F></Lead></Leads>', 'application/xml', 400],
    ['an external entity', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Leads vid="1" lid="1"><Lead><F>&e;</F></Lead></Leads>', 'application/xml', 400],
    ['a URL-encoded body', 'vid=1&lid=1', 'application/x-www-form-urlencoded', 415],
    ['no content type', '{}', '', 415],
  ])('refuses %s with a clear error in the seed shape, storing nothing', async (_what, body, contentType, status) => {
    const before = await leadCount();
    const res = await post(body, { 'content-type': contentType });
    expect(res.status).toBe(status);
    const text = await res.text();
    if (contentType === 'application/xml') {
      const doc = await parseStringPromise(text);
      expect(doc.LeadReceiverResult.Results[0]['d2p1:PostResponse'][0].IsValid[0]).toBe('false');
    } else {
      const out = JSON.parse(text) as { results: Array<{ isValid: boolean; responseMessage: string }> };
      expect(out.results[0].isValid).toBe(false);
      expect(out.results[0].responseMessage.length).toBeGreaterThan(5);
    }
    expect(text).not.toMatch(/root:|at Object\.|node_modules/);
    expect(await leadCount()).toBe(before);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await post(json({ Comments: 'x'.repeat(70_000) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { results: Array<{ isValid: boolean }> }).results[0].isValid).toBe(false);
  });

  it('refuses a missing or unknown api-key with 401 in the requested format', async () => {
    const res = await post(xml(), { 'content-type': 'application/xml', 'api-key': 'lx_nope' });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('<ResponseMessage>missing, unknown or revoked api-key</ResponseMessage>');
  });

  it('answers a retry with the same Idempotency-Key from the first result, creating no second lead', async () => {
    const key = randomUUID();
    const body = json();
    const first = (await (await post(body, { 'idempotency-key': key })).json()) as { requestId: string; results: Array<{ leadId: number }> };
    const before = await leadCount();
    const retries = await Promise.all([1, 2, 3].map(() => post(body, { 'idempotency-key': key })));
    for (const r of retries) {
      expect(r.headers.get('idempotent-replayed')).toBe('true');
      expect(await r.json()).toEqual(first);
    }
    expect(await leadCount()).toBe(before);
    const reused = await post(json({ FirstName: 'Grace' }), { 'idempotency-key': key });
    expect(reused.status).toBe(422);
  });

  it('recognises a retry without a key by source, body and references', async () => {
    const body = JSON.stringify({ ...demoLeadRequest(catalog), leads: [{ properties: { reference: `ref-${randomUUID()}` }, fields: { FirstName: 'A', LastName: 'B', Email: 'a@b.co', State: 'TX' } }] });
    const [a, b] = await Promise.all([post(body), post(body)]);
    const ja = (await a.json()) as { results: Array<{ leadId: number }> };
    const jb = (await b.json()) as { results: Array<{ leadId: number }> };
    expect(ja.results[0].leadId).toBeGreaterThan(0);
    expect(jb.results[0].leadId).toBe(ja.results[0].leadId);
  });

  it("serves a request's status to its source only", async () => {
    const res = await post(json());
    const { requestId, results } = (await res.json()) as { requestId: string; results: Array<{ leadId: number }> };
    const status = await post('', {}, `/v2/status/${requestId}`, 'GET');
    expect(status.status).toBe(200);
    const out = (await status.json()) as { requestId: string; results: Array<{ leadId: number; isValid: boolean; qualityControlDetails: object }> };
    expect(out.requestId).toBe(requestId);
    expect(out.results[0]).toMatchObject({ leadId: results[0].leadId, isValid: true });
    expect(out.results[0].qualityControlDetails).toMatchObject({ isPendingReview: false });
    const foreign = await post('', { 'api-key': other.apiKey }, `/v2/status/${requestId}`, 'GET');
    expect(foreign.status).toBe(404);
    expect((await post('', {}, `/v2/status/not-a-uuid`, 'GET')).status).toBe(404);
  });

  it('never lets a source post into another source campaign', async () => {
    const res = await post(JSON.stringify(demoLeadRequest(other)));
    const out = (await res.json()) as { results: Array<{ isValid: boolean; responseType: string }> };
    expect(out.results[0]).toMatchObject({ isValid: false, responseType: 'No_Account_Found' });
  });

  it('refuses consent picks (offerIds) rather than ignoring them', async () => {
    const body = demoLeadRequest(catalog) as { leads: Array<{ properties: Record<string, unknown> }> };
    body.leads[0].properties = { ...body.leads[0].properties, offerIds: ['a', 'b'] };
    const out = (await (await post(JSON.stringify(body))).json()) as { results: Array<{ isValid: boolean; responseMessage: string }> };
    expect(out.results[0].isValid).toBe(false);
    expect(out.results[0].responseMessage).toMatch(/offerIds/);
  });

  it('pings from the static price; the post uses the order once, with agreeing fields, by its own source only', async () => {
    const ping = async (fields: Record<string, string>) =>
      (await (
        await post(JSON.stringify({ source: { vid: catalog.leadSourceId, lid: catalog.leadTypeId, aid: catalog.campaignId }, leads: [{ properties: {}, fields }] }), {}, '/v2/insert/ping')
      ).json()) as { results: Array<{ willAccept: boolean; orderId: string; orderExpiresOn: string; estimatedPayout: number; campaignId: number }> };
    const pinged = (await ping({ State: 'TX', Zip: '73301' })).results[0];
    expect(pinged).toMatchObject({ willAccept: true, estimatedPayout: 12.5, campaignId: catalog.campaignId });
    expect(new Date(pinged.orderExpiresOn).getTime()).toBeGreaterThan(Date.now());
    const postWith = async (orderId: string, fields: Record<string, string> = {}, key = catalog.apiKey) => {
      const body = demoLeadRequest(catalog, fields) as { source: Record<string, unknown>; leads: Array<{ properties: Record<string, unknown> }> };
      body.leads[0].properties = { reference: `o-${randomUUID()}`, orderId };
      return (await (await post(JSON.stringify(body), { 'api-key': key })).json()) as { results: Array<{ isValid: boolean; responseMessage: string }> };
    };
    // Another source cannot use (or burn) the order.
    const foreignBody = demoLeadRequest(other) as { leads: Array<{ properties: Record<string, unknown> }> };
    foreignBody.leads[0].properties = { orderId: pinged.orderId };
    const foreign = (await (await post(JSON.stringify(foreignBody), { 'api-key': other.apiKey })).json()) as { results: Array<{ isValid: boolean; responseMessage: string }> };
    expect(foreign.results[0]).toMatchObject({ isValid: false });
    expect((await postWith(pinged.orderId)).results[0].isValid).toBe(true);
    expect((await postWith(pinged.orderId)).results[0].responseMessage).toMatch(/unknown, expired or already used/);
    const second = (await ping({ State: 'TX', Zip: '73301' })).results[0];
    expect((await postWith(second.orderId, { Zip: '75001' })).results[0].responseMessage).toBe("the post's Zip differ from the ping");
    const xml = await post(
      `<Leads vid="${catalog.leadSourceId}" lid="${catalog.leadTypeId}" aid="${catalog.campaignId}"><Lead><State>TX</State></Lead></Leads>`,
      { 'content-type': 'application/xml' },
      '/v2/insert/ping',
    );
    const doc = await parseStringPromise(await xml.text());
    expect(doc.PingReceiverResult.Results[0]['d2p1:PingResponse'][0].WillAccept[0]).toBe('true');
  });

  it('stores call leads with their call properties', async () => {
    const body = demoLeadRequest(catalog) as { leads: Array<{ properties: Record<string, unknown> }> };
    body.leads[0].properties = { reference: 'call-1', noSell: true, ivrNumber: 8005550100, callDuration: 125, callResult: 'Transferred', recordingUrl: 'https://rec.example.com/1.mp3' };
    const res = await post(JSON.stringify(body), {}, '/v2/insert/calldata');
    expect(res.status).toBe(200);
    const out = (await res.json()) as { results: Array<{ isValid: boolean; leadId: number }> };
    expect(out.results[0].isValid).toBe(true);
    const row = (await pool.query(`SELECT kind, properties FROM leads WHERE id = $1`, [out.results[0].leadId])).rows[0];
    expect(row).toEqual({ kind: 'calldata', properties: { ivrNumber: '8005550100', callDuration: 125, callResult: 'Transferred', recordingUrl: 'https://rec.example.com/1.mp3' } });
  });

  it("updates only the source's own leads", async () => {
    const created = (await (await post(json())).json()) as { results: Array<{ leadId: number }> };
    const leadId = created.results[0].leadId;
    const update = (key: string, vid: number) =>
      post(JSON.stringify({ source: { vid, lid: catalog.leadTypeId }, leads: [{ properties: { leadUID: leadId }, fields: { FirstName: 'Grace' } }] }), { 'api-key': key }, '/v2/update', 'PUT');
    const mine = (await (await update(catalog.apiKey, catalog.leadSourceId)).json()) as { results: Array<{ isValid: boolean; responseMessage: string }> };
    expect(mine.results[0]).toMatchObject({ isValid: true, responseMessage: 'Lead information updated' });
    expect((await pool.query(`SELECT fields->>'FirstName' AS f, fields->>'Email' AS e FROM leads WHERE id = $1`, [leadId])).rows[0]).toEqual({ f: 'Grace', e: 'ada@example.com' });
    const badEmail = await post(
      JSON.stringify({ source: { vid: catalog.leadSourceId, lid: catalog.leadTypeId }, leads: [{ properties: { leadUID: leadId }, fields: { Email: 'nope' } }] }),
      {},
      '/v2/update',
      'PUT',
    );
    expect(((await badEmail.json()) as { results: Array<{ responseType: string; responseMessage: string }> }).results[0]).toMatchObject({ responseType: 'Data_Errors' });
    const theirs = (await (await update(other.apiKey, other.leadSourceId)).json()) as { results: Array<{ isValid: boolean; responseType: string }> };
    expect(theirs.results[0]).toMatchObject({ isValid: false, responseType: 'System_ID_Missing' });
    expect((await pool.query(`SELECT fields->>'FirstName' AS f FROM leads WHERE id = $1`, [leadId])).rows[0].f).toBe('Grace');
  });

  it('answers a duplicate check in the seed shape, JSON and XML, storing nothing', async () => {
    const email = `dup-${randomUUID()}@example.com`;
    const created = (await (await post(json({ Email: email }))).json()) as { results: Array<{ leadId: number }> };
    const before = await leadCount();
    const check = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      post(JSON.stringify({ source: { vid: catalog.leadSourceId, lid: catalog.leadTypeId, aid: catalog.campaignId }, leads: [{ properties: {}, fields }] }), headers, '/v2/duplicate/check');
    const found = (await (await check({ Email: email.toUpperCase() })).json()) as { results: Array<Record<string, unknown>> };
    expect(found.results[0]).toMatchObject({ success: true, isDuplicate: true, duplicateLeadId: created.results[0].leadId });
    expect(typeof found.results[0]['receivedOn']).toBe('string');
    const fresh = await check({ Email: `new-${randomUUID()}@example.com` }, { accept: 'application/xml' });
    const doc = await parseStringPromise(await fresh.text());
    expect(doc.DuplicateCheckResult.Results[0]['d2p1:DupResponse'][0].IsDuplicate[0]).toBe('false');
    const foreign = (await (await post(JSON.stringify({ source: { vid: other.leadSourceId, lid: other.leadTypeId, aid: other.campaignId }, leads: [{ fields: { Email: email } }] }), {}, '/v2/duplicate/check')).json()) as { results: Array<{ success: boolean }> };
    expect(foreign.results[0].success).toBe(false);
    expect(await leadCount()).toBe(before);
  });

  it('publishes its OpenAPI document with every receiver endpoint of the contract', async () => {
    const doc = (await (await fetch(`${receiver.url}/docs-json`)).json()) as { paths: Record<string, object> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v2/insert/general', '/v2/insert/transfer', '/v2/insert/calldata', '/v2/update', '/v2/insert/ping',
        '/v2/duplicate/check', '/v2/status/{id}', '/v2/leads/{leadUID}/offers/{offerId}/accept',
      ]),
    );
  });

  it('answers endpoints not served yet with 501 in the seed shape', async () => {
    const res = await post('', {}, '/v2/leads/1/offers/abc/accept', 'PUT');
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ success: false });
  });

  it('survives thousands of hostile bodies: never a 5xx, still healthy, every lead id it gave is in Postgres', async () => {
    let seed = 20261123;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const base = json();
    const mutations = [
      (s: string) => s.slice(0, Math.floor(rand() * s.length)),
      (s: string) => s.replace(/"[A-Za-z]+"/, `"${'\u0000\uFFFF'.repeat(3)}"`),
      (s: string) => s.replace(/\d+/, pick(['-1', '1e309', '"1"', 'null', '[]', '{}', '99999999999999999999'])),
      (_s: string) => '['.repeat(Math.floor(rand() * 5000)),
      (s: string) => s.replace('"fields":{', `"fields":{"__proto__":{"polluted":1},"constructor":{"x":1},`),
      (s: string) => s + pick(['}', ']', ',', '\uD800']),
      (_s: string) => xml(`<F${'<A>'.repeat(50)}`),
      (_s: string) => `<?xml version="1.0"?><!DOCTYPE a SYSTEM "http://127.0.0.1:9/x.dtd"><Leads/>`,
      (s: string) => Buffer.from(Buffer.from(s).map((b) => (rand() < 0.02 ? Math.floor(rand() * 256) : b))).toString('latin1'),
    ];
    const accepted: number[] = [];
    let serverErrors = 0;
    for (let batch = 0; batch < 40; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const useXml = rand() < 0.3;
          const body = pick(mutations)(base);
          const res = await post(body, { 'content-type': useXml ? 'application/xml' : 'application/json' });
          const text = await res.text();
          if (res.status >= 500) serverErrors++;
          if (res.status === 200 && !useXml) {
            for (const r of (JSON.parse(text) as { results: Array<{ leadId: number }> }).results) if (r.leadId > 0) accepted.push(r.leadId);
          }
        }),
      );
      expect(responses).toHaveLength(50);
    }
    expect(serverErrors).toBe(0);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((await fetch(`${receiver.url}/health/ready`)).status).toBe(200);
    if (accepted.length) {
      const found = await pool.query(`SELECT count(*)::int AS n FROM leads WHERE id = ANY($1::bigint[])`, [accepted]);
      expect(found.rows[0].n).toBe(new Set(accepted).size);
    }
  });
});
