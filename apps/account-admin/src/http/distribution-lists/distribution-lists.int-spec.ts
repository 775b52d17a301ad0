import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';

describe('Account API distribution lists', () => {
  let api: AccountApiHarness;
  let leadType: number;
  let otherLeadType: number;
  let zipField: number;
  let countryField: number;
  let otherField: number;
  let acme: number;
  let zenith: number;
  let nova: number;

  const id = async (sql: string, params: unknown[] = []): Promise<number> => (await api.pool.query(sql, params)).rows[0].id as number;

  beforeAll(async () => {
    api = await startAccountApi();
    leadType = await id(`INSERT INTO lead_types (name) VALUES ('Lists LT') RETURNING id`);
    otherLeadType = await id(`INSERT INTO lead_types (name) VALUES ('Other LT') RETURNING id`);
    zipField = await id(`INSERT INTO lead_type_fields (lead_type_id, name) VALUES ($1, 'ZipCode') RETURNING id`, [leadType]);
    countryField = await id(`INSERT INTO lead_type_fields (lead_type_id, name) VALUES ($1, 'Country') RETURNING id`, [leadType]);
    otherField = await id(`INSERT INTO lead_type_fields (lead_type_id, name) VALUES ($1, 'ZipCode') RETURNING id`, [otherLeadType]);
    acme = await id(`INSERT INTO clients (name) VALUES ('Acme') RETURNING id`);
    zenith = await id(`INSERT INTO clients (name) VALUES ('Zenith') RETURNING id`);
    nova = await id(`INSERT INTO clients (name) VALUES ('Nova') RETURNING id`);
  });
  afterAll(() => api?.close());

  const list = (over: Record<string, unknown> = {}) => ({
    CustomListUID: 0,
    LeadTypeUID: leadType,
    LeadFieldUID: zipField,
    Description: 'Zip territories',
    DefaultClient: nova,
    Status: 1,
    DependField: countryField,
    Value: 'United States',
    ...over,
  });
  const item = (over: Record<string, unknown> = {}) => ({
    CustomListItemUID: 0,
    CustomListUID: 0,
    Description: '',
    Tag1: '',
    Tag2: '',
    Value: '',
    AssignedClient: 0,
    AssignedClients: '',
    HashCode: 0,
    ...over,
  });
  type ItemView = { CustomListItemUID: number; Value: string; AssignedClient: number; AssignedClients: string; AssignedName: string };
  const listView = async (listId: number) => {
    const res = await api.call('GET', '/v1/distribution/lists');
    expect(res.status).toBe(200);
    return (res.body as { CustomListUID: number; Items: ItemView[] }[]).find((l) => l.CustomListUID === listId) as Record<string, unknown> & { Items: ItemView[] };
  };
  const itemByValue = async (listId: number, value: string) => (await listView(listId)).Items.find((i) => i.Value === value) as ItemView;

  describe('lists and items', () => {
    let listId: number;

    it('creates a list (extension) and answers its id', async () => {
      const res = await api.call('PUT', '/v1/distribution/lists', list());
      expect(res.status).toBe(200);
      expect(typeof res.body).toBe('number');
      listId = res.body;
    });

    it('adds items with single, multiple (pipe-delimited) and no assignment, answering true', async () => {
      for (const body of [
        item({ Value: '90210', Description: 'Beverly Hills', Tag1: 'west', AssignedClient: acme }),
        item({ Value: '10001', Description: 'Manhattan', CustomListUID: listId, AssignedClients: `${zenith}|${acme}` }),
        item({ Value: '60601', Description: 'Chicago' }),
      ]) {
        const res = await api.call('PUT', `/v1/distribution/lists/${listId}`, body);
        expect(res.status).toBe(200);
        expect(res.body).toBe(true);
      }
    });

    it('answers every list with its items in the seed shape', async () => {
      const view = await listView(listId);
      expect(view).toEqual({
        CustomListUID: listId,
        AccountUID: 1,
        LeadTypeUID: leadType,
        LeadFieldUID: zipField,
        Description: 'Zip territories',
        FieldName: 'ZipCode',
        DefaultClient: nova,
        ClientName: 'Nova',
        Assigned: 2,
        Unassigned: 1,
        Status: 1,
        DependField: countryField,
        Value: 'United States',
        LinkFieldText: 'Country',
        Items: [
          { CustomListItemUID: expect.any(Number), CustomListUID: listId, Description: 'Beverly Hills', Tag1: 'west', Tag2: '', Value: '90210', AssignedClient: acme, AssignedClients: String(acme), AssignedName: 'Acme' },
          {
            CustomListItemUID: expect.any(Number),
            CustomListUID: listId,
            Description: 'Manhattan',
            Tag1: '',
            Tag2: '',
            Value: '10001',
            AssignedClient: 0,
            AssignedClients: `${acme}|${zenith}`,
            AssignedName: 'Acme, Zenith',
          },
          { CustomListItemUID: expect.any(Number), CustomListUID: listId, Description: 'Chicago', Tag1: '', Tag2: '', Value: '60601', AssignedClient: 0, AssignedClients: '', AssignedName: '' },
        ],
      });
    });

    it('lets the scanner find the clients of a field value by index, whatever its case and spaces', async () => {
      const { rows } = await api.pool.query(
        `SELECT a.client_id FROM distribution_list_items i JOIN distribution_list_assignments a ON a.item_id = i.id
         WHERE i.list_id = $1 AND i.value_key = lower(btrim($2)) ORDER BY a.client_id`,
        [listId, ' 10001 '],
      );
      expect(rows.map((r) => r.client_id)).toEqual([acme, zenith]);
    });

    it('refuses a second item with the same value (case and spaces ignored) with 409', async () => {
      await api.call('PUT', `/v1/distribution/lists/${listId}`, item({ Value: 'SW1A' }));
      const res = await api.call('PUT', `/v1/distribution/lists/${listId}`, item({ Value: ' sw1a ' }));
      expect(res.status).toBe(409);
      expect(res.body.Message).toMatch(/already has an item with Value "sw1a"/);
    });

    it('modifies an item: its assignments become the body\'s', async () => {
      const before = await itemByValue(listId, '90210');
      const res = await api.call(
        'PUT',
        `/v1/distribution/lists/${listId}`,
        item({ CustomListItemUID: before.CustomListItemUID, CustomListUID: listId, Value: '90210', Description: 'BH', AssignedClients: `${zenith}|${nova}` }),
      );
      expect(res.status).toBe(200);
      const after = await itemByValue(listId, '90210');
      expect(after).toMatchObject({ CustomListItemUID: before.CustomListItemUID, AssignedClient: 0, AssignedClients: `${zenith}|${nova}`, AssignedName: 'Zenith, Nova' });
    });

    it('assigns an item to a client, and answers the list with only that client\'s items', async () => {
      const chicago = await itemByValue(listId, '60601');
      const res = await api.call('PUT', `/v1/distribution/lists/${nova}/${listId}/${chicago.CustomListItemUID}`);
      expect(res.status).toBe(200);
      expect(res.body).toBe(true);
      expect((await api.call('PUT', `/v1/distribution/lists/${nova}/${listId}/${chicago.CustomListItemUID}`)).status).toBe(200);

      const forNova = await api.call('GET', `/v1/distribution/lists/${nova}/${listId}`);
      expect(forNova.status).toBe(200);
      expect(forNova.body).toMatchObject({ CustomListUID: listId, Assigned: 3, Unassigned: 1 });
      expect(forNova.body.Items.map((i: ItemView) => i.Value)).toEqual(['90210', '60601']);
      expect(forNova.body.Items[1]).toMatchObject({ AssignedClient: nova, AssignedClients: String(nova), AssignedName: 'Nova' });
      const forAcme = await api.call('GET', `/v1/distribution/lists/${acme}/${listId}`);
      expect(forAcme.body.Items.map((i: ItemView) => i.Value)).toEqual(['10001']);
    });

    it('removes a client\'s assignment, keeps the item, and answers 404 once it is gone', async () => {
      const manhattan = await itemByValue(listId, '10001');
      const path = `/v1/distribution/lists/${acme}/${listId}/${manhattan.CustomListItemUID}`;
      const res = await api.call('DELETE', path);
      expect(res.status).toBe(200);
      expect(res.body).toBe(true);
      expect(await itemByValue(listId, '10001')).toMatchObject({ AssignedClient: zenith, AssignedClients: String(zenith), AssignedName: 'Zenith' });
      const again = await api.call('DELETE', path);
      expect(again.status).toBe(404);
      expect(again.body.Message).toBe(`assignment of client ${acme} to item ${manhattan.CustomListItemUID} not found`);
    });

    it('records distribution_list config changes in the outbox', async () => {
      const { rows } = await api.pool.query(
        `SELECT envelope->'payload' AS payload FROM outbox WHERE topic = 'accounts.config.changed.v1' AND envelope->'payload'->>'entity' = 'distribution_list' AND envelope->'payload'->>'entityId' = $1`,
        [String(listId)],
      );
      // list, 3 items, SW1A, modify, 2 assigns, 1 removal
      expect(rows.length).toBe(9);
      expect(rows[0].payload).toEqual({ entity: 'distribution_list', entityId: String(listId), change: 'upserted' });
    });

    it('stores hostile strings verbatim', async () => {
      const hostile = `<script>alert(1)</script> \${7*7} {{7*7}} '; DROP TABLE clients; --`;
      expect((await api.call('PUT', `/v1/distribution/lists/${listId}`, item({ Value: hostile, Description: hostile, Tag2: hostile }))).status).toBe(200);
      expect(await itemByValue(listId, hostile)).toMatchObject({ Description: hostile, Tag2: hostile });
      expect((await api.call('PUT', '/v1/distribution/lists', list({ CustomListUID: listId, Description: hostile }))).body).toBe(listId);
      expect((await listView(listId)).Description).toBe(hostile);
    });
  });

  describe('unknown ids and bad input', () => {
    let listId: number;
    let itemId: number;
    let otherListItem: number;

    beforeAll(async () => {
      listId = (await api.call('PUT', '/v1/distribution/lists', list({ DependField: 0, Value: '' }))).body as number;
      await api.call('PUT', `/v1/distribution/lists/${listId}`, item({ Value: 'A1' }));
      itemId = (await itemByValue(listId, 'A1')).CustomListItemUID;
      const other = (await api.call('PUT', '/v1/distribution/lists', list({ Description: 'other' }))).body as number;
      await api.call('PUT', `/v1/distribution/lists/${other}`, item({ Value: 'B1' }));
      otherListItem = (await itemByValue(other, 'B1')).CustomListItemUID;
    });

    it.each([
      ['an unknown lead type', () => list({ LeadTypeUID: 999_999 }), () => 'lead type 999999 not found'],
      ['a field of another lead type', () => list({ LeadFieldUID: otherField }), () => `lead field ${otherField} of lead type ${leadType} not found`],
      ['an unknown depend field', () => list({ DependField: 999_999 }), () => `lead field 999999 of lead type ${leadType} not found`],
      ['an unknown default client', () => list({ DefaultClient: 999_999 }), () => 'client 999999 not found'],
      ['an unknown list', () => list({ CustomListUID: 999_999 }), () => 'distribution list 999999 not found'],
    ])('answers 404 to a list with %s', async (_name, body, message) => {
      const res = await api.call('PUT', '/v1/distribution/lists', body());
      expect(res.status).toBe(404);
      expect(res.body.Message).toBe(message());
    });

    it.each([
      ['an invalid Status', { Status: 'Archived' }, 'Status'],
      ['an empty Description', { Description: '' }, 'Description'],
      ['an unknown property', { Items: [] }, 'Items'],
    ])('answers 400 to a list with %s', async (_name, over, field) => {
      const res = await api.call('PUT', '/v1/distribution/lists', list(over));
      expect(res.status).toBe(400);
      expect(res.body.Errors[0].Field).toBe(field);
    });

    it.each([
      ['AssignedClients that are not ids', { Value: 'X1', AssignedClients: '1|two' }, 'AssignedClients'],
      ['a single assignment also listing others', { Value: 'X1', AssignedClient: 1, AssignedClients: '1|2' }, 'AssignedClients'],
      ['a blank Value', { Value: '   ' }, 'Value'],
      ['a CustomListUID other than the path', { Value: 'X1', CustomListUID: 999_999 }, 'CustomListUID'],
      ['an object HashCode', { Value: 'X1', HashCode: { a: 1 } }, 'HashCode'],
    ])('answers 400 to an item with %s', async (_name, over, field) => {
      const res = await api.call('PUT', `/v1/distribution/lists/${listId}`, item(over));
      expect(res.status).toBe(400);
      expect(res.body.Errors[0].Field).toBe(field);
    });

    it('answers 404 to an item of an unknown list, another list\'s item, or an unknown assigned client', async () => {
      expect((await api.call('PUT', `/v1/distribution/lists/999999`, item({ Value: 'X1' }))).body.Message).toBe('distribution list 999999 not found');
      const foreign = await api.call('PUT', `/v1/distribution/lists/${listId}`, item({ CustomListItemUID: otherListItem, Value: 'X1' }));
      expect(foreign.status).toBe(404);
      expect(foreign.body.Message).toBe(`distribution list item ${otherListItem} of list ${listId} not found`);
      const ghost = await api.call('PUT', `/v1/distribution/lists/${listId}`, item({ Value: 'X1', AssignedClients: `${acme}|999999` }));
      expect(ghost.status).toBe(404);
      expect(ghost.body.Message).toBe('client 999999 not found');
      expect((await itemByValue(listId, 'X1')) ?? null).toBeNull();
    });

    it('answers 404 to assignments naming an unknown client, list or item, and 400 to a non-numeric id', async () => {
      const cases: [string, string, string][] = [
        ['PUT', `/v1/distribution/lists/999999/${listId}/${itemId}`, 'client 999999 not found'],
        ['PUT', `/v1/distribution/lists/${acme}/999999/${itemId}`, 'distribution list 999999 not found'],
        ['PUT', `/v1/distribution/lists/${acme}/${listId}/${otherListItem}`, `distribution list item ${otherListItem} of list ${listId} not found`],
        ['DELETE', `/v1/distribution/lists/${acme}/${listId}/999999`, `distribution list item 999999 of list ${listId} not found`],
        ['GET', `/v1/distribution/lists/${acme}/999999`, 'distribution list 999999 not found'],
        ['GET', `/v1/distribution/lists/999999/${listId}`, 'client 999999 not found'],
        ['GET', `/v1/distribution/lists/${acme}/99999999999`, 'distribution list 99999999999 not found'],
      ];
      for (const [method, path, message] of cases) {
        const res = await api.call(method, path);
        expect({ method, path, status: res.status, message: res.body.Message }).toEqual({ method, path, status: 404, message });
      }
      const bad = await api.call('GET', `/v1/distribution/lists/${acme}/abc`);
      expect(bad.status).toBe(400);
      expect(bad.body.Errors[0].Field).toBe('DistributionListUID');
    });
  });
});
