// Lint: typescript-eslint's recommended rules plus the import boundaries of ARCHITECTURE.md:
// renderer → shared only; shared is pure; the engine never imports electron; nothing imports the renderer.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/promises', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream'];

const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'e2e/screenshots/**', 'e2e/.tmp/**', '.helpers/**', 'resources/**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron', 'electron/*'], message: 'The renderer talks to the engine only through the API (window.torchlift / HTTP).' },
        { group: ['**/electron/**', '**/electron'], message: 'The renderer may import only shared/.' },
        { group: NODE_BUILTINS, message: 'The renderer runs in a sandboxed browser: no Node modules.' },
      ]),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron', 'electron/*', '**/electron/**', '**/renderer/**', 'react', 'react-dom'], message: 'shared/ is pure TypeScript used by every runtime.' },
        { group: NODE_BUILTINS, message: 'shared/ is pure: no Node modules (it runs in the renderer too).' },
      ]),
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/cli/**/*.ts', 'electron/web/**/*.ts', 'electron/bench/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron', 'electron/*'], message: 'The engine and its CLI/web hosts are plain Node: never import electron.' },
        { group: ['**/renderer/**'], message: 'Node code never imports the renderer.' },
      ]),
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: ['electron/main/main.ts', 'electron/preload/index.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/renderer/**'], message: 'Node code never imports the renderer.' },
        { group: ['electron'], importNames: ['ipcMain', 'ipcRenderer'], message: 'Raw IPC lives only in main.ts (wiring) and the preload.' },
      ]),
    },
  },
  {
    files: ['**/*.test.ts', '**/*.int.test.ts', '**/*.e2e.test.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['*.config.{js,ts}'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['bin/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
