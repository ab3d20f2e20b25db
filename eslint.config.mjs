import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Imports that tie code to a framework, a broker or a store: never in domain or contract libs. */
const infrastructurePackages = [
  '@nestjs/*',
  'kafkajs',
  'bullmq',
  'ioredis',
  'express',
  'testcontainers',
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.nx/**', 'tmp/**', '.kafka/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          checkNestedExternalImports: true,
          banTransitiveDependencies: true,
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:util', 'type:test-util'],
            },
            {
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:util'],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util'],
              bannedExternalImports: infrastructurePackages,
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:util'],
              bannedExternalImports: [...infrastructurePackages, 'luxon', 'date-holidays'],
            },
            {
              sourceTag: 'type:util',
              onlyDependOnLibsWithTags: ['type:util'],
              bannedExternalImports: infrastructurePackages,
            },
            {
              sourceTag: 'type:test-util',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:util', 'type:domain'],
            },
            { sourceTag: 'scope:sla', onlyDependOnLibsWithTags: ['scope:sla', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    // Domain code takes `now` and ids as inputs: the wall clock and randomness stay at the edges.
    files: ['libs/sla/**/src/**/*.ts', 'libs/contracts/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass `now` in: domain code never reads the clock.' },
        { object: 'Math', property: 'random', message: 'Pass ids and randomness in.' },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'Libraries take typed options; configuration is read at the edge.' }],
    },
  },
  {
    // Tool configuration files (CommonJS) reach the workspace preset by path; not project code.
    files: ['**/jest.config.js', 'jest.preset.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@nx/enforce-module-boundaries': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
];
