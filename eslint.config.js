import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const hooks = reactHooks.configs.flat.recommended;

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'scratch/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['bench/**', 'eval/**', 'scripts/**', 'bin/**', 'test/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['bin/**', 'scripts/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['web/src/**'],
    plugins: hooks.plugins,
    languageOptions: { globals: globals.browser },
    rules: {
      ...hooks.rules,
      // A stale dependency shows the analyst an old answer: an error, not a warning that lint passes. useLoad takes its dependencies as useEffect does, and is checked alike.
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useLoad$' }],
    },
  },
);
