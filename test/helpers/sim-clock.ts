// A simulated clock for long-running commands (query --follow): every ctx.sleep advances it instantly,
// and events scheduled at simulated instants (faults on, faults off, Ctrl-C) fire as time passes them.

export interface SimClock {
  now(): Date;
  /** Milliseconds since the clock started. */
  elapsed(): number;
  /** What a Context's sleep does: moves time on by ms (rejects when signal is or becomes aborted). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Runs fn once the clock reaches start + atMs (at the end of the sleep that crosses it). */
  at(atMs: number, fn: () => void): void;
  /** Every sleep asked for, in order. */
  readonly sleeps: number[];
}

export function simClock(start: Date): SimClock {
  const startMs = start.getTime();
  let t = startMs;
  const events: Array<{ at: number; fn: () => void }> = [];
  const sleeps: number[] = [];

  const fireDue = () => {
    events.sort((a, b) => a.at - b.at);
    while (events.length > 0 && (events[0] as { at: number }).at <= t) (events.shift() as { fn: () => void }).fn();
  };

  return {
    now: () => new Date(t),
    elapsed: () => t - startMs,
    sleeps,
    at(atMs, fn) {
      events.push({ at: startMs + atMs, fn });
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      // Time moves in steps, so an event due inside a long sleep (an abort) cuts the sleep short there.
      const target = t + Math.max(0, ms);
      while (t < target) {
        const next = events.reduce((min, e) => (e.at > t && e.at < min ? e.at : min), target);
        t = next;
        fireDue();
        if (signal?.aborted) throw signal.reason;
      }
      // Let sockets and timers of the real event loop run, as a real sleep would.
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw signal.reason;
    },
  };
}
