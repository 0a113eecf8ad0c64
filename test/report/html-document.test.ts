// The report document: the data cannot end its script element, and the CSP allows no request and
// no script but the page's own, by hash.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { embedJson, renderReportHtml, reportPolicy } from '../../src/report/html-document.js';
import { REPORT_PAGE } from '../../src/report/page-assets.js';
import type { ReportData } from '../../src/report/report-data.js';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('report document', () => {
  it('embeds JSON with every < escaped, parsing back to the same value', () => {
    const value = { a: '</script><script>alert(1)</script>', b: '<!-- x', c: ['<', '\u2028'] };
    const text = embedJson(value);
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('has a policy that forbids every load and allows only the page script and style by hash', () => {
    const policy = reportPolicy(REPORT_PAGE);
    expect(policy).toBe(
      `default-src 'none'; script-src ${hash(REPORT_PAGE.script)}; style-src ${hash(REPORT_PAGE.style)}; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    expect(policy).not.toContain('unsafe');
  });

  it('holds the data block, the page script and style verbatim, and no other markup from data', () => {
    const data = { scope: { sha256: '<b>x</b>' } } as unknown as ReportData;
    const html = renderReportHtml(data, REPORT_PAGE);
    expect(html).toContain(`<script>${REPORT_PAGE.script}</script>`);
    expect(html).toContain(`<style>${REPORT_PAGE.style}</style>`);
    expect(html).toContain('<script type="application/json" id="report-data">{"scope":{"sha256":"\\u003cb>x\\u003c/b>"}}</script>');
    expect(html.match(/<script/g)).toHaveLength(2);
  });
});
