/**
 * Mocha runner loaded by VS Code's extension host (`extensionTestsPath`): runs every `*.test.js`
 * next to this file and rejects when a test fails, so the host exits with a failure code.
 *
 * With `PLAN_AUDIT_E2E_HOST_TAG=<tag>` in the host's environment, every reporter line is formatted and
 * starts with that tag, so `runInCodeServer.ts` can pick the reporter's output out of the browser console,
 * where code-server's workbench forwards the host's console among its own log lines. Without it (e.g. under
 * `@vscode/test-electron`), the output is mocha's own.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { format } from 'util';

/** Prefix of the lines that open and close the reporter's output. */
export const marker = 'Plan Audit extension-host tests';

export function run(): Promise<void> {
  const tag = process.env.PLAN_AUDIT_E2E_HOST_TAG;
  const log = console.log;
  if (tag) {
    // The spec reporter writes through Base.consoleLog (format string + arguments).
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => log(`${tag}${format(...args)}`);
  }
  const print = (line: string) => Mocha.reporters.Base.consoleLog(line);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) {
      mocha.addFile(path.join(__dirname, file));
    }
  }
  print(`${marker}: start`);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      print(`${marker}: end, ${failures} failure(s)`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
