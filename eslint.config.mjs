// Lint rules for the whole workspace. The module-boundary rule is what keeps the architecture
// honest: see docs/architecture.md "Module boundaries" for the reasoning behind each constraint.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// By layer. Domain code is plain TypeScript: it may not reach I/O or the framework.
const LAYERS = {
  'type:app': ['type:domain', 'type:data-access', 'type:contracts', 'type:platform'],
  'type:domain': ['type:domain', 'type:contracts'],
  'type:data-access': ['type:domain', 'type:data-access', 'type:contracts', 'type:platform'],
  'type:contracts': ['type:contracts'],
  'type:platform': ['type:platform', 'type:contracts'],
  'type:testing': ['type:platform', 'type:contracts', 'type:data-access', 'type:domain'],
  'type:e2e': ['type:testing', 'type:platform', 'type:contracts', 'type:data-access'],
};
// By bounded context. A context reaches another only through contracts (events) or the shared
// read-only configuration catalog that account-admin writes.
const CONTEXTS = ['intake', 'compliance', 'distribution', 'delivery', 'auction', 'offer', 'accounts'];
const SCOPES = {
  'scope:platform': ['scope:platform'],
  'scope:catalog': ['scope:catalog', 'scope:platform'],
  ...Object.fromEntries(CONTEXTS.map((c) => [`scope:${c}`, [`scope:${c}`, 'scope:catalog', 'scope:platform']])),
  'scope:e2e': ['scope:platform', 'scope:catalog', 'scope:intake', 'scope:delivery'],
};
const constraints = (extraForLayers = []) => [
  ...Object.entries(LAYERS).map(([sourceTag, tags]) => ({ sourceTag, onlyDependOnLibsWithTags: [...tags, ...extraForLayers] })),
  ...Object.entries(SCOPES).map(([sourceTag, tags]) => ({ sourceTag, onlyDependOnLibsWithTags: tags })),
];
const DEP_CONSTRAINTS = constraints();
const boundaries = (depConstraints) => [
  'error',
  { enforceBuildableLibDependency: false, allow: [], banTransitiveDependencies: false, depConstraints },
];
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/**/test/**/*.ts', 'apps/**/test/**/*.ts'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.local/**', '.nx/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      '@nx/enforce-module-boundaries': boundaries(DEP_CONSTRAINTS),
    },
  },
  {
    // Tests (and only tests) of any lib may use the shared testing helpers.
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': boundaries(constraints(['type:testing'])) },
  },
  {
    files: ['scripts/**/*.js', 'tools/**/*.js'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
