/**
 * `worker_offline` (distributed mode): the server looks at the workers' heartbeat keys
 * every interval and records the notification for each worker it saw that has stopped
 * heart-beating (its key expired, or it left). Several servers may watch the same workers:
 * the outbox key `worker_offline:<worker id>:<up_since>` (the stretch of heartbeats that
 * ended, the same for every server) makes it one notification per worker and outage. A
 * worker that was already gone when the server started is not told. The workers belong to
 * the installation, not to an account: the event is recorded under the default account.
 */
import type { Clock } from '../../clock.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import type { Logger } from '../../logger.ts';
import { recordOutboxEvent } from '../../notify/outboxEvents.ts';
import type { Store } from '../../store/interfaces.ts';
import { closeRedis, connectRedis, liveWorkers, type WorkerBeat } from './redis.ts';

export const WORKER_MONITOR_INTERVAL_MS = 30_000;

export interface WorkerMonitorDeps {
  store: Store;
  clock: Clock;
  logger: Pick<Logger, 'warn'>;
  /** The live workers (`liveWorkers`); throws when Redis cannot tell. */
  liveWorkers: () => Promise<WorkerBeat[]>;
  intervalMs?: number;
}

interface Sighting {
  beat: WorkerBeat;
  /** Its last heartbeat this server read (its own time, else when it was read). */
  lastSeenAt: string;
}

export class WorkerOfflineMonitor {
  private readonly seen = new Map<string, Sighting>();
  private timer?: NodeJS.Timeout;
  private checking: Promise<void> | null = null;

  constructor(private readonly deps: WorkerMonitorDeps) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.deps.intervalMs ?? WORKER_MONITOR_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops looking; resolves once a look in flight is over (the store may then be closed). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.checking?.catch(() => {});
  }

  private tick(): void {
    this.check().catch((err) => this.deps.logger.warn({ err }, 'worker monitor failed'));
  }

  /** One look at the workers; one at a time. */
  check(): Promise<void> {
    this.checking ??= this.look().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async look(): Promise<void> {
    let live: WorkerBeat[];
    try {
      live = await this.deps.liveWorkers();
    } catch {
      // Redis away: whether the workers are there cannot be told (the outage is logged elsewhere).
      return;
    }
    const readAt = this.deps.clock.now().toISOString();
    const liveIds = new Set(live.map((w) => w.id));
    for (const [id, sighting] of this.seen) {
      if (liveIds.has(id)) continue;
      // Forgotten only once recorded: a failed write is tried again at the next look.
      await this.recordOffline(sighting);
      this.seen.delete(id);
    }
    for (const beat of live) this.seen.set(beat.id, { beat, lastSeenAt: beat.beat_at ?? readAt });
  }

  private async recordOffline({ beat, lastSeenAt }: Sighting): Promise<void> {
    // Workers of an older version do not say when their stretch began: their start names it.
    const outage = beat.up_since ?? beat.started_at;
    await recordOutboxEvent(this.deps.store, {
      event: 'worker_offline',
      accountId: DEFAULT_ACCOUNT_ID,
      dedupKey: `worker_offline:${beat.id}:${outage}`,
      data: { worker_id: beat.id, last_seen_at: lastSeenAt, host: beat.host },
      at: this.deps.clock.now().toISOString(),
    });
  }
}

/** The server's monitor on its own Redis connection (QUEUE=bullmq); `close` stops both. */
export function watchWorkers(
  deps: Omit<WorkerMonitorDeps, 'liveWorkers'> & { redisUrl: string; prefix: string },
): { close(): Promise<void> } {
  const redis = connectRedis(deps.redisUrl, 'commands');
  const monitor = new WorkerOfflineMonitor({ ...deps, liveWorkers: () => liveWorkers(redis, deps.prefix) });
  monitor.start();
  return {
    async close() {
      await monitor.stop();
      await closeRedis(redis);
    },
  };
}
