// Fault injection: a deterministic failNext queue first, then seeded per-request rates; only on
// the configured paths, and a rate of 0 never fires.

import { Random } from './random.js';
import type { FaultKind, Faults } from './types.js';

export const DEFAULT_FAULTS: Faults = {
  errorRate: 0,
  errorStatuses: [500, 502, 503],
  latencyMs: 0,
  stallRate: 0,
  truncateRate: 0,
  malformedRate: 0,
  resetRate: 0,
  arrivalsPerRequest: 0,
  paths: ['/api/audit_logs'],
};

export interface FaultDecision {
  kind: FaultKind;
  status?: number;
  retryAfter?: string;
}

const RATE_KINDS: ReadonlyArray<readonly [keyof Faults, FaultKind]> = [
  ['resetRate', 'reset'],
  ['stallRate', 'stall'],
  ['truncateRate', 'truncate'],
  ['malformedRate', 'malformed'],
  ['errorRate', 'error'],
];

export class FaultInjector {
  faults: Faults;
  private readonly queue: FaultDecision[] = [];
  private readonly random: Random;

  constructor(seed: number, initial: Partial<Faults> = {}) {
    this.random = new Random(seed ^ 0x5eed_fa17);
    this.faults = { ...DEFAULT_FAULTS, ...initial };
  }

  set(f: Partial<Faults>): void {
    this.faults = { ...this.faults, ...f };
  }

  enqueue(count: number, kind: FaultKind, opts: { status?: number; retryAfter?: string } = {}): void {
    for (let i = 0; i < count; i++) this.queue.push({ kind, ...opts });
  }

  appliesTo(path: string): boolean {
    return this.faults.paths.includes(path);
  }

  /** The fault for this request on a fault path, if any. */
  decide(): FaultDecision | undefined {
    const queued = this.queue.shift();
    if (queued) return queued;
    const f = this.faults;
    if (!RATE_KINDS.some(([knob]) => (f[knob] as number) > 0)) return undefined;
    const r = this.random.next();
    let edge = 0;
    for (const [knob, kind] of RATE_KINDS) {
      const rate = f[knob] as number;
      if (rate <= 0) continue;
      edge += rate;
      if (r < edge) {
        return kind === 'error' ? { kind, status: this.random.pick(f.errorStatuses.length > 0 ? f.errorStatuses : [500]) } : { kind };
      }
    }
    return undefined;
  }
}
