import { BoundedMap } from './boundedMap.ts';

export interface SlowdownLimits {
  /** Failures for a username (all addresses together) before attempts are spaced out. */
  freeFailures: number;
  /** The first spacing; each further failure doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The count is forgotten after this long without an attempt. */
  windowMs: number;
}

interface State {
  failures: number;
  lastAt: number;
  /** The next attempt (without a device exemption) is refused before this time. */
  notBefore: number;
  announced: boolean;
}

/**
 * A growing delay per username across all addresses, rather than a hard lock: past
 * `freeFailures`, one attempt per delay (1 s, 2 s, 4 s… capped) is let through and the
 * others are told how long to wait. A known device skips the wait (see deviceCookie.ts).
 */
export class UsernameSlowdown {
  private readonly states: BoundedMap<State>;

  constructor(
    private readonly limits: SlowdownLimits,
    private readonly now: () => number,
    maxKeys: number,
  ) {
    this.states = new BoundedMap(maxKeys, (s) => this.now() - s.lastAt > limits.windowMs);
  }

  /** Counts an attempt, or says how long to wait; `exempt` (a known device) never waits. */
  take(username: string, exempt: boolean): { ok: true } | { retryAfterSeconds: number } {
    const now = this.now();
    const state = this.states.get(username);
    if (!exempt && state && state.failures >= this.limits.freeFailures && now < state.notBefore) {
      return { retryAfterSeconds: Math.max(1, Math.ceil((state.notBefore - now) / 1000)) };
    }
    const s = state ?? { failures: 0, lastAt: now, notBefore: 0, announced: false };
    s.failures += 1;
    s.lastAt = now;
    const over = s.failures - this.limits.freeFailures;
    if (over > 0 && !exempt) {
      s.notBefore = now + Math.min(this.limits.maxDelayMs, this.limits.baseDelayMs * 2 ** (over - 1));
    }
    if (!state) this.states.set(username, s);
    return { ok: true };
  }

  giveBack(username: string): void {
    const state = this.states.get(username);
    if (state) state.failures = Math.max(0, state.failures - 1);
  }

  /** After a failure: true once, when the username's attempts start being spaced out. */
  slowdownBegins(username: string): boolean {
    const state = this.states.get(username);
    if (!state || state.failures < this.limits.freeFailures || state.announced) return false;
    state.announced = true;
    return true;
  }
}
