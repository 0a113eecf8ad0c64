// Module hooks for test/startup/startup.test.ts: appends every module URL the ESM loader resolves, one a
// line, to the file named in `data` (hooks run on a loader thread, so a file is the simplest channel).
import { appendFileSync } from 'node:fs';

let logFile = '';

export function initialize(data) {
  logFile = data.logFile;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  appendFileSync(logFile, `${result.url}\n`);
  return result;
}
