// The report file: one HTML document holding the page's own script and style and the data as JSON.
// The data is inert (a JSON script block, every `<` escaped, as Lighthouse embeds its reports) and
// a Content-Security-Policy lets nothing load and nothing run but the page's script, by its hash.
import { createHash } from 'node:crypto';
import type { ReportData } from './report-data.js';

export interface PageAssets {
  script: string;
  style: string;
}

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * JSON text that cannot end its script element or open a comment there: `<` only ever occurs inside
 * JSON strings, where `\u003c` reads back the same. (U+2028/2029 are valid in JSON and inert here.)
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The Content-Security-Policy of a report whose page is `assets`. */
export function reportPolicy(assets: PageAssets): string {
  return [
    "default-src 'none'",
    `script-src ${hashOf(assets.script)}`,
    `style-src ${hashOf(assets.style)}`,
    // The favicon below is data:, so the browser does not ask the disk (or a server) for one.
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderReportHtml(data: ReportData, assets: PageAssets): string {
  // Only fixed text and the tool's own assets go in as markup; the title is fixed for the same reason.
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${reportPolicy(assets)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<link rel="icon" href="data:,">',
    '<title>fibe-audit report</title>',
    `<style>${assets.style}</style>`,
    '</head>',
    '<body>',
    '<noscript>This report needs JavaScript to show its data (which is embedded in this file as JSON).</noscript>',
    `<script type="application/json" id="report-data">${embedJson(data)}</script>`,
    `<script>${assets.script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
