/**
 * The lint rule that keeps `server/src/core` pure: the project's own eslint.config.mjs, run through
 * ESLint's Node API on snippets placed (virtually) in the core and next to it. Type-aware rules are
 * switched off for the snippets (they are not files of the TypeScript project); the import restriction
 * needs no types.
 */
import * as assert from 'assert';
import * as path from 'path';
import type { ESLint as ESLintClass, Linter } from 'eslint';

const root = path.resolve(__dirname, '../..');
const coreFile = path.join(root, 'server/src/core/purityProbe.ts');
const serverFile = path.join(root, 'server/src/purityProbe.ts');
const restrictionRules = ['@typescript-eslint/no-restricted-imports', 'no-restricted-imports', 'no-restricted-syntax'];

describe('lint: server/src/core imports nothing impure', function () {
  let eslint: ESLintClass;

  before(async function () {
    let modules: [typeof import('eslint'), typeof import('typescript-eslint')];
    try {
      modules = await Promise.all([import('eslint'), import('typescript-eslint')]);
    } catch {
      // A worktree whose node_modules predate the lint dependencies; `npm ci` installs them, and
      // `npm test` runs `eslint .` before this suite, so a missing ESLint cannot pass unnoticed there.
      this.skip();
    }
    const [{ ESLint }, tseslint] = modules;
    eslint = new ESLint({ cwd: root, overrideConfig: tseslint.default.configs.disableTypeChecked as Linter.Config });
  });

  async function restrictionMessages(code: string, filePath: string): Promise<Linter.LintMessage[]> {
    const [result] = await eslint.lintText(code, { filePath });
    assert.deepStrictEqual(
      result.messages.filter((message) => message.fatal),
      [],
      'the snippet parses',
    );
    return result.messages.filter((message) => message.ruleId !== null && restrictionRules.includes(message.ruleId));
  }

  const forbidden = [
    'vscode',
    'vscode-languageserver',
    'vscode-languageserver/node',
    'vscode-languageserver-textdocument',
    'vscode-languageserver-protocol',
    'vscode-languageclient',
    'vscode-languageclient/node',
    'fs',
    'node:fs',
    'fs/promises',
    'node:fs/promises',
    'child_process',
    'node:child_process',
    'path',
    'node:path',
    'os',
    'node:os',
  ];

  for (const source of forbidden) {
    it(`rejects an import of '${source}' in the core`, async () => {
      const messages = await restrictionMessages(`import * as probe from '${source}';\nexport const used = probe;\n`, coreFile);
      assert.deepStrictEqual(
        messages.map((message) => [message.ruleId, message.line]),
        [['@typescript-eslint/no-restricted-imports', 1]],
      );
      assert.match(messages[0].message, /server\/src\/core is pure/);
    });
  }

  it('rejects type-only imports, import-require, re-exports and dynamic imports in the core', async () => {
    const code = [
      "import type { Diagnostic } from 'vscode-languageserver';",
      "import fs = require('fs');",
      "export { execFile } from 'child_process';",
      "export const later = import('os');",
      'export type Used = Diagnostic | typeof fs;',
      '',
    ].join('\n');
    const messages = await restrictionMessages(code, coreFile);
    assert.deepStrictEqual(
      messages.map((message) => [message.ruleId, message.line]),
      [
        ['@typescript-eslint/no-restricted-imports', 1],
        ['@typescript-eslint/no-restricted-imports', 2],
        ['@typescript-eslint/no-restricted-imports', 3],
        ['no-restricted-syntax', 4],
      ],
    );
  });

  it('accepts the core’s own dependencies: yaml, ajv and relative modules', async () => {
    const code = [
      "import { parseDocument } from 'yaml';",
      "import Ajv from 'ajv';",
      "import { LineIndex } from './lines';",
      'export const used = [parseDocument, Ajv, LineIndex];',
      '',
    ].join('\n');
    assert.deepStrictEqual(await restrictionMessages(code, coreFile), []);
  });

  it('leaves the server outside the core free to use fs, path and the LSP libraries', async () => {
    const code = [
      "import * as fs from 'fs';",
      "import * as path from 'path';",
      "import { createConnection } from 'vscode-languageserver/node';",
      'export const used = [fs, path, createConnection];',
      '',
    ].join('\n');
    assert.deepStrictEqual(await restrictionMessages(code, serverFile), []);
  });
});
