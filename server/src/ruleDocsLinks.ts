/**
 * Links to the rules' docs pages. The pages ship inside the extension, next to `dist/`, so links open
 * them offline; they do not change while the server runs, so each rule's link is looked up once.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ruleDocsPath } from './core/rule';

export function createRuleDocsLinks(docsRoot: string): (ruleId: string) => string | undefined {
  const docsUris = new Map<string, string | undefined>();
  return (ruleId) => {
    if (!docsUris.has(ruleId)) {
      const file = path.join(docsRoot, ruleDocsPath(ruleId));
      docsUris.set(ruleId, fs.existsSync(file) ? pathToFileURL(file).toString() : undefined);
    }
    return docsUris.get(ruleId);
  };
}
