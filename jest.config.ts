import type { Config } from 'jest';
import { readFileSync } from 'node:fs';

// One source of truth for lib aliases: tsconfig.base.json's paths become Jest's moduleNameMapper.
const { compilerOptions } = JSON.parse(readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
// globalSetup runs outside the test sandbox, where moduleNameMapper does not apply.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('tsconfig-paths').register({ baseUrl: __dirname, paths: compilerOptions.paths });
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8')) as Record<string, unknown>;
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper,
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] as [string, Record<string, unknown>] },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.local/'],
};

// Three tiers. unit: pure code, no I/O. integration: real Kafka, Postgres and Redis with the real
// migrations. e2e: the services running, driven through their public HTTP APIs.
const config: Config = {
  // Integration and e2e tests wait on real brokers; unit tests finish far below this anyway.
  testTimeout: 90_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/platform/testing/src/global-setup.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/platform/testing/src/global-setup.ts',
    },
  ],
};
export default config;
