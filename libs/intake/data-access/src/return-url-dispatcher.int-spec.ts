import { DataSource } from 'typeorm';
import { seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { eventually, insertTestLead, startRecordingBuyer, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { ReturnUrlDispatcher } from './return-url-dispatcher';

/** returnURL callbacks against real Postgres and a real local HTTP endpoint. */
describe('ReturnUrlDispatcher', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4 })).initialize();
  });
  afterAll(() => ds.destroy());

  async function queued(url: string): Promise<number> {
    const catalog = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: `cb-${uniqueSuffix()}` });
    const lead = await insertTestLead(ds, catalog);
    await ds.query(`UPDATE leads SET return_url = $2 WHERE id = $1`, [lead.id, url]);
    await ds.transaction((m) => ReturnUrlDispatcher.enqueue(m, lead.id));
    return lead.id;
  }
  const row = async (leadId: number) => (await ds.query(`SELECT status, attempts, last_status, last_error FROM return_callbacks WHERE lead_id = $1`, [leadId]))[0];

  it('retries a failing endpoint with backoff, records each attempt, then delivers', async () => {
    const endpoint = await startRecordingBuyer();
    try {
      endpoint.respondWith(503, 'busy');
      const leadId = await queued(`${endpoint.url}/cb`);
      const dispatcher = new ReturnUrlDispatcher(ds, { policy: { allowPrivate: true }, baseDelayMs: 1_500 });
      await dispatcher.runOnce();
      expect(await row(leadId)).toMatchObject({ status: 'pending', attempts: 1, last_status: 503, last_error: 'answered 503' });
      await dispatcher.runOnce();
      expect((await row(leadId)).attempts).toBe(1); // not due yet: backoff holds it
      endpoint.respondWith(200, 'ok');
      // Once the backoff has passed (a loaded machine may take longer than 1.5 s), the next run delivers.
      await eventually(async () => {
        await dispatcher.runOnce();
        return (await row(leadId)).status === 'delivered' ? true : undefined;
      }, 15_000, 'the callback to be delivered after its backoff');
      expect(await row(leadId)).toMatchObject({ status: 'delivered', attempts: 2, last_status: 200 });
      expect(endpoint.received).toHaveLength(2);
    } finally {
      await endpoint.close();
    }
  });

  it('never calls a private address when private networks are not allowed, and gives up after maxAttempts', async () => {
    const endpoint = await startRecordingBuyer();
    try {
      const leadId = await queued(`${endpoint.url}/cb`);
      const dispatcher = new ReturnUrlDispatcher(ds, { policy: { allowPrivate: false }, baseDelayMs: 1, maxAttempts: 2 });
      await dispatcher.runOnce();
      await new Promise((r) => setTimeout(r, 20));
      await dispatcher.runOnce();
      expect(await row(leadId)).toMatchObject({ status: 'failed', attempts: 2 });
      expect((await row(leadId)).last_error).toMatch(/private or reserved/);
      expect(endpoint.received).toHaveLength(0);
    } finally {
      await endpoint.close();
    }
  });
});
