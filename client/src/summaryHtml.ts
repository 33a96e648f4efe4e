/**
 * The summary panel's HTML shell. No `vscode` import, so the Chromium render test builds the page with
 * the same function the extension uses. The shell holds no data: the summary arrives by `postMessage`
 * and the script renders it with DOM calls, so no YAML-derived text ever passes through an HTML parser.
 */
import { randomBytes } from 'crypto';

export interface SummaryHtmlParts {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  readonly cspSource: string;
  /** A fresh nonce per render (`createNonce`). */
  readonly nonce: string;
  /** `dist/webview.js` as a webview URI. */
  readonly scriptUri: string;
  /** `client/media/summary.css` as a webview URI. */
  readonly styleUri: string;
}

/** 16 random bytes, base64: the nonce that lets exactly our script run. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Content-Security-Policy of the panel (style.md §4.3): nothing but our stylesheet, fonts, images and the nonce'd script. */
export function summaryContentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource}; style-src ${cspSource}; font-src ${cspSource}; script-src 'nonce-${nonce}';`;
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Builds the panel's HTML. Every interpolated value is escaped for its attribute. */
export function buildSummaryHtml(parts: SummaryHtmlParts): string {
  const csp = summaryContentSecurityPolicy(parts.cspSource, parts.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(parts.styleUri)}">
<title>Plan Audit Summary</title>
</head>
<body>
<header class="panel-header">
<h1>Plan Audit summary</h1>
<div class="toolbar" role="toolbar" aria-label="Summary actions">
<label class="scope-picker" hidden>Portfolio <select id="scope"></select></label>
<button type="button" id="export">Export…</button>
</div>
<p id="status" class="status-line" role="status" aria-live="polite">Waiting for the Plan Audit server…</p>
</header>
<main id="root" aria-busy="true"></main>
<script nonce="${attribute(parts.nonce)}" src="${attribute(parts.scriptUri)}"></script>
</body>
</html>`;
}
