import { SecretBox } from '@leadx/catalog-data-access';
import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';
import { AccountAdminConfig } from '../../config/account-admin.config';

/**
 * Delivery methods and client offers through HTTP. DELIVERY_URL_ALLOW_PRIVATE is on here (as in
 * local development), so methods may point at 127.0.0.1; the SSRF refusal with it off is tested in
 * delivery-accounts.int-spec.ts.
 */
describe('Account API delivery methods and client offers', () => {
  let api: AccountApiHarness;
  let clientId: number;
  let otherClientId: number;
  let leadTypeId: number;
  const field: Record<string, number> = {};

  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await api.pool.query(sql, params)).rows[0] as T;
  const saveMethod = (body: Record<string, unknown>, client = clientId) => api.call('PUT', `/v1/delivery/${client}/methods`, body);
  const getMethod = async (accountId: number) => (await api.call('GET', `/v1/delivery/${clientId}/accounts/${accountId}`)).body.DeliveryDetails;
  const accountFor = async (methodId: number): Promise<number> => {
    const res = await api.call('PUT', `/v1/delivery/${clientId}/accounts`, { ClientAccountUID: 0, DeliveryUID: methodId, Description: `account of ${methodId}`, Price: 10 });
    expect(res.status).toBe(200);
    return res.body as number;
  };

  beforeAll(async () => {
    api = await startAccountApi({ DELIVERY_URL_ALLOW_PRIVATE: 'true' });
    clientId = (await one<{ id: number }>(`INSERT INTO clients (name) VALUES ('Method buyer') RETURNING id`)).id;
    otherClientId = (await one<{ id: number }>(`INSERT INTO clients (name) VALUES ('Other') RETURNING id`)).id;
    leadTypeId = (await one<{ id: number }>(`INSERT INTO lead_types (name) VALUES ('Mortgage') RETURNING id`)).id;
    for (const name of ['FirstName', 'LastName', 'State', 'Phone']) {
      field[name] = (await one<{ id: number }>(`INSERT INTO lead_type_fields (lead_type_id, name) VALUES ($1, $2) RETURNING id`, [leadTypeId, name])).id;
    }
  });
  afterAll(() => api?.close());

  const seedExample = () => ({
    ClientDeliveryUID: 0,
    ClientUID: clientId,
    Type: 0,
    Name: 'Buyer post',
    Status: true,
    DateAdded: '2020-08-25T21:54:05.844Z',
    inTesting: false,
    LeadTypeUID: leadTypeId,
    XML: '',
    EmailTemplate: '',
    EmailSubject: '',
    FTPUser: '',
    FTPPassword: '',
    FTPPath: '',
    EmailAddress: '',
    useRegEx: true,
    ResponseSearch: '(?i)^accepted',
    DeliveryAddress: 'http://127.0.0.1:9/leads',
    SMTPServer: '',
    SMTPAuth: false,
    SMTPUsername: '',
    SMTPPassword: '',
    fAddress: '',
    tAddress: '',
    EmailNotify: false,
    NotifyCC: '',
    NotifyBCC: '',
    NotifyEmail: '',
    LeadCatUID: 0,
    ClientEmail: '',
    FieldSettings: [
      { DeliverySettingUID: 0, DeliveryUID: 0, Delete: false, Format: '', FieldType: 1, FieldName: 'first_name', Value: '', LeadFieldUID: field['FirstName'], Expr: '', hasMap: false, FieldMappings: [] },
      {
        DeliverySettingUID: 0,
        DeliveryUID: 0,
        Delete: false,
        Format: '',
        FieldType: 'Lead Field',
        FieldName: 'st',
        Value: '',
        LeadFieldUID: String(field['State']),
        Expr: '',
        hasMap: true,
        FieldMappings: [
          { DeliveryMappingUID: 0, Delete: false, DeliverySettingUID: 0, DeliveryValue: 'TEX', FieldValue: 'TX' },
          { DeliveryMappingUID: 0, Delete: false, DeliverySettingUID: 0, DeliveryValue: 'OKL', FieldValue: 'OK' },
        ],
      },
      { FieldType: 0, FieldName: 'source', Value: 'leadx' },
      { FieldType: 2, FieldName: 'lead_id', Value: 'LeadUID' },
      { FieldType: 3, FieldName: 'full_name', Expr: "concat(FirstName, ' ', LastName)" },
      { FieldType: 4, FieldName: 'area', LeadFieldUID: field['Phone'], Expr: '0,3' },
      { FieldType: 5, FieldName: 'name2', Expr: '{FirstName} {LastName}' },
      { FieldType: 6, FieldName: 'acct', Value: 'AccountNumber' },
      { FieldType: 7, FieldName: 'vendor', Value: 'VendorCode' },
      { FieldType: 8, FieldName: 'is_tx', Expr: "iif(State == 'TX', 'Y', 'N')" },
    ],
    DeliveryDays: [
      { DeliveryDayUID: 0, DeliveryUID: 0, WeekDay: 1, StaticDate: null, StartTime: '2020-08-25T08:00:00.000Z', EndTime: '2020-08-25T17:30:00.000Z', Allow: true },
      { WeekDay: 0, StaticDate: '2024-12-25', Allow: false },
    ],
  });

  it('creates a method from the seed\'s payload with every field-setting type, mappings and days, and answers it in the account detail', async () => {
    const res = await saveMethod(seedExample());
    expect(res.body).toEqual(expect.any(Number));
    const methodId = res.body as number;
    const accountId = await accountFor(methodId);
    const m = await getMethod(accountId);
    expect(m).toMatchObject({
      ClientDeliveryUID: methodId,
      ClientUID: clientId,
      Type: 'HTTP POST',
      Name: 'Buyer post',
      Status: true,
      LeadTypeUID: leadTypeId,
      useRegEx: true,
      ResponseSearch: '(?i)^accepted',
      DeliveryAddress: 'http://127.0.0.1:9/leads',
      FTPPassword: '',
      SMTPPassword: '',
    });
    expect(new Date(m.DateAdded).getFullYear()).toBeGreaterThanOrEqual(2025);
    expect(m.FieldSettings.map((s: { FieldType: string }) => s.FieldType)).toEqual([
      'Lead Field',
      'Lead Field',
      'Static Value',
      'Special Field',
      'Custom Expr',
      'Sub-String',
      'String Concatenation',
      'Client Field',
      'Lead Source Field',
      'Evaluate Function',
    ]);
    expect(m.FieldSettings[1]).toMatchObject({ DeliveryUID: methodId, FieldName: 'st', LeadFieldUID: field['State'], hasMap: true });
    expect(m.FieldSettings[1].FieldMappings.map((x: { FieldValue: string; DeliveryValue: string; DeliverySettingUID: number }) => [x.FieldValue, x.DeliveryValue, x.DeliverySettingUID])).toEqual([
      ['TX', 'TEX', m.FieldSettings[1].DeliverySettingUID],
      ['OK', 'OKL', m.FieldSettings[1].DeliverySettingUID],
    ]);
    expect(m.DeliveryDays).toEqual([
      { DeliveryDayUID: expect.any(Number), DeliveryUID: methodId, WeekDay: 1, StaticDate: null, StartTime: '1900-01-01T08:00:00', EndTime: '1900-01-01T17:30:00', Allow: true },
      { DeliveryDayUID: expect.any(Number), DeliveryUID: methodId, WeekDay: 0, StaticDate: '2024-12-25T00:00:00', StartTime: '2024-12-25T00:00:00', EndTime: '2024-12-25T23:59:59', Allow: false },
    ]);
    // The worker's projection: the regex is flagged so a literal match never counts as sold.
    expect((await one<{ delivery_method: unknown }>(`SELECT delivery_method FROM delivery_accounts WHERE id = $1`, [accountId])).delivery_method).toEqual({
      type: 'HTTP_POST',
      url: 'http://127.0.0.1:9/leads',
      responseSearch: '(?i)^accepted',
      responseSearchIsRegex: true,
      deliveryMethodId: methodId,
      seedType: 'HTTP POST',
      enabled: true,
      inTesting: false,
    });
  });

  it('modifies settings by their Delete flags, mappings by theirs, and replaces the delivery days', async () => {
    const methodId = (await saveMethod(seedExample())).body as number;
    const accountId = await accountFor(methodId);
    const before = await getMethod(accountId);
    const st = before.FieldSettings[1];
    const res = await saveMethod({
      ClientDeliveryUID: methodId,
      Settings: [
        { DeliverySettingUID: before.FieldSettings[0].DeliverySettingUID, Delete: true },
        {
          DeliverySettingUID: st.DeliverySettingUID,
          FieldType: 'Lead Field',
          FieldName: 'state',
          LeadFieldUID: field['State'],
          Mappings: [{ DeliveryMappingUID: st.FieldMappings[0].DeliveryMappingUID, Delete: true }, { DeliveryMappingUID: 0, FieldValue: 'CA', DeliveryValue: 'CAL' }],
        },
      ],
      DeliveryDays: [{ DeliveryDayUID: before.DeliveryDays[0].DeliveryDayUID, WeekDay: 2, StartTime: '09:00', EndTime: '12:00' }],
    });
    expect(res).toMatchObject({ status: 200, body: methodId });
    const after = await getMethod(accountId);
    expect(after.FieldSettings).toHaveLength(9);
    const state = after.FieldSettings.find((s: { DeliverySettingUID: number }) => s.DeliverySettingUID === st.DeliverySettingUID);
    expect(state.FieldName).toBe('state');
    expect(state.FieldMappings.map((x: { FieldValue: string }) => x.FieldValue)).toEqual(['OK', 'CA']);
    expect(after.DeliveryDays).toEqual([expect.objectContaining({ DeliveryDayUID: before.DeliveryDays[0].DeliveryDayUID, WeekDay: 2, StartTime: '1900-01-01T09:00:00' })]);
    expect(after.Name).toBe('Buyer post');
  });

  it('accepts every delivery type of the seed with what it needs', async () => {
    const bodies: Array<Record<string, unknown>> = [
      { Type: 'HTTP POST', DeliveryAddress: 'http://127.0.0.1:9/a' },
      { Type: 'HTTP GET', DeliveryAddress: 'http://127.0.0.1:9/b?x=1' },
      { Type: 'XML / JSON', DeliveryAddress: 'http://127.0.0.1:9/c', XML: '<lead><fn>{FirstName}</fn></lead>' },
      { Type: 'SalesExec' },
      { Type: 'FTP', DeliveryAddress: 'ftp://127.0.0.1:21/in', FTPUser: 'u', FTPPassword: 'ftp-secret', FTPPath: '/in' },
      { Type: 'E-Mail', EmailAddress: 'leads@buyer.example', EmailSubject: 'New lead', EmailTemplate: 'Hi {FirstName}', SMTPServer: '127.0.0.1:25', SMTPAuth: true, SMTPUsername: 'me', SMTPPassword: 'smtp-secret' },
      { Type: 'CSV Attachment', tAddress: 'csv@buyer.example' },
      { Type: 'SOAP', DeliveryAddress: 'http://127.0.0.1:9/soap', XML: '<soap:Envelope/>' },
      { Type: 'Internal System' },
      { Type: 'PING/POST', DeliveryAddress: 'http://127.0.0.1:9/ping' },
      { Type: 'Batch Email File Delivery', EmailAddress: 'batch@buyer.example' },
      { Type: 'SMS Notification', tAddress: '+18005550100' },
    ];
    const seen: string[] = [];
    for (const [i, body] of bodies.entries()) {
      const res = await saveMethod({ Name: `type ${i}`, LeadTypeUID: leadTypeId, ...body, Type: i });
      expect({ i, status: res.status, body: res.status === 200 ? 'id' : res.body }).toEqual({ i, status: 200, body: 'id' });
      seen.push((await one<{ type: string }>(`SELECT type FROM delivery_methods WHERE id = $1`, [res.body])).type);
    }
    expect(seen).toEqual(bodies.map((b) => b.Type));
  });

  it('seals FTP and SMTP passwords, never answers them, and keeps them when a client sends back what it read', async () => {
    const res = await saveMethod({ Type: 'FTP', Name: 'ftp', DeliveryAddress: 'ftp://127.0.0.1/in', FTPPassword: 'hunter2-ftp', LeadTypeUID: leadTypeId });
    const methodId = res.body as number;
    const stored = await one<{ ftp_password_sealed: string }>(`SELECT ftp_password_sealed FROM delivery_methods WHERE id = $1`, [methodId]);
    expect(stored.ftp_password_sealed).not.toContain('hunter2');
    const box = SecretBox.fromBase64((api.service.infra.config as AccountAdminConfig).SECRETS_ENCRYPTION_KEY);
    expect(box.open(stored.ftp_password_sealed, `delivery_method:${methodId}:ftp_password_sealed`)).toBe('hunter2-ftp');
    const accountId = await accountFor(methodId);
    const read = await getMethod(accountId);
    expect(read.FTPPassword).toBe('');
    expect(JSON.stringify(await api.call('GET', `/v1/delivery/${clientId}/accounts`))).not.toContain('hunter2');
    expect((await saveMethod({ ...read, Name: 'ftp renamed' })).status).toBe(200);
    expect((await one<{ ftp_password_sealed: string }>(`SELECT ftp_password_sealed FROM delivery_methods WHERE id = $1`, [methodId])).ftp_password_sealed).toBe(stored.ftp_password_sealed);
  });

  it('refuses what a type lacks and malformed settings with a 400 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ Type: 'PING/POST', Name: 'p' }, 'DeliveryAddress'],
      [{ Type: 'E-Mail', Name: 'e' }, 'EmailAddress'],
      [{ Type: 'E-Mail', Name: 'e', EmailAddress: 'not an email' }, 'EmailAddress'],
      [{ Type: 13, Name: 'x' }, 'Type'],
      [{ Name: 'no type' }, 'Type'],
      [{ Type: 'HTTP POST', Name: 'h', DeliveryAddress: 'gopher://127.0.0.1/' }, 'DeliveryAddress'],
      [{ Type: 'HTTP POST', Name: 'h', DeliveryAddress: 'http://127.0.0.1/', useRegEx: true, ResponseSearch: '(unclosed' }, 'ResponseSearch'],
      [{ Type: 'SalesExec', Name: 's', FieldSettings: [{ FieldType: 'Custom Expr', FieldName: 'x', Expr: 'a +' }] }, 'FieldSettings[0].Expr'],
      [{ Type: 'SalesExec', Name: 's', FieldSettings: [{ FieldType: 9, FieldName: 'x' }] }, 'FieldSettings[0].FieldType'],
      [{ Type: 'SalesExec', Name: 's', FieldSettings: [{ FieldType: 'Lead Field', FieldName: 'x', LeadFieldUID: 'abc' }] }, 'FieldSettings[0].LeadFieldUID'],
      [{ Type: 'SalesExec', Name: 's', FieldSettings: [{ FieldType: 'Lead Field', FieldName: 'x', LeadFieldUID: 999999 }] }, 'FieldSettings[0].LeadFieldUID'],
      [{ Type: 'SalesExec', Name: 's', FieldSettings: [{ DeliverySettingUID: 12345, FieldName: 'x' }] }, 'FieldSettings[0].DeliverySettingUID'],
      [{ Type: 'SalesExec', Name: 's', FieldSettings: [], Settings: [] }, 'Settings'],
      [{ Type: 'SalesExec', Name: 's', DeliveryDays: [{ WeekDay: 7 }] }, 'DeliveryDays[0].WeekDay'],
      [{ Type: 'SalesExec', Name: 's', DeliveryDays: [{ WeekDay: 1, StartTime: '25:00' }] }, 'DeliveryDays[0].StartTime'],
      [{ Type: 'SalesExec', Name: 's', LeadTypeUID: 999999 }, 'LeadTypeUID'],
      [{ Type: 'SalesExec', Name: 's', ClientUID: otherClientId }, 'ClientUID'],
      [{ Type: 'SalesExec', Name: 's', Bogus: true }, 'Bogus'],
    ];
    for (const [body, fieldName] of cases) {
      const res = await saveMethod(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect({ body, fields: (res.body.Errors ?? []).map((e: { Field: string }) => e.Field) }).toEqual({ body, fields: expect.arrayContaining([fieldName]) });
    }
  });

  it('answers 404 for an unknown client, or a method of another client', async () => {
    const methodId = (await saveMethod({ Type: 'SalesExec', Name: 'mine' })).body as number;
    expect((await saveMethod({ ClientDeliveryUID: methodId, Name: 'stolen' }, otherClientId)).status).toBe(404);
    expect((await saveMethod({ Type: 'SalesExec', Name: 'x' }, 999999)).status).toBe(404);
    expect((await one<{ name: string }>(`SELECT name FROM delivery_methods WHERE id = $1`, [methodId])).name).toBe('mine');
  });

  it('sets default mappings from the lead type\'s fields', async () => {
    const methodId = (await saveMethod({ Type: 'HTTP POST', Name: 'defaults', DeliveryAddress: 'http://127.0.0.1:9/d', LeadTypeUID: leadTypeId, FieldSettings: [{ FieldType: 'Static Value', FieldName: 'old', Value: 'x' }] })).body as number;
    const res = await api.call('PATCH', `/v1/delivery/methods/mappings/setdefault/${methodId}`);
    expect(res).toMatchObject({ status: 200, body: true });
    const accountId = await accountFor(methodId);
    const settings = (await getMethod(accountId)).FieldSettings as Array<Record<string, unknown>>;
    expect(settings.map((s) => [s.FieldType, s.FieldName, s.LeadFieldUID])).toEqual(['FirstName', 'LastName', 'State', 'Phone'].map((n) => ['Lead Field', n, field[n]]));
    expect((await api.pool.query(`SELECT 1 FROM outbox WHERE message_key = $1`, [`delivery_method:${methodId}`])).rowCount).toBe(2);

    // Without a lead type of its own, the method takes its accounts'.
    const bare = (await saveMethod({ Type: 'SalesExec', Name: 'bare' })).body as number;
    expect((await api.call('PATCH', `/v1/delivery/methods/mappings/setdefault/${bare}`)).status).toBe(400);
    expect((await api.call('PUT', `/v1/delivery/${clientId}/accounts`, { DeliveryUID: bare, Description: 'bare user', LeadTypeUID: leadTypeId })).status).toBe(200);
    expect((await api.call('PATCH', `/v1/delivery/methods/mappings/setdefault/${bare}`)).body).toBe(true);
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM delivery_method_settings WHERE delivery_method_id = $1`, [bare])).n).toBe(4);
    expect((await api.call('PATCH', `/v1/delivery/methods/mappings/setdefault/999999`)).status).toBe(404);
  });

  describe('client offers (extension)', () => {
    let accountId: number;
    let pingAccountId: number;
    const path = (id: number, client = clientId) => `/v1/delivery/${client}/accounts/${id}/offers`;
    const staticOffer = {
      OfferUID: 0,
      Type: 'Static',
      CompanyName: 'Acme Mortgage',
      CompanyPhoneNumber: '(800) 555-0100',
      Name: '30-year fixed',
      Description: 'Rates from <b>5%</b>',
      URL: 'https://acme.example.com',
      ImageURL: 'https://acme.example.com/logo.png',
      PrivacyURL: 'https://acme.example.com/privacy',
      TermsURL: 'https://acme.example.com/terms',
      Duration: 'Monthly',
      Amount: 49.99,
      TCPAConsentText: 'I agree that Acme Mortgage may call me.',
      CustomTCPATextRequired: true,
    };
    const dynamicOffer = {
      Type: 'Dynamic',
      DynamicMapping: {
        ResponseFormat: 'JSON',
        OffersPath: '$.offers[*]',
        Fields: { OfferId: '$.id', CompanyName: '$.buyer.name', Name: '$.title', Amount: '$.price', TCPAConsentText: "$['tcpa text']" },
      },
    };

    beforeAll(async () => {
      accountId = await accountFor((await saveMethod({ Type: 'HTTP POST', Name: 'direct', DeliveryAddress: 'http://127.0.0.1:9/o', LeadTypeUID: leadTypeId })).body as number);
      pingAccountId = await accountFor((await saveMethod({ Type: 'PING/POST', Name: 'reseller', DeliveryAddress: 'http://127.0.0.1:9/ping', LeadTypeUID: leadTypeId })).body as number);
    });

    it('round-trips static and dynamic offers', async () => {
      expect(await api.call('GET', path(pingAccountId))).toMatchObject({ status: 200, body: [] });
      const put = await api.call('PUT', path(pingAccountId), { Offers: [staticOffer, dynamicOffer] });
      expect(put.status).toBe(200);
      const got = await api.call('GET', path(pingAccountId));
      expect(got.body).toEqual(put.body);
      expect(got.body[0]).toEqual({ ...staticOffer, OfferUID: expect.any(Number), DeliveryAccountUID: pingAccountId, Enabled: true, DynamicMapping: null });
      expect(got.body[1]).toMatchObject({ Type: 'Dynamic', Duration: 'Monthly', Amount: 0, DynamicMapping: dynamicOffer.DynamicMapping });

      // Modify the first, drop the second: ids kept, left-out offers deleted, events recorded.
      const [first, second] = got.body as Array<{ OfferUID: number }>;
      const again = await api.call('PUT', path(pingAccountId), { Offers: [{ ...staticOffer, OfferUID: first.OfferUID, Amount: 59, Duration: 'Yearly' }] });
      expect(again.body).toEqual([expect.objectContaining({ OfferUID: first.OfferUID, Amount: 59, Duration: 'Yearly' })]);
      const events = (await api.pool.query(`SELECT envelope->'payload' AS p FROM outbox WHERE message_key = $1 ORDER BY id`, [`offer:${second.OfferUID}`])).rows.map((r) => r.p);
      expect(events).toEqual([
        { entity: 'offer', entityId: String(second.OfferUID), change: 'upserted' },
        { entity: 'offer', entityId: String(second.OfferUID), change: 'deleted' },
      ]);
    });

    it('validates offers: paths by syntax, URLs, dynamic only for ping-post accounts', async () => {
      const refused = async (offers: unknown[], id = pingAccountId) => {
        const res = await api.call('PUT', path(id), { Offers: offers });
        expect(res.status).toBe(400);
        return (res.body.Errors as Array<{ Field: string }>).map((e) => e.Field);
      };
      expect(await refused([dynamicOffer], accountId)).toEqual(['Offers[0].Type']);
      expect(await refused([{ ...dynamicOffer, DynamicMapping: { ...dynamicOffer.DynamicMapping, OffersPath: '$.offers[?(@.price>1)]' } }])).toEqual(['Offers[0].DynamicMapping.OffersPath']);
      expect(await refused([{ ...dynamicOffer, DynamicMapping: { ResponseFormat: 'XML', OffersPath: '//offer', Fields: { CompanyName: 'count(//x)' } } }])).toEqual([
        'Offers[0].DynamicMapping.Fields.CompanyName',
      ]);
      expect(await refused([{ ...staticOffer, PrivacyURL: 'javascript:alert(1)' }])).toEqual(['Offers[0].PrivacyURL']);
      expect(await refused([{ ...staticOffer, Duration: 'Weekly' }])).toEqual(['Offers[0].Duration']);
      expect(await refused([{ ...staticOffer, OfferUID: 999999 }])).toEqual(['Offers[0].OfferUID']);
      expect(await refused([{ ...staticOffer, Script: 'x' }])).toEqual(['Offers[0].Script']);
      expect(await refused([{ ...dynamicOffer, DynamicMapping: { ...dynamicOffer.DynamicMapping, Fields: { Evil: '$.x' } } }])).toEqual(['Offers[0].DynamicMapping.Fields.Evil']);
    });

    it('answers 404 for another client\'s account', async () => {
      expect((await api.call('GET', path(accountId, otherClientId))).status).toBe(404);
      expect((await api.call('PUT', path(accountId, otherClientId), { Offers: [staticOffer] })).status).toBe(404);
      expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM client_offers WHERE delivery_account_id = $1`, [accountId])).n).toBe(0);
    });
  });
});
