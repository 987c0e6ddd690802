import { BoundedMap } from './boundedMap.ts';

interface Entry {
  /** Start times of the attempts still in the window (failed or still being checked), oldest first. */
  times: number[];
  /** The lockout this entry is in has been reported (audit, log). */
  announced: boolean;
}

/**
 * Attempts per key in a sliding window, counted when they start, before the slow password
 * check, so a burst cannot outrun its own failures; a success gives its attempt back.
 */
export class AttemptWindow {
  private readonly entries: BoundedMap<Entry>;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    maxKeys: number,
  ) {
    this.entries = new BoundedMap(maxKeys, (entry) => this.prune(entry).length === 0);
  }

  private prune(entry: Entry): number[] {
    const since = this.now() - this.windowMs;
    while (entry.times.length && (entry.times[0] ?? 0) <= since) entry.times.shift();
    return entry.times;
  }

  /** Counts an attempt (returns its start time), or says how long to wait when the key is at its limit. */
  take(key: string): { at: number } | { retryAfterSeconds: number } {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.times.length >= this.max) {
      const oldest = entry.times[entry.times.length - this.max] ?? now;
      return { retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
    }
    if (entry) {
      entry.times.push(now);
      entry.announced = false;
    } else {
      this.entries.set(key, { times: [now], announced: false });
    }
    return { at: now };
  }

  /** The attempt started at `at` did not count after all (it succeeded, or was refused further on). */
  giveBack(key: string, at: number): void {
    const times = this.entries.get(key)?.times;
    const i = times?.lastIndexOf(at) ?? -1;
    if (times && i >= 0) times.splice(i, 1);
  }

  /** After a failure: true once per lockout, when the key has just reached its limit. */
  lockoutBegins(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry || entry.times.length < this.max || entry.announced) return false;
    entry.announced = true;
    return true;
  }
}
