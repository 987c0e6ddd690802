import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

/**
 * Polls `probe` every `intervalMs` until it returns something other than null/undefined/false;
 * throws after `timeoutMs` naming `what`.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  opts: { intervalMs?: number; timeoutMs?: number } = {},
): Promise<T> {
  const intervalMs = opts.intervalMs ?? 10;
  const deadline = performance.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Prints a progress line on stderr (the table goes to stdout). */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
