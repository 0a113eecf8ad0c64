// The follow loop: opening read (backlog or checkpoint catch-up), then a poll per interval over the
// overlap, paced to the rate budget, riding out outages with backoff, until Ctrl-C or a closed pipe.
import type { Context } from '../context.js';
import type { Session } from '../api/types.js';
import { InterruptedError, TempError } from '../errors.js';
import type { Entry } from '../model/entry.js';
import { formatAbsolute } from '../time/format.js';
import { formatDuration } from '../time/duration.js';
import type { Zone } from '../time/zone.js';
import type { FollowCheckpoint } from './follow-checkpoint.js';
import { OVERLAP_MS, resumeFrom } from '../export/overlap-mark.js';
import { SeenIds } from '../export/seen-ids.js';
import { readBacklog, readNew, type ReadDeps } from './follow-reads.js';
import { BUDGET_SHARE, nextPollDelay } from './pace.js';
import type { FollowVoice } from './status-line.js';

/** Longest wait between tries while the API is down. */
const OUTAGE_CAP_MS = 5 * 60_000;

export interface FollowPlan {
  /** The backlog window's start (--since), epoch ms. */
  sinceMs: number;
  /** Backlog size; null for --all. */
  limit: number | null;
  intervalMs: number;
  zone: Zone;
  checkpoint: FollowCheckpoint | null;
}

export type FollowDeps = Omit<ReadDeps, 'emit'> & { ctx: Context; session: Session; print(entries: Entry[]): Promise<void>; voice: FollowVoice };

const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;

/** Runs until interrupted (InterruptedError) or stdout is closed (returns). */
export async function runFollower(deps: FollowDeps, plan: FollowPlan): Promise<void> {
  const { ctx, voice, session } = deps;
  const at = (ms: number) => formatAbsolute(new Date(ms), plan.zone);
  const every = formatDuration(plan.intervalMs);
  let total = 0;
  const reads: ReadDeps = {
    ...deps,
    async emit(batch) {
      voice.clear();
      await deps.print(batch);
      for (const e of batch) plan.checkpoint?.record(e);
      total += batch.length;
      voice.restore();
    },
  };
  const closed = () => ctx.io.stdout.destroyed || ctx.io.stdout.writableEnded;
  const resumed = plan.checkpoint?.resumed ?? null;
  const point = resumed ? resumeFrom(resumed) : null;
  // --since shapes the first run only; after a checkpoint the catch-up read decides where polls begin.
  const sinceMs = point ? Number.NEGATIVE_INFINITY : plan.sinceMs;
  const seen = point ? point.seen : new SeenIds(Math.max(ctx.now().getTime() - OVERLAP_MS, sinceMs));
  /** Each read ends with the checkpoint saved, even when it failed half-way (what it printed is marked seen). */
  const step = async (read: () => Promise<number>): Promise<number> => {
    try {
      return await read();
    } finally {
      if (plan.checkpoint && !closed()) await plan.checkpoint.save(seen, ctx.now());
    }
  };

  /** The first read: everything after the checkpoint, else the last --limit matches. */
  const open = async (endMs: number): Promise<void> => {
    if (point && resumed) {
      // A fresh resume test per try: it is stateful, and a failed try may have read part of the way.
      const isNew = resumeFrom(resumed).isNew;
      const n = await step(() => readNew(reads, seen, point.startMs, endMs, isNew));
      voice.notice(`resumed after the checkpoint (${resumed.last_created_at}): ${entries(n)} since; following every ${every} (Ctrl-C stops)`);
      return;
    }
    seen.forgetBefore(Math.max(endMs - OVERLAP_MS, sinceMs));
    const n = await step(() => readBacklog(reads, seen, sinceMs, endMs, plan.limit));
    voice.notice(`${n === 0 ? 'no recent matching entries' : `the last ${entries(n)} shown`}; following every ${every} (Ctrl-C stops)`);
  };

  let opened = false;
  let horizon = ctx.now().getTime();
  let delay = 0;
  /** The wait last announced as a slow-down; 0 while polls follow --interval. */
  let slowed = 0;
  let failures = 0;
  let downSince = 0;
  for (;;) {
    if (opened || failures > 0) {
      await pause(ctx, delay);
      if (closed()) return;
    }
    const checkAt = ctx.now().getTime();
    const start = Math.max(horizon - OVERLAP_MS, sinceMs);
    const requestsBefore = session.http.requestCount;
    const polling = opened;
    let fresh = 0;
    try {
      if (polling) {
        seen.forgetBefore(start);
        fresh = await step(() => readNew(reads, seen, start, checkAt));
      } else {
        await open(checkAt);
        opened = true;
      }
    } catch (err) {
      if (!(err instanceof TempError) || ctx.signal.aborted) throw err;
      if (failures === 0) downSince = checkAt;
      failures += 1;
      const backoff = Math.min(OUTAGE_CAP_MS, plan.intervalMs * 2 ** (failures - 1));
      delay = nextPollDelay({ intervalMs: backoff, requests: session.http.requestCount - requestsBefore, rateLimit: session.http.rateLimit, nowMs: ctx.now().getTime() }).delayMs;
      voice.notice(`warning: ${err.message}; still following, next try in ${formatDuration(delay)}`);
      voice.status(`following: no answer from the API since ${at(downSince)}; next try in ${formatDuration(delay)}`);
      continue;
    }
    if (failures > 0) {
      voice.notice(`the API answers again after ${formatDuration(checkAt - downSince)}; caught up${fresh > 0 ? `: ${entries(fresh)} new` : ''}`);
      failures = 0;
    }
    horizon = checkAt;
    // The opening read may take many pages; the polls after it are what the pace is about.
    const used = polling ? session.http.requestCount - requestsBefore : 1;
    const pace = nextPollDelay({ intervalMs: plan.intervalMs, requests: used, rateLimit: session.http.rateLimit, nowMs: ctx.now().getTime() });
    delay = pace.delayMs;
    voice.status(`following: last check ${at(horizon)}, ${total} printed; next check in ${formatDuration(delay)}`);
    // Said when it starts, and again when the wait has doubled since (a busy log makes polls dearer).
    if (pace.slowed && (slowed === 0 || pace.delayMs >= 2 * slowed)) {
      const left = session.http.rateLimit.remaining ?? 0;
      voice.notice(
        `slowing down: next check in ${formatDuration(pace.delayMs)} instead of ${every}, to use at most ${BUDGET_SHARE * 100}% of the ${left} requests left in this rate-limit window`,
      );
      slowed = pace.delayMs;
    } else if (!pace.slowed && slowed > 0) {
      voice.notice(`checking every ${every} again: the rate budget allows it`);
      slowed = 0;
    }
  }
}

async function pause(ctx: Context, ms: number): Promise<void> {
  try {
    await ctx.sleep(ms, ctx.signal);
  } catch (err) {
    if (ctx.signal.aborted) throw new InterruptedError();
    throw err;
  }
  if (ctx.signal.aborted) throw new InterruptedError();
}
