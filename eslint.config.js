// The layers are held here, not by memory: each folder may import only what its layer allows.
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const ELECTRON = { name: 'electron', message: "只有 electron/main 与 electron/preload 可以引用 'electron'。" };
const DB_LIBS = ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'];
const dbOnly = { group: DB_LIBS, message: '数据库库只能在 db/ 中使用；其他层通过 db/ 的仓库访问数据。' };

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.native/', 'test-artifacts/', 'db/migrations/'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'vue/multi-word-component-names': 'off',
      // Prettier owns formatting.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    // Pure TypeScript for both sides, and the UI: no Node, no Electron, no database.
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ELECTRON,
            ...nodeBuiltins.map((name) => ({ name, message: 'shared/ 与 renderer/ 不能使用 Node 内置模块。' })),
          ],
          patterns: [
            dbOnly,
            { group: ['**/db/**', '**/electron/**'], message: '界面只能通过 shared/ 中的 API 约定访问主进程。' },
          ],
        },
      ],
    },
  },
  {
    // The renderer's build config runs in Node at build time, not in the page.
    files: ['renderer/vite.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The data layer and the plain-Node services and hosts: never Electron.
    files: ['db/**/*.ts', 'electron/services/**/*.ts', 'electron/hosts/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON], patterns: [] }] },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [], patterns: [dbOnly] }] },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/hosts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON], patterns: [dbOnly] }] },
  },
);
