/**
 * The summary panel's page shell and its messages, without a browser: the CSP and nonce of the HTML the
 * extension builds, and the validation each side applies to what it receives. (The page itself runs in
 * headless Chromium in `test/protocol/webviewSecurity.test.ts`.)
 */
import * as assert from 'assert';
import { buildSummaryHtml, createNonce, summaryContentSecurityPolicy } from '../../client/src/summaryHtml';
import { parseExtensionMessage, parseWebviewMessage } from '../../client/src/webview/messages';
import { loadFolder, samplesRoot, summarize } from './summaryFixtures';

describe('summary panel page', () => {
  it('has the strict CSP, a fresh nonce on its one script, and no inline code, style or data', () => {
    const nonce = createNonce();
    assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/, '16 random bytes, base64');
    assert.notStrictEqual(createNonce(), nonce, 'a new nonce per render');
    const cspSource = 'https://x.vscode-resource.vscode-cdn.net';
    const html = buildSummaryHtml({ cspSource, nonce, scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/client/media/summary.css' });
    assert.strictEqual(summaryContentSecurityPolicy('S', 'N'), "default-src 'none'; img-src S; style-src S; font-src S; script-src 'nonce-N';");
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${summaryContentSecurityPolicy(cspSource, nonce)}">`));
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1);
    assert.ok(html.includes(`<script nonce="${nonce}" src="https://x/dist/webview.js"></script>`));
    assert.ok(html.includes('<link rel="stylesheet" href="https://x/client/media/summary.css">'));
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handler');
    assert.ok(!/<style|style=/i.test(html), 'no inline style');
  });

  it('escapes what it interpolates', () => {
    const html = buildSummaryHtml({ cspSource: 'a"b', nonce: 'n"><script>', scriptUri: 'x"y', styleUri: 's' });
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1);
    assert.ok(html.includes('nonce="n&quot;&gt;&lt;script&gt;"'));
  });
});

describe('summary panel messages', () => {
  it('the extension accepts only well-formed webview messages', () => {
    assert.deepStrictEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'export', extra: 1 }), { type: 'export' });
    const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } };
    assert.deepStrictEqual(parseWebviewMessage({ type: 'reveal', uri: 'file:///a.plan.yaml', range, command: 'rm' }), { type: 'reveal', uri: 'file:///a.plan.yaml', range });
    for (const bad of [
      null,
      'reveal',
      [],
      { type: 'run', command: 'workbench.action.terminal.new' },
      { type: 'reveal', uri: 5, range },
      { type: 'reveal', uri: 'file:///a', range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } },
      { type: 'reveal', uri: 'file:///a', range: { start: { line: 1.5, character: 0 }, end: { line: 2, character: 0 } } },
      { type: 'reveal', uri: 'x'.repeat(9000), range },
    ]) {
      assert.strictEqual(parseWebviewMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });

  it('the webview accepts a summary result and server states, nothing else', () => {
    const report = summarize(loadFolder(samplesRoot));
    const result = { scopes: report.scopes, focusScope: 1, generation: 3 };
    assert.deepStrictEqual(parseExtensionMessage({ type: 'summary', result }), { type: 'summary', result });
    assert.deepStrictEqual(parseExtensionMessage({ type: 'serverState', state: 'stopped', message: 'x' }), { type: 'serverState', state: 'stopped', message: 'x' });
    for (const bad of [
      { type: 'summary', result: { scopes: 'x', focusScope: 0, generation: 1 } },
      { type: 'summary', result: { scopes: [{ scopeLabel: 1 }], focusScope: 0, generation: 1 } },
      { type: 'summary', result: { ...result, focusScope: -1 } },
      { type: 'serverState', state: 'pwned' },
      { type: 'eval', code: 'alert(1)' },
    ]) {
      assert.strictEqual(parseExtensionMessage(bad), undefined);
    }
  });
});
