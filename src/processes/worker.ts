/**
 * The worker process's composition root (`npm run worker`, QUEUE=bullmq): its own store
 * connection, bus and RunLifecycle, and the BullMQ worker taking runs until SIGTERM/SIGINT.
 * Needs Chromium (its run processes drive the browser); the server does not.
 */
import fs from 'node:fs';
import { type Clock, systemClock } from '../clock.ts';
import { prepareDataDir } from '../config/dataDir.ts';
import type { Config } from '../config/env.ts';
import { secretsFile } from '../config/secrets.ts';
import { ConfigError } from '../errors.ts';
import { EventBus } from '../events.ts';
import { type RunningWorker, startBullmqWorker } from '../jobs/bullmq/worker.ts';
import { RunLifecycle } from '../jobs/lifecycle.ts';
import { loadSelectorTable } from '../linkedin/selectorOverrides.ts';
import { createLogger, type Logger } from '../logger.ts';
import { runProcessConfig } from '../runner/protocol.ts';
import { createStore, storeOptionsFor } from '../store/index.ts';

export type { RunningWorker } from '../jobs/bullmq/worker.ts';

export interface WorkerOptions {
  logger?: Logger;
  clock?: Clock;
  /** Runs at once; default: the number of accounts (at least 1), one run per account. */
  concurrency?: number;
  /** Heartbeat period in Redis; the key lives three periods. */
  heartbeatMs?: number;
}

/** Workers decrypt the stored LinkedIn session: they need the server's SECRET_KEY. */
function workerSecretKey(config: Config): string {
  if (config.secretKey) return config.secretKey;
  try {
    const stored = JSON.parse(fs.readFileSync(secretsFile(config.dataDir), 'utf8')) as {
      secretKey?: unknown;
    };
    if (typeof stored.secretKey === 'string' && stored.secretKey) return stored.secretKey;
  } catch {
    // No secrets file here: the worker runs on another machine than the server.
  }
  throw new ConfigError([
    "SECRET_KEY: a worker needs the server's SECRET_KEY (set it, or run the worker with the server's DATA_DIR)",
  ]);
}

/** A started worker; `close()` stops its runs (by `system`), leaves Redis and closes the store. */
export async function startWorker(config: Config, opts: WorkerOptions = {}): Promise<RunningWorker> {
  if (config.queue !== 'bullmq') {
    throw new ConfigError(['QUEUE: a worker needs QUEUE=bullmq (and DATABASE_URL=postgres://…, REDIS_URL)']);
  }
  const logger = opts.logger ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  const dataDirWarning = prepareDataDir(config.dataDir);
  if (dataDirWarning) logger.warn(dataDirWarning);
  const secretKey = workerSecretKey(config);
  // The runs this worker starts read DATA_DIR/selectors.json: a broken one stops it now.
  loadSelectorTable(config.dataDir);
  const store = await createStore(storeOptionsFor(config));
  try {
    const bus = new EventBus();
    const lifecycle = new RunLifecycle(store, bus, clock, (err) =>
      logger.error({ err }, 'run bookkeeping failed'),
    );
    const worker = await startBullmqWorker({
      store,
      lifecycle,
      bus,
      logger,
      clock,
      redisUrl: config.redisUrl,
      prefix: config.queuePrefix,
      processConfig: runProcessConfig(config, secretKey),
      stopGraceMs: config.stopGraceMs,
      concurrency: opts.concurrency,
      heartbeatMs: opts.heartbeatMs,
    });
    let closing: Promise<void> | undefined;
    return {
      id: worker.id,
      host: worker.host,
      concurrency: worker.concurrency,
      activePids: () => worker.activePids(),
      close() {
        closing ??= worker.close().finally(() => store.close());
        return closing;
      },
    };
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
}

/** `worker`: runs until SIGTERM/SIGINT, then stops its runs and leaves. */
export async function runWorker(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const running = await startWorker(config, { logger });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'worker shutting down');
    try {
      await running.close();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'worker shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.stdout.write(
    `linkedin-birthday-bot worker ${running.id} ready (concurrency ${running.concurrency}, queue prefix ${config.queuePrefix})\n`,
  );
}
