import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccountApiHarness, startAccountApi } from '../../test/account-api-harness';

/**
 * docs/spec/endpoints.tsv is a copy of the product's endpoint list (../shared/spec). Every row that
 * operators call on the Account API (owners account-admin, scanner, delivery-worker) must be in
 * account-admin's OpenAPI document with its method and the seed's path.
 */
describe('Account API covers every endpoint of the spec', () => {
  let api: AccountApiHarness;
  beforeAll(async () => {
    api = await startAccountApi();
  });
  afterAll(() => api?.close());

  const rows = readFileSync(join(__dirname, '../../../../docs/spec/endpoints.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter(([owner]) => ['account-admin', 'scanner', 'delivery-worker'].includes(owner))
    .map(([owner, method, path]) => ({ owner, method: method.toLowerCase(), path }));

  it('lists the rows it checks', () => {
    expect(rows.length).toBe(54 + 11);
  });

  it('serves each with the seed method and path (parameter names aside)', async () => {
    const doc = (await api.call<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs-json', undefined, { token: null })).body;
    // Parameter names differ in case between seed sections ({ClientUID} vs {clientuid}): compare shapes.
    const shape = (p: string) => p.replace(/\{[^}]+\}/g, '{}').replace(/\/$/, '').toLowerCase();
    const served = new Set(Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m} ${shape(p)}`)));
    const missing = rows.filter((r) => !served.has(`${r.method} ${shape(r.path)}`)).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing).toEqual([]);
  });
});
