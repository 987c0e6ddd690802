import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { isFinalAttempt, MAX_ATTEMPTS, nextAttemptDelayMs } from './backoff.ts';

const MINUTE = 60_000;
const middle = () => 0.5;

describe('retry backoff', () => {
  it('waits 1 min, then four times longer each time, capped at 6 h', () => {
    const schedule = [1, 2, 3, 4, 5, 6, 7, 8].map((attempts) => nextAttemptDelayMs(attempts, middle) / MINUTE);
    expect(schedule).toEqual([1, 4, 16, 64, 256, 360, 360, 360]);
  });

  it('spreads each wait by at most 10 % either way', () => {
    expect(nextAttemptDelayMs(1, () => 0)).toBe(54_000);
    expect(nextAttemptDelayMs(1, () => 0.999_999_9)).toBeCloseTo(66_000, -1);
    expect(nextAttemptDelayMs(7, () => 0)).toBe(0.9 * 6 * 60 * MINUTE);
    const random = seededRandom(7);
    const waits = Array.from({ length: 200 }, () => nextAttemptDelayMs(3, random));
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(0.9 * 16 * MINUTE);
      expect(wait).toBeLessThanOrEqual(1.1 * 16 * MINUTE);
    }
    // Deliveries that failed together come back at different times.
    expect(new Set(waits).size).toBeGreaterThan(150);
  });

  it('gives up after about a day of trying', () => {
    expect(isFinalAttempt(1)).toBe(false);
    expect(isFinalAttempt(MAX_ATTEMPTS - 1)).toBe(false);
    expect(isFinalAttempt(MAX_ATTEMPTS)).toBe(true);
    let totalMs = 0;
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) totalMs += nextAttemptDelayMs(attempts, middle);
    expect(totalMs / (60 * MINUTE)).toBeGreaterThan(20);
    expect(totalMs / (60 * MINUTE)).toBeLessThan(26);
  });
});
