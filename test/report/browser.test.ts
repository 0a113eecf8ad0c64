// The report page in a real headless Chromium (Debian's chromium via playwright-core), opened from
// file://: no console error, no request; its counts are summary's, its search box is query --search,
// sorting and the raw JSON view work, the screenshot is not blank, and hostile data stays text.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir } from '../helpers/run-cli.js';
import { envFor } from '../export/harness.js';
import { hasChromium, launchChromium, NO_CHROMIUM_MESSAGE, openReport, type Browser, type OpenedReport } from './chromium.js';
import { reportEntries } from './report-file.js';
import { sanitizeLine } from '../../src/text/sanitize.js';

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);

interface SummaryJson {
  total: number;
  groups: Array<{ key: string | null; count: number }>;
}

describe.skipIf(!hasChromium)('report page in Chromium', () => {
  let emu: Emulator;
  let browser: Browser;
  let dir: string;
  let report: OpenedReport;
  const run = (args: string[]) => runCli(args, { env: envFor(emu) });

  beforeAll(async () => {
    emu = await startEmulator({ entries: 2_500, seed: 5, now: FIXED_NOW, hostile: true, rateLimitPerHour: 1_000_000 });
    dir = tempDir('fibe-report-browser-');
    const r = await run(['report', '--out', join(dir, 'report.html')]);
    if (r.exitCode !== 0) throw new Error(r.stderr);
    browser = await launchChromium();
    report = await openReport(browser, join(dir, 'report.html'));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  const text = (selector: string) => report.page.locator(selector).first().innerText();
  const shownIds = async () => (await report.page.locator('#entry-rows tr.entry').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.id))));
  const cellTexts = (col: number) => report.page.locator(`#entry-rows tr.entry td:nth-child(${col})`).allInnerTexts();

  it('loads from file:// with no console error and no request', () => {
    expect(report.errors).toEqual([]);
    expect(report.requests).toEqual([]);
  });

  it('shows the counts summary -o json gives for the same scope: total, top actors, top actions', async () => {
    for (const by of ['actor', 'action'] as const) {
      const summary = JSON.parse((await run(['summary', '--by', by, '-o', 'json'])).stdout) as SummaryJson;
      const rows = await report.page.locator(`[data-table="top-${by}s"] tbody tr`).evaluateAll((trs) =>
        trs.map((tr) => ({ key: (tr as HTMLElement).dataset.key || null, count: Number(tr.lastElementChild?.textContent?.replace(/,/g, '')) })),
      );
      expect(rows).toEqual(summary.groups);
      expect(await text('#scope-count')).toBe(summary.total.toLocaleString('en-US'));
      expect(await text('#entry-count')).toBe(`${summary.total.toLocaleString('en-US')} of ${summary.total.toLocaleString('en-US')} entries`);
    }
  });

  it('narrows the table to exactly what query --search returns as the search box is typed in', async () => {
    for (const needle of ['LoAd-TeSt', 'trick.destroyed', 'onerror']) {
      const want = (JSON.parse((await run(['query', '--search', needle, '--all', '-o', 'json'])).stdout) as Array<{ id: number }>).map((e) => e.id);
      expect(want.length).toBeGreaterThan(0);
      await report.page.fill('#entry-search', needle);
      const count = `${want.length.toLocaleString('en-US')} of `;
      await report.page.waitForFunction((c) => document.getElementById('entry-count')?.textContent?.startsWith(c), count);
      const ids = await shownIds();
      expect(ids.length).toBeGreaterThan(0);
      expect(ids).toEqual(want.slice(0, ids.length));
    }
    await report.page.fill('#entry-search', '');
    await report.page.waitForFunction(() => /^([\d,]+) of \1 entries$/.test(document.getElementById('entry-count')?.textContent ?? ''));
  });

  it('sorts by a column, both ways, and filters by actor and action', async () => {
    // The table sorts the actions themselves (code-unit order) and shows them with escapes visible.
    const actions = reportEntries(join(dir, 'report.html')).map((e) => String(e.action)).sort().map((a) => sanitizeLine(a));
    await report.page.click('button[data-sort="action"]');
    await expect.poll(async () => (await cellTexts(2))[0]).toBe(actions[0]);
    const up = await cellTexts(2);
    expect(up).toEqual(actions.slice(0, up.length));
    await report.page.click('button[data-sort="action"]');
    await expect.poll(async () => (await cellTexts(2))[0]).toBe(actions[actions.length - 1]);
    const down = await cellTexts(2);
    expect(down).toEqual([...actions].reverse().slice(0, down.length));
    await report.page.click('button[data-sort="time"]');

    await report.page.selectOption('#entry-actor', 'key:15');
    await report.page.selectOption('#entry-action', 'playground.destroyed');
    const want = JSON.parse((await run(['query', '--actor', 'key:15', '--action', 'playground.destroyed', '--all', '-o', 'json'])).stdout) as Array<{ id: number }>;
    await report.page.waitForFunction((c) => document.getElementById('entry-count')?.textContent?.startsWith(c), `${want.length} of `);
    expect(await shownIds()).toEqual(want.map((e) => e.id).slice(0, (await shownIds()).length));
    await report.page.selectOption('#entry-actor', '');
    await report.page.selectOption('#entry-action', '');
  });

  it('opens an entry to its raw JSON', async () => {
    const [first] = await shownIds();
    await report.page.click(`#entry-rows tr[data-id="${first}"]`);
    await report.page.waitForSelector('#entry-detail[open]');
    const shown = JSON.parse(await report.page.locator('#entry-json').innerText()) as unknown;
    expect(shown).toEqual(reportEntries(join(dir, 'report.html')).find((e) => e.id === first));
    await report.page.click('#entry-detail-close');
    await report.page.waitForSelector('#entry-detail:not([open])', { state: 'attached' });
  });

  it('takes a screenshot that is not blank (the chart drew bars)', async () => {
    expect(await report.page.locator('#timeline-chart').getAttribute('data-drawn')).toBe('chart');
    const png = await report.page.screenshot();
    const check = await browser.context.newPage();
    // Decoded and counted in the browser: colours that are neither white nor near-white.
    const coloured = await check.evaluate(async (base64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${base64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const px = g.getImageData(0, 0, img.width, img.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i]! < 200 || px[i + 1]! < 200 || px[i + 2]! < 200) n++;
      return n / (px.length / 4);
    }, png.toString('base64'));
    await check.close();
    expect(coloured).toBeGreaterThan(0.03);
  });

  it('shows hostile data as text: no markup from data, no script run, bidi and controls visible', async () => {
    const page = report.page;
    expect(await page.evaluate(() => (window as unknown as { __fibePwned?: unknown }).__fibePwned)).toBeUndefined();
    expect(await page.locator('img, svg, a, iframe, object, embed').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    await page.fill('#entry-search', 'onerror');
    await expect.poll(() => page.locator('#entry-rows').innerText()).toContain('</script><img src=x onerror="window.__fibePwned = \'img\'">');
    await page.fill('#entry-search', 'fdp.exe');
    await expect.poll(() => page.locator('#entry-rows').innerText()).toContain('invoice\\u202efdp.exe');
    await page.fill('#entry-search', 'A'.repeat(64));
    await expect.poll(() => page.locator('#entry-rows tr.entry').first().innerText()).toContain('template.updated');
    await page.locator('#entry-rows tr.entry').first().click();
    const raw = await page.locator('#entry-json').innerText();
    expect(raw.length).toBeGreaterThan(1024 * 1024);
    await page.click('#entry-detail-close');
    await page.fill('#entry-search', '');
    expect(await page.evaluate(() => (window as unknown as { __fibePwned?: unknown }).__fibePwned)).toBeUndefined();
  });

  it('puts the actor dossier at the top with --actor', async () => {
    const out = join(dir, 'actor.html');
    expect((await run(['report', '--actor', 'key:15', '--out', out])).exitCode).toBe(0);
    const opened = await openReport(browser, out);
    try {
      expect(opened.errors).toEqual([]);
      const first = await opened.page.locator('main > section').first().getAttribute('id');
      expect(first).toBe('dossier');
      const dossier = await opened.page.locator('#dossier').innerText();
      expect(dossier).toContain('GitHub Actions CI');
      expect(dossier).toContain('Unused scopes');
    } finally {
      await opened.page.close();
    }
  });

  it('shows the dossier\'s times in --tz as the rest of the page does, under one aligned label column', async () => {
    const out = join(dir, 'actor-berlin.html');
    expect((await run(['report', '--tz', 'Europe/Berlin', '--actor', 'key:15', '--out', out])).exitCode).toBe(0);
    const opened = await openReport(browser, out);
    try {
      const facts = await opened.page.locator('#dossier dl').evaluateAll((dls) =>
        dls.flatMap((dl) => [...dl.querySelectorAll('dt')].map((dt) => ({ term: dt.textContent, value: dt.nextElementSibling?.textContent ?? '', x: (dt.nextElementSibling as HTMLElement).getBoundingClientRect().left, tx: dt.getBoundingClientRect().left }))),
      );
      const byTerm = new Map(facts.map((f) => [f.term, f.value]));
      const zoned = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d CES?T$/;
      for (const term of ['First seen', 'Last seen', 'Created', 'Last used']) expect(byTerm.get(term), term).toMatch(zoned);
      // Scope's Generated line is the page's format for a time: the dossier's use the same.
      expect(await opened.page.locator('#scope-generated').innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d CES?T by /);
      expect(facts.map((f) => f.value).join('\n')).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
      // Actor...Unused scopes and Key...Genie: one label column, one value column.
      expect(facts.map((f) => f.term)).toEqual(expect.arrayContaining(['Actor', 'Unused scopes', 'Key', 'Genie']));
      expect(new Set(facts.map((f) => f.tx)).size).toBe(1);
      expect(new Set(facts.map((f) => f.x)).size).toBe(1);
    } finally {
      await opened.page.close();
    }
  });

  it('gives every legend entry of the chart a value: totals over the window, a bucket\'s counts on hover', async () => {
    const legend = () =>
      report.page.locator('#timeline-chart .u-legend tr.u-series').evaluateAll((rows) =>
        rows.map((r) => ({ label: r.querySelector('.u-label')?.textContent ?? '', value: r.querySelector('.u-value')?.textContent ?? null })),
      );
    const summary = JSON.parse((await run(['summary', '--by', 'actor_type', '-o', 'json'])).stdout) as SummaryJson;
    const resting = await legend();
    for (const row of resting) expect(row.value, row.label).toMatch(/\S/);
    for (const g of summary.groups) expect(resting.find((r) => r.label === g.key)?.value, String(g.key)).toBe(g.count.toLocaleString('en-US'));
    const box = (await report.page.locator('#timeline-chart .u-over').boundingBox())!;
    await report.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(async () => (await legend())[0]?.value).toMatch(/^\d{4}-\d\d-\d\d/);
    for (const row of await legend()) expect(row.value, row.label).toMatch(/\S/);
    await report.page.mouse.move(0, 0);
  });
});
