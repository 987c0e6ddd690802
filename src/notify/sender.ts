/**
 * The outbox sender: one loop in each server process, of which only the holder of the lease
 * `notification-sender` works, so a cluster of servers on one database sends each delivery
 * once. Each round it fans new outbox events out to the channels subscribed to them, then
 * takes the due deliveries and sends them a few at a time, recording each attempt: delivered,
 * pending again after a backoff, or failed. It runs beside the runs, never in their way: a
 * slow receiver only delays other notifications.
 *
 * Delivery is at least once: a sender that dies between a receiver's answer and its record
 * leaves the delivery `sending` until its lease passes, and the next sender sends it again
 * with the same delivery id, which the receiver uses to de-duplicate.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { RandomSource } from '../random.ts';
import type {
  NewNotificationDelivery,
  NotificationChannel,
  NotificationDelivery,
  NotificationEventRecord,
} from '../store/interfaces.ts';
import { isFinalAttempt, MAX_ATTEMPTS, nextAttemptDelayMs } from './backoff.ts';
import { attemptDelivery, type DeliveryDeps } from './deliver.ts';
import { wantsEvent } from './subscriptions.ts';

/** The name of the cluster-wide lease in `store.leases`. */
export const SENDER_LEASE = 'notification-sender';

export interface NotificationSenderOptions extends DeliveryDeps {
  logger: Logger;
  /** The longest sleep between rounds; 5 s by default (a delivery due sooner wakes it sooner). */
  pollIntervalMs?: number;
  /**
   * How long the cluster lease and a claimed delivery's lease last; 30 s by default. Well
   * above one attempt's deadline: a delivery is recorded long before another sender may
   * take it again.
   */
  leaseMs?: number;
  /** How many deliveries are sent at once; 4 by default. */
  concurrency?: number;
  /** The wait before the next attempt after `attempts` failed ones (tests shorten it). */
  retryDelayMs?: (attempts: number) => number;
  /** Attempts before a delivery is failed for good. */
  maxAttempts?: number;
  /** The jitter of the backoff. */
  random?: RandomSource;
  /** This process's name in the lease; a random id by default. */
  holder?: string;
}

const EVENTS_PER_ROUND = 100;

export class NotificationSender {
  private readonly holder: string;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly retryDelayMs: (attempts: number) => number;
  private readonly maxAttempts: number;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private inFlight = new AbortController();
  /** Set by `wake()`; the next sleep is skipped or cut short. */
  private woken = false;
  private interruptSleep: (() => void) | null = null;

  constructor(private readonly options: NotificationSenderOptions) {
    this.holder = options.holder ?? randomUUID();
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    const random = options.random ?? Math.random;
    this.retryDelayMs = options.retryDelayMs ?? ((attempts) => nextAttemptDelayMs(attempts, random));
    this.maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.inFlight = new AbortController();
    this.loop = this.run();
  }

  /** A new event or a resend is waiting: look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.interruptSleep?.();
  }

  /** Aborts the sends in flight, waits for the loop to end and gives the lease up. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.inFlight.abort();
    this.interruptSleep?.();
    await this.loop;
    this.loop = null;
    try {
      await this.options.store.leases.release(SENDER_LEASE, this.holder);
    } catch (err) {
      this.options.logger.warn({ err }, 'notification sender: could not release its lease');
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let sleepMs = this.pollIntervalMs;
      try {
        sleepMs = await this.round();
      } catch (err) {
        this.options.logger.error({ err }, 'notification sender: round failed, trying again');
      }
      if (!this.stopping) await this.sleep(sleepMs);
    }
  }

  /** One round; returns how long to sleep before the next. */
  private async round(): Promise<number> {
    const { store } = this.options;
    if (!(await this.holdLease())) return this.pollIntervalMs;
    await this.fanOut();
    // Small batches, the lease renewed before each: a claimed delivery is sent at once.
    while (!this.stopping) {
      const now = this.now();
      const claimed = await store.notifications.claimDue(
        now.toISOString(),
        new Date(now.getTime() + this.leaseMs).toISOString(),
        this.concurrency,
      );
      await Promise.all(claimed.map((delivery) => this.send(delivery)));
      if (claimed.length < this.concurrency || !(await this.holdLease())) break;
    }
    const nextDue = await store.notifications.nextDueAt();
    if (nextDue === null) return this.pollIntervalMs;
    const untilDue = Date.parse(nextDue) - this.now().getTime();
    return Math.min(Math.max(untilDue, 0), this.pollIntervalMs);
  }

  /** Takes or renews the cluster's lease: true when this process is the one sending. */
  private holdLease(): Promise<boolean> {
    const now = this.now();
    return this.options.store.leases.acquire(
      SENDER_LEASE,
      this.holder,
      new Date(now.getTime() + this.leaseMs).toISOString(),
      now.toISOString(),
    );
  }

  /** Each new outbox event becomes one delivery per channel subscribed to it. */
  private async fanOut(): Promise<void> {
    const { store } = this.options;
    for (;;) {
      const events = await store.notifications.undispatchedEvents(EVENTS_PER_ROUND);
      if (events.length === 0) return;
      const channels = await store.notifications.listChannels();
      for (const event of events) {
        const at = this.now().toISOString();
        const deliveries = channels
          .filter((channel) => wantsEvent(channel, event))
          .map((channel) => newDelivery(channel, event, at));
        // False: another sender (an older lease holder) dispatched it first; nothing to do.
        await store.notifications.dispatchEvent(event.id, deliveries, at);
      }
      if (events.length < EVENTS_PER_ROUND || this.stopping) return;
    }
  }

  /** One attempt of a claimed delivery, and its record. */
  private async send(delivery: NotificationDelivery): Promise<void> {
    const { store, logger } = this.options;
    try {
      const channel = await store.notifications.getChannel(delivery.channel_id);
      // Deleted meanwhile: its deliveries went with it.
      if (!channel) return;
      if (!channel.enabled) {
        await this.record(delivery, 'failed', null, {
          error: 'channel disabled',
          status: null,
          response: null,
          text: delivery.text,
        });
        return;
      }
      const signal = this.inFlight.signal;
      const { result, message } = await attemptDelivery(this.options, delivery, channel, signal);
      const outcome = {
        error: result.error,
        status: result.status,
        response: result.response,
        text: message?.text ?? delivery.text,
      };
      if (result.ok) return void (await this.record(delivery, 'delivered', null, outcome));
      // Cut short by shutdown: due again at once, for the next sender.
      if (signal.aborted) return void (await this.record(delivery, 'pending', 0, outcome));
      if (result.retryable && !isFinalAttempt(delivery.attempts, this.maxAttempts)) {
        return void (await this.record(delivery, 'pending', this.retryDelayMs(delivery.attempts), outcome));
      }
      await this.record(delivery, 'failed', null, outcome);
    } catch (err) {
      // The store failed: the delivery stays `sending` and is taken again once its lease passes.
      logger.error({ err, delivery: delivery.id }, 'notification sender: could not record an attempt');
    }
  }

  private async record(
    delivery: NotificationDelivery,
    status: 'delivered' | 'pending' | 'failed',
    retryInMs: number | null,
    outcome: { error: string | null; status: number | null; response: string | null; text: string },
  ): Promise<void> {
    const now = this.now();
    // `claimDue` returns the claim with its lease: the token that makes this write ours.
    const claim = delivery.lease_until;
    if (claim === null) throw new Error(`delivery ${delivery.id} was recorded without a claim`);
    const written = await this.options.store.notifications.recordAttempt(
      delivery.id,
      {
        status,
        at: now.toISOString(),
        next_attempt_at: retryInMs === null ? null : new Date(now.getTime() + retryInMs).toISOString(),
        last_error: status === 'delivered' ? null : outcome.error,
        response_status: outcome.status,
        response_body: outcome.response,
        text: outcome.text,
      },
      claim,
    );
    if (!written) {
      // Stalled past the lease: another sender claimed it again and its result stands.
      this.options.logger.warn(
        { delivery: delivery.id, channel: delivery.channel_id },
        'notification sender: an attempt outlived its lease, its result was not recorded',
      );
      return;
    }
    if (status === 'failed') {
      this.options.logger.warn(
        { delivery: delivery.id, channel: delivery.channel_id, event: delivery.event, error: outcome.error },
        'notification delivery failed',
      );
    }
  }

  private now(): Date {
    return this.options.now();
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.interruptSleep = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.interruptSleep = done;
    });
  }
}

function newDelivery(
  channel: NotificationChannel,
  event: NotificationEventRecord,
  at: string,
): NewNotificationDelivery {
  return {
    id: randomUUID(),
    event_id: event.id,
    channel_id: channel.id,
    account_id: event.account_id,
    event: event.event,
    data: event.data,
    status: 'pending',
    next_attempt_at: at,
    // When the event happened: the message's `at` (`attemptDelivery` reads it from here).
    created_at: event.created_at,
  };
}
