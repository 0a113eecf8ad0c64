// npm run report:screenshot: the README's picture of a report. Starts the emulator with sample data
// (fixed seed and clock), writes a report with the built CLI, opens it in Debian's Chromium from
// file:// and saves docs/report.png. Needs `npm run build` (prepare) and /usr/bin/chromium.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../test/emulator/index.js';
import { hasChromium, launchChromium, NO_CHROMIUM_MESSAGE, openReport } from '../test/report/chromium.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = new Date('2026-11-26T12:00:00Z');
const OUT = join(ROOT, 'docs', 'report.png');

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'fibe-audit.js'), ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fibe-audit ${args[0]} exited ${code}`))));
  });
}

if (!hasChromium) throw new Error(NO_CHROMIUM_MESSAGE);
const emulator = await startEmulator({ entries: 20_000, seed: 1, now: NOW });
const home = mkdtempSync(join(tmpdir(), 'fibe-audit-screenshot-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  FIBE_API_KEY: emulator.keys.full,
  FIBE_DOMAIN: emulator.url,
  FIBE_AUDIT_CONFIG_DIR: join(home, 'config'),
  XDG_CONFIG_HOME: join(home, 'xdg'),
  FIBE_PROFILE: '',
};
try {
  const report = join(home, 'report.html');
  // The emulator's clock is fixed, so the window is given explicitly: its last seven days.
  await runCli(['report', '--since', '2026-11-19T12:00:00Z', '--until', NOW.toISOString(), '--tz', 'UTC', '--out', report], env);
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
  await emulator.close();
  rmSync(home, { recursive: true, force: true });
}
