// Bundles src/ into dist/ with esbuild, shaped for start-up time (test/bench/startup-bench.ts):
//   dist/cli.js   src/start.ts alone: answers --version, else imports main.js (what bin/ imports)
//   dist/main.js  src/cli.ts, with commander, chalk and the option definitions in its static chunks
//   dist/chunks/  also each command's work, loaded when it runs; other packages stay in node_modules
//   dist/help.json every command's --help, rendered from the built tree (start.ts prints it directly)
// The report page (src/report/page/) is built first and inlined as a constant: only the chunk of
// `report`'s runner holds it, so no other command loads it.
// `node scripts/build.mjs [--outdir <dir>]` (default dist; tests build a private copy elsewhere).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { reportPageDefines } from './report-page.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { outdir: { type: 'string', default: join(ROOT, 'dist') } } });
const outdir = values.outdir;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
// What --help itself needs is inlined, so start-up resolves no packages in node_modules. Every other
// dependency stays there and is imported lazily by the code that needs it.
const INLINED = new Set(['commander', '@commander-js/extra-typings', 'chalk']);

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  define: { __FIBE_AUDIT_VERSION__: JSON.stringify(pkg.version), ...reportPageDefines() },
  logLevel: 'warning',
};

// commander is CommonJS: esbuild's __require shim calls the require in scope, which ESM output lacks.
// Only the chunk defining that shim gets one (in every chunk it would cost start-up a little each).
const REQUIRE_IN_SCOPE = "import { createRequire as __fibeCreateRequire } from 'node:module';\nconst require = __fibeCreateRequire(import.meta.url);\n";
const definesRequireShim = (text) => text.includes('Dynamic require of');

/** start.ts imports ./cli.js (type-checked against src/cli.ts), which is built as main.js next to it. */
const mainNextDoor = {
  name: 'main-next-door',
  setup(b) {
    b.onResolve({ filter: /^\.\/cli\.js$/ }, () => ({ path: './main.js', external: true }));
  },
};

rmSync(outdir, { recursive: true, force: true });
// One file whose only import is node:fs (version.ts is a constant, inlined): --version loads nothing else.
await build({ ...common, entryPoints: ['src/start.ts'], outfile: join(outdir, 'cli.js'), plugins: [mainNextDoor] });
const main = await build({
  ...common,
  entryPoints: { main: 'src/cli.ts' },
  outdir,
  splitting: true,
  external: Object.keys(pkg.dependencies).filter((name) => !INLINED.has(name)),
  chunkNames: 'chunks/[name]-[hash]',
  write: false,
});
for (const file of main.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, definesRequireShim(file.text) ? REQUIRE_IN_SCOPE + file.text : file.text);
}
if (!main.outputFiles.some((file) => definesRequireShim(file.text))) {
  throw new Error("build: no chunk defines esbuild's __require shim; has esbuild changed how it bundles CommonJS?");
}

// Pre-render help: bundle the renderer beside the sources' node_modules, run it, keep only its output.
const helpTool = join(ROOT, 'node_modules', '.cache', 'fibe-audit-build', `help-render-${process.pid}.mjs`);
await build({ ...common, entryPoints: ['src/help-render.ts'], outfile: helpTool, packages: 'external' });
try {
  const { renderHelpPages } = await import(pathToFileURL(helpTool).href);
  writeFileSync(join(outdir, 'help.json'), JSON.stringify(await renderHelpPages()));
} finally {
  rmSync(helpTool, { force: true });
}
