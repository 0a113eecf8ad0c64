// Everything a command touches comes in through the Context: IO, clock, env, config dirs, the API.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { systemIO, type IO } from './io.js';
import type { Session } from './api/types.js';
import type { Zone } from './time/zone.js';

export type Env = Record<string, string | undefined>;

/** Global options of SPEC.md, parsed and validated once (program.ts globalsOf). */
export interface GlobalOptions {
  profile?: string;
  domain?: string;
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  tz: Zone;
  /** --max-wait in milliseconds. */
  maxWaitMs: number;
}

/** Knobs tests use to shorten network waits; production uses SPEC.md's values. */
export interface HttpTuning {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  maxAttempts: number;
}

export const DEFAULT_HTTP_TUNING: HttpTuning = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  backoffBaseMs: 500,
  backoffCapMs: 20_000,
  maxAttempts: 5,
};

export interface Context {
  io: IO;
  env: Env;
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** [0, 1) source for backoff jitter. */
  random(): number;
  /** Aborted on SIGINT/SIGTERM; commands pass it to requests and clean up on it. */
  signal: AbortSignal;
  http: HttpTuning;
  /** Opens an authenticated API session for the resolved credentials (lazy: loads undici). */
  createApi(globals: GlobalOptions): Promise<Session>;
}

export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** $FIBE_AUDIT_CONFIG_DIR, else $XDG_CONFIG_HOME/fibe-audit, else ~/.config/fibe-audit. */
export function configDirFor(env: Env): string {
  if (env.FIBE_AUDIT_CONFIG_DIR) return env.FIBE_AUDIT_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'fibe-audit');
}

/** The official fibe CLI's directory: $XDG_CONFIG_HOME/fibe, else ~/.config/fibe. */
export function fibeCliDirFor(env: Env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'fibe');
}

export async function openSession(ctx: Context, globals: GlobalOptions): Promise<Session> {
  const { openApiSession } = await import('./api/session.js');
  return openApiSession(ctx, globals);
}

export function systemContext(signal: AbortSignal): Context {
  return {
    io: systemIO(),
    env: process.env,
    now: () => new Date(),
    sleep: sleepFor,
    random: Math.random,
    signal,
    http: DEFAULT_HTTP_TUNING,
    createApi(globals) {
      return openSession(this, globals);
    },
  };
}
