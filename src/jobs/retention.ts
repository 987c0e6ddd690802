import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { loadSettings } from '../config/settingsStore.ts';
import type { Store } from '../store/interfaces.ts';
import { removeScreenshots } from './personalData.ts';

const EVERY_MS = 6 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
/** The exactly-once key must outlive a year (next year's birthday is another key). */
const KEY_DAYS_AT_LEAST = 366;

export interface RetentionOptions {
  /** `LOG_RETENTION_DAYS`. */
  logRetentionDays: number;
  dataDir: string;
}

export interface RetentionResult {
  log_lines: number;
  /** Rows deleted or stripped of names, links and texts, every account together. */
  personal_rows: number;
  screenshots: number;
}

/**
 * Deletes log lines past LOG_RETENTION_DAYS and expired dashboard sessions, and applies each
 * account's `retention` settings: screenshots past `screenshots_days`; contacts, outcomes,
 * message texts, names and links past `outcomes_days`. The ledger's keys and the visits'
 * times stay as long as a limit or the avoid-repetition window reads them.
 */
export async function applyRetention(
  store: Store,
  clock: Clock,
  opts: RetentionOptions,
): Promise<RetentionResult> {
  const now = clock.now();
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const log_lines = await store.logs.deleteOlderThan(ago(opts.logRetentionDays).toISOString());
  await store.authSessions.deleteExpired(now.toISOString());
  const result: RetentionResult = { log_lines, personal_rows: 0, screenshots: 0 };
  for (const { id } of await store.accounts.list()) {
    const settings = await loadSettings(store, id);
    const { screenshots_days, outcomes_days } = settings.retention;
    const keyDays = Math.max(
      outcomes_days,
      KEY_DAYS_AT_LEAST,
      settings.birthday.avoid_repetition_years * 366,
    );
    const counts = await store.personalData.expire(id, {
      before: ago(outcomes_days).toISOString(),
      keysBefore: ago(keyDays).toISOString(),
      screenshotsBefore: ago(screenshots_days).toISOString(),
    });
    result.personal_rows += Object.values(counts).reduce((a, b) => a + b, 0);
    const files = await removeScreenshots(store, opts.dataDir, id, ago(screenshots_days));
    result.screenshots += files.screenshots + files.doctor_reports;
  }
  return result;
}

/** Applies retention now and every six hours; returns the canceller. */
export function scheduleRetention(
  store: Store,
  clock: Clock,
  opts: RetentionOptions,
  logger: Logger,
): () => void {
  const run = () =>
    applyRetention(store, clock, opts)
      .then((removed) => {
        if (removed.log_lines || removed.personal_rows || removed.screenshots) {
          logger.info({ removed }, 'retention: old log lines, contacts data and screenshots removed');
        }
      })
      .catch((err) => logger.error({ err }, 'retention failed'));
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
