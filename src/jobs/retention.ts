import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/interfaces.ts';

const EVERY_MS = 6 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** Deletes log lines past the retention period and expired dashboard sessions. */
export async function applyRetention(store: Store, clock: Clock, retentionDays: number): Promise<number> {
  const now = clock.now();
  const removed = await store.logs.deleteOlderThan(
    new Date(now.getTime() - retentionDays * DAY_MS).toISOString(),
  );
  await store.authSessions.deleteExpired(now.toISOString());
  return removed;
}

/** Applies retention now and every six hours; returns the canceller. */
export function scheduleRetention(
  store: Store,
  clock: Clock,
  retentionDays: number,
  logger: Logger,
): () => void {
  const run = () =>
    applyRetention(store, clock, retentionDays)
      .then((removed) => removed && logger.info({ removed }, 'old log lines removed'))
      .catch((err) => logger.error({ err }, 'log retention failed'));
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
