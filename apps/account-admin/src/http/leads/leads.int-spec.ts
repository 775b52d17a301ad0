import { createHash, randomUUID } from 'node:crypto';
import { DemoCatalog, seedDemoCatalog } from '@leadx/catalog-data-access';
import { insertTestLead, uniqueSuffix } from '@leadx/platform-testing';
import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';

const ATTACHMENT_LIMIT = 1024;

interface Lead {
  id: number;
  uid: string;
  requestId: string;
}

describe('Account API leads (real Postgres)', () => {
  let api: AccountApiHarness;
  let catalog: DemoCatalog;

  const rows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => (await api.pool.query(sql, params)).rows as T[];

  async function newLead(fields: Record<string, string>, status = 'accepted', on: DemoCatalog = catalog): Promise<Lead> {
    const lead = await insertTestLead(api.pool, on, fields);
    const [row] = await rows<{ request_id: string }>(`UPDATE leads SET status = $2 WHERE id = $1 RETURNING request_id`, [lead.id, status]);
    return { ...lead, requestId: row.request_id };
  }

  /** The receiver's request log row for a lead, with what the source was told. */
  async function logRequest(lead: Lead, message: string, at = new Date()): Promise<void> {
    await api.pool.query(
      `INSERT INTO intake_requests (id, lead_source_id, endpoint, payload_hash, results, created_at) VALUES ($1, $2, 'general', '\\x00', $3, $4)`,
      [lead.requestId, catalog.leadSourceId, JSON.stringify([{ isValid: true, responseType: 'No_Error', responseMessage: message, leadId: lead.id }]), at],
    );
  }

  /** A row about the lead in every table the pipeline writes (as a sold lead has), with copies of its contact data. */
  async function fillPipelineTables(lead: Lead, fields: Record<string, string>): Promise<void> {
    const id = lead.id;
    await api.pool.query(`INSERT INTO lead_duplicate_keys (lead_id, lead_type_id, key_hash) VALUES ($1, $2, '\\x0102')`, [id, catalog.leadTypeId]);
    await api.pool.query(`INSERT INTO compliance_results (lead_id, verdict, reasons) VALUES ($1, 'flagged', $2)`, [id, JSON.stringify([`phone ${fields['PrimaryPhone'] ?? ''} on a list`])]);
    const [assignment] = await rows<{ id: number }>(
      `INSERT INTO delivery_assignments (lead_id, delivery_account_id, status, price) VALUES ($1, $2, 'sold', 20) RETURNING id`,
      [id, catalog.deliveryAccountId],
    );
    await api.pool.query(
      `INSERT INTO sends (assignment_id, lead_id, delivery_account_id, status, method, request_url, request_body, response_status, response_body, price)
       VALUES ($1, $2, $3, 'sold', 'JSON', $4, $5, 200, $6, 20)`,
      [assignment.id, id, catalog.deliveryAccountId, `https://buyer.example/leads?email=${encodeURIComponent(fields['Email'] ?? '')}`, JSON.stringify(fields), `{"accepted":true,"echo":"${fields['Email'] ?? ''}"}`],
    );
    await api.pool.query(`INSERT INTO scan_logs (lead_id, delivery_account_id, passed, message) VALUES ($1, $2, true, $3), ($1, $2, true, 'State: lead has "TX"')`, [
      id,
      catalog.deliveryAccountId,
      `Email: lead has "${fields['Email'] ?? ''}"`,
    ]);
    await api.pool.query(`INSERT INTO lead_dispositions (lead_id, disposition, sales, revenue) VALUES ($1, 'sold', 1, 20)`, [id]);
    await api.pool.query(`INSERT INTO return_callbacks (lead_id, url) VALUES ($1, $2)`, [id, `https://source.example/cb?email=${fields['Email'] ?? ''}&ok=1`]);
    await api.pool.query(`INSERT INTO scheduled_distributions (lead_id, due_at, correlation_id) VALUES ($1, now() + interval '1 day', 'test')`, [id]);
    await api.pool.query(
      `INSERT INTO outbox (service, topic, message_key, envelope, published_at) VALUES ('receiver', 'intake.lead.accepted.v1', $1, $2, now())`,
      [String(id), JSON.stringify({ eventId: randomUUID(), topic: 'intake.lead.accepted.v1', key: String(id), payload: { leadId: id, fields } })],
    );
    const upload = await api.call('PUT', `/v1/leads/${id}/attachments`, { FileName: 'id.png', Description: 'photo', Base64Data: Buffer.from('picture').toString('base64') });
    expect(upload.status).toBe(200);
  }

  /** Tables holding a row about the lead: every table with a lead_id column, plus the lead, its events and its request. */
  async function whereTheLeadIs(lead: Lead): Promise<Record<string, number>> {
    const tables = await rows<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.column_name = 'lead_id' AND c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    for (const { table_name: t } of tables) counts[t] = (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}" WHERE lead_id = $1`, [lead.id]))[0].n;
    counts['leads'] = (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM leads WHERE id = $1`, [lead.id]))[0].n;
    counts['outbox'] = (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE message_key = $1`, [String(lead.id)]))[0].n;
    counts['intake_requests'] = (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM intake_requests WHERE id = $1`, [lead.requestId]))[0].n;
    return counts;
  }

  async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The fields a 400 names (each once). */
  const errorFields = (res: { status: number; body: { Errors?: Array<{ Field: string }> } }) => {
    expect(res.status).toBe(400);
    return [...new Set((res.body.Errors ?? []).map((e) => e.Field))];
  };
  const search = (body: unknown, leadTypeId = catalog.leadTypeId) => api.call('POST', `/v1/leads/search/${leadTypeId}`, body);

  beforeAll(async () => {
    api = await startAccountApi({ LEAD_ATTACHMENT_MAX_BYTES: String(ATTACHMENT_LIMIT) });
    catalog = await seedDemoCatalog(api.pool, { buyerUrl: 'http://127.0.0.1:9', name: `leads-${uniqueSuffix()}` });
  });
  afterAll(() => api?.close());

  describe('search by contact information', () => {
    it('finds a lead by phone in any format, as the receiver stored it', async () => {
      const lead = await newLead({ FirstName: 'Ada', Email: 'ada.search@example.com', PrimaryPhone: '5125550142', Address: '123 Main St., Apt 4', State: 'TX' });
      await logRequest(lead, 'Lead was accepted');
      for (const phone of ['5125550142', '+1 (512) 555-0142', '512.555.0142', '1-512-555-0142', '(512) 555-0142 ext. 9']) {
        const res = await search({ PrimaryPhone: phone });
        expect({ phone, status: res.status }).toEqual({ phone, status: 200 });
        expect(res.body).toEqual([
          {
            DateReceived: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
            IsValidPost: true,
            ResponseType: 'No_Error',
            ResponseDetails: 'Lead was accepted',
            LeadIdentifier: lead.id,
            VID: catalog.leadSourceId,
            AID: catalog.campaignId,
            LID: catalog.leadTypeId,
            PendingQCReview: false,
            Price: 0,
          },
        ]);
      }
      expect((await search({ PrimaryPhone: '512-555-0143' })).body).toEqual([]);
    });

    it('matches email case-insensitively and address on its words; every given criterion must match', async () => {
      const lead = await newLead({ Email: 'grace@example.com', PrimaryPhone: '5125550150', Address: '77 Elm Road', State: 'TX' });
      const ids = async (body: unknown) => ((await search(body)).body as Array<{ LeadIdentifier: number }>).map((r) => r.LeadIdentifier);
      expect(await ids({ Email: '  Grace@Example.COM ' })).toEqual([lead.id]);
      expect(await ids({ Address: '77 elm road' })).toEqual([lead.id]);
      expect(await ids({ Address: '77, Elm  Road.' })).toEqual([lead.id]);
      expect(await ids({ Email: 'grace@example.com', PrimaryPhone: '(512) 555-0150' })).toEqual([lead.id]);
      expect(await ids({ Email: 'grace@example.com', PrimaryPhone: '5125550151' })).toEqual([]);
      expect(await ids({ Email: 'grace@example.com', Address: '', PrimaryPhone: '' })).toEqual([lead.id]);
    });

    it('also searches fields the lead type marks with the special bit, and only that lead type', async () => {
      await api.pool.query(`INSERT INTO lead_type_fields (lead_type_id, name, special_bit) VALUES ($1, 'HomePhone', 'PrimaryPhone')`, [catalog.leadTypeId]);
      const lead = await newLead({ HomePhone: '(512) 555-0177', State: 'TX' });
      expect((await search({ PrimaryPhone: '5125550177' })).body.map((r: { LeadIdentifier: number }) => r.LeadIdentifier)).toEqual([lead.id]);
      const other = await seedDemoCatalog(api.pool, { buyerUrl: 'http://127.0.0.1:9', name: `other-${uniqueSuffix()}` });
      await newLead({ PrimaryPhone: '5125550177', State: 'TX' }, 'accepted', other);
      expect((await search({ PrimaryPhone: '5125550177' })).body).toHaveLength(1);
      expect((await search({ PrimaryPhone: '5125550177' }, other.leadTypeId)).body).toHaveLength(1);
    });

    it('keeps leads with very long contact values insertable (the search indexes are bounded)', async () => {
      // The receiver accepts values up to 32 KB; a btree entry holds about 2.7 KB.
      const address = `1 ${'Very Long Street Name '.repeat(1400)}`;
      const lead = await newLead({ Email: `${'x'.repeat(5000)}@example.com`, PrimaryPhone: '5'.repeat(30_000), Address: address, State: 'TX' });
      const found = await search({ Address: address.slice(0, 450) });
      expect(found.body.map((r: { LeadIdentifier: number }) => r.LeadIdentifier)).toEqual([lead.id]);
    });

    it('pages newest first with Skip/Take and clamps Take to 100', async () => {
      const leads = [];
      for (let i = 0; i < 3; i++) leads.push(await newLead({ Email: 'many@example.com', State: 'TX' }));
      const newestFirst = leads.map((l) => l.id).reverse();
      const ids = async (body: unknown) => ((await search(body)).body as Array<{ LeadIdentifier: number }>).map((r) => r.LeadIdentifier);
      expect(await ids({ Email: 'many@example.com' })).toEqual(newestFirst);
      expect(await ids({ Email: 'many@example.com', Take: 1 })).toEqual(newestFirst.slice(0, 1));
      expect(await ids({ Email: 'many@example.com', Skip: 1, Take: 1 })).toEqual(newestFirst.slice(1, 2));
      expect(await ids({ Email: 'many@example.com', Take: 1000 })).toEqual(newestFirst);
    });

    it('answers 400 for no criteria, bad types and unknown fields; 404 for an unknown lead type; hostile strings match nothing', async () => {
      expect((await search({})).status).toBe(400);
      expect(errorFields(await search({ Email: ' ' }))).toEqual(['Email']);
      expect(errorFields(await search({ PrimaryPhone: 'call me' }))).toEqual(['PrimaryPhone']);
      expect(errorFields(await search({ Email: 5 }))).toEqual(['Email']);
      expect(errorFields(await search({ Email: 'a@b.c', Take: 'ten' }))).toEqual(['Take']);
      expect((await search({ Email: 'a@b.c', Phone: '1' })).body).toMatchObject({ StatusCode: 400, Message: expect.stringContaining('Phone') });
      expect((await search({ Email: 'a@b.c' }, 999_999)).status).toBe(404);
      expect(errorFields(await api.call('POST', '/v1/leads/search/abc', { Email: 'a@b.c' }))).toEqual(['LeadTypeUID']);
      const hostile = await search({ Email: "' OR '1'='1", Address: '${7*7} <script>', PrimaryPhone: "5125550142'; DROP TABLE leads;--" });
      expect(hostile.status).toBe(200);
      expect(hostile.body).toEqual([]);
    });
  });

  describe('analytics', () => {
    it('answers the seed shape from the lead, its fields and its request', async () => {
      const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
      const lead = await newLead({
        Email: 'visit@example.com', IPAddress: '203.0.113.7', UserAgent: ua, LandingPage: 'https://quotes.example.com/auto?src=ppc', Referrer: 'https://www.google.com/search?q=auto+quote', State: 'TX',
      });
      const postedAt = new Date(Date.now() - 1500);
      await logRequest(lead, 'Lead was accepted', postedAt);
      const res = await api.call('GET', `/v1/leads/analytics/${lead.id}`);
      expect(res.status).toBe(200);
      const [{ created_at: storedAt }] = await rows<{ created_at: Date }>(`SELECT created_at FROM leads WHERE id = $1`, [lead.id]);
      expect(res.body).toEqual({
        TrackingUID: lead.id,
        VisitUID: lead.requestId,
        EnterDate: postedAt.toISOString(),
        ExitDate: storedAt.toISOString(),
        UserAgent: ua,
        IP: '203.0.113.7',
        URL: 'https://quotes.example.com/auto?src=ppc',
        Host: 'quotes.example.com',
        EnterPage: '/auto?src=ppc',
        ExitPage: '',
        Referrer: 'https://www.google.com/search?q=auto+quote',
        ReferrerHost: 'www.google.com',
        SearchEngine: 'Google',
        SearchTerm: 'auto quote',
        Browser: 'Chrome',
        OS: 'Windows',
        PageViews: 0,
        FirstVisit: true,
      });
      const byVisit = await api.call('GET', `/v1/leads/analytics/visits/${lead.id}`);
      expect(byVisit.status).toBe(200);
      expect(byVisit.body).toEqual(res.body);
    });

    it('leaves what was not posted empty, and answers 404/400 for unknown or malformed ids', async () => {
      const lead = await newLead({ State: 'TX' });
      const res = await api.call('GET', `/v1/leads/analytics/${lead.id}`);
      expect(res.body).toMatchObject({ TrackingUID: lead.id, IP: '', UserAgent: '', URL: '', Referrer: '', Browser: '', OS: '' });
      expect(res.body.EnterDate).toBe(res.body.ExitDate);
      expect((await api.call('GET', '/v1/leads/analytics/999999999')).status).toBe(404);
      expect((await api.call('GET', '/v1/leads/analytics/visits/999999999')).body).toMatchObject({ StatusCode: 404, Message: 'visit 999999999 not found' });
      expect(errorFields(await api.call('GET', '/v1/leads/analytics/12abc'))).toEqual(['LeadUID']);
      expect((await api.call('GET', `/v1/leads/analytics/${'9'.repeat(25)}`)).status).toBe(404);
    });
  });

  describe('cache update', () => {
    it('answers 200 OK for a lead and 404 for an unknown one', async () => {
      const lead = await newLead({ State: 'TX' });
      const res = await api.call('PUT', `/v1/leads/cache/update/${lead.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toBeUndefined();
      expect((await api.call('PUT', '/v1/leads/cache/update/999999999')).status).toBe(404);
    });
  });

  describe('attachments', () => {
    it('stores a file up to the limit with its hash, and refuses one byte more with 413', async () => {
      const lead = await newLead({ State: 'TX' });
      const file = Buffer.alloc(ATTACHMENT_LIMIT, 7);
      const res = await api.call('PUT', `/v1/leads/${lead.id}/attachments`, { FileName: '../../etc/passwd <b>.pdf', Description: '', Base64Data: file.toString('base64') });
      expect(res.status).toBe(200);
      const [stored] = await rows<{ file_name: string; size_bytes: number; content: Buffer; sha256: Buffer; uploaded_by: string }>(
        `SELECT file_name, size_bytes, content, sha256, uploaded_by FROM lead_attachments WHERE lead_id = $1`,
        [lead.id],
      );
      expect(stored.file_name).toBe('../../etc/passwd <b>.pdf');
      expect(stored.size_bytes).toBe(ATTACHMENT_LIMIT);
      expect(stored.content.equals(file)).toBe(true);
      expect(stored.sha256.toString('hex')).toBe(createHash('sha256').update(file).digest('hex'));
      expect(stored.uploaded_by).toBe(api.clientId);

      const tooBig = await api.call('PUT', `/v1/leads/${lead.id}/attachments`, { FileName: 'big.bin', Description: 'x', Base64Data: Buffer.alloc(ATTACHMENT_LIMIT + 1).toString('base64') });
      expect(tooBig.status).toBe(413);
      expect(tooBig.body).toMatchObject({ StatusCode: 413, Error: 'Payload Too Large', Message: expect.stringContaining(`${ATTACHMENT_LIMIT} bytes`) });
      const overBodyLimit = await api.call('PUT', `/v1/leads/${lead.id}/attachments`, { FileName: 'huge.bin', Description: 'x', Base64Data: 'A'.repeat(1_100_000) });
      expect(overBodyLimit.status).toBe(413);
      expect((await rows(`SELECT 1 FROM lead_attachments WHERE lead_id = $1`, [lead.id])).length).toBe(1);
    });

    it('answers 400 for bad data or missing fields and 404 for an unknown lead', async () => {
      const lead = await newLead({ State: 'TX' });
      const put = (body: unknown, id: number | string = lead.id) => api.call('PUT', `/v1/leads/${id}/attachments`, body);
      expect(errorFields(await put({ FileName: 'a.txt', Description: '', Base64Data: 'not base64!' }))).toEqual(['Base64Data']);
      expect(errorFields(await put({ Description: '', Base64Data: 'aGk=' }))).toEqual(['FileName']);
      expect(errorFields(await put({ FileName: 'a.txt', Base64Data: 'aGk=' }))).toEqual(['Description']);
      expect((await put({ FileName: 'a.txt', Description: '', Base64Data: 'aGk=', Extra: 1 })).status).toBe(400);
      expect((await put({ FileName: 'a.txt', Description: '', Base64Data: 'aGk=' }, 999_999_999)).status).toBe(404);
      expect((await rows(`SELECT 1 FROM lead_attachments WHERE lead_id = $1`, [lead.id])).length).toBe(0);
    });
  });

  describe('delete', () => {
    it('schedules at once, hides the lead, and the worker removes it and every row about it', async () => {
      // A lead the pipeline may still work on (just accepted) waits; a finished (sold) one goes.
      const fresh = await newLead({ Email: 'fresh@example.com', State: 'TX' });
      expect((await api.call('DELETE', `/v1/leads/${fresh.id}`)).status).toBe(200);
      const fields = { FirstName: 'Del', Email: 'delete.me@example.com', PrimaryPhone: '5125550188', State: 'TX' };
      const lead = await newLead(fields, 'sold');
      const sibling = await newLead({ Email: 'sibling@example.com', State: 'TX' }, 'sold');
      await logRequest(lead, 'Lead was accepted');
      await fillPipelineTables(lead, fields);
      await fillPipelineTables(sibling, { Email: 'sibling@example.com' });
      const before = await whereTheLeadIs(lead);
      for (const table of ['leads', 'lead_duplicate_keys', 'compliance_results', 'delivery_assignments', 'sends', 'scan_logs', 'lead_dispositions', 'return_callbacks', 'scheduled_distributions', 'lead_attachments', 'outbox', 'intake_requests']) {
        expect({ table, rows: before[table] > 0 }).toEqual({ table, rows: true });
      }

      const res = await api.call('DELETE', `/v1/leads/${lead.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, message: 'Lead has been scheduled for deletion.' });
      expect((await api.call('DELETE', `/v1/leads/${lead.id}`)).body).toEqual({ success: true, message: 'Lead has been scheduled for deletion.' });
      // Gone for the API at once.
      expect((await api.call('GET', `/v1/leads/analytics/${lead.id}`)).status).toBe(404);
      expect((await search({ Email: 'delete.me@example.com' })).body).toEqual([]);
      expect((await api.call('PUT', `/v1/leads/${lead.id}/attachments`, { FileName: 'a', Description: '', Base64Data: 'aGk=' })).status).toBe(404);

      await waitFor('the worker to purge the lead', async () => (await whereTheLeadIs(lead))['leads'] === 0);
      const after = await whereTheLeadIs(lead);
      expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
      // Nothing else went with it.
      const siblingRows = await whereTheLeadIs(sibling);
      expect(siblingRows['leads']).toBe(1);
      expect(siblingRows['sends']).toBe(1);
      expect(siblingRows['outbox']).toBe(1);
      // The fresh lead was looked at first (scheduled earlier) and waits for the pipeline.
      expect((await rows(`SELECT 1 FROM leads WHERE id = $1`, [fresh.id])).length).toBe(1);
      const [waiting] = await rows<{ attempts: number; next_attempt_at: Date }>(`SELECT attempts, next_attempt_at FROM lead_deletions WHERE lead_id = $1`, [fresh.id]);
      expect(waiting.attempts).toBeGreaterThanOrEqual(1);
      expect(waiting.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
      expect((await api.call('GET', `/v1/leads/analytics/${fresh.id}`)).status).toBe(404);
    });

    it('purges a lead the pipeline has left alone, waits while a delivery is in progress, and never waits past 24 h', async () => {
      const idle = await newLead({ Email: 'idle@example.com', State: 'TX' }, 'screened');
      const delivering = await newLead({ Email: 'delivering@example.com', State: 'TX' }, 'screened');
      const stuck = await newLead({ Email: 'stuck@example.com', State: 'TX' }, 'accepted');
      await api.pool.query(`UPDATE leads SET updated_at = now() - interval '10 minutes' WHERE id = ANY($1::bigint[])`, [[idle.id, delivering.id]]);
      await api.pool.query(`INSERT INTO delivery_assignments (lead_id, delivery_account_id, status) VALUES ($1, $2, 'requested')`, [delivering.id, catalog.deliveryAccountId]);
      await api.pool.query(`INSERT INTO lead_deletions (lead_id, requested_at) VALUES ($1, now() - interval '25 hours')`, [stuck.id]);
      expect((await api.call('DELETE', `/v1/leads/${delivering.id}`)).status).toBe(200);
      expect((await api.call('DELETE', `/v1/leads/${idle.id}`)).status).toBe(200);

      await waitFor('the idle and the stuck lead to be purged', async () => (await rows(`SELECT 1 FROM leads WHERE id = ANY($1::bigint[])`, [[idle.id, stuck.id]])).length === 0);
      expect((await rows(`SELECT 1 FROM leads WHERE id = $1`, [delivering.id])).length).toBe(1);
      const [waiting] = await rows<{ attempts: number }>(`SELECT attempts FROM lead_deletions WHERE lead_id = $1`, [delivering.id]);
      expect(waiting.attempts).toBeGreaterThanOrEqual(1);
    });

    it('answers 404 for an unknown lead and 400 for a malformed id', async () => {
      expect((await api.call('DELETE', '/v1/leads/999999999')).body).toMatchObject({ StatusCode: 404, Message: 'lead 999999999 not found' });
      expect(errorFields(await api.call('DELETE', '/v1/leads/x1'))).toEqual(['LeadUID']);
      expect((await api.call('DELETE', '/v1/leads/0')).status).toBe(404);
    });
  });

  describe('remove', () => {
    it('strips contact data from the lead and its copies and keeps the record', async () => {
      const fields = {
        FirstName: 'Rita', LastName: 'Removal', Email: 'rita.removal@example.com', PrimaryPhone: '5125550199', Address: '9 Quiet Lane', IPAddress: '198.51.100.4',
        City: 'Austin', State: 'TX', Zip: '73301', LoanAmount: '25000',
      };
      const lead = await newLead(fields, 'sold');
      await api.pool.query(`UPDATE leads SET properties = $2, price = 12.5 WHERE id = $1`, [lead.id, JSON.stringify({ recordingUrl: 'https://calls.example/r/1', callDuration: 61 })]);
      await logRequest(lead, 'Lead was accepted');
      await fillPipelineTables(lead, fields);

      const res = await api.call('DELETE', `/v1/leads/${lead.id}/remove`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, message: 'Lead information has been removed.' });

      const [kept] = await rows<{ fields: Record<string, string>; properties: Record<string, unknown>; status: string; price: string; campaign_id: number }>(
        `SELECT fields, properties, status, price, campaign_id FROM leads WHERE id = $1`,
        [lead.id],
      );
      expect(kept.fields).toEqual({ City: 'Austin', State: 'TX', Zip: '73301', LoanAmount: '25000' });
      expect(kept.properties).toEqual({ callDuration: 61 });
      expect(kept).toMatchObject({ status: 'sold', price: '12.50', campaign_id: catalog.campaignId });

      const copies = JSON.stringify({
        outbox: await rows(`SELECT envelope FROM outbox WHERE message_key = $1`, [String(lead.id)]),
        sends: await rows(`SELECT request_url, request_body, response_body, error FROM sends WHERE lead_id = $1`, [lead.id]),
        scans: await rows(`SELECT message FROM scan_logs WHERE lead_id = $1`, [lead.id]),
        compliance: await rows(`SELECT reasons FROM compliance_results WHERE lead_id = $1`, [lead.id]),
        callbacks: await rows(`SELECT url, last_error FROM return_callbacks WHERE lead_id = $1`, [lead.id]),
      });
      for (const value of ['Rita', 'Removal', 'rita.removal', '5125550199', 'Quiet Lane', '198.51.100.4', 'calls.example']) expect(copies).not.toContain(value);
      const [send] = await rows<{ request_body: string | null; request_url: string }>(`SELECT request_body, request_url FROM sends WHERE lead_id = $1`, [lead.id]);
      expect(send).toEqual({ request_body: null, request_url: 'https://buyer.example/leads' });
      expect((await rows<{ message: string }>(`SELECT message FROM scan_logs WHERE lead_id = $1 ORDER BY id`, [lead.id])).map((r) => r.message)).toEqual([
        'Email: [removed]',
        'State: lead has "TX"',
      ]);
      const [event] = await rows<{ envelope: { payload: { fields: Record<string, string> } } }>(`SELECT envelope FROM outbox WHERE message_key = $1`, [String(lead.id)]);
      expect(event.envelope.payload.fields).toEqual({ City: 'Austin', State: 'TX', Zip: '73301', LoanAmount: '25000' });
      expect((await rows(`SELECT 1 FROM lead_duplicate_keys WHERE lead_id = $1`, [lead.id])).length).toBe(0);
      expect((await rows(`SELECT 1 FROM lead_attachments WHERE lead_id = $1`, [lead.id])).length).toBe(0);
      // Reporting rows stay.
      for (const table of ['delivery_assignments', 'sends', 'scan_logs', 'lead_dispositions', 'compliance_results', 'return_callbacks']) {
        expect({ table, n: (await rows(`SELECT 1 FROM ${table} WHERE lead_id = $1`, [lead.id])).length }).toEqual({ table, n: table === 'scan_logs' ? 2 : 1 });
      }
      expect((await search({ Email: 'rita.removal@example.com' })).body).toEqual([]);
      const analytics = await api.call('GET', `/v1/leads/analytics/${lead.id}`);
      expect(analytics.status).toBe(200);
      expect(analytics.body.IP).toBe('');
      // Idempotent.
      expect((await api.call('DELETE', `/v1/leads/${lead.id}/remove`)).status).toBe(200);
      expect((await api.call('DELETE', '/v1/leads/999999999/remove')).status).toBe(404);
    });
  });
});
