import { DELEGATED_ACCOUNT_ROUTES, DELEGATED_CLIENT_HEADER } from '@leadx/contracts';
import { RecordingBuyer, startRecordingBuyer } from '@leadx/platform-testing';
import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';

/** The seed's scanner and delivery routes: authenticated here, served by the owning service. */
describe('Account API: delegated scanner and delivery routes', () => {
  let scanner: RecordingBuyer;
  let delivery: RecordingBuyer;
  let api: AccountApiHarness;

  beforeAll(async () => {
    [scanner, delivery] = await Promise.all([startRecordingBuyer(), startRecordingBuyer()]);
    scanner.respondWith(200, '{"from":"scanner"}');
    delivery.respondWith(202, '{"from":"delivery"}');
    api = await startAccountApi({ SCANNER_URL: scanner.url, DELIVERY_WORKER_URL: delivery.url });
  });
  afterAll(async () => {
    await api?.close();
    await Promise.all([scanner?.close(), delivery?.close()]);
  });

  it('serves exactly the routes endpoints.tsv gives to the scanner and the delivery worker', async () => {
    const doc = (await api.call<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs-json', undefined, { token: null })).body;
    for (const route of DELEGATED_ACCOUNT_ROUTES) {
      const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
      expect(Object.keys(doc.paths[openApiPath] ?? {})).toContain(route.method.toLowerCase());
    }
  });

  it.each(DELEGATED_ACCOUNT_ROUTES.map((r) => [r.method, r.path, r.service] as const))(
    'forwards %s %s to the %s with the caller, body and query, and passes the answer back',
    async (method, path, service) => {
      const upstream = service === 'scanner' ? scanner : delivery;
      const before = upstream.received.length;
      const concrete = `${path.replace(/:\w+/g, '42')}?Skip=0&Take=5`;
      const body = method === 'GET' ? undefined : { LeadUID: 42, Note: "'; DROP TABLE leads; --" };
      const res = await api.call(method, concrete, body, { headers: { 'x-request-id': 'req-1' } });
      expect(res.status).toBe(service === 'scanner' ? 200 : 202);
      expect(res.body).toEqual({ from: service === 'scanner' ? 'scanner' : 'delivery' });
      const got = upstream.received[before];
      expect(got.method).toBe(method);
      expect(got.path).toBe(concrete);
      expect(got.headers[DELEGATED_CLIENT_HEADER]).toBe(api.clientId);
      expect(got.headers['x-request-id']).toBe('req-1');
      expect(got.headers['authorization']).toBeUndefined();
      if (body) expect(JSON.parse(got.body)).toEqual(body);
    },
  );

  it('answers 503 in the Account API error shape when the owning service is unreachable', async () => {
    const down = await startAccountApi({ SCANNER_URL: 'http://127.0.0.1:9', DELIVERY_WORKER_URL: 'http://127.0.0.1:9' });
    try {
      const res = await down.call('POST', '/v1/delivery/autosend', {});
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ StatusCode: 503, Error: 'Service Unavailable', Message: expect.stringMatching(/scanner/) });
    } finally {
      await down.close();
    }
  });
});
