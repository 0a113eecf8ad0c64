// Builds the report page (src/report/page/): its script and style, minified, as two strings that
// scripts/build.mjs inlines into the report chunk and vitest.config.ts into the tests' sources.
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Current browsers; the page also uses DecompressionStream-free, plain DOM APIs only.
const TARGET = ['chrome110', 'firefox110', 'safari16', 'edge110'];

function only(result, what) {
  const [file] = result.outputFiles;
  if (!file) throw new Error(`report page: esbuild wrote no ${what}`);
  return file.text;
}

/** `{script, style}` of the page; throws if either could end its own element early in the HTML. */
export function buildReportPage() {
  const common = { absWorkingDir: ROOT, bundle: true, minify: true, write: false, logLevel: 'warning', legalComments: 'inline' };
  const script = only(
    buildSync({ ...common, entryPoints: ['src/report/page/main.ts'], format: 'iife', platform: 'browser', target: TARGET }),
    'script',
  );
  const style = only(buildSync({ ...common, entryPoints: ['src/report/page/style.css'], target: TARGET }), 'style');
  // The HTML writer inlines both verbatim (their CSP hashes are over the exact text).
  if (/<\/script|<!--/i.test(script)) throw new Error('report page: the script contains </script or <!--');
  if (/<\/style/i.test(style)) throw new Error('report page: the style contains </style');
  return { script, style };
}

/**
 * esbuild/vitest `define`s for src/report/page-assets.ts. Two strings, not one object: esbuild
 * would hoist an object into a chunk shared with the start-up path; a string stays where it is used.
 */
export function reportPageDefines() {
  const { script, style } = buildReportPage();
  return { __FIBE_REPORT_SCRIPT__: JSON.stringify(script), __FIBE_REPORT_STYLE__: JSON.stringify(style) };
}
