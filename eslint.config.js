// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const componentBoundary = {
  regex: '^\\.\\./(?!web/)[a-z-]+/(?!index\\.js$)',
  message: 'Import another component only through its index.ts (e.g. ../events/index.js).',
};
const storeOnly = {
  regex: '\\.model\\.js$',
  // The model itself; its constants (RSVP_STATUSES) and types may be shared.
  importNamePattern: '^(?![A-Z0-9_]+$)',
  allowTypeImports: true,
  message: 'Only the store of a kind of record imports its model: ask the store (e.g. ./invitation.store.js).',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'tools/', 'public/vendor/', 'coverage/', '.venv-ics/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Components reach each other only through their index.ts; web/ is shared plumbing anyone may use.
    // Within a component, only the store of a kind of record imports its model (docs/architecture.md).
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [componentBoundary, storeOnly] }] },
  },
  {
    files: ['src/**/*.store.ts', 'src/**/*.model.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [componentBoundary] }] },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
