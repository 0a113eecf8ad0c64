// Everything a command touches comes in through the Context: IO, clock, env, config dirs, the API.
import { systemIO, type IO } from './io.js';
import type { HttpEnvironment, Session } from './api/types.js';
import type { GlobalOptions } from './global-options.js';
import { DEFAULT_HTTP_TUNING } from './api/tuning.js';

/** The HTTP layer's slice (clock, sleeps, jitter, cancellation, env, timings) plus the full IO and the API factory. */
export interface Context extends HttpEnvironment {
  io: IO;
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
