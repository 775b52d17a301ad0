// Lint rules for the whole workspace. The module-boundary rule is what keeps the architecture
// honest: see docs/architecture.md "Module boundaries" for the reasoning behind each constraint.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

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
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: false,
          depConstraints: [
            // By layer. Domain code is plain TypeScript: it may not reach I/O or the framework.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:contracts', 'type:platform'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:contracts', 'type:platform'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:data-access', 'type:domain'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:platform', 'type:contracts', 'type:data-access'] },
            // By bounded context. A context reaches another only through contracts (events) or the
            // shared read-only configuration catalog that account-admin writes.
            { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform'] },
            { sourceTag: 'scope:catalog', onlyDependOnLibsWithTags: ['scope:catalog', 'scope:platform'] },
            { sourceTag: 'scope:intake', onlyDependOnLibsWithTags: ['scope:intake', 'scope:catalog', 'scope:platform'] },
            { sourceTag: 'scope:compliance', onlyDependOnLibsWithTags: ['scope:compliance', 'scope:catalog', 'scope:platform'] },
            { sourceTag: 'scope:distribution', onlyDependOnLibsWithTags: ['scope:distribution', 'scope:catalog', 'scope:platform'] },
            { sourceTag: 'scope:delivery', onlyDependOnLibsWithTags: ['scope:delivery', 'scope:catalog', 'scope:platform'] },
            { sourceTag: 'scope:auction', onlyDependOnLibsWithTags: ['scope:auction', 'scope:catalog', 'scope:platform'] },
            { sourceTag: 'scope:offer', onlyDependOnLibsWithTags: ['scope:offer', 'scope:catalog', 'scope:platform'] },
            { sourceTag: 'scope:accounts', onlyDependOnLibsWithTags: ['scope:accounts', 'scope:catalog', 'scope:platform'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:platform', 'scope:catalog', 'scope:intake', 'scope:delivery'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['scripts/**/*.js', 'tools/**/*.js'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
