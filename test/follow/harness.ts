// Running `query --follow` in simulated time against the emulator: a follower stopped by Ctrl-C at a
// chosen instant, and what a correct tail of the live stream must contain.
import type { Emulator } from '../emulator/index.js';
import { runCli, type RunOptions, type RunResult } from '../helpers/run-cli.js';
import type { SimClock } from '../helpers/sim-clock.js';

export const MINUTE = 60_000;

export interface FollowRun extends RunResult {
  /** Requests the emulator received during this run. */
  requests: number;
}

/** Runs `query -f <args>` until Ctrl-C at `stopAt` ms after the clock's start (the clock keeps its time). */
export async function followUntil(emu: Emulator, clock: SimClock, stopAt: number, args: string[], opts: RunOptions = {}): Promise<FollowRun> {
  const interrupt = new AbortController();
  clock.at(stopAt, () => interrupt.abort());
  const before = emu.requests.length;
  const r = await runCli(['query', '-f', ...args], {
    ...opts,
    clock,
    signal: interrupt.signal,
    env: { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, ...opts.env },
  });
  return { ...r, requests: emu.requests.length - before };
}

export interface Printed {
  id: number;
  created_at: string;
}

export function ndjsonEntries(stdout: string): Printed[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Printed);
}

/** The newest `n` ids matching params at this moment, oldest first (what the opening screen shows). */
export function newestIds(emu: Emulator, n: number, params: Record<string, string> = {}): number[] {
  return emu.data.queryIds({ ...params, sort: 'created_at_desc' }).slice(0, n).reverse();
}

/** Ids of entries created after `afterId` (live arrivals) matching `keep`, in id (= arrival) order. */
export function arrivedAfter(emu: Emulator, afterId: number, keep: (e: Printed & Record<string, unknown>) => boolean = () => true): number[] {
  return [...emu.data.entries()].filter((e) => e.id > afterId && keep(e as unknown as Printed & Record<string, unknown>)).map((e) => e.id).sort((a, b) => a - b);
}

const key = (e: Printed) => [Date.parse(e.created_at), e.id] as const;
const before = (a: Printed, b: Printed) => {
  const [ta, ia] = key(a);
  const [tb, ib] = key(b);
  return ta < tb || (ta === tb && ia < ib);
};

/**
 * In order: apart from late arrivals (printed when they show up, after newer entries), every entry
 * comes after the ones stamped before it. Returns the entries found out of that order.
 */
export function outOfOrder(printed: Printed[], lateIds: ReadonlySet<number>): Printed[] {
  const onTime = printed.filter((e) => !lateIds.has(e.id));
  return onTime.filter((e, i) => i > 0 && before(e, onTime[i - 1] as Printed));
}
