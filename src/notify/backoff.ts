/**
 * When a failed delivery is tried again: 1 min after the first attempt, then four times
 * longer each time (4, 16, 64 min, 4 h 16), never more than 6 h apart, each wait spread by
 * ±10 % so deliveries that failed together (a receiver down) do not all come back at once.
 * After `MAX_ATTEMPTS` attempts (about a day of trying) the delivery is failed for good.
 */
import type { RandomSource } from '../random.ts';

const MINUTE_MS = 60_000;
export const FIRST_RETRY_DELAY_MS = MINUTE_MS;
export const BACKOFF_FACTOR = 4;
export const MAX_RETRY_DELAY_MS = 6 * 60 * MINUTE_MS;
export const JITTER_RATIO = 0.1;
/** 1 + 4 + 16 + 64 + 256 + 3 × 360 min between the 9 attempts: about 23 h 40. */
export const MAX_ATTEMPTS = 9;

/** The wait before the next attempt after `attempts` attempts (≥ 1) have failed. */
export function nextAttemptDelayMs(attempts: number, random: RandomSource = Math.random): number {
  const exponent = Math.max(0, attempts - 1);
  const base = Math.min(FIRST_RETRY_DELAY_MS * BACKOFF_FACTOR ** exponent, MAX_RETRY_DELAY_MS);
  const jitter = 1 + JITTER_RATIO * (2 * random() - 1);
  return Math.round(base * jitter);
}

/** Whether a delivery that has had `attempts` attempts gets no more. */
export function isFinalAttempt(attempts: number, maxAttempts = MAX_ATTEMPTS): boolean {
  return attempts >= maxAttempts;
}
