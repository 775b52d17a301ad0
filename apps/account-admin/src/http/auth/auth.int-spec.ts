import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';

describe('Account API authentication (OAuth2 client credentials)', () => {
  let api: AccountApiHarness;
  beforeAll(async () => {
    api = await startAccountApi();
  });
  afterAll(() => api?.close());

  const tokenFor = (body: unknown, opts: { raw?: string; headers?: Record<string, string> } = {}) =>
    api.call('POST', '/v1/authorization/token', body, { token: null, ...opts });

  it('issues a Bearer token valid for 3600 s in the seed shape', async () => {
    const res = await tokenFor({ client_id: api.clientId, client_secret: api.clientSecret, grant_type: 'client_credentials' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.stringMatching(/^[\w-]{40,}$/), token_type: 'Bearer', expires_in: 3600, error: null });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('accepts RFC 6749 form-encoded token requests too', async () => {
    const form = new URLSearchParams({ client_id: api.clientId, client_secret: api.clientSecret, grant_type: 'client_credentials' }).toString();
    const res = await tokenFor(undefined, { raw: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect(res.body.access_token).toBeTruthy();
  });

  it.each([
    ['a wrong secret', () => ({ client_id: api.clientId, client_secret: 'lxs_wrong', grant_type: 'client_credentials' }), 401, 'invalid_client'],
    ['an unknown client', () => ({ client_id: '00000000-0000-0000-0000-000000000000', client_secret: 'x', grant_type: 'client_credentials' }), 401, 'invalid_client'],
    ['a non-uuid client id', () => ({ client_id: "1' OR '1'='1", client_secret: 'x', grant_type: 'client_credentials' }), 401, 'invalid_client'],
    ['another grant type', () => ({ client_id: api.clientId, client_secret: api.clientSecret, grant_type: 'password' }), 400, 'unsupported_grant_type'],
    ['missing credentials', () => ({ grant_type: 'client_credentials' }), 400, 'invalid_request'],
    ['credentials of the wrong type', () => ({ client_id: 5, client_secret: [], grant_type: 'client_credentials' }), 400, 'invalid_request'],
  ])('refuses %s with the OAuth error in the seed shape', async (_name, body, status, error) => {
    const res = await tokenFor(body());
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ access_token: '', token_type: 'Bearer', expires_in: 0, error });
  });

  it('answers malformed JSON with a 400 in the Account API error shape', async () => {
    const res = await tokenFor(undefined, { raw: '{"client_id": ' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ StatusCode: 400, Error: 'Bad Request', Message: expect.stringMatching(/JSON/) });
  });

  it('refuses bodies over the size limit with 413', async () => {
    const res = await tokenFor(undefined, { raw: JSON.stringify({ pad: 'x'.repeat(1_100_000) }) });
    expect(res.status).toBe(413);
    expect(res.body.StatusCode).toBe(413);
  });

  it('refuses missing, malformed and unknown bearer tokens with 401 and WWW-Authenticate', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer nope' }, { authorization: 'Basic abc' }, { authorization: `Bearer ${api.token}x` }]) {
      const res = await api.call('GET', '/v1/authorization/clients', undefined, { token: null, headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.body).toMatchObject({ StatusCode: 401, Error: 'Unauthorized' });
    }
  });

  it('accepts the seed\'s access_token header as well as Authorization', async () => {
    const res = await api.call('GET', '/v1/authorization/clients', undefined, { token: null, headers: { access_token: api.token } });
    expect(res.status).toBe(200);
  });

  it('requires a token on every route but the token endpoint, health, metrics and docs', async () => {
    const doc = (await api.call<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs-json', undefined, { token: null })).body;
    const open = new Set(['/v1/authorization/token', '/health/live', '/health/ready', '/metrics']);
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (open.has(path)) continue;
      for (const method of Object.keys(methods)) {
        const concrete = path.replace(/\{[^}]+\}/g, '1');
        const res = await api.call(method.toUpperCase(), concrete, method === 'get' || method === 'delete' ? undefined : {}, { token: null });
        expect({ route: `${method} ${path}`, status: res.status }).toEqual({ route: `${method} ${path}`, status: 401 });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('creates, lists, rotates and revokes API clients; secrets are shown once and never listed', async () => {
    const created = await api.call('POST', '/v1/authorization/clients', { Name: 'rotating' });
    expect(created.status).toBe(201);
    const { client_id, client_secret } = created.body;
    const list = await api.call('GET', '/v1/authorization/clients');
    const listed = list.body.find((c: { ClientId: string }) => c.ClientId === client_id);
    expect(listed).toMatchObject({ Name: 'rotating', SecretPrefix: client_secret.slice(0, 10), RevokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(client_secret);

    const first = await tokenFor({ client_id, client_secret, grant_type: 'client_credentials' });
    expect(first.status).toBe(200);
    const rotated = await api.call('POST', `/v1/authorization/clients/${client_id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.client_secret).not.toBe(client_secret);
    // The old secret and the tokens issued with it stop working at once.
    expect((await tokenFor({ client_id, client_secret, grant_type: 'client_credentials' })).status).toBe(401);
    expect((await api.call('GET', '/v1/authorization/clients', undefined, { token: first.body.access_token })).status).toBe(401);

    const second = await tokenFor({ client_id, client_secret: rotated.body.client_secret, grant_type: 'client_credentials' });
    expect(second.status).toBe(200);
    expect((await api.call('DELETE', `/v1/authorization/clients/${client_id}`)).status).toBe(204);
    expect((await api.call('GET', '/v1/authorization/clients', undefined, { token: second.body.access_token })).status).toBe(401);
    expect((await tokenFor({ client_id, client_secret: rotated.body.client_secret, grant_type: 'client_credentials' })).status).toBe(401);
    expect((await api.call('DELETE', `/v1/authorization/clients/${client_id}`)).status).toBe(404);
  });

  it('refuses unknown properties by name (no mass assignment) and missing fields', async () => {
    const res = await api.call('POST', '/v1/authorization/clients', { Name: 'x', IsAdmin: true });
    expect(res.status).toBe(400);
    expect(res.body.Errors).toEqual([{ Field: 'IsAdmin', Message: 'property IsAdmin should not exist' }]);
    const missing = await api.call('POST', '/v1/authorization/clients', {});
    expect(missing.status).toBe(400);
    expect(missing.body.Errors.map((e: { Field: string }) => e.Field)).toContain('Name');
  });

  it('expires tokens after their lifetime', async () => {
    const shortLived = await startAccountApi({ ACCESS_TOKEN_TTL_SECONDS: '1' });
    try {
      expect((await shortLived.call('GET', '/v1/authorization/clients')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
      expect((await shortLived.call('GET', '/v1/authorization/clients')).status).toBe(401);
    } finally {
      await shortLived.close();
    }
  });
});
