import { verifyPassword } from '@leadx/accounts-data-access';
import { hashApiKey } from '@leadx/catalog-data-access';
import { uniqueSuffix } from '@leadx/platform-testing';
import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';

describe('Account API lead sources (seed 003) and their api-keys (extension)', () => {
  let api: AccountApiHarness;
  beforeAll(async () => {
    api = await startAccountApi();
  });
  afterAll(() => api?.close());

  const PASSWORD = 'Sup3r-secret-portal-pw';
  const source = (overrides: Record<string, unknown> = {}) => ({
    LPVendorUID: 0,
    Name: `Acme Leads ${uniqueSuffix()}`,
    Address: '1 Main St',
    Address2: 'Suite 2',
    City: 'Austin',
    State: 'TX',
    Zip: '73301',
    Phone: '5125550100',
    Fax: '',
    Email: 'ops@acme.example',
    ReturnString: 'legacy-return',
    ReturnPostURL: 'https://acme.example/return',
    SystemVendor: false,
    Status: 1,
    UserName: `acme-${uniqueSuffix()}`,
    Password: PASSWORD,
    AdminUID: 0,
    CherryAccountUID: 0,
    AccountUID: 77,
    ImageURL: 'https://cdn.example/acme.png',
    DefaultReturnDay: 14,
    ...overrides,
  });
  const create = async (overrides: Record<string, unknown> = {}): Promise<number> => {
    const res = await api.call<number>('PUT', '/v1/leadsources', source(overrides));
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: expect.any(Number) });
    return res.body;
  };
  const outboxChanges = async (entity: string, id: number | string) =>
    (
      await api.pool.query(
        `SELECT envelope->'payload'->>'change' AS change FROM outbox
          WHERE topic = 'accounts.config.changed.v1' AND envelope->'payload'->>'entity' = $1 AND envelope->'payload'->>'entityId' = $2 ORDER BY id`,
        [entity, String(id)],
      )
    ).rows.map((r: { change: string }) => r.change);

  it('creates a lead source and answers its detail in the seed shape, without the password', async () => {
    const body = source();
    const id = await create(body);
    const res = await api.call('GET', `/v1/leadsources/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...body, LPVendorUID: id, Status: 'Active', Password: null });
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);

    const row = (await api.pool.query(`SELECT password_hash, username, status FROM lead_sources WHERE id = $1`, [id])).rows[0];
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    expect(await verifyPassword(row.password_hash, PASSWORD)).toBe(true);
    // The receiver's api-key check reads lead_sources.status: the seed's 1 is stored as 'Active'.
    expect(row.status).toBe('Active');
    expect(await outboxChanges('lead_source', id)).toEqual(['upserted']);
  });

  it('modifies only what the request carries and keeps the password unless a new one is sent', async () => {
    const id = await create();
    const before = (await api.pool.query(`SELECT password_hash FROM lead_sources WHERE id = $1`, [id])).rows[0].password_hash;
    const res = await api.call('PUT', '/v1/leadsources', { LPVendorUID: id, City: 'Dallas', Status: 'onhold', Password: '' });
    expect(res).toMatchObject({ status: 200, body: id });
    const detail = (await api.call('GET', `/v1/leadsources/${id}`)).body;
    expect(detail).toMatchObject({ City: 'Dallas', Status: 'OnHold', Address: '1 Main St', DefaultReturnDay: 14, AccountUID: 77, ReturnString: 'legacy-return' });
    expect((await api.pool.query(`SELECT password_hash FROM lead_sources WHERE id = $1`, [id])).rows[0].password_hash).toBe(before);

    await api.call('PUT', '/v1/leadsources', { LPVendorUID: id, Password: 'a-new-password-123', Status: 3 });
    const row = (await api.pool.query(`SELECT password_hash, status FROM lead_sources WHERE id = $1`, [id])).rows[0];
    expect(row.status).toBe('Suspended');
    expect(await verifyPassword(row.password_hash, 'a-new-password-123')).toBe(true);
    expect(await verifyPassword(row.password_hash, PASSWORD)).toBe(false);
    expect(await outboxChanges('lead_source', id)).toEqual(['upserted', 'upserted', 'upserted']);
  });

  it('treats null like absent for fields that cannot be empty', async () => {
    const id = await create();
    const res = await api.call('PUT', '/v1/leadsources', { LPVendorUID: id, Name: null, Status: null, City: null, DefaultReturnDay: null, Password: null });
    expect(res.status).toBe(200);
    expect((await api.call('GET', `/v1/leadsources/${id}`)).body).toMatchObject({ City: 'Austin', Status: 'Active', DefaultReturnDay: 14 });
    expect((await api.call('PUT', '/v1/leadsources', source({ Name: null }))).status).toBe(400);
  });

  it('never answers the password in any response, list included', async () => {
    await create();
    const responses = [await api.call('GET', '/v1/leadsources'), await api.call('GET', '/v1/leadsources?Skip=0&Take=5')];
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
      expect(JSON.stringify(res.body)).not.toContain('argon2');
    }
  });

  it('lists every source without paging, and pages with Skip/Take (Take clamped to 100)', async () => {
    const ids = [await create(), await create(), await create()];
    const all = await api.call<Array<{ LPVendorUID: number }>>('GET', '/v1/leadsources');
    expect(all.body.map((s) => s.LPVendorUID)).toEqual(expect.arrayContaining(ids));
    // Other suites may add sources meanwhile, but only with higher ids: earlier pages stay put.
    expect(Number(all.headers.get('x-total-count'))).toBeGreaterThanOrEqual(all.body.length);

    const index = all.body.findIndex((s) => s.LPVendorUID === ids[0]);
    const page = await api.call<Array<{ LPVendorUID: number }>>('GET', `/v1/leadsources?Skip=${index}&Take=2`);
    expect(page.body.map((s) => s.LPVendorUID)).toEqual(all.body.slice(index, index + 2).map((s) => s.LPVendorUID));
    const clamped = await api.call<unknown[]>('GET', '/v1/leadsources?Take=100000');
    expect(clamped.status).toBe(200);
    expect(clamped.body.length).toBe(Math.min(all.body.length, 100));
    expect((await api.call('GET', '/v1/leadsources?Take=abc')).status).toBe(400);
  });

  it('checks usernames ignoring case and refuses a taken one with 409', async () => {
    const name = `Unique-${uniqueSuffix()}`;
    expect((await api.call('GET', `/v1/leadsources/usernames/check/${encodeURIComponent(name)}`)).body).toBe(true);
    const id = await create({ UserName: name });
    expect((await api.call('GET', `/v1/leadsources/usernames/check/${encodeURIComponent(name.toUpperCase())}`)).body).toBe(false);

    const taken = await api.call('PUT', '/v1/leadsources', source({ UserName: name.toLowerCase() }));
    expect(taken.status).toBe(409);
    expect(taken.body.Message).toMatch(/UserName/);
    const other = await create();
    expect((await api.call('PUT', '/v1/leadsources', { LPVendorUID: other, UserName: ` ${name.toUpperCase()} ` })).status).toBe(409);
    // A source may change the case of its own username.
    expect((await api.call('PUT', '/v1/leadsources', { LPVendorUID: id, UserName: name.toUpperCase() })).status).toBe(200);
    // Hostile text is only ever a parameter.
    expect((await api.call('GET', `/v1/leadsources/usernames/check/${encodeURIComponent("x' OR '1'='1")}`)).body).toBe(true);
  });

  it('stores hostile strings verbatim', async () => {
    const hostile = `<script>alert(1)</script>'; DROP TABLE lead_sources; -- \${process.env} {{7*7}}`;
    const id = await create({ Name: hostile, Address: hostile, UserName: null });
    expect((await api.call('GET', `/v1/leadsources/${id}`)).body).toMatchObject({ Name: hostile, Address: hostile, UserName: '' });
  });

  it.each([
    ['an unknown property', { Hacker: true }, 'Hacker'],
    ['an unknown Status', { Status: 9 }, 'Status'],
    ['a wrong type', { DefaultReturnDay: 'many' }, 'DefaultReturnDay'],
    ['a NUL character', { Name: 'a\u0000b' }, 'Name'],
    ['a short password', { Password: 'short' }, 'Password'],
    ['a missing Name on create', { Name: undefined }, 'Name'],
  ])('refuses %s with a 400 naming the field', async (_what, overrides, field) => {
    const res = await api.call('PUT', '/v1/leadsources', source(overrides));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.Errors ?? res.body.Message)).toContain(field);
  });

  it.each(['[]', '"text"', 'null', '42', '{"Rules": {"0": {}}}', '{"Integrations": "all"}'])('answers a malformed body (%s) with a 4xx, never a 500', async (raw) => {
    const id = await create();
    for (const [method, path] of [
      ['PUT', '/v1/leadsources'],
      ['PUT', '/v1/leadsources/campaigns'],
      ['POST', `/v1/leadsources/${id}/apikeys`],
      ['PUT', '/v1/leadsources/campaigns/999999/compliance'],
    ]) {
      const res = await api.call(method, path, undefined, { raw });
      expect({ path, status: res.status < 500 && res.status >= 400 }).toEqual({ path, status: true });
    }
  });

  it('answers 404 for unknown lead sources and 400 for malformed ids', async () => {
    expect((await api.call('GET', '/v1/leadsources/999999')).status).toBe(404);
    expect((await api.call('GET', '/v1/leadsources/99999999999')).status).toBe(404);
    expect((await api.call('GET', '/v1/leadsources/abc')).status).toBe(400);
    const modify = await api.call('PUT', '/v1/leadsources', { LPVendorUID: 999999, Name: 'x' });
    expect(modify.status).toBe(404);
    expect(modify.body.Message).toBe('lead source 999999 not found');
  });

  describe('api-keys', () => {
    it('shows a new key once, lists only its prefix, authenticates it like the receiver, and revokes it', async () => {
      const id = await create();
      const created = await api.call('POST', `/v1/leadsources/${id}/apikeys`, { Label: 'posting server' });
      expect(created.status).toBe(201);
      const key: string = created.body.Key;
      expect(created.body).toEqual({
        ApiKeyUID: expect.any(Number),
        LeadSourceUID: id,
        Prefix: key.slice(0, 10),
        Label: 'posting server',
        CreatedAt: expect.any(String),
        RevokedAt: null,
        Key: expect.stringMatching(/^lx_[\w-]{40,}$/),
      });
      const keyId: number = created.body.ApiKeyUID;

      const listed = await api.call('GET', `/v1/leadsources/${id}/apikeys`);
      expect(listed.body).toEqual([{ ApiKeyUID: keyId, LeadSourceUID: id, Prefix: key.slice(0, 10), Label: 'posting server', CreatedAt: expect.any(String), RevokedAt: null }]);
      expect(JSON.stringify(listed.body)).not.toContain(key);

      // The receiver's lookup (ApiKeyAuthenticator): SHA-256 of the key, active key, Active source.
      const authenticate = async () =>
        (
          await api.pool.query(
            `SELECT k.lead_source_id FROM lead_source_api_keys k JOIN lead_sources s ON s.id = k.lead_source_id
              WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND s.status = 'Active'`,
            [hashApiKey(key)],
          )
        ).rows;
      expect(await authenticate()).toEqual([{ lead_source_id: id }]);
      const stored = (await api.pool.query(`SELECT key_hash::text AS h FROM lead_source_api_keys WHERE id = $1`, [keyId])).rows[0].h as string;
      expect(stored).not.toContain(key);

      expect((await api.call('DELETE', `/v1/leadsources/${id}/apikeys/${keyId}`)).status).toBe(204);
      expect(await authenticate()).toEqual([]);
      expect((await api.call('GET', `/v1/leadsources/${id}/apikeys`)).body[0].RevokedAt).toEqual(expect.any(String));
      expect((await api.call('DELETE', `/v1/leadsources/${id}/apikeys/${keyId}`)).status).toBe(404);
      expect(await outboxChanges('api_key', keyId)).toEqual(['upserted', 'deleted']);
    });

    it("creates a key without a body, and never revokes another source's key", async () => {
      const a = await create();
      const b = await create();
      const created = await api.call('POST', `/v1/leadsources/${a}/apikeys`);
      expect(created.status).toBe(201);
      expect(created.body.Label).toBeNull();
      expect((await api.call('DELETE', `/v1/leadsources/${b}/apikeys/${created.body.ApiKeyUID}`)).status).toBe(404);
      expect((await api.call('POST', '/v1/leadsources/999999/apikeys', {})).status).toBe(404);
      expect((await api.call('GET', '/v1/leadsources/999999/apikeys')).status).toBe(404);
      expect((await api.call('POST', `/v1/leadsources/${a}/apikeys`, { Label: 5 })).status).toBe(400);
    });
  });
});
