// ESLint (flat config): a modest rule set, and the architecture's arrows as import rules
// (docs/architecture.md):
//   server/src/core imports nothing of ours outside core and common, and does no I/O;
//   common imports nothing of ours outside common;
//   server/src/features does no I/O (files and threads are server/src/session's and the process's);
//   the client never imports server/; no `vscode` in server/ or client/src/aws/.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const IO_MODULES = [
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'http',
  'https',
  'worker_threads',
  'os',
].flatMap((m) => [m, `node:${m}`]);
const LSP_MODULES = [
  'vscode',
  'vscode-languageserver',
  'vscode-languageserver/node',
  'vscode-languageclient',
  'vscode-languageclient/node',
  'vscode-jsonrpc',
  'vscode-languageserver-protocol',
];

// A relative import from a core file `depth` folders below server/src/core leaves core when it
// climbs more than `depth` levels, unless it goes on to the repository's common/.
function coreBoundary(depth) {
  const glob = `server/src/core/${'*/'.repeat(depth)}*.ts`;
  return {
    files: [glob],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...IO_MODULES, ...LSP_MODULES].map((name) => ({
            name,
            message: 'server/src/core stays pure: no VS Code, LSP or I/O.',
          })),
          patterns: [
            {
              regex: `^(\\.\\./){${depth + 1}}(?!\\.\\./\\.\\./common/)`,
              message: 'server/src/core imports only from core and common.',
            },
          ],
        },
      ],
    },
  };
}

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', '.cache/', 'test-results/', 'bench/peer/', '**/*.vsix'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    files: ['test/e2e/**/*.ts'],
    // Code evaluated in the browser page (page.evaluate) sees the DOM.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  [0, 1, 2, 3].map(coreBoundary),
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: LSP_MODULES.map((name) => ({
            name,
            message: 'common/ is plain data and functions shared by both sides.',
          })),
          patterns: [{ regex: '^\\.\\./', message: 'common/ imports only from common/.' }],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The language server runs outside VS Code: use the LSP.' },
          ],
          patterns: [{ regex: '(^|/)client/', message: 'The server never imports the client.' }],
        },
      ],
    },
  },
  {
    // Features answer from an analysis the session made: no files, no threads, nothing of the process.
    files: ['server/src/features/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The language server runs outside VS Code: use the LSP.' },
            ...IO_MODULES.map((name) => ({
              name,
              message:
                "server/src/features does no I/O: reading files and starting threads is server/src/session's work.",
            })),
          ],
          patterns: [
            { regex: '(^|/)client/', message: 'The server never imports the client.' },
            {
              regex: '^\\.\\./(server|cli|launch|safeRead|frameGuard)$',
              message: 'server/src/features does not reach the process level.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    ignores: ['client/src/aws/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+server(/|$)',
              message:
                'The client never imports server/: it talks to the server over LSP (common/ holds the shared types).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/aws/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message:
                'client/src/aws is the AWS layer, testable without VS Code: pass what it needs in.',
            },
          ],
          patterns: [
            { regex: '^(\\.\\./)+server(/|$)', message: 'The client never imports server/.' },
          ],
        },
      ],
    },
  },
  {
    // Run Locally's engine runs in a worker thread and in the emulator: no VS Code there.
    files: ['client/src/local/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message: 'client/src/local runs in a worker thread and in the emulator: no VS Code.',
            },
          ],
          patterns: [
            { regex: '^(\\.\\./)+server(/|$)', message: 'The client never imports server/.' },
          ],
        },
      ],
    },
  },
);
