// npm run demo: starts the emulator with sample data and runs the headline investigation against it,
// with a throwaway config dir so no real credentials are read or written. `npm run demo -- --mirror`
// syncs a local mirror first and answers the same two questions from it: time and zero requests.
import { openSandbox } from './lib/sandbox.js';

const withMirror = process.argv.slice(2).includes('--mirror');
const sandbox = await openSandbox('demo');
const { emulator } = sandbox;

/** Prints the command line, then runs it (its output goes straight to the terminal). */
function run(args: string[]): Promise<string> {
  process.stdout.write(`\n$ fibe-audit ${args.map((a) => (/[\s"*]/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
  return sandbox.run(args);
}

/** Runs a command and says how long it took and how many API requests it sent. */
async function timed(args: string[]): Promise<void> {
  const before = emulator.requests.length;
  const started = performance.now();
  await run(args);
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
  const ask = withMirror ? timed : run;
  await ask([...source, 'query', '--action', 'trick.destroyed', '--since', '24h']);
  const json = await sandbox.run([...source, 'query', '--action', 'trick.destroyed', '--since', '24h', '-o', 'json', '-q'], true);
  const entries = JSON.parse(json) as Array<{ actor: { kind: string; id: number | string | null } }>;
  const culprit = entries.find((e) => e.actor.kind === 'api_key' || e.actor.kind === 'genie');
  if (culprit) {
    process.stdout.write(`\nDrill into the acting key: everything it did in the last 30 days.\n`);
    await ask([...source, 'actor', `key:${culprit.actor.id}`, '--limit', '10']);
  }
} finally {
  await sandbox.close();
}
