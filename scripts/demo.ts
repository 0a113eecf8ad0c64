// npm run demo: starts the emulator with sample data and runs the headline investigation against it,
// with a throwaway config dir so no real credentials are read or written. `npm run demo -- --mirror`
// syncs a local mirror first and answers the same two questions from it: time and zero requests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../test/emulator/index.js';

const bin = new URL('../bin/fibe-audit.js', import.meta.url).pathname;

const withMirror = process.argv.slice(2).includes('--mirror');

function run(args: string[], env: NodeJS.ProcessEnv, capture = false): Promise<string> {
  if (!capture) process.stdout.write(`\n$ fibe-audit ${args.map((a) => (/[\s"*]/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`fibe-audit ${args[0]} exited ${code}`))));
  });
}

const emulator = await startEmulator({ entries: 20_000, seed: 1 });
const home = mkdtempSync(join(tmpdir(), 'fibe-audit-demo-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  FIBE_API_KEY: emulator.keys.full,
  FIBE_DOMAIN: emulator.url,
  FIBE_AUDIT_CONFIG_DIR: join(home, 'config'),
  XDG_CONFIG_HOME: join(home, 'xdg'),
  FIBE_PROFILE: '',
  FIBE_AUDIT_DATA_DIR: join(home, 'data'),
};

/** Runs a command and says how long it took and how many API requests it sent. */
async function timed(args: string[]): Promise<void> {
  const before = emulator.requests.length;
  const started = performance.now();
  await run(args, env);
  const requests = emulator.requests.length - before;
  process.stdout.write(`(answered in ${((performance.now() - started) / 1000).toFixed(2)} s with ${requests} API ${requests === 1 ? 'request' : 'requests'})\n`);
}
try {
  process.stdout.write(`Local Fibe API emulator at ${emulator.url} with 20,000 sample entries (seed 1).\n`);
  const source = withMirror ? ['--source', 'mirror'] : [];
  if (withMirror) {
    process.stdout.write('First a local mirror of the whole log (later runs fetch only what is new):\n');
    await timed(['sync']);
    process.stdout.write('\nNow the investigation, answered from the mirror:\n');
  }
  process.stdout.write('Question: who destroyed tricks in the last 24 hours?\n');
  const ask = withMirror ? timed : (args: string[]) => run(args, env);
  await ask([...source, 'query', '--action', 'trick.destroyed', '--since', '24h']);
  const json = await run([...source, 'query', '--action', 'trick.destroyed', '--since', '24h', '-o', 'json', '-q'], env, true);
  const entries = JSON.parse(json) as Array<{ actor: { kind: string; id: number | string | null } }>;
  const culprit = entries.find((e) => e.actor.kind === 'api_key' || e.actor.kind === 'genie');
  if (culprit) {
    process.stdout.write(`\nDrill into the acting key: everything it did in the last 30 days.\n`);
    await ask([...source, 'actor', `key:${culprit.actor.id}`, '--limit', '10']);
  }
} finally {
  await emulator.close();
  rmSync(home, { recursive: true, force: true });
}
