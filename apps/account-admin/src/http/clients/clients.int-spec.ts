import { uniqueSuffix } from '@leadx/platform-testing';
import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';

describe('Account API clients (seed 003 Clients)', () => {
  let api: AccountApiHarness;
  const sfx = uniqueSuffix();
  const password = `Pw-${sfx}-s3cret!`;
  const fields = { company: 0, email: 0, phone: 0, tier: 0, employees: 0 };
  let groupId = 0;

  const putField = async (body: Record<string, unknown>) => {
    const res = await api.call('PUT', '/v1/clients/fields', { ClientFieldUID: 0, ...body });
    expect(res).toMatchObject({ status: 200 });
    return res.body as number;
  };
  const info = (over: Record<string, unknown> = {}) => ({
    ClientUID: 0,
    DateAdded: '2020-08-21T16:38:22.976Z',
    Status: 'Active',
    UserUID: 0,
    TimeOffset: -8,
    Notes: '',
    TimeZoneName: 'Pacific Standard Time',
    ResellerUID: 0,
    GroupUID: 0,
    Username: `user-${uniqueSuffix()}`,
    Password: password,
    OverrideReassign: true,
    DeliveryAccountAutomationType: 'Price',
    ...over,
  });
  const createClient = async (over: Record<string, unknown> = {}, fieldData: unknown[] = []) => {
    const res = await api.call('PATCH', '/v1/clients', { Info: info(over), FieldData: fieldData });
    expect(res).toMatchObject({ status: 200 });
    expect(typeof res.body).toBe('number');
    return res.body as number;
  };
  const listed = async (id: number) => ((await api.call('GET', '/v1/clients/list')).body as Array<Record<string, unknown>>).find((c) => c.ClientUID === id);

  beforeAll(async () => {
    api = await startAccountApi();
    fields.company = await putField({ Descriptor: `Company ${sfx}`, DataType: 'Varchar', SpecialBit: 'Company' });
    fields.email = await putField({ Descriptor: `Email ${sfx}`, SpecialBit: 4 });
    fields.phone = await putField({ Descriptor: `Phone ${sfx}`, SpecialBit: 'PrimaryPhone' });
    fields.tier = await putField({
      Descriptor: `Tier ${sfx}`,
      Enumerated: true,
      Enums: [
        { ClientFieldEnumUID: 0, Descriptor: 'Gold', Priority: 1 },
        { ClientFieldEnumUID: 0, Descriptor: 'Silver', Priority: 2 },
      ],
    });
    fields.employees = await putField({ Descriptor: `Employees ${sfx}`, DataType: 'Int' });
    const g = await api.call('PUT', '/v1/clients/groups', { ClientGroupUID: 0, Description: `Premium ${sfx}`, DisplayOrder: 1, ClientCount: 0 });
    expect(g.status).toBe(200);
    groupId = g.body;
  });
  afterAll(() => api?.close());

  it('creates, lists, modifies, and changes the status and group of a client, recording each change', async () => {
    const username = `Acme-${sfx}`;
    const id = await createClient({ Username: username, GroupUID: groupId, Status: 'New' }, [
      { ClientFieldUID: fields.company, Value: 'Acme Insurance' },
      { ClientFieldUID: fields.employees, Value: 42 },
    ]);

    const row = (await api.pool.query(`SELECT name, status, time_zone, time_zone_name, password_hash, group_id, automation_type FROM clients WHERE id = $1`, [id])).rows[0];
    expect(row).toMatchObject({ name: 'Acme Insurance', status: 'New', time_zone: 'America/Los_Angeles', time_zone_name: 'Pacific Standard Time', group_id: groupId, automation_type: 'Price' });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(password);

    const item = await listed(id);
    expect(item).toMatchObject({
      ClientUID: id, Status: 'New', Username: username, GroupUID: groupId, TimeOffset: -8, TimeZoneName: 'Pacific Standard Time',
      DateAdded: '2020-08-21T16:38:22.976Z', AutomationType: 'Price', OverrideReassign: true, UserUID: 0, ResellerUID: 0,
    });
    expect(item).not.toHaveProperty('Password');

    // Modify: absent properties keep their value; Status by number (3 = Waiting).
    const hostile = `'; DROP TABLE clients; -- <script>alert(1)</script> \${process.exit()}`;
    const modified = await api.call('PATCH', '/v1/clients', { Info: { ClientUID: id, Status: 3, Notes: hostile, TimeZoneName: 'Eastern Standard Time', Password: '' } });
    expect(modified).toMatchObject({ status: 200, body: id });
    expect(await listed(id)).toMatchObject({ Status: 'Waiting', Notes: hostile, Username: username, GroupUID: groupId, TimeZoneName: 'Eastern Standard Time' });
    expect((await api.pool.query(`SELECT time_zone FROM clients WHERE id = $1`, [id])).rows[0].time_zone).toBe('America/New_York');
    // An empty Password on modify keeps the old one.
    expect((await api.call('POST', '/v1/clients/login', { Username: username, Password: password })).status).toBe(200);

    expect(await api.call('PATCH', `/v1/clients/${id}/status`, { Status: 'active' })).toMatchObject({ status: 200, body: true });
    expect((await listed(id))?.Status).toBe('Active');
    const statuses = (await api.pool.query(`SELECT old_status, new_status, changed_by FROM client_status_history WHERE client_id = $1 ORDER BY id`, [id])).rows;
    expect(statuses).toEqual([
      { old_status: null, new_status: 'New', changed_by: api.clientId },
      { old_status: 'New', new_status: 'Waiting', changed_by: api.clientId },
      { old_status: 'Waiting', new_status: 'Active', changed_by: api.clientId },
    ]);

    // Group: remove with UID "0" (the seed types it as a string), then assign by name in another case.
    expect(await api.call('PATCH', `/v1/clients/${id}/group`, { ClientGroupName: '', ClientGroupUID: '0' })).toMatchObject({ status: 200, body: true });
    expect((await listed(id))?.GroupUID).toBe(0);
    expect(await api.call('PATCH', `/v1/clients/${id}/group`, { ClientGroupName: `PREMIUM ${sfx}` })).toMatchObject({ status: 200, body: true });
    expect((await listed(id))?.GroupUID).toBe(groupId);
    const groups = (await api.pool.query(`SELECT old_group_id, new_group_id FROM client_group_history WHERE client_id = $1 ORDER BY id`, [id])).rows;
    expect(groups).toEqual([
      { old_group_id: null, new_group_id: groupId },
      { old_group_id: groupId, new_group_id: null },
      { old_group_id: null, new_group_id: groupId },
    ]);
    const groupList = (await api.call('GET', '/v1/clients/groups')).body as Array<{ ClientGroupUID: number; ClientCount: number; Description: string }>;
    expect(groupList.find((g) => g.ClientGroupUID === groupId)).toEqual({ ClientGroupUID: groupId, Description: `Premium ${sfx}`, DisplayOrder: 1, ClientCount: 1 });

    expect((await api.call('PATCH', `/v1/clients/${id}/group`, { ClientGroupName: 'no such group' })).status).toBe(404);
    expect((await api.call('PATCH', `/v1/clients/${id}/group`, { ClientGroupUID: 999999 })).status).toBe(404);
    expect((await api.call('PATCH', `/v1/clients/${id}/group`, {})).status).toBe(400);
  });

  it('records a config-change event in the outbox for clients, groups and fields', async () => {
    const id = await createClient();
    const events = async (entity: string, entityId: number) =>
      (await api.pool.query(
        `SELECT envelope FROM outbox WHERE topic = 'accounts.config.changed.v1' AND envelope->'payload'->>'entity' = $1 AND envelope->'payload'->>'entityId' = $2`,
        [entity, String(entityId)],
      )).rows.map((r: { envelope: { payload: unknown } }) => r.envelope.payload);
    expect(await events('client', id)).toEqual([{ entity: 'client', entityId: String(id), change: 'upserted' }]);
    await api.call('PATCH', `/v1/clients/${id}/status`, { Status: 'Suspended' });
    expect(await events('client', id)).toHaveLength(2);
    expect(await events('client_group', groupId)).toEqual([{ entity: 'client_group', entityId: String(groupId), change: 'upserted' }]);
    expect(await events('client_field', fields.tier)).toEqual([{ entity: 'client_field', entityId: String(fields.tier), change: 'upserted' }]);
  });

  it('takes enumerations by name or number and refuses others with a 400 naming the field', async () => {
    expect(await createClient({ Status: 6, DeliveryAccountAutomationType: 2 })).toBeGreaterThan(0);
    for (const Status of ['Bogus', 99, 1.5, true]) {
      const res = await api.call('PATCH', '/v1/clients', { Info: info({ Status }) });
      expect(res.status).toBe(400);
      expect(res.body.Errors).toEqual(expect.arrayContaining([expect.objectContaining({ Field: 'Info.Status', Message: expect.stringContaining('Info.Status must be one of New, Pending') })]));
    }
    const automation = await api.call('PATCH', '/v1/clients', { Info: info({ DeliveryAccountAutomationType: 'Cheapest' }) });
    expect(automation.status).toBe(400);
    expect(automation.body.Errors[0].Field).toBe('Info.DeliveryAccountAutomationType');
    const status = await api.call('PATCH', '/v1/clients/1/status', { Status: 'Gone' });
    expect(status).toMatchObject({ status: 400, body: { Errors: [expect.objectContaining({ Field: 'Status' })] } });
  });

  it('refuses unknown properties, wrong types and missing required values with a 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ Info: { ...info(), Name: 'x' } }, 'Info.Name'],
      [{ Info: info(), Extra: 1 }, 'Extra'],
      [{ Info: info(), FieldData: [{ ClientFieldUID: fields.company, Value: 'x', Past: [] }] }, 'FieldData[0].Past'],
      [{ Info: info({ ClientUID: 'one' }) }, 'Info.ClientUID'],
      [{ Info: info({ TimeOffset: 99 }) }, 'Info.TimeOffset'],
      [{ Info: info({ OverrideReassign: 'yes' }) }, 'Info.OverrideReassign'],
      [{ Info: info({ DateAdded: 'yesterday' }) }, 'Info.DateAdded'],
      [{ Info: info({ Username: '' }) }, 'Info.Username'],
      [{ Info: info({ Password: undefined }) }, 'Info.Password'],
      [{ Info: info({ Status: undefined }) }, 'Info.Status'],
      [{ Info: info({ GroupUID: 999999 }) }, 'Info.GroupUID'],
      [{ FieldData: [] }, 'Info'],
    ];
    for (const [body, field] of cases) {
      const res = await api.call('PATCH', '/v1/clients', body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.Errors.map((e: { Field: string }) => e.Field)).toContain(field);
    }
    // Bodies of the wrong shape are 400s too, never 404s or 500s.
    for (const raw of ['[]', '"text"', 'null', '{"Info": []}', '{"Info": "x"}', '{"Info": {"ClientUID": 0}, "FieldData": [1]}', '{"Info": {"ClientUID": 0}, "FieldData": "x"}', '{"Info": {"ClientUID": 1e40}}']) {
      const res = await api.call('PATCH', '/v1/clients', undefined, { raw });
      expect({ raw, status: res.status }).toEqual({ raw, status: 400 });
    }
    const filters = await api.call('POST', '/v1/clients/list/active/leadtype/1', undefined, { raw: '{"Filters": []}' });
    expect(filters.status).toBe(400);
  });

  it('answers 404 for unknown clients and 400 for ids that are not numbers', async () => {
    expect(await api.call('PATCH', '/v1/clients', { Info: { ClientUID: 999999, Status: 'Active' } })).toMatchObject({ status: 404, body: { Message: 'client 999999 not found' } });
    expect((await api.call('PATCH', '/v1/clients/999999/status', { Status: 'Active' })).status).toBe(404);
    expect((await api.call('PATCH', '/v1/clients/999999/group', { ClientGroupUID: 0 })).status).toBe(404);
    expect((await api.call('GET', '/v1/clients/fields/999999')).status).toBe(404);
    expect((await api.call('GET', '/v1/clients/fields/99999999999')).status).toBe(404);
    expect(await api.call('GET', '/v1/clients/fields/abc')).toMatchObject({ status: 400, body: { Errors: [{ Field: 'ClientUID' }] } });
    expect((await api.call('POST', '/v1/clients/list/active/leadtype/999999', { SortBy: 'Name', SortDirection: 'Ascending' })).status).toBe(404);
    expect((await api.call('PUT', '/v1/clients/groups', { ClientGroupUID: 999999, Description: `x ${sfx}`, DisplayOrder: 0 })).status).toBe(404);
    expect((await api.call('PUT', '/v1/clients/fields', { ClientFieldUID: 999999, Descriptor: `x ${sfx}` })).status).toBe(404);
  });

  it('keeps client usernames unique whatever their case (409) and answers the username check', async () => {
    const username = `Unique-${sfx}`;
    const first = await createClient({ Username: username });
    const dup = await api.call('PATCH', '/v1/clients', { Info: info({ Username: username.toUpperCase() }) });
    expect(dup).toMatchObject({ status: 409, body: { StatusCode: 409, Message: expect.stringContaining('already in use') } });
    const other = await createClient();
    expect((await api.call('PATCH', '/v1/clients', { Info: { ClientUID: other, Username: ` ${username.toLowerCase()} ` } })).status).toBe(409);
    // Its own username in another case is not a conflict.
    expect((await api.call('PATCH', '/v1/clients', { Info: { ClientUID: first, Username: username.toLowerCase() } })).status).toBe(200);

    expect(await api.call('GET', `/v1/clients/username/check/${encodeURIComponent(username.toUpperCase())}`)).toMatchObject({ status: 200, body: true });
    expect((await api.call('GET', `/v1/clients/username/check/nobody-${sfx}`)).body).toBe(false);
    const res = await api.call('GET', `/v1/clients/username/check/${encodeURIComponent("x' OR '1'='1")}`);
    expect(res).toMatchObject({ status: 200, body: false });
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('never answers the password, and logs clients in with the right password only', async () => {
    const username = `Login-${sfx}`;
    const id = await createClient({ Username: username, Status: 'Active' });
    const bodies: string[] = [];
    const record = async (method: string, path: string, body?: unknown) => {
      const res = await api.call(method, path, body);
      bodies.push(JSON.stringify(res.body));
      return res;
    };
    await record('GET', '/v1/clients/list');
    await record('GET', `/v1/clients/fields/${id}`);
    const ok = await record('POST', '/v1/clients/login', { Username: username.toLowerCase(), Password: password });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ClientUID: id, Username: username, Status: 'Active', OverrideReassign: true, IsLocked: false });
    expect(ok.body).not.toHaveProperty('Password');
    const wrong = await record('POST', '/v1/clients/login', { Username: username, Password: `${password}x` });
    expect(wrong).toMatchObject({ status: 401, body: { Message: 'invalid client username or password' } });
    const unknown = await record('POST', '/v1/clients/login', { Username: `ghost-${sfx}`, Password: password });
    expect(unknown).toMatchObject({ status: 401, body: { Message: 'invalid client username or password' } });
    // A 400 for the rest of the body must not echo the password either.
    await record('PATCH', '/v1/clients', { Info: info({ Password: password, Status: 'Nope' }) });
    await record('PATCH', '/v1/clients', { Info: info({ Password: password, Username: username }) });
    for (const text of bodies) {
      expect(text).not.toContain(password);
      expect(text).not.toContain('$argon2');
      expect(text).not.toMatch(/"Password"/);
    }
  });

  it('throttles password guessing per username with 429', async () => {
    const username = `Guess-${sfx}`;
    await createClient({ Username: username });
    for (let i = 0; i < 10; i++) expect((await api.call('POST', '/v1/clients/login', { Username: username, Password: `guess-${i}` })).status).toBe(401);
    expect((await api.call('POST', '/v1/clients/login', { Username: username.toUpperCase(), Password: password })).status).toBe(429);
  });

  it('keeps past field values, newest first, and checks values against their field', async () => {
    const id = await createClient({}, [
      { ClientFieldUID: fields.company, Value: 'First Co' },
      { ClientFieldUID: fields.tier, Value: 'gold' },
    ]);
    for (const Value of ['Second Co', 'Second Co', 'Third Co']) {
      expect((await api.call('PATCH', '/v1/clients', { Info: { ClientUID: id }, FieldData: [{ ClientFieldUID: fields.company, Value }] })).status).toBe(200);
    }
    const res = await api.call('GET', `/v1/clients/fields/${id}`);
    expect(res.status).toBe(200);
    const company = res.body.find((f: { ClientFieldUID: number }) => f.ClientFieldUID === fields.company);
    expect(company).toMatchObject({ Descriptor: `Company ${sfx}`, DataType: 'Varchar', SpecialBit: 'Company', FieldValue: 'Third Co', PastValues: ['Second Co', 'First Co'] });
    const tier = res.body.find((f: { ClientFieldUID: number }) => f.ClientFieldUID === fields.tier);
    expect(tier).toMatchObject({ Enumerated: true, FieldValue: 'Gold', PastValues: [], Enums: [expect.objectContaining({ Descriptor: 'Gold', ClientFieldUID: fields.tier }), expect.objectContaining({ Descriptor: 'Silver' })] });
    const history = (await api.pool.query(`SELECT value, changed_at FROM client_field_value_history WHERE client_id = $1 ORDER BY id`, [id])).rows;
    expect(history.map((h: { value: string }) => h.value)).toEqual(['First Co', 'Second Co']);
    expect(history[0].changed_at).toBeInstanceOf(Date);
    expect((await api.pool.query(`SELECT name FROM clients WHERE id = $1`, [id])).rows[0].name).toBe('Third Co');

    const bad = async (fieldData: unknown[], field: string) => {
      const r = await api.call('PATCH', '/v1/clients', { Info: { ClientUID: id }, FieldData: fieldData });
      expect({ field, status: r.status }).toEqual({ field, status: 400 });
      expect(r.body.Errors.map((e: { Field: string }) => e.Field)).toContain(field);
    };
    await bad([{ ClientFieldUID: 999999, Value: 'x' }], 'FieldData[0].ClientFieldUID');
    await bad([{ ClientFieldUID: fields.company, Value: 'ok' }, { ClientFieldUID: fields.employees, Value: 'many' }], 'FieldData[1].Value');
    await bad([{ ClientFieldUID: fields.tier, Value: 'Bronze' }], 'FieldData[0].Value');
    await bad([{ ClientFieldUID: fields.company, Value: 'a' }, { ClientFieldUID: fields.company, Value: 'b' }], 'FieldData[1].ClientFieldUID');
    // A refused request changes nothing.
    expect((await api.call('GET', `/v1/clients/fields/${id}`)).body.find((f: { ClientFieldUID: number }) => f.ClientFieldUID === fields.company).FieldValue).toBe('Third Co');
  });

  it('defines client fields (extension): enums replaced, spaces refused, descriptors unique', async () => {
    const id = await putField({ Descriptor: `Plan ${sfx}`, Enumerated: true, Enums: [{ ClientFieldEnumUID: 0, Descriptor: 'Basic' }, { ClientFieldEnumUID: 0, Descriptor: 'Pro' }] });
    const defs = (await api.call('GET', '/v1/clients/fields')).body as Array<{ ClientFieldUID: number; Enums: Array<{ ClientFieldEnumUID: number; Descriptor: string }>; FieldValue: string; PastValues: string[] }>;
    const plan = defs.find((d) => d.ClientFieldUID === id)!;
    expect(plan).toMatchObject({ DataType: 'Varchar', Status: true, Required: false, SpecialBit: 'NoSpecialBit', isState: false, FieldValue: '', PastValues: [] });
    const pro = plan.Enums.find((e) => e.Descriptor === 'Pro')!;
    // Send the fetched field back with one enum renamed and the other dropped.
    const res = await api.call('PUT', '/v1/clients/fields', { ...plan, Enums: [{ ...pro, Descriptor: 'Premium' }, { ClientFieldEnumUID: 0, Descriptor: 'Team', Priority: 5 }] });
    expect(res).toMatchObject({ status: 200, body: id });
    const after = ((await api.call('GET', '/v1/clients/fields')).body as typeof defs).find((d) => d.ClientFieldUID === id)!;
    expect(after.Enums.map((e) => e.Descriptor).sort()).toEqual(['Premium', 'Team']);
    expect(after.Enums.find((e) => e.Descriptor === 'Premium')!.ClientFieldEnumUID).toBe(pro.ClientFieldEnumUID);

    const spaced = await api.call('PUT', '/v1/clients/fields', { ClientFieldUID: id, Descriptor: `Plan ${sfx}`, Enums: [{ ClientFieldEnumUID: 0, Descriptor: 'Two Words' }] });
    expect(spaced).toMatchObject({ status: 400, body: { Errors: [{ Field: 'Enums[0].Descriptor' }] } });
    expect((await api.call('PUT', '/v1/clients/fields', { ClientFieldUID: 0, Descriptor: `plan ${sfx}` })).status).toBe(409);
    expect((await api.call('PUT', '/v1/clients/fields', { ClientFieldUID: 0, Descriptor: `Other ${sfx}`, DataType: 'Text' })).status).toBe(400);
    expect((await api.call('PUT', '/v1/clients/groups', { ClientGroupUID: 0, Description: `premium ${sfx}`, DisplayOrder: 0 })).status).toBe(409);
  });

  describe('active list by lead type', () => {
    let leadType = 0;
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      leadType = (await api.pool.query(`INSERT INTO lead_types (name) VALUES ($1) RETURNING id`, [`Auto ${sfx}`])).rows[0].id;
      const other = (await api.pool.query(`INSERT INTO lead_types (name) VALUES ($1) RETURNING id`, [`Home ${sfx}`])).rows[0].id;
      ids.cheap = await createClient({ Status: 'Active' }, [{ ClientFieldUID: fields.company, Value: `B cheap ${sfx}` }, { ClientFieldUID: fields.email, Value: 'b@example.com' }, { ClientFieldUID: fields.phone, Value: '555-0100' }]);
      ids.rich = await createClient({ Status: 'Active', GroupUID: groupId }, [{ ClientFieldUID: fields.company, Value: `A rich ${sfx}` }]);
      ids.transfer = await createClient({ Status: 'Active' }, [{ ClientFieldUID: fields.company, Value: `C transfer ${sfx}` }]);
      ids.inactive = await createClient({ Status: 'Suspended' }, [{ ClientFieldUID: fields.company, Value: `D suspended ${sfx}` }]);
      ids.closedAccount = await createClient({ Status: 'Active' }, [{ ClientFieldUID: fields.company, Value: `E closed ${sfx}` }]);
      ids.otherType = await createClient({ Status: 'Active' }, [{ ClientFieldUID: fields.company, Value: `F other ${sfx}` }]);
      const account = (clientId: number, lt: number, status: string, type: string, price: number, extra = '') =>
        api.pool.query(
          `INSERT INTO delivery_accounts (client_id, lead_type_id, name, status, account_type, price, priority${extra ? ', agent_name, agent_phone, automation_enabled' : ''})
           VALUES ($1, $2, 'acct', $3, $4, $5, 0${extra ? `, 'Agent Smith', '555-0199', false` : ''})`,
          [clientId, lt, status, type, price],
        );
      await account(ids.cheap, leadType, 'Open', 'General', 5);
      await account(ids.cheap, leadType, 'Open', 'General', 9);
      await account(ids.rich, leadType, 'Open', 'General', 30);
      await account(ids.transfer, leadType, 'Open', 'LiveCall', 50, 'agent');
      await account(ids.inactive, leadType, 'Open', 'General', 99);
      await account(ids.closedAccount, leadType, 'Closed', 'General', 99);
      await account(ids.otherType, other, 'Open', 'General', 99);
      await api.pool.query(`INSERT INTO orders (client_id, start_date, status, renewal) VALUES ($1, now() - interval '1 day', 'Open', 'No_Renewal')`, [ids.rich]);
      const list = (await api.pool.query(`INSERT INTO distribution_lists (lead_type_id, name) VALUES ($1, 'Zips') RETURNING id`, [leadType])).rows[0].id;
      const item = (await api.pool.query(`INSERT INTO distribution_list_items (list_id, value) VALUES ($1, '90210') RETURNING id`, [list])).rows[0].id;
      await api.pool.query(`INSERT INTO distribution_list_assignments (item_id, client_id, list_id) VALUES ($1, $2, $3)`, [item, ids.cheap, list]);
    });

    const activeList = (body: Record<string, unknown>) => api.call('POST', `/v1/clients/list/active/leadtype/${leadType}`, { SortBy: 'Name', SortDirection: 'Ascending', Skip: 0, Take: 100, ...body });

    it('lists active clients with an Open account for the lead type, in the seed shape', async () => {
      const res = await activeList({ DeliveryAccountType: '' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ QueryTotal: 3, Skip: 0, Take: 100, FetchedCount: 3 });
      expect(typeof res.body.QueryDurationTotalMS).toBe('number');
      expect(typeof res.body.QueryDurationItemAverageMS).toBe('number');
      expect(res.body.Clients.map((c: { ClientUID: number }) => c.ClientUID)).toEqual([ids.rich, ids.cheap, ids.transfer]);
      expect(res.body.Clients[1]).toEqual({
        ClientUID: ids.cheap, DateCreated: expect.any(String), Name: `B cheap ${sfx}`, Email: 'b@example.com', Phone: '555-0100',
        LastSentDate: null, Priority: 0, Price: 9, Agent: null, DistributionLists: [{ Name: 'Zips', Assignments: ['90210'] }],
      });
      expect(res.body.Clients[2]).toMatchObject({ Agent: { Name: 'Agent Smith', Phone: '555-0199' }, DistributionLists: [] });
    });

    it('filters by account type, group, active order and automation; sorts by price either way', async () => {
      const uidsOf = (r: { body: { Clients: Array<{ ClientUID: number }> } }) => r.body.Clients.map((c) => c.ClientUID);
      expect(uidsOf(await activeList({ DeliveryAccountType: 'TransferForm' }))).toEqual([ids.transfer]);
      expect(uidsOf(await activeList({ DeliveryAccountType: 0 }))).toEqual([ids.rich, ids.cheap]);
      expect(uidsOf(await activeList({ Filters: { ClientGroupUIDs: [groupId] } }))).toEqual([ids.rich]);
      expect(uidsOf(await activeList({ Filters: { ClientGroupUIDs: [0] } }))).toEqual([ids.cheap, ids.transfer]);
      expect(uidsOf(await activeList({ Filters: { HasActiveOrder: true } }))).toEqual([ids.rich]);
      expect(uidsOf(await activeList({ Filters: { HasActiveOrder: false, AutomationEnabled: true } }))).toEqual([ids.cheap]);
      expect(uidsOf(await activeList({ Filters: { AutomationEnabled: false } }))).toEqual([ids.transfer]);
      const desc = await activeList({ SortBy: 'Price', SortDirection: 'Decending' });
      expect(desc.body.Clients.map((c: { Price: number }) => c.Price)).toEqual([50, 30, 9]);
      const asc = await activeList({ SortBy: 1, SortDirection: 'ascending' });
      expect(asc.body.Clients.map((c: { Price: number }) => c.Price)).toEqual([5, 30, 50]);
      expect((await activeList({ SortBy: 'LastSentDate', SortDirection: 'Descending' })).status).toBe(200);
      expect((await activeList({ SortBy: 'Priority' })).status).toBe(200);
    });

    it('clamps Take to 100, pages with Skip, and refuses bad sort values', async () => {
      const clamped = await activeList({ Take: 500 });
      expect(clamped.body).toMatchObject({ Take: 100, FetchedCount: 3 });
      const page = await activeList({ Skip: 1, Take: 1 });
      expect(page.body).toMatchObject({ QueryTotal: 3, Skip: 1, Take: 1, FetchedCount: 1, Clients: [{ ClientUID: ids.cheap }] });
      const beyond = await activeList({ Skip: 10 });
      expect(beyond.body).toMatchObject({ QueryTotal: 3, FetchedCount: 0, Clients: [] });
      for (const [body, field] of [[{ SortBy: 'Rating' }, 'SortBy'], [{ SortDirection: 'Up' }, 'SortDirection'], [{ DeliveryAccountType: 'Fax' }, 'DeliveryAccountType'], [{ Filters: { ClientGroupUIDs: ['x'] } }, 'Filters.ClientGroupUIDs'], [{ Skip: -1 }, 'Skip']] as const) {
        const res = await activeList(body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.Errors[0].Field).toBe(field);
      }
      const listPage = await api.call('GET', '/v1/clients/list?Skip=0&Take=500');
      expect(listPage.status).toBe(200);
      expect(listPage.body.length).toBeLessThanOrEqual(100);
      expect((await api.call('GET', '/v1/clients/list?Skip=1&Take=2')).body).toHaveLength(2);
      expect((await api.call('GET', '/v1/clients/list?Take=abc')).status).toBe(400);
    });
  });
});
