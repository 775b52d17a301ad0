import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/** The boundary rule only runs with a project graph; these tests prove it runs and bites. */
describe('Nx module boundaries', () => {
  beforeAll(() => {
    execFileSync(resolve(root, 'node_modules/.bin/nx'), ['show', 'projects'], { cwd: root, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  }, 60_000);

  // The ESLint CLI (not its API: Jest's VM cannot import the .mjs config) linting code from stdin.
  const messages = async (file: string, code: string): Promise<string[]> => {
    const run = spawnSync(resolve(root, 'node_modules/.bin/eslint'), ['--stdin', '--stdin-filename', resolve(root, file), '--format', 'json'], {
      cwd: root,
      input: code,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
    return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  };

  it('forbids domain code from reaching I/O (a platform lib)', async () => {
    const found = await messages(
      'libs/distribution/domain/src/probe.ts',
      "import { runMigrations } from '@leadx/platform-database';\nexport const probe = runMigrations;\n",
    );
    expect(found.join('\n')).toMatch(/tagged with "type:domain" can only depend on libs tagged with "type:domain", "type:contracts"/);
  });

  it('forbids one bounded context from importing another', async () => {
    const found = await messages(
      'libs/delivery/data-access/src/probe.ts',
      "import { DistributeLeadService } from '@leadx/distribution-data-access';\nexport const probe = DistributeLeadService;\n",
    );
    expect(found.join('\n')).toMatch(/scope:delivery/);
  });

  it('allows a context to use the catalog and platform libs', async () => {
    const found = await messages(
      'libs/delivery/data-access/src/probe.ts',
      "import { CATALOG_ENTITIES } from '@leadx/catalog-data-access';\nimport { Outbox } from '@leadx/platform-messaging';\nexport const probe = [CATALOG_ENTITIES, Outbox];\n",
    );
    expect(found).toEqual([]);
  });
});
