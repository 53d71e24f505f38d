import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const miniprogramGlobals = {
  wx: 'readonly',
  App: 'readonly',
  Page: 'readonly',
  Component: 'readonly',
  Behavior: 'readonly',
  getApp: 'readonly',
  getCurrentPages: 'readonly',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'coverage/',
      'miniprogram/miniprogram_npm/',
      'cloudfunctions/*/index.js',
      'cloudfunctions/*/node_modules/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Issue 15: full zod is ~460 KB of every function bundle, and zod/mini's `z` object brings
      // every locale (~260 KB); `import * as z from 'zod/mini'` keeps only what is used (~30 KB).
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'zod', message: "Write schemas with zod/mini: import * as z from 'zod/mini'." }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod/mini'] > :matches(ImportSpecifier, ImportDefaultSpecifier)",
          message: "import * as z from 'zod/mini': its z object brings every locale.",
        },
      ],
    },
  },
  {
    files: ['miniprogram/**/*.ts'],
    languageOptions: { globals: miniprogramGlobals },
  },
  {
    // The domain is pure: no wx, no I/O, the same code on the phone and in the cloud.
    files: ['miniprogram/domain/**/*.ts', 'server/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'wx', 'process', 'require', 'setTimeout', 'setInterval'],
      'no-restricted-imports': [
        'error',
        { patterns: ['fs', 'path', 'http', 'wx-server-sdk', 'better-sqlite3', '../**/services/*', '**/adapters/*'] },
      ],
    },
  },
  {
    // Only services/ talks to the cloud.
    files: ['miniprogram/**/*.ts'],
    ignores: ['miniprogram/services/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'wx', property: 'cloud', message: 'Call the cloud through miniprogram/services/ only.' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.js'],
    languageOptions: { globals: { ...globals.jest, ...miniprogramGlobals, ...globals.browser } },
  },
);
