/**
 * Entry point of a run process: the RunSupervisor (embedded queue or distributed worker)
 * forks one per run, in its own process group, so a stop can always end it (and the
 * browser it started) whatever it is doing. It talks to its parent over IPC only; the
 * store connection is its own.
 */
import { loadSettings } from '../config/settingsStore.ts';
import type { LogLevel, RunCounter, RunCounters, RunError, RunProgress } from '../domain.ts';
import { zeroCounters } from '../domain.ts';
import { descendants, killGroup, killRefs } from '../jobs/embedded/processGroup.ts';
import { type ChildMessage, type JobContext, JobFailure, type ParentMessage } from '../jobs/interfaces.ts';
import { createJobRegistry } from '../jobs/registry.ts';
import { createStore } from '../store/index.ts';
import type { Store } from '../store/interfaces.ts';

const HEARTBEAT_MS = Number(process.env.LBB_HEARTBEAT_MS ?? 5000);
/** After the server vanished, how long the job gets to clean up before we exit anyway. */
const ORPHAN_GRACE_MS = 2000;

const controller = new AbortController();
const counters: RunCounters = zeroCounters();
const progress: RunProgress = {};
let finished = false;
let orphaned = false;
let store: Store | undefined;

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

function errorOf(err: unknown): RunError {
  if (err instanceof JobFailure) return { code: err.code, message: err.message };
  const code = (err as { code?: unknown })?.code;
  return {
    code: typeof code === 'string' && /^[a-z][a-z0-9_]*$/.test(code) ? code : 'job_error',
    message: err instanceof Error ? err.message : String(err),
  };
}

/** Kills what this process started (a browser in its own group too), then its group: itself. */
function killEverything(): void {
  killRefs(descendants(process.pid));
  killGroup(process.pid);
}

async function finish(status: 'succeeded' | 'failed' | 'stopped', error: RunError | null): Promise<never> {
  finished = true;
  const done: ChildMessage = { type: 'done', status, error, counters: { ...counters } };
  // Exit only once the parent has the message: IPC sends are asynchronous.
  await new Promise<void>((resolve) => {
    if (!process.connected || !process.send) return resolve();
    process.send(done, () => resolve());
  });
  await store?.close().catch(() => {});
  // No parent left to clean up after us: take whatever the job left running along.
  if (orphaned) killEverything();
  process.exit(0);
}

async function run(
  runId: string,
  config: Extract<ParentMessage, { type: 'start' }>['config'],
): Promise<void> {
  const db = await createStore({ databaseUrl: config.databaseUrl });
  store = db;
  const record = await db.runs.get(runId);
  if (!record) throw new JobFailure('run_not_found', `Run ${runId} does not exist`);
  const settings = await loadSettings(db, record.account_id);
  const handler = await createJobRegistry({ testJobs: config.testJobs }).load(record.type);

  const ctx: JobContext = {
    run: record,
    signal: controller.signal,
    store: db,
    config,
    settings,
    counters,
    log: (level: LogLevel, message: string) =>
      send({ type: 'log', level, message, ts: new Date().toISOString() }),
    count: (counter: RunCounter, by = 1) => {
      counters[counter] += by;
      send({ type: 'progress', counters: { ...counters }, progress: { ...progress } });
    },
    progress: (update: RunProgress) => {
      Object.assign(progress, update);
      send({ type: 'progress', counters: { ...counters }, progress: { ...progress } });
    },
  };

  send({ type: 'started' });
  const heartbeat = setInterval(() => send({ type: 'heartbeat' }), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    await handler(ctx);
    await finish(controller.signal.aborted ? 'stopped' : 'succeeded', null);
  } catch (err) {
    if (controller.signal.aborted) await finish('stopped', null);
    await finish('failed', errorOf(err));
  }
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'start') {
    run(message.runId, message.config).catch((err) => finish('failed', errorOf(err)));
  } else if (message.type === 'abort') {
    controller.abort(new Error(`Stopped by ${message.by}`));
  }
});

// The server (or worker) died or was killed: stop the job, give it a moment to close its
// browser, then leave with the whole process group (a browser that did not close goes too).
process.on('disconnect', () => {
  if (finished) return;
  orphaned = true;
  controller.abort(new Error('Server went away'));
  setTimeout(() => {
    killEverything();
    process.exit(1);
  }, ORPHAN_GRACE_MS).unref();
});

process.on('uncaughtException', (err) => {
  if (!finished) finish('failed', errorOf(err)).catch(() => process.exit(1));
});
process.on('unhandledRejection', (err) => {
  if (!finished) finish('failed', errorOf(err)).catch(() => process.exit(1));
});
