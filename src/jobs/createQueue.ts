import type { Config } from '../config/env.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/interfaces.ts';
import { BullmqQueue } from './bullmq/bullmqQueue.ts';
import { EmbeddedQueue } from './embedded/embeddedQueue.ts';
import type { JobQueue } from './interfaces.ts';
import type { RunLifecycle } from './lifecycle.ts';
import { runProcessConfig } from './runSupervisor.ts';

export interface QueueDeps {
  config: Config;
  store: Store;
  lifecycle: RunLifecycle;
  bus: EventBus;
  logger: Logger;
  /** Sent to embedded run processes (decrypts the stored LinkedIn session). */
  secretKey: string;
}

/** The job queue adapter QUEUE selects: embedded (default) or bullmq (distributed). */
export function createQueue(deps: QueueDeps): JobQueue {
  const { config, store, lifecycle, bus, logger } = deps;
  if (config.queue === 'bullmq') {
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
