// What a sync fetches for each mirror state: first copy, resume/top-up from the newest entry minus the
// overlap, a backfill before the covered range; what the state says during and after the run.
import { describe, expect, it } from 'vitest';
import { planSync } from '../../src/mirror/sync-plan.js';
import type { SyncState } from '../../src/mirror/sync-state.js';

const END = new Date('2026-11-26T12:00:00Z');
const D = (s: string) => new Date(s);
const state = (over: Partial<SyncState> = {}): SyncState => ({
  coveredFromStart: true, coveredSince: null, coveredUntil: D('2026-11-25T00:00:00Z'), lastSyncAt: D('2026-11-25T00:00:01Z'), keysSnapshotAt: null, ...over,
});
const TEN_MIN = 600_000;

describe('planSync', () => {
  it('a first sync copies the whole log (covered from the beginning) or from --since', () => {
    const whole = planSync(null, { entries: 0, oldest: null, newestUs: null }, null, TEN_MIN, END);
    expect(whole.walks).toEqual([{ start: null, end: END }]);
    expect(whole.during).toMatchObject({ coveredFromStart: true, coveredUntil: null });
    expect(whole.done).toMatchObject({ coveredFromStart: true, coveredUntil: END });
    const since = D('2026-11-01T00:00:00Z');
    const part = planSync(null, { entries: 0, oldest: null, newestUs: null }, since, TEN_MIN, END);
    expect(part.walks).toEqual([{ start: since, end: END }]);
    expect(part.done).toMatchObject({ coveredFromStart: false, coveredSince: since });
  });

  it('a later run (or one resuming a killed first run) starts at the newest entry held minus the overlap', () => {
    const newest = Date.parse('2026-11-25T11:00:00.123Z');
    const p = planSync(state({ coveredUntil: null }), { entries: 5, oldest: D('2026-01-01T00:00:00Z'), newestUs: newest * 1000 + 456 }, null, TEN_MIN, END);
    expect(p.walks).toEqual([{ start: new Date(newest - TEN_MIN), end: END }]);
    expect(p.done.coveredUntil).toEqual(END);
  });

  it('an empty mirror tops up from where it covers', () => {
    const since = D('2026-11-20T00:00:00Z');
    const p = planSync(state({ coveredFromStart: false, coveredSince: since }), { entries: 0, oldest: null, newestUs: null }, null, TEN_MIN, END);
    expect(p.walks).toEqual([{ start: since, end: END }]);
  });

  it('--since before the covered range fills the gap first; --since inside it changes nothing', () => {
    const since = D('2026-11-20T00:00:00Z');
    const s = state({ coveredFromStart: false, coveredSince: since });
    const held = { entries: 5, oldest: since, newestUs: Date.parse('2026-11-25T00:00:00Z') * 1000 };
    const back = planSync(s, held, D('2026-11-10T00:00:00Z'), TEN_MIN, END);
    expect(back.walks[0]).toEqual({ start: D('2026-11-10T00:00:00Z'), end: since });
    expect(back.walks).toHaveLength(2);
    expect(back.during.coveredSince).toEqual(since);
    expect(back.done.coveredSince).toEqual(D('2026-11-10T00:00:00Z'));
    expect(planSync(s, held, D('2026-11-22T00:00:00Z'), TEN_MIN, END).walks).toHaveLength(1);
    expect(planSync(state(), held, D('2026-11-10T00:00:00Z'), TEN_MIN, END).walks).toHaveLength(1);
  });
});
