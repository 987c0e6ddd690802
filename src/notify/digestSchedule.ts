/**
 * The daily digest's schedule, in the server process: for each account, once its local
 * `notifications.digest_time` (in `schedule.timezone`) has passed, the day's digest is
 * recorded in the outbox under `daily_digest:<account>:<local date>`. The key makes it once
 * a day whatever happens: several servers checking, a restart after the time (it is then
 * recorded at once: a catch-up), a check that failed half-way. Nothing is recorded while no
 * enabled channel subscribes to the digest for the account (the digest would be built for
 * nobody); a channel that subscribes later that day gets the day's digest.
 */
import { DateTime } from 'luxon';
import type { Clock } from '../clock.ts';
import { loadSettings } from '../config/settingsStore.ts';
import type { Logger } from '../logger.ts';
import { localDateOf } from '../planner.ts';
import type { NotificationChannel, Store } from '../store/interfaces.ts';
import { buildDigestData } from './digest.ts';
import { recordOutboxEvent } from './outboxEvents.ts';
import { wantsEvent } from './subscriptions.ts';

/** How often the schedule looks: the digest goes within this of its time. */
export const DIGEST_CHECK_INTERVAL_MS = 30_000;

export interface DigestScheduleDeps {
  store: Store;
  clock: Clock;
  logger: Pick<Logger, 'error'>;
  intervalMs?: number;
}

export class DigestSchedule {
  /** Per account, the local date whose digest is recorded (by this process or another): not built again. */
  private readonly done = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private checking: Promise<void> | null = null;

  constructor(private readonly deps: DigestScheduleDeps) {}

  /** Looks now (the catch-up after a start), then every interval. */
  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.deps.intervalMs ?? DIGEST_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops looking; resolves once a look in flight is over (the store may then be closed). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.checking?.catch(() => {});
  }

  private tick(): void {
    this.check().catch((err) => this.deps.logger.error({ err }, 'daily digest check failed'));
  }

  /** Records each account's digest that is due and not recorded yet. One check at a time. */
  check(): Promise<void> {
    this.checking ??= this.checkAccounts().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async checkAccounts(): Promise<void> {
    const { store, logger } = this.deps;
    const accounts = await store.accounts.list();
    // Accounts deleted since: forgotten, so the map stays one entry per account.
    const ids = new Set(accounts.map((a) => a.id));
    for (const id of this.done.keys()) if (!ids.has(id)) this.done.delete(id);
    const channels: { list: NotificationChannel[] | null } = { list: null };
    for (const account of accounts) {
      // One account's failure (its settings, its digest) must not hold back the others'.
      try {
        await this.checkAccount(account.id, channels);
      } catch (err) {
        logger.error({ err, account: account.id }, 'daily digest check failed for an account');
      }
    }
  }

  private async checkAccount(
    accountId: string,
    channels: { list: NotificationChannel[] | null },
  ): Promise<void> {
    const { store, clock } = this.deps;
    const settings = await loadSettings(store, accountId);
    const { timezone } = settings.schedule;
    const now = clock.now();
    const localDate = localDateOf(now, timezone);
    if (this.done.get(accountId) === localDate) return;
    if (now < digestInstant(localDate, settings.notifications.digest_time, timezone)) return;
    channels.list ??= await store.notifications.listChannels();
    if (!channels.list.some((c) => wantsEvent(c, { event: 'daily_digest', account_id: accountId }))) return;
    const data = await buildDigestData(store, accountId, localDate, timezone, now);
    await recordOutboxEvent(store, {
      event: 'daily_digest',
      accountId,
      dedupKey: `daily_digest:${accountId}:${localDate}`,
      data,
      at: now.toISOString(),
    });
    // Replaces the earlier day's entry.
    this.done.set(accountId, localDate);
  }
}

/** The real instant of `hhmm` on a local date; a time in a DST gap moves forward by the gap. */
export function digestInstant(localDate: string, hhmm: string, timezone: string): Date {
  const [year, month, day] = localDate.split('-').map(Number);
  const [hour, minute] = hhmm.split(':').map(Number);
  return DateTime.fromObject({ year, month, day, hour, minute }, { zone: timezone }).toJSDate();
}
