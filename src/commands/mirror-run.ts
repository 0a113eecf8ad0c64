// mirror status and mirror drop, loaded only when they run: find the mirror offline, report it or
// delete it (under the writer lock, so a running sync is never pulled from under its feet).
import { createInterface } from 'node:readline';
import { rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import type { GlobalOptions } from '../global-options.js';
import { globalsOf } from '../command-kit/globals.js';
import { InterruptedError, UsageError } from '../errors.js';
import { formatAbsolute, formatRelative } from '../time/format.js';
import { sanitizeLine } from '../text/sanitize.js';
import { acquireFileLock } from '../lock/file-lock.js';
import { findMirror } from '../command-kit/mirror-target.js';
import { dataDirFor, removeKeyRecordsFor } from '../mirror/location.js';
import { mirrorFiles } from '../mirror/mirror-file.js';
import { describeBytes, readMirrorStatus, statusJson, type MirrorStatus } from '../mirror/status.js';

function statusText(s: MirrorStatus, now: Date, globals: GlobalOptions): string {
  const at = (d: Date | null, none: string) => (d === null ? none : `${formatAbsolute(d, globals.tz)} (${formatRelative(d, now)})`);
  const since = s.fromStart ? 'the beginning of the log' : at(s.coveredSince, 'unknown');
  const until = s.coveredUntil === null ? 'no sync has completed yet' : formatAbsolute(s.coveredUntil, globals.tz);
  const who = s.account === null ? 'unknown' : `${s.username ?? '?'} (#${s.account}) on ${s.domain ?? '?'}`;
  const lines = [
    ['path', s.path],
    ['size', describeBytes(s.bytes)],
    ['entries', s.entries.toLocaleString('en-US')],
    ['covered', `${since} → ${until}`],
    // A first sync that stopped part way keeps what it fetched; its next run resumes from there.
    ...(s.coveredUntil === null && s.oldest !== null && s.newest !== null
      ? [['held', `${formatAbsolute(s.oldest, globals.tz)} → ${formatAbsolute(s.newest, globals.tz)} so far (the first sync stopped part way; 'fibe-audit sync' resumes it)`]]
      : []),
    ['last sync', at(s.lastSync, 'never completed')],
    ['key snapshot', at(s.keysSnapshotAt, 'none (the key had no keys:manage, or no sync completed)')],
    ['account', who],
  ];
  return lines.map(([k, v]) => `${`${k}:`.padEnd(14)}${sanitizeLine(v as string, false)}`).join('\n') + '\n';
}

export async function runMirrorStatus(ctx: Context, command: CommandUnknownOpts): Promise<void> {
  const globals = globalsOf(command, ctx);
  const { output } = command.opts() as { output: 'text' | 'json' };
  const { path } = await findMirror(ctx, globals);
  const status = await readMirrorStatus(ctx, path);
  ctx.io.stdout.write(output === 'json' ? statusJson(status) : statusText(status, ctx.now(), globals));
}

/** Asks on stderr, reads a line; Ctrl-C (the run's signal) ends the question at once, exit 130. */
async function confirm(ctx: Context, question: string): Promise<boolean> {
  ctx.io.stderr.write(question);
  const rl = createInterface({ input: ctx.io.stdin, terminal: false });
  let onAbort = () => undefined as void;
  const interrupted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new InterruptedError());
    if (ctx.signal.aborted) onAbort();
    else ctx.signal.addEventListener('abort', onAbort, { once: true });
  });
  const answered = (async () => {
    for await (const line of rl) return /^y(es)?$/i.test(line.trim());
    return false;
  })();
  try {
    return await Promise.race([answered, interrupted]);
  } catch (err) {
    // The error line must not start on the prompt's line.
    ctx.io.stderr.write('\n');
    throw err;
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    rl.close();
  }
}

export async function runMirrorDrop(ctx: Context, command: CommandUnknownOpts): Promise<void> {
  const globals = globalsOf(command, ctx);
  const { yes } = command.opts() as { yes?: boolean };
  const { path } = await findMirror(ctx, globals);
  if (!yes) {
    if (!ctx.io.stdinIsTTY) throw new UsageError(`mirror drop: refusing to delete '${path}' without confirmation`, 'add --yes to delete it from a script');
    if (!(await confirm(ctx, `delete the mirror '${path}'? [y/N] `))) {
      ctx.io.stderr.write('nothing deleted\n');
      return;
    }
  }
  const lock = await acquireFileLock(ctx, path, { maxWaitMs: globals.maxWaitMs, what: `the mirror '${path}'`, purpose: 'mirror drop' });
  try {
    for (const file of mirrorFiles(path)) await rm(file, { force: true });
    if (dirname(path) === dataDirFor(ctx.env)) await removeKeyRecordsFor(dataDirFor(ctx.env), basename(path));
  } finally {
    await lock.release();
  }
  if (!globals.quiet) ctx.io.stderr.write(`deleted the mirror ${path}\n`);
}
