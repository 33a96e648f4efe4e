/**
 * The core keeps no mutable state in its modules (issue 12): what an analysis keeps is in the
 * caller's `AnalysisCache` or is data on what it describes (CONTRIBUTING.md, "State is explicit"). This
 * scan of server/src/core rejects, at the top level of a module: a `let` or `var`; a `WeakMap`,
 * `WeakSet`, or an empty `Map` or `Set` (what a cache starts as); and a class with a static field that
 * is not readonly. Module constants that are filled once and only read (a `Set` of known words) pass.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const core = path.resolve(__dirname, '../../server/src/core');

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      for (const nested of sourceFiles(full)) {
        files.push(nested);
      }
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      files.push(full);
    }
  }
  return files;
}

/** `file:line: declaration` for each piece of mutable module state in `text`. */
function moduleState(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push(`${path.basename(file)}:${line}: ${node.getText(source).split('\n')[0].slice(0, 80)}`);
  };
  const isCache = (initializer: ts.Expression | undefined): boolean => {
    if (!initializer || !ts.isNewExpression(initializer) || !ts.isIdentifier(initializer.expression)) {
      return false;
    }
    const kind = initializer.expression.text;
    return kind === 'WeakMap' || kind === 'WeakSet' || ((kind === 'Map' || kind === 'Set') && (initializer.arguments?.length ?? 0) === 0);
  };
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      const constant = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
      if (!constant || statement.declarationList.declarations.some((declaration) => isCache(declaration.initializer))) {
        report(statement);
      }
    } else if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members) {
        const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
        const isStatic = modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
        const isReadonly = modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.ReadonlyKeyword);
        if (ts.isPropertyDeclaration(member) && isStatic && (!isReadonly || isCache(member.initializer))) {
          report(member);
        }
      }
    }
  }
  return found;
}

describe('no mutable module state in server/src/core', () => {
  it('no module of the core keeps a let, a cache or a writable static field', () => {
    const files = sourceFiles(core);
    assert.ok(files.length > 30, `only ${files.length} core files found`);
    assert.deepStrictEqual(
      files.flatMap((file) => moduleState(file, fs.readFileSync(file, 'utf8'))),
      [],
    );
  });

  it('the scan finds the kinds of state it rejects', () => {
    const text = [
      'let lastLayout: string | undefined;',
      'const cache = new WeakMap<object, number>();',
      'const seen = new Set<string>();',
      "const known = new Set(['a', 'b']);",
      'export class Engine { static instances = 0; static readonly kinds = 4; }',
    ].join('\n');
    assert.deepStrictEqual(moduleState('/x/probe.ts', text), [
      'probe.ts:1: let lastLayout: string | undefined;',
      'probe.ts:2: const cache = new WeakMap<object, number>();',
      'probe.ts:3: const seen = new Set<string>();',
      'probe.ts:5: static instances = 0;',
    ]);
  });
});
