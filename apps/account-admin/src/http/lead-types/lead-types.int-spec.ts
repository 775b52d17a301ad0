import { randomUUID } from 'node:crypto';
import { compileExpression, compilePattern, isExpressionError, SafePattern } from '@leadx/catalog-expressions';
import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';

interface StoredFieldRow {
  id: number;
  name: string;
  data_type: string;
  required: boolean;
  special_bit: string | null;
  settings: Record<string, unknown>;
}

interface FieldErrors {
  Errors: Array<{ Field: string; Message: string }>;
}

describe('Account API lead types, fields, duplicate sets and categories', () => {
  let api: AccountApiHarness;
  beforeAll(async () => {
    api = await startAccountApi();
  });
  afterAll(() => api?.close());

  const createLeadType = async (Descriptor: string): Promise<number> => {
    const res = await api.call('PUT', '/v1/leadtypes', { LeadTypeUID: 0, Descriptor });
    expect(res.status).toBe(200);
    expect(typeof res.body).toBe('number');
    return res.body as number;
  };
  const putFields = (leadTypeId: number, Fields: unknown[]) => api.call('PUT', `/v1/leadtypes/${leadTypeId}/fields`, { Fields });
  const fieldRows = async (leadTypeId: number): Promise<StoredFieldRow[]> =>
    (await api.pool.query(`SELECT id, name, data_type, required, special_bit, settings FROM lead_type_fields WHERE lead_type_id = $1 ORDER BY id`, [leadTypeId])).rows;
  const errorFields = (body: unknown) => (body as FieldErrors).Errors.map((e) => e.Field);
  const configEvents = async (entity: string, entityId: number) =>
    (
      await api.pool.query(
        `SELECT envelope->'payload'->>'change' AS change FROM outbox
          WHERE topic = 'accounts.config.changed.v1' AND envelope->'payload'->>'entity' = $1 AND envelope->'payload'->>'entityId' = $2 ORDER BY id`,
        [entity, String(entityId)],
      )
    ).rows.map((r: { change: string }) => r.change);

  it('documents the seed routes and marks the extensions in OpenAPI', async () => {
    type Op = { tags: string[]; parameters?: Array<{ name: string; in: string; schema: { type: string } }>; 'x-leadx-extension'?: boolean };
    const doc = (await api.call<{ paths: Record<string, Record<string, Op>> }>('GET', '/docs-json', undefined, { token: null })).body;
    expect(doc.paths['/v1/leadtypes/{LeadTypeUID}/fields'].get.tags).toEqual(['Lead types']);
    expect(doc.paths['/v1/leadtypes/{LeadTypeUID}/fields'].put).toMatchObject({ tags: ['Extension: Lead types'], 'x-leadx-extension': true });
    expect(doc.paths['/v1/leadsources/{LeadSourceUID}/campaigns/{CampaignUID}/category'].put.parameters).toEqual([
      expect.objectContaining({ name: 'LeadSourceUID', in: 'path', schema: expect.objectContaining({ type: 'integer' }) }),
      expect.objectContaining({ name: 'CampaignUID', in: 'path', schema: expect.objectContaining({ type: 'integer' }) }),
    ]);
  });

  describe('lead types', () => {
    it('creates and modifies a lead type and answers the seed shape', async () => {
      const hostile = `Auto <script>alert(1)</script> '; DROP TABLE lead_types; -- \${7*7}`;
      const id = await createLeadType(hostile);
      const modified = await api.call('PUT', '/v1/leadtypes', { LeadTypeUID: id, Status: false, InQC: 1, TypeUID: 3 });
      expect(modified).toMatchObject({ status: 200, body: id });

      const res = await api.call('GET', `/v1/leadtypes/${id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ LeadTypeUID: id, AccountUID: 1, InQC: true, Descriptor: hostile, Status: false, DefaultDupSets: '', TypeUID: 3 });
      const list = await api.call('GET', '/v1/leadtypes');
      expect(list.status).toBe(200);
      expect(list.body).toContainEqual(res.body);
      expect(await configEvents('lead_type', id)).toEqual(['upserted', 'upserted']);
    });

    it('accepts a GET answer sent back unchanged (read-only properties ignored)', async () => {
      const id = await createLeadType('Round trip');
      const view = (await api.call('GET', `/v1/leadtypes/${id}`)).body;
      expect(await api.call('PUT', '/v1/leadtypes', { ...view, Descriptor: 'Round trip 2' })).toMatchObject({ status: 200, body: id });
      expect((await api.call('GET', `/v1/leadtypes/${id}`)).body).toEqual({ ...view, Descriptor: 'Round trip 2' });
    });

    it.each([
      [{}, 'Descriptor'],
      [{ Descriptor: '  ' }, 'Descriptor'],
      [{ Descriptor: 'x', Status: 'yes' }, 'Status'],
      [{ Descriptor: 'x', TypeUID: -1 }, 'TypeUID'],
      [{ Descriptor: 'x', Owner: 'me' }, 'Owner'],
    ])('refuses %j with a 400 naming %s', async (body, field) => {
      const res = await api.call('PUT', '/v1/leadtypes', body);
      expect(res.status).toBe(400);
      expect(errorFields(res.body)).toContain(field);
    });
  });

  describe('fields', () => {
    let leadTypeId: number;
    beforeAll(async () => {
      leadTypeId = await createLeadType('Home services');
    });

    const seedFields = [
      { Descriptor: 'FirstName', Required: true, SpecialBit: 'FirstName' },
      { Descriptor: 'LastName', Required: true, SpecialBit: 3 - 1 }, // by number: LastName
      { Descriptor: 'Email', FieldDataType: 'varchar', SpecialBit: 'Email' },
      { Descriptor: 'Zip', SpecialBit: 'Zip', Validation: '^[0-9]{5}$', InvalidChars: '[^0-9]', FmtError: 'Zip must be 5 digits' },
      {
        Descriptor: 'HomeOwner',
        Enumerated: true,
        FieldEnums: [{ LeadFieldEnumUID: 0, Descriptor: 'Own', Priority: 1 }, { Descriptor: 'Rent', Priority: 0 }],
      },
      { Descriptor: 'FullName', Computed: true, ComputedExpr: "FirstName + ' ' + upper(LastName)" },
      { Descriptor: 'Age', FieldDataType: 1, Status: false, ColSpan: 2, Width: 120, Height: 1, FieldDescription: 'Age in years' },
      { Descriptor: 'VisitorIP', SpecialBit: 'IPAddress' },
      { Descriptor: 'Fax', SpecialBit: 'FaxNumber' },
    ];

    it('creates fields (enumerated, regex, computed, SpecialBit) and answers them in the seed shape', async () => {
      const res = await putFields(leadTypeId, seedFields);
      expect(res.status).toBe(200);
      const fields = res.body as Array<Record<string, unknown>>;
      expect(fields.map((f) => f.Descriptor)).toEqual(seedFields.map((f) => f.Descriptor));
      expect((await api.call('GET', `/v1/leadtypes/${leadTypeId}/fields`)).body).toEqual(fields);

      const zip = fields[3];
      expect(zip).toEqual({
        LeadFieldUID: expect.any(Number),
        LeadTypeUID: leadTypeId,
        Descriptor: 'Zip',
        FieldDataType: 'Varchar',
        Required: false,
        Status: true,
        Computed: false,
        ComputedExpr: '',
        Enumerated: false,
        Validation: '^[0-9]{5}$',
        InvalidChars: '[^0-9]',
        FmtError: 'Zip must be 5 digits',
        FormatString: '',
        isState: false,
        FieldDescription: '',
        ColSpan: 0,
        Width: 0,
        Height: 0,
        SpecialBit: 'Zip',
        FieldEnums: [],
      });
      const homeOwner = fields[4];
      expect(homeOwner.FieldEnums).toEqual([
        { LeadFieldEnumUID: expect.any(Number), LeadFieldUID: homeOwner.LeadFieldUID, Descriptor: 'Rent', Priority: 0, Delete: false },
        { LeadFieldEnumUID: expect.any(Number), LeadFieldUID: homeOwner.LeadFieldUID, Descriptor: 'Own', Priority: 1, Delete: false },
      ]);
      expect(fields[1].SpecialBit).toBe('LastName');
      expect(fields[5]).toMatchObject({ Computed: true, ComputedExpr: "FirstName + ' ' + upper(LastName)" });
      expect(fields[6]).toMatchObject({ FieldDataType: 'Int', Status: false, ColSpan: 2, Width: 120, Height: 1, FieldDescription: 'Age in years' });
      expect(fields[7].SpecialBit).toBe('IPAddress');
      expect(fields[8].SpecialBit).toBe('FaxNumber');
      expect(await configEvents('lead_type_field', zip.LeadFieldUID as number)).toEqual(['upserted']);
    });

    /**
     * The receiver's compileFieldDefinitions cannot be imported here (scope intake; the lint rule
     * forbids it even in tests). So this asserts the stored rows equal what the receiver's
     * toLeadFieldDefinition reads (columns + settings keys, checked against its source by
     * libs/accounts/domain/src/lead-types/receiver-compat.spec.ts) and compiles them with the same
     * engines the receiver's compileField uses (@leadx/catalog-expressions), then applies them.
     */
    it('stores the rows the receiver reads, in its storage spelling, and they compile with its engines', async () => {
      const rows = await fieldRows(leadTypeId);
      const byName: Record<string, StoredFieldRow> = Object.fromEntries(rows.map((r) => [r.name, r]));
      const settings = (over: Record<string, unknown>) => ({
        enabled: true, computed: false, computedExpr: '', enumerated: false, enums: [], validation: '', invalidChars: '',
        formatError: '', formatString: '', isState: false, description: '', colSpan: 0, width: 0, height: 0, ...over,
      });
      expect(byName.FirstName).toMatchObject({ data_type: 'Varchar', required: true, special_bit: 'FirstName', settings: settings({}) });
      expect(byName.Zip).toMatchObject({
        data_type: 'Varchar',
        special_bit: 'Zip',
        settings: settings({ validation: '^[0-9]{5}$', invalidChars: '[^0-9]', formatError: 'Zip must be 5 digits' }),
      });
      // enums: the Descriptors by Priority, as the receiver's enum check reads them.
      expect(byName.HomeOwner.settings).toEqual(settings({ enumerated: true, enums: ['Rent', 'Own'] }));
      expect(byName.FullName.settings).toEqual(settings({ computed: true, computedExpr: "FirstName + ' ' + upper(LastName)" }));
      expect(byName.Age).toMatchObject({ data_type: 'Int', special_bit: null, settings: settings({ enabled: false, description: 'Age in years', colSpan: 2, width: 120, height: 1 }) });
      expect(byName.VisitorIP.special_bit).toBe('IPAddress'); // the receiver reads it as NoSpecialBit: no normalisation
      expect(byName.Fax.special_bit).toBe('FaxNumber'); // the receiver normalises it as a phone number

      for (const row of rows) {
        const s = row.settings;
        if (s.computed) {
          const expr = compileExpression(String(s.computedExpr).trim());
          if (isExpressionError(expr)) throw expr;
          expect(expr.evaluate({ FirstName: 'Ada', LastName: 'Lovelace' })).toBe('Ada LOVELACE');
        }
        for (const key of ['validation', 'invalidChars'] as const) if (s[key]) expect(isExpressionError(compilePattern(String(s[key])))).toBe(false);
      }
      const invalid = compilePattern(String(byName.Zip.settings.invalidChars)) as SafePattern;
      const validation = compilePattern(String(byName.Zip.settings.validation)) as SafePattern;
      expect(validation.test(invalid.replaceAll(' 73-301 ', ''))).toBe(true);
      expect(validation.test(invalid.replaceAll('7330', ''))).toBe(false);
    });

    it('modifies fields and their enumerations the seed way (omitted properties and unlisted enums kept)', async () => {
      const before = (await api.call('GET', `/v1/leadtypes/${leadTypeId}/fields`)).body as Array<Record<string, unknown>>;
      const homeOwner = before.find((f) => f.Descriptor === 'HomeOwner') as { LeadFieldUID: number; FieldEnums: Array<{ LeadFieldEnumUID: number; Descriptor: string }> };
      const rent = homeOwner.FieldEnums.find((e) => e.Descriptor === 'Rent') as { LeadFieldEnumUID: number };
      const own = homeOwner.FieldEnums.find((e) => e.Descriptor === 'Own') as { LeadFieldEnumUID: number };
      const fax = before.find((f) => f.Descriptor === 'Fax') as { LeadFieldUID: number };

      const res = await putFields(leadTypeId, [
        {
          LeadFieldUID: homeOwner.LeadFieldUID,
          Required: true,
          FieldEnums: [{ LeadFieldEnumUID: rent.LeadFieldEnumUID, Delete: true }, { Descriptor: 'Family', Priority: 5 }, { LeadFieldEnumUID: own.LeadFieldEnumUID, Descriptor: 'Owner' }],
        },
        { LeadFieldUID: fax.LeadFieldUID, Delete: true },
      ]);
      expect(res.status).toBe(200);
      const after = res.body as Array<Record<string, unknown>>;
      expect(after.map((f) => f.Descriptor)).toEqual(before.map((f) => f.Descriptor).filter((d) => d !== 'Fax'));
      const changed = after.find((f) => f.LeadFieldUID === homeOwner.LeadFieldUID);
      expect(changed).toMatchObject({ Required: true, Enumerated: true, Descriptor: 'HomeOwner' });
      expect((changed as { FieldEnums: unknown[] }).FieldEnums).toEqual([
        { LeadFieldEnumUID: own.LeadFieldEnumUID, LeadFieldUID: homeOwner.LeadFieldUID, Descriptor: 'Owner', Priority: 1, Delete: false },
        { LeadFieldEnumUID: expect.any(Number), LeadFieldUID: homeOwner.LeadFieldUID, Descriptor: 'Family', Priority: 5, Delete: false },
      ]);
      const [row] = (await api.pool.query(`SELECT settings FROM lead_type_fields WHERE id = $1`, [homeOwner.LeadFieldUID])).rows;
      expect(row.settings.enums).toEqual(['Owner', 'Family']);
      expect(await configEvents('lead_type_field', fax.LeadFieldUID)).toEqual(['upserted', 'deleted']);
    });

    it('gives enumerations UIDs to a field written by another tool (settings.enums only)', async () => {
      const [legacy] = (
        await api.pool.query(
          `INSERT INTO lead_type_fields (lead_type_id, name, data_type, settings) VALUES ($1, 'Legacy', 'Text', '{"enumerated": true, "enums": ["a", "b"], "custom": 1}') RETURNING id`,
          [leadTypeId],
        )
      ).rows;
      const shown = ((await api.call('GET', `/v1/leadtypes/${leadTypeId}/fields`)).body as Array<Record<string, unknown>>).find((f) => f.LeadFieldUID === legacy.id);
      expect(shown).toMatchObject({ FieldDataType: 'Varchar', FieldEnums: [{ LeadFieldEnumUID: 0, Descriptor: 'a' }, { LeadFieldEnumUID: 0, Descriptor: 'b' }] });
      const res = await putFields(leadTypeId, [{ LeadFieldUID: legacy.id, FieldEnums: [{ Descriptor: 'c' }] }]);
      expect(res.status).toBe(200);
      const [row] = (await api.pool.query(`SELECT data_type, settings FROM lead_type_fields WHERE id = $1`, [legacy.id])).rows;
      expect(row.data_type).toBe('Text'); // FieldDataType not sent: the stored spelling stays
      expect(row.settings).toMatchObject({ enums: ['a', 'b', 'c'], custom: 1, enumerated: true });
      const enums = (await api.pool.query(`SELECT descriptor FROM lead_type_field_enums WHERE lead_type_field_id = $1 ORDER BY priority`, [legacy.id])).rows;
      expect(enums.map((e: { descriptor: string }) => e.descriptor)).toEqual(['a', 'b', 'c']);
    });

    it('refuses a bad expression or pattern with a 400 naming the field, and writes nothing', async () => {
      const count = (await fieldRows(leadTypeId)).length;
      const res = await putFields(leadTypeId, [
        { Descriptor: 'Ok1' },
        { Descriptor: 'Phone2', Validation: '(a' },
        { Descriptor: 'Total', Computed: true, ComputedExpr: 'FirstName +' },
        { Descriptor: 'Hack', ComputedExpr: "constructor.constructor('return process')()" },
        { Descriptor: 'Dup', InvalidChars: '(x)\\1' },
        { Descriptor: 'Look', Validation: '(?<=a)b' },
        { Descriptor: 'Calc', Computed: true },
      ]);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ StatusCode: 400, Error: 'Bad Request' });
      expect(errorFields(res.body)).toEqual([
        'Fields[1].Validation',
        'Fields[2].ComputedExpr',
        'Fields[3].ComputedExpr',
        'Fields[4].InvalidChars',
        'Fields[5].Validation',
        'Fields[6].ComputedExpr',
      ]);
      expect((await fieldRows(leadTypeId)).length).toBe(count);
    });

    it.each([
      [[{ Descriptor: 'A', Required: 'yes' }], 'Fields[0].Required'],
      [[{ Descriptor: 'A', FieldDataType: 'Text' }], 'Fields[0].FieldDataType'],
      [[{ Descriptor: 'A', SpecialBit: 'Nope' }], 'Fields[0].SpecialBit'],
      [[{ Descriptor: 'A', Colour: 'red' }], 'Fields[0].Colour'],
      [[{ Descriptor: 'A', FieldEnums: [{ Descriptor: 'x', Priority: 'high' }] }], 'Fields[0].FieldEnums[0].Priority'],
      [[{ Descriptor: 'email' }], 'Fields[0].Descriptor'], // Email exists: names are compared ignoring case
      [[{ Descriptor: 'New1' }, { Descriptor: 'NEW1' }], 'Fields[1].Descriptor'],
      [[{ Descriptor: '__proto__' }], 'Fields[0].Descriptor'],
      [[{}], 'Fields[0].Descriptor'],
      [[{ Descriptor: 'E', Enumerated: true, FieldEnums: [{ Descriptor: 'y' }, { Descriptor: 'Y' }] }], 'Fields[0].FieldEnums[1].Descriptor'],
      [[{ Descriptor: 'E', FieldEnums: [{ LeadFieldEnumUID: 999999, Descriptor: 'y' }] }], 'Fields[0].FieldEnums[0].LeadFieldEnumUID'],
      [[{ Descriptor: 'E', FmtError: 'a', FormatError: 'b' }], 'Fields[0].FormatError'],
      [[{ Descriptor: 'E', LeadTypeUID: 999999 }], 'Fields[0].LeadTypeUID'],
    ])('refuses %j with a 400 naming %s', async (fields, field) => {
      const res = await putFields(leadTypeId, fields);
      expect(res.status).toBe(400);
      expect(errorFields(res.body)).toContain(field);
    });

    it('refuses a body without a Fields list', async () => {
      for (const body of [undefined, [], { Fields: 'x' }]) {
        const res = await api.call('PUT', `/v1/leadtypes/${leadTypeId}/fields`, body);
        expect(res.status).toBe(400);
      }
    });

    it('stores and answers hostile strings verbatim, never evaluating them', async () => {
      const hostile = {
        Descriptor: `Notes'); DROP TABLE leads;--`,
        FmtError: '<img src=x onerror=alert(1)> ${process.exit(1)}',
        FormatString: '{{constructor.constructor("x")()}}',
        FieldDescription: '"; rm -rf / #',
        ComputedExpr: "'${process.exit(1)}' + \"<script>\"",
        Validation: '^\\$\\{[a-z]+\\}$',
        FieldEnums: [{ Descriptor: '<b>bold</b>' }],
      };
      const res = await putFields(leadTypeId, [hostile]);
      expect(res.status).toBe(200);
      const field = (res.body as Array<Record<string, unknown>>).find((f) => f.Descriptor === hostile.Descriptor);
      expect(field).toMatchObject({ ...hostile, FieldEnums: [{ Descriptor: '<b>bold</b>' }] });
      expect((await api.pool.query(`SELECT count(*)::int AS n FROM leads`)).rows[0].n).toBeGreaterThanOrEqual(0); // table still there
    });
  });

  describe('duplicate sets', () => {
    it('round-trips the sets in the table the receiver reads, and DefaultDupSets lists them', async () => {
      const leadTypeId = await createLeadType('Solar');
      expect((await putFields(leadTypeId, [{ Descriptor: 'Email' }, { Descriptor: 'LastName' }, { Descriptor: 'Zip' }, { Descriptor: 'Phone' }])).status).toBe(200);
      expect((await api.call('GET', `/v1/leadtypes/${leadTypeId}/duplicatesets`)).body).toEqual({ LeadTypeUID: leadTypeId, DuplicateSets: [] });

      const put = await api.call('PUT', `/v1/leadtypes/${leadTypeId}/duplicatesets`, {
        DuplicateSets: [{ Name: 'Email', Fields: ['email'] }, { DuplicateSetUID: 0, Name: 'Name and zip', Fields: ['LastName', 'ZIP'] }],
      });
      expect(put.status).toBe(200);
      const sets = put.body.DuplicateSets as Array<{ DuplicateSetUID: number }>;
      expect(put.body).toEqual({
        LeadTypeUID: leadTypeId,
        DuplicateSets: [
          { DuplicateSetUID: expect.any(Number), LeadTypeUID: leadTypeId, Name: 'Email', Fields: ['Email'] },
          { DuplicateSetUID: expect.any(Number), LeadTypeUID: leadTypeId, Name: 'Name and zip', Fields: ['LastName', 'Zip'] },
        ],
      });
      expect((await api.call('GET', `/v1/leadtypes/${leadTypeId}/duplicatesets`)).body).toEqual(put.body);
      const rows = (await api.pool.query(`SELECT id, name, fields FROM lead_type_duplicate_sets WHERE lead_type_id = $1 ORDER BY id`, [leadTypeId])).rows;
      expect(rows).toEqual([
        { id: sets[0].DuplicateSetUID, name: 'Email', fields: ['Email'] },
        { id: sets[1].DuplicateSetUID, name: 'Name and zip', fields: ['LastName', 'Zip'] },
      ]);
      expect((await api.call('GET', `/v1/leadtypes/${leadTypeId}`)).body.DefaultDupSets).toBe(`${sets[0].DuplicateSetUID},${sets[1].DuplicateSetUID}`);

      // Keep the second (renamed to the first's name), drop the first, add one.
      const replaced = await api.call('PUT', `/v1/leadtypes/${leadTypeId}/duplicatesets`, {
        LeadTypeUID: leadTypeId,
        DuplicateSets: [{ DuplicateSetUID: sets[1].DuplicateSetUID, Name: 'Email', Fields: ['Zip', 'LastName'] }, { Name: 'Phone', Fields: ['Phone'] }],
      });
      expect(replaced.status).toBe(200);
      expect(replaced.body.DuplicateSets).toEqual([
        { DuplicateSetUID: sets[1].DuplicateSetUID, LeadTypeUID: leadTypeId, Name: 'Email', Fields: ['Zip', 'LastName'] },
        { DuplicateSetUID: expect.any(Number), LeadTypeUID: leadTypeId, Name: 'Phone', Fields: ['Phone'] },
      ]);
      expect(await configEvents('duplicate_set', sets[0].DuplicateSetUID)).toEqual(['upserted', 'deleted']);

      const bad = await api.call('PUT', `/v1/leadtypes/${leadTypeId}/duplicatesets`, { DuplicateSets: [{ Name: 'x', Fields: ['Emial'] }, { Name: 'y', Fields: [] }] });
      expect(bad.status).toBe(400);
      expect(errorFields(bad.body)).toEqual(['DuplicateSets[0].Fields[0]', 'DuplicateSets[1].Fields']);
      const wrongType = await api.call('PUT', `/v1/leadtypes/${leadTypeId}/duplicatesets`, { DuplicateSets: [{ Name: 'x', Fields: 'Email' }] });
      expect(wrongType.status).toBe(400);

      // A field a set names follows a rename into the set, and cannot be deleted while named.
      const fields = (await api.call('GET', `/v1/leadtypes/${leadTypeId}/fields`)).body as Array<{ LeadFieldUID: number; Descriptor: string }>;
      const zipId = (fields.find((f) => f.Descriptor === 'Zip') as { LeadFieldUID: number }).LeadFieldUID;
      expect((await putFields(leadTypeId, [{ LeadFieldUID: zipId, Descriptor: 'PostalCode' }])).status).toBe(200);
      expect((await api.call('GET', `/v1/leadtypes/${leadTypeId}/duplicatesets`)).body.DuplicateSets[0].Fields).toEqual(['PostalCode', 'LastName']);
      expect(await configEvents('duplicate_set', sets[1].DuplicateSetUID)).toEqual(['upserted', 'upserted', 'upserted']);
      const deleteUsed = await putFields(leadTypeId, [{ LeadFieldUID: zipId, Delete: true }]);
      expect(deleteUsed.status).toBe(400);
      expect(errorFields(deleteUsed.body)).toEqual(['Fields[0].Delete']);

      expect((await api.call('PUT', `/v1/leadtypes/${leadTypeId}/duplicatesets`, { DuplicateSets: [] })).body.DuplicateSets).toEqual([]);
      expect((await putFields(leadTypeId, [{ LeadFieldUID: zipId, Delete: true }])).status).toBe(200);
      expect((await api.call('GET', `/v1/leadtypes/${leadTypeId}`)).body.DefaultDupSets).toBe('');
    });
  });

  describe('categories and the campaign category assignment', () => {
    let leadTypeId: number;
    let otherLeadTypeId: number;
    let sourceId: number;
    let otherSourceId: number;
    let campaignId: number;
    beforeAll(async () => {
      leadTypeId = await createLeadType('Mortgage');
      otherLeadTypeId = await createLeadType('Debt');
      [sourceId, otherSourceId] = await Promise.all(
        ['Source A', 'Source B'].map(async (name) => (await api.pool.query(`INSERT INTO lead_sources (name) VALUES ($1) RETURNING id`, [name])).rows[0].id as number),
      );
      campaignId = (await api.pool.query(`INSERT INTO campaigns (lead_source_id, lead_type_id, name) VALUES ($1, $2, 'Web') RETURNING id`, [sourceId, leadTypeId])).rows[0].id;
    });
    const assign = (source: number, campaign: number, body: unknown) => api.call('PUT', `/v1/leadsources/${source}/campaigns/${campaign}/category`, body);
    const categoryOf = async (id: number) => (await api.pool.query(`SELECT category_id FROM campaigns WHERE id = $1`, [id])).rows[0].category_id;

    it('creates, renames, lists and deletes categories', async () => {
      const create = await api.call('PUT', `/v1/leadtypes/${leadTypeId}/categories`, { LeadCatUID: 0, Caption: 'Exclusive' });
      expect(create.status).toBe(200);
      const id = create.body as number;
      const second = (await api.call('PUT', `/v1/leadtypes/${leadTypeId}/categories`, { Caption: '<i>Shared</i>' })).body as number;
      expect(await api.call('PUT', `/v1/leadtypes/${leadTypeId}/categories`, { LeadCatUID: id, Caption: 'Exclusive leads' })).toMatchObject({ status: 200, body: id });
      expect((await api.call('GET', `/v1/leadtypes/${leadTypeId}/categories`)).body).toEqual({
        LeadCategories: [{ LeadCatUID: id, Caption: 'Exclusive leads' }, { LeadCatUID: second, Caption: '<i>Shared</i>' }],
      });
      expect((await api.call('GET', `/v1/leadtypes/${otherLeadTypeId}/categories`)).body).toEqual({ LeadCategories: [] });
      // Another lead type's category is not found under this one.
      expect((await api.call('PUT', `/v1/leadtypes/${otherLeadTypeId}/categories`, { LeadCatUID: id, Caption: 'x' })).status).toBe(404);
      expect((await api.call('PUT', `/v1/leadtypes/${leadTypeId}/categories`, { LeadCatUID: second, Delete: true })).status).toBe(200);
      expect((await api.call('GET', `/v1/leadtypes/${leadTypeId}/categories`)).body.LeadCategories).toHaveLength(1);
      expect(await configEvents('category', second)).toEqual(['upserted', 'deleted']);
      for (const body of [{}, { Caption: '' }, { Caption: 5 }, { Caption: 'x', Extra: 1 }]) {
        expect((await api.call('PUT', `/v1/leadtypes/${leadTypeId}/categories`, body)).status).toBe(400);
      }
    });

    it('assigns a campaign of the source to a category of its lead type, and 0 removes it', async () => {
      const category = (await api.call('PUT', `/v1/leadtypes/${leadTypeId}/categories`, { Caption: 'Premium' })).body as number;
      const res = await assign(sourceId, campaignId, { CategoryUID: category });
      expect(res).toMatchObject({ status: 200, body: true });
      expect(await categoryOf(campaignId)).toBe(category);
      expect(await configEvents('campaign', campaignId)).toContain('upserted');

      expect((await assign(sourceId, campaignId, { CategoryUID: 0 })).body).toBe(true);
      expect(await categoryOf(campaignId)).toBeNull();

      // Deleting an assigned category unassigns its campaigns.
      await assign(sourceId, campaignId, { CategoryUID: category });
      await api.call('PUT', `/v1/leadtypes/${leadTypeId}/categories`, { LeadCatUID: category, Delete: true });
      expect(await categoryOf(campaignId)).toBeNull();
    });

    it('refuses campaigns of another source, unknown categories and categories of another lead type', async () => {
      const foreign = (await api.call('PUT', `/v1/leadtypes/${otherLeadTypeId}/categories`, { Caption: 'Other' })).body as number;
      const mine = (await api.call('PUT', `/v1/leadtypes/${leadTypeId}/categories`, { Caption: 'Mine' })).body as number;
      expect((await assign(otherSourceId, campaignId, { CategoryUID: mine })).status).toBe(404);
      expect((await assign(sourceId, 999999, { CategoryUID: mine })).status).toBe(404);
      expect((await assign(sourceId, campaignId, { CategoryUID: 999999 })).status).toBe(404);
      const wrongType = await assign(sourceId, campaignId, { CategoryUID: foreign });
      expect(wrongType.status).toBe(400);
      expect(errorFields(wrongType.body)).toEqual(['CategoryUID']);
      for (const body of [{}, { CategoryUID: -1 }, { CategoryUID: 'one' }, { CategoryUID: mine, CampaignUID: campaignId + 1 }]) {
        expect((await assign(sourceId, campaignId, body)).status).toBe(400);
      }
      expect((await assign(sourceId, campaignId, { CategoryUID: mine, LeadSourceUID: sourceId, CampaignUID: campaignId })).status).toBe(200);
    });
  });

  describe('lead type of a lead, unknown ids', () => {
    it('locates the lead type of a lead', async () => {
      const leadTypeId = await createLeadType('Insurance');
      const source = (await api.pool.query(`INSERT INTO lead_sources (name) VALUES ('Locate source') RETURNING id`)).rows[0].id;
      const campaign = (await api.pool.query(`INSERT INTO campaigns (lead_source_id, lead_type_id, name) VALUES ($1, $2, 'c') RETURNING id`, [source, leadTypeId])).rows[0].id;
      const lead = (
        await api.pool.query(
          `INSERT INTO leads (uid, request_id, lead_source_id, campaign_id, lead_type_id, fields) VALUES ($1, $2, $3, $4, $5, '{}') RETURNING id::text AS id`,
          [randomUUID(), randomUUID(), source, campaign, leadTypeId],
        )
      ).rows[0].id;
      const res = await api.call('GET', `/v1/leadtypes/locate/${lead}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual((await api.call('GET', `/v1/leadtypes/${leadTypeId}`)).body);
    });

    it.each([
      ['GET', '/v1/leadtypes/999999', undefined],
      ['GET', '/v1/leadtypes/99999999999', undefined],
      ['GET', '/v1/leadtypes/999999/fields', undefined],
      ['GET', '/v1/leadtypes/999999/categories', undefined],
      ['GET', '/v1/leadtypes/999999/duplicatesets', undefined],
      ['GET', '/v1/leadtypes/locate/999999999', undefined],
      ['GET', '/v1/leadtypes/locate/99999999999999999999', undefined],
      ['PUT', '/v1/leadtypes/999999/fields', { Fields: [{ Descriptor: 'x' }] }],
      ['PUT', '/v1/leadtypes/999999/duplicatesets', { DuplicateSets: [] }],
      ['PUT', '/v1/leadtypes/999999/categories', { Caption: 'x' }],
      ['PUT', '/v1/leadtypes', { LeadTypeUID: 999999, Descriptor: 'x' }],
      ['PUT', '/v1/leadsources/999999/campaigns/999999/category', { CategoryUID: 0 }],
    ])('%s %s answers 404', async (method: string, path: string, body: unknown) => {
      const res = await api.call(method, path, body);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ StatusCode: 404, Message: expect.stringMatching(/not found/) });
    });

    it('answers 404 for an unknown field of the lead type', async () => {
      const leadTypeId = await createLeadType('Unknown field');
      const res = await putFields(leadTypeId, [{ LeadFieldUID: 999999, Required: true }]);
      expect(res.status).toBe(404);
      expect(res.body.Message).toContain('lead field 999999');
    });

    it('refuses ids that are not numbers with a 400 naming them', async () => {
      for (const path of ['/v1/leadtypes/abc', '/v1/leadtypes/locate/1e3', '/v1/leadtypes/-1/fields']) {
        const res = await api.call('GET', path);
        expect(res.status).toBe(400);
      }
      expect(errorFields((await api.call('GET', '/v1/leadtypes/locate/x')).body)).toEqual(['LeadUID']);
    });
  });
});
