/**
 * The server process's composition root: store, secrets, users, the run engine (queue
 * adapter, lifecycle, run service, scheduler, retention), the browser tasks, and the HTTP
 * app listening on PORT/HOST, and the notifications' outbox sender.
 */
import { AuditLog } from '../audit.ts';
import { AuthService } from '../auth/authService.ts';
import { type Clock, systemClock } from '../clock.ts';
import { prepareDataDir } from '../config/dataDir.ts';
import type { Config } from '../config/env.ts';
import { resolveSecrets } from '../config/secrets.ts';
import { DEFAULT_ACCOUNT_ID } from '../domain.ts';
import { EventBus } from '../events.ts';
import { createQueue } from '../jobs/createQueue.ts';
import { RunLifecycle } from '../jobs/lifecycle.ts';
import { createRunRegistry } from '../jobs/registry.ts';
import { scheduleRetention } from '../jobs/retention.ts';
import { RunService } from '../jobs/runService.ts';
import { Scheduler } from '../jobs/scheduler.ts';
import { loadSelectorTable } from '../linkedin/selectorOverrides.ts';
import { createLogger, type Logger } from '../logger.ts';
import { DigestSchedule } from '../notify/digestSchedule.ts';
import { createNotifier, dashboardUrlOf, type NotifierOverrides } from '../notify/notifier.ts';
import { ProcessDoctor } from '../runner/doctor.ts';
import { ProcessSessionChecker } from '../runner/sessionCheck.ts';
import { buildApp } from '../server/app.ts';
import type { AppContext } from '../server/context.ts';
import { missingHostsHint } from '../server/ownHosts.ts';
import { createStore, storeOptionsFor } from '../store/index.ts';

export interface ContextOptions {
  clock?: Clock;
  logger?: Logger;
  /** Tests start the engine themselves (or not at all). */
  startBackground?: boolean;
  /** Tests' notification adapters and sender timings. */
  notifier?: NotifierOverrides;
}

export async function createContext(config: Config, opts: ContextOptions = {}): Promise<AppContext> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger(config.logLevel);
  // Before anything is written there: the database, the secrets.
  const dataDirWarning = prepareDataDir(config.dataDir);
  if (dataDirWarning) logger.warn(dataDirWarning);
  // A broken DATA_DIR/selectors.json stops the server now, not the first run.
  loadSelectorTable(config.dataDir);
  const store = await createStore(storeOptionsFor(config));
  const now = clock.now().toISOString();
  await store.accounts.ensure(DEFAULT_ACCOUNT_ID, 'Default', now);

  const needAdmin = (await store.users.count()) === 0;
  const secrets = resolveSecrets(config.dataDir, config, needAdmin);
  const auth = new AuthService(store, clock, secrets.apiKey);
  if (needAdmin && secrets.adminPassword) {
    await auth.createUser(DEFAULT_ACCOUNT_ID, config.adminUsername, secrets.adminPassword);
    // The password now lives only as a hash: drop the stored copy.
    resolveSecrets(config.dataDir, config, false);
  }

  const bus = new EventBus();
  const registry = createRunRegistry({ testRuns: config.testRuns });
  const lifecycle = new RunLifecycle(store, bus, clock, (err) =>
    logger.error({ err }, 'run bookkeeping failed'),
  );
  const queue = await createQueue({ config, store, lifecycle, bus, logger, secretKey: secrets.secretKey });
  const audit = new AuditLog(store, clock);
  const runService = new RunService({ store, queue, lifecycle, audit, clock });
  const scheduler = new Scheduler({
    store,
    runService,
    bus,
    clock,
    logger,
    seed: `schedule:${secrets.secretKey}`,
  });

  // Every server runs a sender; the lease lets one of a cluster's servers send.
  const notifier = createNotifier(
    { store, secretKey: secrets.secretKey, clock, logger, dashboardUrl: dashboardUrlOf(config) },
    opts.notifier,
  );

  let stopRetention = () => {};
  // Notifications without a run behind them: the daily digest, workers going offline.
  const digests = new DigestSchedule({ store, clock, logger });
  let workerWatch: { close(): Promise<void> } | null = null;
  if (opts.startBackground !== false) {
    await queue.start();
    await scheduler.start();
    notifier.sender.start();
    digests.start();
    if (config.queue === 'bullmq') {
      const { watchWorkers } = await import('../jobs/bullmq/workerMonitor.ts');
      workerWatch = watchWorkers({
        redisUrl: config.redisUrl,
        prefix: config.queuePrefix,
        store,
        clock,
        logger,
      });
    }
    stopRetention = scheduleRetention(
      store,
      clock,
      { logRetentionDays: config.logRetentionDays, dataDir: config.dataDir },
      logger,
    );
  }

  // A browser only when asked, in a child process: Playwright never loads in the server.
  const browserTasks = {
    store,
    secretKey: secrets.secretKey,
    dataDir: config.dataDir,
    linkedinBaseUrl: config.linkedinBaseUrl,
    chromiumPath: config.chromiumPath,
    chromiumProcessModel: config.chromiumProcessModel,
    logger,
    clock,
  };
  const sessionChecker = new ProcessSessionChecker(browserTasks);
  const doctor = new ProcessDoctor(browserTasks);

  return {
    config,
    logger,
    clock,
    store,
    bus,
    registry,
    lifecycle,
    queue,
    runService,
    scheduler,
    audit,
    auth,
    secretKey: secrets.secretKey,
    sessionChecker,
    doctor,
    notifier,
    generated: {
      apiKey: secrets.generated.includes('apiKey') ? secrets.apiKey : undefined,
      adminPassword: secrets.generated.includes('adminPassword') ? secrets.adminPassword : undefined,
    },
    async close() {
      stopRetention();
      scheduler.stop();
      // Before the store closes: an attempt cut short is recorded as due again.
      await notifier.sender.stop();
      await digests.stop();
      await workerWatch?.close();
      await Promise.all([sessionChecker.close(), doctor.close()]);
      await queue.close();
      await store.close();
    },
  };
}

export interface ServeHooks {
  /** Runs once the context exists, before listening; returns extra lines to print. */
  prepare?: (ctx: AppContext) => Promise<string[]>;
  onClose?: () => Promise<void>;
}

/** `serve` and `demo`: the context, the app listening, shutdown on SIGINT/SIGTERM. */
export async function serve(config: Config, banner: string, hooks: ServeHooks = {}): Promise<void> {
  const ctx = await createContext(config);
  const extra = (await hooks.prepare?.(ctx)) ?? [];
  const app = await buildApp(ctx);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    ctx.logger.info({ signal }, 'shutting down');
    await app.close();
    await ctx.close();
    await hooks.onClose?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  // Generated secrets are shown once, on the first start, and never logged.
  const lines = [`${banner} listening on ${url}`];
  if (ctx.generated.adminPassword) {
    lines.push(
      `  Dashboard login: ${config.adminUsername} / ${ctx.generated.adminPassword}  (shown once: note it now)`,
    );
  }
  if (ctx.generated.apiKey)
    lines.push(`  API key (X-API-Key): ${ctx.generated.apiKey}  (shown once: note it now)`);
  if (ctx.generated.adminPassword || ctx.generated.apiKey) {
    lines.push(`  Stored in ${config.dataDir}/secrets.json (mode 0600).`);
  }
  lines.push(...extra);
  // Listening on the LAN while accepting only loopback names: every LAN visit would get 421.
  const hostsHint = missingHostsHint(config);
  if (hostsHint) lines.push(hostsHint);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `user set-password`: sets a dashboard user's password (creating the user if needed), audited. */
export async function setUserPassword(config: Config, username: string, password: string): Promise<void> {
  const ctx = await createContext(config, { startBackground: false, logger: createLogger('warn') });
  try {
    // The change and its audit entry are saved together.
    const outcome = await ctx.audit.change(
      async (tx) => {
        if (await ctx.auth.setPassword(username, password, tx)) return 'changed';
        await ctx.auth.createUser('default', username, password, tx);
        return 'created';
      },
      () => ({
        accountId: 'default',
        actor: { type: 'system', id: 'cli' },
        action: 'user.set_password',
        target: username,
      }),
    );
    process.stdout.write(
      outcome === 'changed'
        ? `Password of ${username} changed; their sessions were ended.\n`
        : `User ${username} created.\n`,
    );
  } finally {
    await ctx.close();
  }
}
