import type { Config } from '../config/env.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../logger.ts';
import { runProcessConfig } from '../runner/protocol.ts';
import type { Store } from '../store/interfaces.ts';
import { EmbeddedQueue } from './embedded/embeddedQueue.ts';
import type { RunQueue } from './interfaces.ts';
import type { RunLifecycle } from './lifecycle.ts';

export interface QueueDeps {
  config: Config;
  store: Store;
  lifecycle: RunLifecycle;
  bus: EventBus;
  logger: Logger;
  /** Sent to embedded run processes (decrypts the stored LinkedIn session). */
  secretKey: string;
}

/**
 * The job queue adapter QUEUE selects: embedded (default) or bullmq (distributed). BullMQ
 * and ioredis load only for the latter.
 */
export async function createQueue(deps: QueueDeps): Promise<RunQueue> {
  const { config, store, lifecycle, bus, logger } = deps;
  if (config.queue === 'bullmq') {
    const { BullmqQueue } = await import('./bullmq/bullmqQueue.ts');
    return new BullmqQueue({
      store,
      lifecycle,
      bus,
      logger,
      redisUrl: config.redisUrl,
      prefix: config.queuePrefix,
    });
  }
  return new EmbeddedQueue({
    store,
    lifecycle,
    logger,
    stopGraceMs: config.stopGraceMs,
    processConfig: runProcessConfig(config, deps.secretKey),
  });
}
