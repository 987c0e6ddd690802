/**
 * The one polling wait of the tests, e2e and bench: polls `condition` until it returns
 * something other than null/undefined/false, and returns that value; throws after
 * `timeoutMs`, naming what it waited for.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

export interface WaitOptions {
  /** Default 15 s (generous: a loaded 2-core machine). */
  timeoutMs?: number;
  /** Default 25 ms. */
  intervalMs?: number;
  /** What is awaited, for the error (a function is read at timeout, e.g. to show what was seen). */
  what?: string | (() => string);
}

export async function waitFor<T>(
  condition: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  { timeoutMs = 15_000, intervalMs = 25, what = 'a condition' }: WaitOptions = {},
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== null && value !== undefined && value !== false) return value;
    if (performance.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`,
      );
    }
    await sleep(intervalMs);
  }
}
