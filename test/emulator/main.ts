// Standalone emulator: `npm run emulator -- --port 4010 --entries 50000 --seed 1 [--live 30] [--json]`.
// Prints the URL and keys (with --json, the first stdout line is one JSON object), serves until SIGTERM/SIGINT
// or until the process that started it is gone (a signal to `npm run` does not reach this one).

import { parseArgs } from 'node:util';
import { startEmulator } from './index.js';
import { stopWhenOrphaned } from './parent-watch.js';

const USAGE = 'usage: npm run emulator -- [--port <n>] [--entries <n>] [--seed <n>] [--days <n>] [--rate-limit <n>] [--live <n per minute>] [--latency <ms>] [--hostile] [--warm] [--json]';

function readInt(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min)) throw new Error(`--${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      entries: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      'rate-limit': { type: 'string' },
      live: { type: 'string' },
      latency: { type: 'string' },
      hostile: { type: 'boolean', default: false },
      warm: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const live = readInt('live', values.live, 0, 0);
  const emulator = await startEmulator({
    port: readInt('port', values.port, 0, 0),
    entries: readInt('entries', values.entries, 5000, 0),
    seed: readInt('seed', values.seed, 1, 0),
    days: readInt('days', values.days, 90, 1),
    rateLimitPerHour: readInt('rate-limit', values['rate-limit'], 5000, 1),
    hostile: values.hostile,
    warmJson: values.warm,
    ...(live > 0 ? { live: { perMinute: live } } : {}),
  });
  // --latency: every API response waits this long, as on a real network (benchmarks of the mirror).
  const latencyMs = readInt('latency', values.latency, 0, 0);
  if (latencyMs > 0) emulator.setFaults({ latencyMs, paths: ['/api/audit_logs', '/api/me', '/api/api_keys'] });
  // Handlers go in before anything is printed: a parent may signal as soon as it reads the URL.
  let unwatch = (): void => undefined;
  const stop = (): void => {
    unwatch();
    void emulator.close();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  unwatch = stopWhenOrphaned(stop);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: emulator.url, keys: emulator.keys })}\n`);
  } else {
    const adding = live > 0 ? `, adding about ${live} per minute` : '';
    const lines = [`Fibe API emulator at ${emulator.url} with ${emulator.data.count} entries${adding}`, 'keys:'];
    for (const [name, token] of Object.entries(emulator.keys)) lines.push(`  ${name.padEnd(11)} ${token}`);
    lines.push(`try: curl -H "Authorization: Bearer ${emulator.keys.full}" ${emulator.url}/api/audit_logs`, 'Ctrl-C stops it.');
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

run().catch((err: unknown) => {
  process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
  process.exitCode = 2;
});
