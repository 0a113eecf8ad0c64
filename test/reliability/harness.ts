// Shared by the reliability suites: fast-failing CLI runs against an emulator, a clock the emulator
// and the CLI share, reading outputs back, and the checks for terminal safety and leaked keys.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../emulator/index.js';
import { main } from '../../src/cli.js';
import { FIXED_NOW, runCli, testContext, type RunOptions, type RunResult } from '../helpers/run-cli.js';

/** Timeouts in the hundreds of milliseconds so stalls cost little; backoff sleeps are faked by runCli. */
export const FAST_HTTP = {
  connectTimeoutMs: 2_000,
  headersTimeoutMs: 300,
  bodyTimeoutMs: 300,
  backoffBaseMs: 1,
  backoffCapMs: 5,
  maxAttempts: 5,
};

export function envFor(emu: Emulator, key = emu.keys.full): Record<string, string> {
  return { FIBE_API_KEY: key, FIBE_DOMAIN: emu.url };
}

export function runAgainst(emu: Emulator, argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  return runCli(argv, { env: envFor(emu), http: FAST_HTTP, ...opts, ...(opts.env ? { env: { ...envFor(emu), ...opts.env } } : {}) });
}

/** A clock both sides read; the CLI's sleeps move it on, so rate-limit windows really pass. */
export interface SharedClock {
  now(): Date;
  advance(ms: number): void;
}

export function sharedClock(start = FIXED_NOW): SharedClock {
  let ms = start.getTime();
  return { now: () => new Date(ms), advance: (by) => void (ms += by) };
}

/** runCli with the CLI's clock and sleep wired to a shared clock (sleeps are recorded, not waited). */
export async function runOnClock(emu: Emulator, clock: SharedClock, argv: string[]): Promise<RunResult> {
  const { ctx, io, sleeps } = testContext({ env: envFor(emu), http: FAST_HTTP, now: clock.now });
  ctx.sleep = async (ms) => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  const exitCode = await main(argv, ctx);
  return { stdout: io.out(), stderr: io.err(), exitCode, sleeps, io };
}

/**
 * Calls `fn` as the emulator receives its nth /api/audit_logs request, before it decides that
 * request's fault, so a fault armed there hits the walk midway. The emulator records each request
 * by pushing onto `requests`, which is the only hook it offers from outside.
 */
export function onAuditRequest(emu: Emulator, nth: number, fn: () => void): () => void {
  let seen = 0;
  const requests = emu.requests;
  requests.push = function push(this: typeof requests, ...items) {
    for (const item of items) {
      if (item.path === '/api/audit_logs' && ++seen === nth) fn();
    }
    return Array.prototype.push.apply(this, items);
  };
  return () => {
    delete (requests as { push?: unknown }).push;
  };
}

export function ndjsonIds(text: string): number[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { id: number }).id);
}

/** Every file below dir, recursively, as absolute paths. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export const modeOf = (path: string) => statSync(path).mode & 0o777;

// What a terminal would act on: C0 but newline, DEL, C1, bidi controls, and UTF-16 halves without
// their partner. The same set text/sanitize.ts escapes, written out independently here.
const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The unsafe characters of text as `U+XXXX` (empty when safe), for readable failures. */
export function unsafeChars(text: string): string[] {
  return [...text.matchAll(TERMINAL_UNSAFE)].map((m) => `U+${(m[0].codePointAt(0) as number).toString(16).padStart(4, '0')}`);
}

/** Removes SGR colour sequences (what chalk writes); anything else starting with ESC stays. */
export function stripSgr(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/**
 * The secret part of a key: what no mask ever shows (ours shows 8 + 4 characters, the API's
 * masked_token 14 + 4). A leak of the whole key or of any 8 characters in a row of this part fails.
 */
export function secretWindows(key: string): string[] {
  const hidden = key.slice(14, -4);
  const windows: string[] = [];
  for (let i = 0; i + 8 <= hidden.length; i++) windows.push(hidden.slice(i, i + 8));
  return windows;
}

/** Where in text the key (or a piece of its secret part) shows up; empty when it does not. */
export function keyLeaks(text: string, key: string): string[] {
  const found: string[] = [];
  if (text.includes(key)) found.push('the whole key');
  for (const w of secretWindows(key)) if (text.includes(w)) found.push(`secret piece ${w.slice(0, 2)}…`);
  return found;
}

export interface ByteResult extends RunResult {
  /** stdout exactly as written, before any decoding. */
  stdoutBytes: Buffer;
}

/** runCli that also keeps stdout's raw bytes, to prove they are valid UTF-8 whatever came in. */
export async function runCapturing(argv: string[], opts: RunOptions = {}): Promise<ByteResult> {
  const { ctx, io, sleeps } = testContext({ http: FAST_HTTP, ...opts });
  const chunks: Buffer[] = [];
  io.stdout.on('data', (c: Buffer) => chunks.push(c));
  const exitCode = await main(argv, ctx);
  return { stdout: io.out(), stderr: io.err(), exitCode, sleeps, io, stdoutBytes: Buffer.concat(chunks) };
}

/**
 * Records every client socket and undici request made while it runs (diagnostics channels), to
 * prove a refused run opened no connection at all, not even a DNS-resolved one.
 */
export function watchConnections(): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  const onSocket = () => void seen.push('net.client.socket');
  const onRequest = (message: unknown) => {
    const request = (message as { request?: { origin?: string; path?: string } }).request;
    seen.push(`undici request ${request?.origin ?? '?'}${request?.path ?? ''}`);
  };
  subscribe('net.client.socket', onSocket);
  subscribe('undici:request:create', onRequest);
  return {
    seen,
    stop() {
      unsubscribe('net.client.socket', onSocket);
      unsubscribe('undici:request:create', onRequest);
    },
  };
}
