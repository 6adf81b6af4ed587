import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'data', 'artifacts', 'node_modules'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Shared code runs on both sides: no Node, server or browser-app imports.
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '**/server/**', '**/web/**', 'kysely', 'pg', 'fastify*'],
              message: 'src/shared must not depend on the server, the web app or Node.',
            },
          ],
        },
      ],
    },
  },
  {
    // A module keeps to its own tables: another module's data and rules are reached through its
    // service, never its repo (src/server/http's repos are cross-cutting, not a module's).
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^\.\./(?!\.\.|http/)[^/]+/[^/]+\.repo(\.js)?$|modules/[^/]+/[^/]+\.repo(\.js)?$`,
              message: "Another module's repo: call its service instead.",
            },
          ],
        },
      ],
    },
  },
  {
    // The browser app must not reach into the server.
    files: ['src/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', 'node:*'], message: 'The web app talks to the server over HTTP only.' },
          ],
        },
      ],
    },
  },
);
