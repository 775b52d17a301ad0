import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';

/** Delivery accounts through HTTP, with the SSRF check on (DELIVERY_URL_ALLOW_PRIVATE default false). */
describe('Account API delivery accounts', () => {
  let api: AccountApiHarness;
  let clientId: number;
  let otherClientId: number;
  let leadTypeId: number;
  let otherLeadTypeId: number;
  const field: Record<string, number> = {};

  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await api.pool.query(sql, params)).rows[0] as T;

  beforeAll(async () => {
    api = await startAccountApi();
    clientId = (await one<{ id: number }>(`INSERT INTO clients (name) VALUES ('Acme buyer') RETURNING id`)).id;
    otherClientId = (await one<{ id: number }>(`INSERT INTO clients (name) VALUES ('Other buyer') RETURNING id`)).id;
    leadTypeId = (await one<{ id: number }>(`INSERT INTO lead_types (name) VALUES ('Auto insurance') RETURNING id`)).id;
    otherLeadTypeId = (await one<{ id: number }>(`INSERT INTO lead_types (name) VALUES ('Solar') RETURNING id`)).id;
    for (const name of ['State', 'Age', 'DOB', 'Zip', 'Email']) {
      field[name] = (await one<{ id: number }>(`INSERT INTO lead_type_fields (lead_type_id, name) VALUES ($1, $2) RETURNING id`, [leadTypeId, name])).id;
    }
    field['Roof'] = (await one<{ id: number }>(`INSERT INTO lead_type_fields (lead_type_id, name) VALUES ($1, 'Roof') RETURNING id`, [otherLeadTypeId])).id;
  });
  afterAll(() => api?.close());

  const account = (overrides: Record<string, unknown> = {}) => ({
    ClientAccountUID: 0,
    ClientUID: clientId,
    DeliveryUID: 0,
    Price: 25.5,
    HourMax: -1,
    DayMax: 100,
    MonthMax: 0,
    WeekMax: -1,
    useOrder: false,
    Status: 12,
    DeliveryDelay: 30,
    Description: 'Texas adults',
    RedirectURL: '',
    AutomationEnabled: true,
    AlternatePosting: 0,
    AccountType: 0,
    AgentName: '',
    AgentPhone: '',
    LeadTypeUID: leadTypeId,
    Criteria: [
      { ClientCriteriaUID: 0, LeadFieldUID: field['State'], Type: 'FieldValue', Expression: '', Operator: 'In', Value: 'TX|OK' },
      { ClientCriteriaUID: 0, LeadFieldUID: field['Age'], Type: 'FieldValue', Expression: '', Operator: 'Between', Value: '18|65' },
      { ClientCriteriaUID: 0, LeadFieldUID: field['DOB'], Type: 'FieldValue', Expression: '', Operator: 'DateCompare', Value: '<=-18y' },
      { ClientCriteriaUID: 0, LeadFieldUID: field['Zip'], Type: 'FieldValue', Expression: '', Operator: 'Distance_Compare', Value: '75001|50' },
      { ClientCriteriaUID: 0, LeadFieldUID: field['Email'], Type: 'FieldValue', Expression: '', Operator: 'Doesnt_Contain', Value: '@spam.example' },
      { ClientCriteriaUID: 0, LeadFieldUID: 0, Type: 'Expression', Expression: "upper(State) != 'CA'", Operator: 'Equal', Value: '' },
    ],
    ...overrides,
  });

  const create = async (overrides: Record<string, unknown> = {}, client = clientId): Promise<number> => {
    const res = await api.call('PUT', `/v1/delivery/${client}/accounts`, account({ ClientUID: client, ...overrides }));
    expect(res).toMatchObject({ status: 200 });
    expect(typeof res.body).toBe('number');
    return res.body as number;
  };

  it('creates an account with criteria of several operators and answers them in the seed shape', async () => {
    const id = await create();
    const res = await api.call('GET', `/v1/delivery/${clientId}/accounts/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ClientAccountUID: id,
      ClientUID: clientId,
      DeliveryUID: 0,
      Price: 25.5,
      HourMax: -1,
      DayMax: 100,
      MonthMax: -1,
      WeekMax: -1,
      useOrder: false,
      Status: 'Open',
      DeliveryDelay: 30,
      Description: 'Texas adults',
      RedirectURL: '',
      AutomationEnabled: true,
      AlternatePosting: 0,
      AccountType: 'General',
      AgentName: '',
      AgentPhone: '',
      DeliveryDetails: null,
    });
    const criteria = res.body.Criteria as Array<Record<string, unknown>>;
    expect(criteria.map((c) => [c.LeadFieldUID, c.Type, c.Operator, c.Value, c.Expression])).toEqual([
      [field['State'], 'FieldValue', 'In', 'TX|OK', ''],
      [field['Age'], 'FieldValue', 'Between', '18|65', ''],
      [field['DOB'], 'FieldValue', 'DateCompare', '<=-18y', ''],
      [field['Zip'], 'FieldValue', 'Distance_Compare', '75001|50', ''],
      [field['Email'], 'FieldValue', 'Doesnt_Contain', '@spam.example', ''],
      [0, 'Expression', 'Equal', '', "upper(State) != 'CA'"],
    ]);
    const ids = criteria.map((c) => c.ClientCriteriaUID as number);
    expect(new Set(ids).size).toBe(6);
    expect(ids.every((i) => i > 0)).toBe(true);

    // What the scanner reads: Criterion objects with field names.
    const stored = await one<{ criteria: Array<Record<string, unknown>>; lead_type_id: number; delivery_delay_seconds: number }>(
      `SELECT criteria, lead_type_id, delivery_delay_seconds FROM delivery_accounts WHERE id = $1`,
      [id],
    );
    expect(stored.lead_type_id).toBe(leadTypeId);
    expect(stored.criteria[0]).toEqual({ id: ids[0], field: 'State', leadFieldId: field['State'], operator: 'In', value: 'TX|OK', type: 'FieldValue', expression: '' });
  });

  it('modifies an account: keeps criteria ids sent back, numbers new ones, and answers the same id', async () => {
    const id = await create();
    const before = (await api.call('GET', `/v1/delivery/${clientId}/accounts/${id}`)).body;
    const kept = before.Criteria[0];
    const res = await api.call('PUT', `/v1/delivery/${clientId}/accounts`, {
      ClientAccountUID: id,
      Description: 'Renamed',
      Status: 'OnHold',
      AccountType: 'Live Call',
      AgentName: 'Grace',
      AgentPhone: '8005550199',
      Criteria: [{ ...kept, Value: 'TX' }, { ClientCriteriaUID: 0, LeadFieldUID: field['Age'], Type: 'FieldValue', Operator: 'GreaterOrEqual', Value: 21 }],
    });
    expect(res).toMatchObject({ status: 200, body: id });
    const after = (await api.call('GET', `/v1/delivery/${clientId}/accounts/${id}`)).body;
    expect(after).toMatchObject({ Description: 'Renamed', Status: 'OnHold', AccountType: 'Live Call', AgentPhone: '8005550199', Price: 25.5, DayMax: 100 });
    expect(after.Criteria).toHaveLength(2);
    expect(after.Criteria[0]).toMatchObject({ ClientCriteriaUID: kept.ClientCriteriaUID, Value: 'TX' });
    expect(after.Criteria[1]).toMatchObject({ Operator: 'GreaterOrEqual', Value: '21' });
    expect(after.Criteria[1].ClientCriteriaUID).not.toBe(kept.ClientCriteriaUID);
    // The scanner's spelling of the account type.
    expect((await one<{ account_type: string }>(`SELECT account_type FROM delivery_accounts WHERE id = $1`, [id])).account_type).toBe('LiveCall');
  });

  it('refuses an unknown operator, a bad value or a bad expression with a 400 naming the criterion', async () => {
    const bad = async (criterion: Record<string, unknown>) => {
      const res = await api.call('PUT', `/v1/delivery/${clientId}/accounts`, account({ Criteria: [account().Criteria[0], criterion] }));
      expect(res.status).toBe(400);
      return res.body as { Message: string; Errors: Array<{ Field: string; Message: string }> };
    };
    const op = await bad({ LeadFieldUID: field['State'], Type: 'FieldValue', Operator: 'Like', Value: 'T%' });
    expect(op.Errors).toEqual([{ Field: 'Criteria[1].Operator', Message: expect.stringContaining(`Criteria[1] (LeadFieldUID ${field['State']}): unknown Operator "Like"`) }]);
    expect((await bad({ LeadFieldUID: field['Age'], Operator: 'Between', Value: '18' })).Errors[0]).toMatchObject({ Field: 'Criteria[1].Value', Message: expect.stringMatching(/Between needs two numbers/) });
    expect((await bad({ Type: 'Function', Operator: 'Equal', Expression: 'upper(State' })).Errors[0]).toMatchObject({ Field: 'Criteria[1].Expression', Message: expect.stringMatching(/expression error/) });
    expect((await bad({ Type: 'Expression', Operator: 'Equal', LeadFieldUID: field['Email'], Expression: '/(a)\\1/' })).Errors[0].Message).toMatch(/regular expression error/);
    expect((await bad({ LeadFieldUID: field['Roof'], Operator: 'Equal', Value: 'x' })).Errors[0].Message).toMatch(/is not a field of lead type/);
    expect((await bad({ LeadFieldUID: field['State'], Type: 'Regex', Operator: 'Equal', Value: 'x' })).Errors[0].Field).toBe('Criteria[1].Type');
    // Nothing was created by the refused requests.
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM delivery_accounts WHERE name = 'Texas adults' AND criteria::text LIKE '%Like%'`)).n).toBe(0);
  });

  it('refuses bad bodies with 400 naming the field, never a 500', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ Status: 'Gone' }, 'Status'],
      [{ AccountType: 7 }, 'AccountType'],
      [{ Price: 'lots' }, 'Price'],
      [{ HourMax: -2 }, 'HourMax'],
      [{ DeliveryUID: 99_999_999_999 }, 'DeliveryUID'],
      [{ Description: 'nul\u0000byte' }, 'Description'],
      [{ Unknown: 1 }, 'Unknown'],
      [{ Criteria: 'State=TX' }, 'Criteria'],
      [{ AccountType: 'Redirect', RedirectURL: 'javascript:alert(1)' }, 'RedirectURL'],
      [{ AccountType: 'Redirect', RedirectURL: '' }, 'RedirectURL'],
      [{ AccountType: 'Live Call' }, 'AgentPhone'],
      [{ ClientUID: otherClientId }, 'ClientUID'],
      [{ DeliveryUID: 123456 }, 'DeliveryUID'],
      [{ LeadTypeUID: 0 }, 'LeadTypeUID'],
    ];
    for (const [overrides, fieldName] of cases) {
      const res = await api.call('PUT', `/v1/delivery/${clientId}/accounts`, account(overrides));
      expect({ overrides, status: res.status }).toEqual({ overrides, status: 400 });
      expect({ overrides, fields: (res.body.Errors as Array<{ Field: string }>).map((e) => e.Field) }).toEqual({ overrides, fields: expect.arrayContaining([fieldName]) });
    }
  });

  it('stores hostile text verbatim', async () => {
    const hostile = `'; DROP TABLE delivery_accounts; -- <img src=x onerror=alert(1)> \${process.exit()} {{7*7}}`;
    const id = await create({ Description: hostile, Criteria: [{ LeadFieldUID: field['Email'], Operator: 'Contains', Value: hostile }] });
    const res = await api.call('GET', `/v1/delivery/${clientId}/accounts/${id}`);
    expect(res.body.Description).toBe(hostile);
    expect(res.body.Criteria[0].Value).toBe(hostile);
  });

  it('answers 404 for an unknown client or account, and for another client\'s account', async () => {
    const id = await create();
    const other = await api.call('GET', `/v1/delivery/${otherClientId}/accounts/${id}`);
    expect(other).toMatchObject({ status: 404, body: { StatusCode: 404, Message: `delivery account ${id} not found` } });
    expect((await api.call('GET', `/v1/delivery/999999/accounts`)).status).toBe(404);
    expect((await api.call('GET', `/v1/delivery/${clientId}/accounts/999999`)).status).toBe(404);
    expect((await api.call('GET', `/v1/delivery/${clientId}/accounts/99999999999`)).status).toBe(404);
    expect((await api.call('GET', `/v1/delivery/${clientId}/accounts/abc`)).status).toBe(400);
    // Modify through another client's path: 404, and the account is untouched.
    const res = await api.call('PUT', `/v1/delivery/${otherClientId}/accounts`, { ClientAccountUID: id, Description: 'stolen' });
    expect(res.status).toBe(404);
    expect((await api.call('PUT', `/v1/delivery/${otherClientId}/accounts/${id}/maxes`, { HourMax: 1 })).status).toBe(404);
    expect((await one<{ name: string; hour_max: number | null }>(`SELECT name, hour_max FROM delivery_accounts WHERE id = $1`, [id]))).toEqual({ name: 'Texas adults', hour_max: null });
  });

  it('lists a client\'s accounts (only its own)', async () => {
    const mine = await create({ Description: 'mine' });
    const theirs = await create({ Description: 'theirs' }, otherClientId);
    const res = await api.call('GET', `/v1/delivery/${otherClientId}/accounts`);
    expect(res.status).toBe(200);
    const ids = (res.body as Array<{ ClientAccountUID: number; ClientUID: number }>).map((a) => a.ClientAccountUID);
    expect(ids).toContain(theirs);
    expect(ids).not.toContain(mine);
    expect((res.body as Array<{ ClientUID: number }>).every((a) => a.ClientUID === otherClientId)).toBe(true);
  });

  it('updates quantity maxes: 0 removes a maximum, absent keeps it', async () => {
    const id = await create({ HourMax: 5, DayMax: 50, WeekMax: 200, MonthMax: 800 });
    const res = await api.call('PUT', `/v1/delivery/${clientId}/accounts/${id}/maxes`, { HourMax: 0, DailyMax: 75, MonthlyMax: -1 });
    expect(res).toMatchObject({ status: 200, body: true });
    const after = (await api.call('GET', `/v1/delivery/${clientId}/accounts/${id}`)).body;
    expect([after.HourMax, after.DayMax, after.WeekMax, after.MonthMax]).toEqual([-1, 75, 200, -1]);
    expect(await one(`SELECT hour_max, day_max, week_max, month_max FROM delivery_accounts WHERE id = $1`, [id])).toEqual({ hour_max: null, day_max: 75, week_max: 200, month_max: null });
    expect((await api.call('PUT', `/v1/delivery/${clientId}/accounts/${id}/maxes`, { HourMax: 'ten' })).status).toBe(400);
    expect((await api.call('PUT', `/v1/delivery/${clientId}/accounts/${id}/maxes`, { Hourly: 3 })).status).toBe(400);
  });

  it('records a delivery_account config change in the outbox in the same transaction', async () => {
    const id = await create();
    const rows = (await api.pool.query(`SELECT envelope FROM outbox WHERE topic = 'accounts.config.changed.v1' AND message_key = $1`, [`delivery_account:${id}`])).rows as Array<{
      envelope: { payload: Record<string, unknown> };
    }>;
    expect(rows.map((r) => r.envelope.payload)).toEqual([{ entity: 'delivery_account', entityId: String(id), change: 'upserted' }]);
    await api.call('PUT', `/v1/delivery/${clientId}/accounts/${id}/maxes`, { HourMax: 3 });
    expect((await api.pool.query(`SELECT 1 FROM outbox WHERE message_key = $1`, [`delivery_account:${id}`])).rowCount).toBe(2);
  });

  it('lists all accounts of a lead type whose criteria accept a field value, paged', async () => {
    const lt = (await one<{ id: number }>(`INSERT INTO lead_types (name) VALUES ('Search') RETURNING id`)).id;
    const st = (await one<{ id: number }>(`INSERT INTO lead_type_fields (lead_type_id, name) VALUES ($1, 'State') RETURNING id`, [lt])).id;
    const ag = (await one<{ id: number }>(`INSERT INTO lead_type_fields (lead_type_id, name) VALUES ($1, 'Age') RETURNING id`, [lt])).id;
    const made = async (desc: string, criteria: unknown[]) => create({ Description: desc, LeadTypeUID: lt, Criteria: criteria });
    const tx1 = await made('tx in', [{ LeadFieldUID: st, Operator: 'In', Value: 'TX|OK' }]);
    const ca = await made('ca only', [{ LeadFieldUID: st, Operator: 'Equal', Value: 'CA' }]);
    const notCa = await made('not ca', [{ LeadFieldUID: st, Operator: 'NotEqual', Value: 'CA' }, { LeadFieldUID: ag, Operator: 'Greater', Value: '18' }]);
    const ageOnly = await made('age only', [{ LeadFieldUID: ag, Operator: 'Greater', Value: '18' }]);
    const tx2 = await made('tx equal', [{ LeadFieldUID: st, Operator: 'Equal', Value: 'tx' }]);

    const search = (body: Record<string, unknown>, leadType = lt) => api.call('POST', `/v1/delivery/accounts/all/${leadType}`, body);
    const ids = (res: { body: Array<{ ClientAccountUID: number }> }) => res.body.map((a) => a.ClientAccountUID);

    const tx = await search({ LeadFieldUID: st, Value: 'TX' });
    expect(tx.status).toBe(200);
    expect(ids(tx)).toEqual([tx1, notCa, tx2]);
    expect(tx.body[0]).toMatchObject({ Description: 'tx in', Criteria: [{ LeadFieldUID: st, Operator: 'In', Value: 'TX|OK' }] });
    expect(ids(await search({ LeadFieldUID: st, Value: 'CA' }))).toEqual([ca]);
    expect(ids(await search({ LeadFieldUID: st, Value: '' }))).toEqual([tx1, ca, notCa, tx2]);
    expect(ids(await search({ LeadFieldUID: 0, Value: '' }))).toEqual([tx1, ca, notCa, ageOnly, tx2]);
    expect(ids(await search({ LeadFieldUID: st, Value: 'TX', Skip: 1, Take: 1 }))).toEqual([notCa]);
    expect(ids(await search({ LeadFieldUID: st, Value: 'TX', Skip: 0, Take: 5000 }))).toHaveLength(3);
    expect(await search({ LeadFieldUID: field['State'], Value: 'TX' })).toMatchObject({ status: 400, body: { Errors: [{ Field: 'LeadFieldUID' }] } });
    expect((await search({ LeadFieldUID: st, Value: 'TX' }, 999999)).status).toBe(404);
    expect((await search({ LeadFieldUID: 'State', Value: 'TX' })).status).toBe(400);
  });

  it('refuses a delivery method URL that points at a private or loopback address (SSRF)', async () => {
    const method = (DeliveryAddress: string) =>
      api.call('PUT', `/v1/delivery/${clientId}/methods`, { ClientDeliveryUID: 0, ClientUID: clientId, Type: 'HTTP POST', Name: 'buyer', Status: true, LeadTypeUID: leadTypeId, DeliveryAddress });
    for (const url of ['http://127.0.0.1:8080/leads', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://10.1.2.3/x', 'http://0x7f000001/x', 'file:///etc/passwd', 'http://user:pw@93.184.216.34/']) {
      const res = await method(url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.Errors[0].Field).toBe('DeliveryAddress');
    }
    const ftp = await api.call('PUT', `/v1/delivery/${clientId}/methods`, { Type: 'FTP', Name: 'ftp', DeliveryAddress: 'ftp://192.168.1.10/in' });
    expect(ftp).toMatchObject({ status: 400, body: { Errors: [{ Field: 'DeliveryAddress' }] } });
    const smtp = await api.call('PUT', `/v1/delivery/${clientId}/methods`, { Type: 'E-Mail', Name: 'mail', EmailAddress: 'leads@buyer.example', SMTPServer: '127.0.0.1:25' });
    expect(smtp).toMatchObject({ status: 400, body: { Errors: [{ Field: 'SMTPServer' }] } });
    // A public address (an IP literal: no DNS needed here) is accepted.
    expect((await method('https://93.184.216.34/leads')).status).toBe(200);
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM delivery_methods WHERE client_id = $1 AND (delivery_address LIKE '%127.0.0.1%' OR delivery_address LIKE '%169.254%')`, [clientId])).n).toBe(0);
  });

  it('projects the account\'s method into delivery_accounts.delivery_method for the delivery worker', async () => {
    const methodRes = await api.call('PUT', `/v1/delivery/${clientId}/methods`, {
      ClientDeliveryUID: 0,
      ClientUID: clientId,
      Type: 'XML / JSON',
      Name: 'Buyer JSON',
      Status: true,
      LeadTypeUID: leadTypeId,
      DeliveryAddress: 'https://93.184.216.34/v1/leads',
      ResponseSearch: 'accepted',
    });
    expect(methodRes.status).toBe(200);
    const methodId = methodRes.body as number;
    const id = await create({ DeliveryUID: methodId, LeadTypeUID: 0 });
    const projection = async () => (await one<{ delivery_method: Record<string, unknown> }>(`SELECT delivery_method FROM delivery_accounts WHERE id = $1`, [id])).delivery_method;
    expect(await projection()).toEqual({
      type: 'JSON',
      url: 'https://93.184.216.34/v1/leads',
      responseSearch: 'accepted',
      deliveryMethodId: methodId,
      seedType: 'XML / JSON',
      enabled: true,
      inTesting: false,
    });
    const detail = (await api.call('GET', `/v1/delivery/${clientId}/accounts/${id}`)).body;
    expect(detail).toMatchObject({ DeliveryUID: methodId, DeliveryDetails: { ClientDeliveryUID: methodId, Type: 'XML / JSON', DeliveryAddress: 'https://93.184.216.34/v1/leads', LeadTypeUID: leadTypeId } });

    // Modifying the method rewrites every account's projection in the same transaction.
    const modified = await api.call('PUT', `/v1/delivery/${clientId}/methods`, { ClientDeliveryUID: methodId, DeliveryAddress: 'https://93.184.216.35/v2/leads', ResponseSearch: '' });
    expect(modified).toMatchObject({ status: 200, body: methodId });
    expect(await projection()).toEqual({ type: 'JSON', url: 'https://93.184.216.35/v2/leads', deliveryMethodId: methodId, seedType: 'XML / JSON', enabled: true, inTesting: false });
    const events = (await api.pool.query(`SELECT message_key FROM outbox WHERE topic = 'accounts.config.changed.v1' AND message_key = ANY($1)`, [[`delivery_method:${methodId}`, `delivery_account:${id}`]])).rows;
    expect(events.filter((e) => e.message_key === `delivery_method:${methodId}`)).toHaveLength(2);
    expect(events.filter((e) => e.message_key === `delivery_account:${id}`)).toHaveLength(2);

    // Another client's method cannot be used.
    expect((await api.call('PUT', `/v1/delivery/${otherClientId}/accounts`, account({ ClientUID: otherClientId, DeliveryUID: methodId }))).body.Errors[0].Field).toBe('DeliveryUID');
  });
});
