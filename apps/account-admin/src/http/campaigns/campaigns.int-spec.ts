import { CampaignEntity, complianceTokenContext, DEVELOPMENT_SECRETS_KEY, SecretBox } from '@leadx/catalog-data-access';
import { compileCriteria } from '@leadx/catalog-criteria';
import { uniqueSuffix } from '@leadx/platform-testing';
import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';

describe('Account API lead source campaigns (seed 003) and campaign compliance (extension)', () => {
  let api: AccountApiHarness;
  let sourceId: number;
  let otherSourceId: number;
  let leadTypeId: number;
  let otherLeadTypeId: number;
  const field: Record<string, number> = {};
  let otherTypeFieldId: number;

  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await api.pool.query(sql, params)).rows[0] as T;

  beforeAll(async () => {
    api = await startAccountApi();
    const newSource = async () => (await api.call<number>('PUT', '/v1/leadsources', { Name: `Campaign source ${uniqueSuffix()}`, Status: 'Active' })).body;
    sourceId = await newSource();
    otherSourceId = await newSource();
    leadTypeId = (await one<{ id: number }>(`INSERT INTO lead_types (name) VALUES ($1) RETURNING id`, [`Auto ${uniqueSuffix()}`])).id;
    otherLeadTypeId = (await one<{ id: number }>(`INSERT INTO lead_types (name) VALUES ($1) RETURNING id`, [`Home ${uniqueSuffix()}`])).id;
    for (const name of ['State', 'Zip', 'Phone', 'Age', 'FirstName']) {
      field[name] = (await one<{ id: number }>(`INSERT INTO lead_type_fields (lead_type_id, name) VALUES ($1, $2) RETURNING id`, [leadTypeId, name])).id;
    }
    otherTypeFieldId = (await one<{ id: number }>(`INSERT INTO lead_type_fields (lead_type_id, name) VALUES ($1, 'Roof') RETURNING id`, [otherLeadTypeId])).id;
  });
  afterAll(() => api?.close());

  const campaign = (overrides: Record<string, unknown> = {}) => ({
    Channel: 1,
    VendorUID: sourceId,
    VendorAccountUID: 0,
    AccountName: `Auto ping-post ${uniqueSuffix()}`,
    LeadTypeUID: leadTypeId,
    Status: 1,
    MonthMax: 0,
    DayMax: null,
    HourMax: 50,
    Flagged: true,
    OrderSystem: false,
    ReturnDayCount: 7,
    ShowOnCherryPick: false,
    ClientDataVendor: true,
    countReturns: true,
    LeadPrice: 12.5,
    useQCBin: true,
    MaxSell: 2,
    DupDayMax: 30,
    ExclusiveClientUID: 0,
    LeadCatUID: 0,
    EmailVerify: false,
    AppendCityStateFromPostalCode: true,
    Rules: [
      { VendorRuleUID: 0, LeadFieldUID: field['State'], Operator: 'In', Value: 'TX|OK', Delete: false },
      { VendorRuleUID: 0, LeadFieldUID: field['Age'], Operator: 'GreaterOrEqual', Value: 18, Delete: false },
      // The seed's example item: a new rule marked Delete adds nothing.
      { VendorRuleUID: 0, LeadFieldUID: 0, Operator: 'Equal', Value: '', Delete: true },
    ],
    Validation: { PhoneValidation: 1, PhoneAddressValidation: 0, EmailValidation: 0, FullAddressValidation: 0, CityStateZipVerification: 0, DemographicInformation: 0, IPAddressVerification: 0, DNC: 2 },
    AllowSendResponse: true,
    UseDeliveryQueue: false,
    RevenueSharePercentage: null,
    RevenueShareFlatRate: 3.25,
    ...overrides,
  });
  const create = async (overrides: Record<string, unknown> = {}): Promise<number> => {
    const res = await api.call('PUT', '/v1/leadsources/campaigns', campaign(overrides));
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { success: true, message: 'Campaign has been created', identifier: expect.any(Number) } });
    return res.body.identifier;
  };
  const detail = (id: number, vendor = sourceId) => api.call('GET', `/v1/leadsources/${vendor}/campaigns/${id}`);
  const entity = (id: number) => api.service.infra.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id });
  const outboxChanges = async (entityName: string, id: number) =>
    (
      await api.pool.query(
        `SELECT envelope->'payload'->>'change' AS change FROM outbox
          WHERE topic = 'accounts.config.changed.v1' AND envelope->'payload'->>'entity' = $1 AND envelope->'payload'->>'entityId' = $2 ORDER BY id`,
        [entityName, String(id)],
      )
    ).rows.map((r: { change: string }) => r.change);

  it('creates a campaign with rules and maxes, answers it in the seed shape, and the receiver reads the same values', async () => {
    const body = campaign();
    const id = await create(body);
    const res = await detail(id);
    expect(res.status).toBe(200);
    const rules = res.body.Rules as Array<{ VendorRuleUID: number }>;
    expect(res.body).toEqual({
      ...body,
      VendorAccountUID: id,
      Status: 'Active',
      Rules: [
        { VendorRuleUID: expect.any(Number), VendorAccountUID: id, LeadFieldUID: field['State'], Operator: 'In', Value: 'TX|OK', Delete: false },
        { VendorRuleUID: expect.any(Number), VendorAccountUID: id, LeadFieldUID: field['Age'], Operator: 'GreaterOrEqual', Value: '18', Delete: false },
      ],
    });
    expect(rules[0].VendorRuleUID).toBeGreaterThan(0);
    expect(rules[1].VendorRuleUID).not.toBe(rules[0].VendorRuleUID);

    const row = await entity(id);
    expect(row).toMatchObject({
      leadSourceId: sourceId,
      leadTypeId,
      status: 'Active',
      channel: 1,
      leadPrice: 12.5,
      maxSell: 2,
      hourMax: 50,
      dayMax: null,
      monthMax: 0,
      dupDayMax: 30,
      useQcBin: true,
      appendCityState: true,
      allowSendResponse: true,
      useDeliveryQueue: false,
      revenueSharePercentage: null,
      revenueShareFlatRate: 3.25,
      returnDayCount: 7,
      countReturns: true,
    });
    // The receiver evaluates the stored rules by field name.
    const compiled = compileCriteria(row.rules);
    const env = { now: () => new Date() };
    expect(compiled.evaluate({ State: 'tx', Age: '30' }, env).passed).toBe(true);
    expect(compiled.evaluate({ State: 'CA', Age: '30' }, env).passed).toBe(false);
    expect(compiled.evaluate({ State: 'OK', Age: '17' }, env).passed).toBe(false);
    expect(await outboxChanges('campaign', id)).toEqual(['upserted']);
  });

  it('modifies a campaign: rules changed, deleted, added or kept; absent fields kept; null maxes', async () => {
    const id = await create();
    const [state, age] = (await detail(id)).body.Rules as Array<{ VendorRuleUID: number }>;
    const res = await api.call('PUT', '/v1/leadsources/campaigns', {
      VendorUID: sourceId,
      VendorAccountUID: id,
      Status: 'OnHold',
      HourMax: null,
      Channel: 'Web',
      Rules: [
        { VendorRuleUID: state.VendorRuleUID, LeadFieldUID: field['State'], Operator: 'notin', Value: 'CA|NY' },
        { VendorRuleUID: 0, LeadFieldUID: field['Zip'], Operator: 'Distance_Compare', Value: '75001|50' },
      ],
    });
    expect(res.body).toEqual({ success: true, message: 'Campaign has been updated', identifier: id });
    const after = (await detail(id)).body;
    expect(after).toMatchObject({ Status: 'OnHold', HourMax: null, Channel: 0, LeadPrice: 12.5, MaxSell: 2, DupDayMax: 30, Flagged: true });
    expect(after.Rules).toEqual([
      expect.objectContaining({ VendorRuleUID: state.VendorRuleUID, Operator: 'NotIn', Value: 'CA|NY' }),
      expect.objectContaining({ VendorRuleUID: age.VendorRuleUID, Operator: 'GreaterOrEqual' }),
      expect.objectContaining({ LeadFieldUID: field['Zip'], Operator: 'Distance_Compare', Value: '75001|50' }),
    ]);
    await api.call('PUT', '/v1/leadsources/campaigns', { VendorUID: sourceId, VendorAccountUID: id, Rules: [{ VendorRuleUID: age.VendorRuleUID, Delete: true }] });
    expect(((await detail(id)).body.Rules as Array<{ VendorRuleUID: number }>).map((r) => r.VendorRuleUID)).not.toContain(age.VendorRuleUID);
    expect((await entity(id)).status).toBe('OnHold');
  });

  it('treats null like absent for fields that cannot be empty, and as "no max" for the maxes', async () => {
    const id = await create();
    const res = await api.call('PUT', '/v1/leadsources/campaigns', {
      VendorUID: sourceId,
      VendorAccountUID: id,
      AccountName: null,
      Status: null,
      LeadPrice: null,
      useQCBin: null,
      MonthMax: null,
      Rules: null,
      Validation: null,
    });
    expect(res.status).toBe(200);
    const after = (await detail(id)).body;
    expect(after).toMatchObject({ Status: 'Active', LeadPrice: 12.5, useQCBin: true, MonthMax: null, HourMax: 50 });
    expect(after.Rules).toHaveLength(2);
    expect((await api.call('PUT', '/v1/leadsources/campaigns', campaign({ AccountName: null }))).status).toBe(400);
  });

  it('assigns a lead category of the campaign\'s lead type', async () => {
    const category = (await one<{ id: number }>(`INSERT INTO lead_categories (lead_type_id, name) VALUES ($1, 'Premium') RETURNING id`, [leadTypeId])).id;
    const foreign = (await one<{ id: number }>(`INSERT INTO lead_categories (lead_type_id, name) VALUES ($1, 'Other') RETURNING id`, [otherLeadTypeId])).id;
    // The seed types LeadTypeUID as a string: digits in a string are taken.
    const id = await create({ LeadCatUID: category, LeadTypeUID: String(leadTypeId) });
    expect((await detail(id)).body.LeadCatUID).toBe(category);
    const refused = await api.call('PUT', '/v1/leadsources/campaigns', { VendorUID: sourceId, VendorAccountUID: id, LeadCatUID: foreign });
    expect(refused.status).toBe(400);
    expect(refused.body.Errors).toEqual([expect.objectContaining({ Field: 'LeadCatUID' })]);
    await api.call('PUT', '/v1/leadsources/campaigns', { VendorUID: sourceId, VendorAccountUID: id, LeadCatUID: 0 });
    expect((await detail(id)).body.LeadCatUID).toBe(0);
  });

  it('stores the exclusive client the scanner restricts the campaign\'s leads to (0: none)', async () => {
    const client = (await one<{ id: number }>(`INSERT INTO clients (name) VALUES ($1) RETURNING id`, [`exclusive ${uniqueSuffix()}`])).id;
    const id = await create({ ExclusiveClientUID: client });
    expect((await detail(id)).body.ExclusiveClientUID).toBe(client);
    expect(await one<{ v: string }>(`SELECT legacy ->> 'ExclusiveClientUID' AS v FROM campaigns WHERE id = $1`, [id])).toEqual({ v: String(client) });
    await api.call('PUT', '/v1/leadsources/campaigns', { VendorUID: sourceId, VendorAccountUID: id, ExclusiveClientUID: 0 });
    expect((await detail(id)).body.ExclusiveClientUID).toBe(0);
  });

  it.each([
    ['a non-numeric field id', { Rules: [{ LeadFieldUID: 'State', Operator: 'Like', Value: 'x' }] }, 'Rules[0].LeadFieldUID'],
    ['an unknown operator name', () => ({ Rules: [{ LeadFieldUID: field['State'], Operator: 'Like', Value: 'x' }] }), 'Rules[0].Operator'],
    ['a malformed value', () => ({ Rules: [{ LeadFieldUID: field['Age'], Operator: 'Between', Value: 'old|young' }] }), 'Rules[0].Value'],
    ['a field of another lead type', () => ({ Rules: [{ LeadFieldUID: otherTypeFieldId, Operator: 'Equal', Value: 'x' }] }), 'Rules[0].LeadFieldUID'],
    ['an unknown rule id', () => ({ Rules: [{ VendorRuleUID: 999999, LeadFieldUID: field['State'], Operator: 'Equal', Value: 'TX' }] }), 'Rules[0].VendorRuleUID'],
    ['status 0 (the seed numbers campaign_status from 1)', { Status: 0 }, 'Status'],
    ['both revenue shares', { RevenueSharePercentage: 10, RevenueShareFlatRate: 2 }, 'RevenueShareFlatRate'],
    ['a negative max', { DayMax: -1 }, 'DayMax'],
    ['an unknown channel', { Channel: 7 }, 'Channel'],
    ['MaxSell 0', { MaxSell: 0 }, 'MaxSell'],
    ['an unknown lead type', { LeadTypeUID: 999999 }, 'LeadTypeUID'],
    ['an exclusive client that does not exist', { ExclusiveClientUID: 2_147_483_000 }, 'ExclusiveClientUID'],
    ['an unknown property', { Sneaky: 1 }, 'Sneaky'],
    ['a NUL in the name', { AccountName: 'a\u0000' }, 'AccountName'],
  ])('refuses %s with a 400 naming it', async (_what, overrides, fieldName) => {
    const res = await api.call('PUT', '/v1/leadsources/campaigns', campaign(typeof overrides === 'function' ? overrides() : overrides));
    expect(res.status).toBe(400);
    expect((res.body.Errors as Array<{ Field: string }>).map((e) => e.Field)).toContain(fieldName);
  });

  it("answers 404 for another source's campaign, unknown campaigns and unknown sources", async () => {
    const id = await create();
    expect((await detail(id, otherSourceId)).status).toBe(404);
    expect((await detail(999999)).status).toBe(404);
    const moved = await api.call('PUT', '/v1/leadsources/campaigns', { VendorUID: otherSourceId, VendorAccountUID: id, AccountName: 'stolen' });
    expect(moved.status).toBe(404);
    expect((await detail(id)).body.AccountName).not.toBe('stolen');
    expect((await api.call('PUT', '/v1/leadsources/campaigns', campaign({ VendorUID: 999999 }))).status).toBe(404);
  });

  describe('compliance', () => {
    const TOKEN = `pcid-live-${uniqueSuffix()}-s3cr3t`;
    const integration = (overrides: Record<string, unknown> = {}) => ({
      IntegrationUID: 0,
      Type: 'PureCallerID',
      Enabled: true,
      ApiToken: TOKEN,
      CampaignId: 'CMP-1001',
      ListName: 'inbound-auto',
      BaseUrl: 'https://203.0.113.10/pcid',
      FieldMapping: [
        { LeadField: 'Phone', PayloadField: 'phone' },
        { LeadField: 'zip', PayloadField: 'zip' },
        { LeadField: 'FirstName', PayloadField: 'firstName' },
      ],
      TimeoutMs: 2500,
      FailurePolicy: 'hold_for_qc',
      Mode: 'sequential',
      SortOrder: 1,
      Rules: [
        { Status: 'Rejected', Reasons: ['INACTIVE', 'DNC', 'TCPA_FLAG'], Action: 'Reject' },
        { Status: 'Accepted', Reasons: ['SUPPRESSED'], Action: 'Send to QC' },
      ],
      ...overrides,
    });
    const put = (id: number, body: unknown) => api.call('PUT', `/v1/leadsources/campaigns/${id}/compliance`, body);

    it('round-trips the settings with the API token encrypted at rest and never answered', async () => {
      const id = await create();
      expect((await api.call('GET', `/v1/leadsources/campaigns/${id}/compliance`)).body).toEqual({ CampaignUID: id, ReturnClientOffers: false, Integrations: [] });

      const saved = await put(id, { ReturnClientOffers: true, Integrations: [integration()] });
      expect(saved.status).toBe(200);
      const expected = {
        CampaignUID: id,
        ReturnClientOffers: true,
        Integrations: [
          {
            IntegrationUID: expect.any(Number),
            Type: 'PureCallerID',
            Enabled: true,
            ApiTokenSet: true,
            CampaignId: 'CMP-1001',
            ListName: 'inbound-auto',
            BaseUrl: 'https://203.0.113.10/pcid',
            FieldMapping: [
              { LeadField: 'Phone', PayloadField: 'phone' },
              { LeadField: 'Zip', PayloadField: 'zip' },
              { LeadField: 'FirstName', PayloadField: 'firstName' },
            ],
            TimeoutMs: 2500,
            FailurePolicy: 'hold_for_qc',
            Mode: 'sequential',
            SortOrder: 1,
            Rules: [
              { Status: 'Rejected', Reasons: ['INACTIVE', 'DNC', 'TCPA_FLAG'], Action: 'Reject' },
              { Status: 'Accepted', Reasons: ['SUPPRESSED'], Action: 'Send to QC' },
            ],
          },
        ],
      };
      expect(saved.body).toEqual(expected);
      const got = await api.call('GET', `/v1/leadsources/campaigns/${id}/compliance`);
      expect(got.body).toEqual(saved.body);
      for (const res of [saved, got]) expect(JSON.stringify(res.body)).not.toContain(TOKEN);

      const integrationId: number = saved.body.Integrations[0].IntegrationUID;
      const row = await one<Record<string, unknown>>(`SELECT * FROM campaign_compliance_integrations WHERE id = $1`, [integrationId]);
      expect(JSON.stringify(row)).not.toContain(TOKEN);
      // Sealed with the configured key (the development key here) for this campaign only.
      const box = SecretBox.fromBase64(DEVELOPMENT_SECRETS_KEY);
      expect(box.open(String(row['api_token_sealed']), complianceTokenContext(id))).toBe(TOKEN);
      expect(() => box.open(String(row['api_token_sealed']), complianceTokenContext(id + 1))).toThrow();
      // Return client offers stays where the receiver and offer code read it.
      expect((await entity(id)).settings.returnClientOffers).toBe(true);

      // Without ApiToken the sealed token is kept as it was; a new one replaces it.
      await put(id, { Integrations: [integration({ IntegrationUID: integrationId, ApiToken: undefined, Enabled: false })] });
      const kept = await one<{ api_token_sealed: string; enabled: boolean }>(`SELECT api_token_sealed, enabled FROM campaign_compliance_integrations WHERE id = $1`, [integrationId]);
      expect(kept).toEqual({ api_token_sealed: row['api_token_sealed'], enabled: false });
      await put(id, { Integrations: [integration({ IntegrationUID: integrationId, ApiToken: 'rotated-token-value' })] });
      const rotated = await one<{ api_token_sealed: string }>(`SELECT api_token_sealed FROM campaign_compliance_integrations WHERE id = $1`, [integrationId]);
      expect(box.open(rotated.api_token_sealed, complianceTokenContext(id))).toBe('rotated-token-value');
      expect((await entity(id)).settings.returnClientOffers).toBe(true);

      // The list is the whole set: an empty one removes the integration.
      const emptied = await put(id, { ReturnClientOffers: false, Integrations: [] });
      expect(emptied.body).toEqual({ CampaignUID: id, ReturnClientOffers: false, Integrations: [] });
      expect(await outboxChanges('compliance_integration', integrationId)).toEqual(['upserted', 'upserted', 'upserted', 'deleted']);
      expect((await outboxChanges('campaign', id)).length).toBeGreaterThanOrEqual(4);
    });

    it.each([
      ['a private base URL', { BaseUrl: 'http://127.0.0.1:8080' }, 'Integrations[0].BaseUrl'],
      ['a metadata-service base URL', { BaseUrl: 'http://169.254.169.254/latest' }, 'Integrations[0].BaseUrl'],
      ['a non-http base URL', { BaseUrl: 'file:///etc/passwd' }, 'Integrations[0].BaseUrl'],
      ['a mapping without zip', { FieldMapping: [{ LeadField: 'Phone', PayloadField: 'phone' }] }, 'Integrations[0].FieldMapping'],
      ['a mapping of an unknown lead field', { FieldMapping: [{ LeadField: 'Phone', PayloadField: 'phone' }, { LeadField: 'Nope', PayloadField: 'zip' }] }, 'Integrations[0].FieldMapping[1].LeadField'],
      ['a new integration without a token', { ApiToken: undefined }, 'Integrations[0].ApiToken'],
      ['an unknown provider', { Type: 'Acme' }, 'Integrations[0].Type'],
      ['an unknown failure policy', { FailurePolicy: 'explode' }, 'Integrations[0].FailurePolicy'],
      ['an unknown action', { Rules: [{ Status: 'Rejected', Action: 'Delete' }] }, 'Integrations[0].Rules[0].Action'],
      ['an unknown integration id', { IntegrationUID: 999999 }, 'Integrations[0].IntegrationUID'],
    ])('refuses %s with a 400 naming it, never echoing the token', async (_what, overrides, fieldName) => {
      const id = await create();
      const res = await put(id, { Integrations: [integration(overrides)] });
      expect(res.status).toBe(400);
      expect((res.body.Errors as Array<{ Field: string }>).map((e) => e.Field)).toContain(fieldName);
      expect(JSON.stringify(res.body)).not.toContain(TOKEN);
      expect((await api.pool.query(`SELECT 1 FROM campaign_compliance_integrations WHERE campaign_id = $1`, [id])).rowCount).toBe(0);
    });

    it('answers 404 for an unknown campaign', async () => {
      expect((await api.call('GET', '/v1/leadsources/campaigns/999999/compliance')).status).toBe(404);
      expect((await put(999999, { ReturnClientOffers: true })).status).toBe(404);
    });
  });
});
