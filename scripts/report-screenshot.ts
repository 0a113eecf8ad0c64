// npm run report:screenshot: the README's picture of a report. Starts the emulator with sample data
// (fixed seed and clock), writes a report with the built CLI, opens it in Debian's Chromium from
// file:// and saves docs/report.png. Needs `npm run build` (prepare) and /usr/bin/chromium.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasChromium, launchChromium, NO_CHROMIUM_MESSAGE, openReport } from '../test/report/chromium.js';
import { openSandbox } from './lib/sandbox.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = new Date('2026-11-26T12:00:00Z');
const OUT = join(ROOT, 'docs', 'report.png');

if (!hasChromium) throw new Error(NO_CHROMIUM_MESSAGE);
const sandbox = await openSandbox('screenshot', NOW);
try {
  const report = join(sandbox.home, 'report.html');
  // The emulator's clock is fixed, so the window is given explicitly: its last seven days.
  await sandbox.run(['report', '--since', '2026-11-19T12:00:00Z', '--until', NOW.toISOString(), '--tz', 'UTC', '--out', report]);
  const browser = await launchChromium();
  try {
    const opened = await openReport(browser, report);
    if (opened.errors.length > 0 || opened.requests.length > 0) throw new Error(`the report page misbehaved: ${[...opened.errors, ...opened.requests].join('; ')}`);
    // The whole page: scope, timeline, counts and the first rows of the entry table (60% of 900 px).
    await opened.page.setViewportSize({ width: 1280, height: 900 });
    await opened.page.screenshot({ path: OUT, fullPage: true });
  } finally {
    await browser.close();
  }
  process.stdout.write(`wrote ${OUT}\n`);
} finally {
  await sandbox.close();
}
