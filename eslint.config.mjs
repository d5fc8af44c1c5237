// eslint for the map's JavaScript: the runtime's ES modules, its unit tests, the minimap patch.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {ignores: ['node_modules/**', 'static/**', '.venv/**', 'bench/static/**', 'test-artifacts/**']},
  js.configs.recommended,
  {
    files: ['sti_geo/map/js/**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {...globals.browser, L: 'readonly'},
    },
    rules: {
      'no-unused-vars': ['error', {args: 'after-used', caughtErrors: 'none'}],
      'no-var': 'off',  // the runtime keeps its function-scoped state as it was written
      eqeqeq: 'error',
      'no-implicit-globals': 'error',
      'prefer-const': 'off',
    },
  },
  {
    files: ['sti_geo/map/*.js'],
    languageOptions: {ecmaVersion: 2019, sourceType: 'script', globals: {...globals.browser, L: 'readonly'}},
  },
  {
    files: ['tests/js/**/*.mjs'],
    languageOptions: {ecmaVersion: 2022, sourceType: 'module', globals: {...globals.node}},
  },
];
