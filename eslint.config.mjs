// @ts-check
/**
 * ESLint flat config (`npm run lint`, which `npm test` runs right after the build).
 *
 * - TypeScript (client/src, server/src, test, bench): typescript-eslint's type-checked recommended rules, with
 *   type information from tsconfig.json through the project service. `no-floating-promises` and
 *   `no-misused-promises` are named explicitly so that they stay on whatever the preset does.
 * - Plain JavaScript (esbuild.js): ESLint's recommended rules, without type information.
 * - server/src/core: the pure engine, shared by the language server and the CLI. It may not import the editor,
 *   the LSP libraries, the file system, child processes, paths or the OS: state is passed in (see
 *   CONTRIBUTING.md). test/unit/lintCoreImports.test.ts runs this config on snippets to prove that each
 *   forbidden import fails.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

/** The repository root (import.meta.dirname needs Node 20.11; package.json allows any Node 20). */
const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/** Modules that server/src/core may not import (gitignore-style patterns, matched against the import source). */
export const coreForbiddenImports = [
  'vscode',
  'vscode/*',
  'vscode-languageserver*',
  'vscode-languageclient*',
  'fs',
  'fs/*',
  'node:fs',
  'node:fs/*',
  'child_process',
  'node:child_process',
  'path',
  'path/*',
  'node:path',
  'node:path/*',
  'os',
  'node:os',
];

const coreImportMessage =
  'server/src/core is pure: no editor, LSP, file system, process, path or OS access. Pass the data in from the LSP or CLI layer.';

/** Node's globals for the CommonJS build script (kept here rather than adding the `globals` package for five names). */
const nodeCommonJsGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  process: 'readonly',
  console: 'readonly',
  __dirname: 'readonly',
  __filename: 'readonly',
};

export default defineConfig(
  {
    name: 'plan-audit/ignores',
    ignores: ['dist/', 'out/', '**/.cache/', 'node_modules/', 'test-results/', 'bench/results/'],
  },
  {
    name: 'plan-audit/javascript',
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: nodeCommonJsGlobals },
  },
  {
    name: 'plan-audit/eslint-config',
    files: ['eslint.config.mjs'],
    languageOptions: { sourceType: 'module' },
  },
  {
    name: 'plan-audit/typescript',
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: repoRoot },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // As tsc's noUnusedParameters: `_name` marks a parameter a signature needs but the body does not; and
      // `const { omitted, ...rest } = object` is how a key is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Off: the code base's enums are numeric `const enum`s of character codes (parseLines.ts `Char`),
      // made to be compared with String#charCodeAt results; the rule flags every such comparison (80 in
      // parseLines.ts) and nothing else. A comparison between two different enums is a tsc error already.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    name: 'plan-audit/core-is-pure',
    files: ['server/src/core/**/*.ts'],
    rules: {
      // The typescript-eslint version also sees `import x = require('fs')` and type-only imports.
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: coreForbiddenImports, message: coreImportMessage }] },
      ],
      // A dynamic import() would slip past the rule above, and the core has no use for one.
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression', message: `No dynamic import() in the core. ${coreImportMessage}` },
      ],
    },
  },
);
