// npm run completions: writes completions/ from the command tree (the same text `fibe-audit completion
// <shell>` prints). With --check it writes nothing and exits 1 when a committed file has drifted.
import { readFileSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
// src/version.ts reads the constant esbuild and vitest define; here we define it ourselves.
(globalThis as { __FIBE_AUDIT_VERSION__?: string }).__FIBE_AUDIT_VERSION__ = pkg.version;

const { createProgram } = await import('../src/program.js');
const { systemContext } = await import('../src/context.js');
const { renderCompletion } = await import('../src/completion/render.js');
const { SHELLS, completionFileName } = await import('../src/completion/shells.js');

const check = process.argv.includes('--check');
const program = createProgram(systemContext(new AbortController().signal));
let drifted = 0;
for (const shell of SHELLS) {
  const file = new URL(`../completions/${completionFileName(shell, program.name())}`, import.meta.url);
  const text = renderCompletion(shell, program);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  drifted += 1;
  if (check) process.stderr.write(`completions/${completionFileName(shell, program.name())} is out of date\n`);
  else {
    writeFileSync(file, text);
    process.stdout.write(`wrote completions/${completionFileName(shell, program.name())}\n`);
  }
}
if (check && drifted > 0) {
  process.stderr.write('run `npm run completions` to regenerate them\n');
  process.exitCode = 1;
}
