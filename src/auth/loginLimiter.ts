/**
 * Failed logins per client IP in a sliding window: the sixth failure within a minute is
 * refused (429) until the oldest failure leaves the window. Memory-only on purpose: a
 * restart forgets, an attacker gains five more tries at most.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(ip: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(ip) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(ip, list);
    else this.failures.delete(ip);
    return list;
  }

  /** Seconds until this IP may try again, or 0 when it may now. */
  retryAfter(ip: string): number {
    const list = this.recent(ip);
    if (list.length < this.maxFailures) return 0;
    const oldest = list[list.length - this.maxFailures] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  fail(ip: string): void {
    const list = this.recent(ip);
    list.push(this.now());
    this.failures.set(ip, list);
  }

  succeed(ip: string): void {
    this.failures.delete(ip);
  }
}
