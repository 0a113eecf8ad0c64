// The hourly request budget, one per player (all of a player's keys share it), and the
// X-RateLimit-* / Retry-After headers that describe it. Time comes from the emulator's clock.

const HOUR_MS = 3600_000;

interface Window {
  used: number;
  resetAtMs: number;
}

export interface Admission {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private readonly windows = new Map<number, Window>();

  constructor(
    private limit: number,
    private readonly resetStyle: 'delta' | 'epoch',
    private readonly nowMs: () => number,
  ) {}

  /** A fresh budget of `perHour` for everyone, starting now. */
  setLimit(perHour: number): void {
    this.limit = perHour;
    this.windows.clear();
  }

  refill(): void {
    this.windows.clear();
  }

  /** Counts one request of the player; refused (without counting) once the budget is spent. */
  admit(playerId: number): Admission {
    const now = this.nowMs();
    let w = this.windows.get(playerId);
    if (!w || now >= w.resetAtMs) {
      w = { used: 0, resetAtMs: now + HOUR_MS };
      this.windows.set(playerId, w);
    }
    const allowed = w.used < this.limit;
    if (allowed) w.used++;
    const secondsLeft = Math.max(1, Math.ceil((w.resetAtMs - now) / 1000));
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(this.limit),
      'X-RateLimit-Remaining': String(Math.max(0, this.limit - w.used)),
      'X-RateLimit-Reset': this.resetStyle === 'epoch' ? String(Math.ceil(w.resetAtMs / 1000)) : String(secondsLeft),
    };
    if (!allowed) headers['Retry-After'] = String(secondsLeft);
    return { allowed, headers };
  }
}
