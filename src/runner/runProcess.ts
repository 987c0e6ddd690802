/**
 * The child side of a run process: the RunSupervisor (embedded queue or distributed worker)
 * forks one per run (entry `src/processes/run.ts`), in its own process group, so a stop can
 * always end it (and the browser it started) whatever it is doing. It talks to its parent
 * over IPC only: counters, progress, logs and a heartbeat up, `abort` down, and its own
 * report (`done`) before it exits.
 */

import { type RunConfig, type RunContext, RunFailure, type RunHandler } from '../bots/runContext.ts';
import type { CodedLog } from '../contract/logCodes.ts';
import type { LogLevel, Run, RunCounter, RunCounters, RunError, RunProgress } from '../domain.ts';
import { zeroCounters } from '../domain.ts';
import type { Store } from '../store/interfaces.ts';
import { forkedChild } from './forkedChild.ts';
import type { ChildMessage, ParentMessage } from './protocol.ts';

const HEARTBEAT_MS = Number(process.env.LBB_HEARTBEAT_MS ?? 5000);

/** What the run process's composition root prepares for one run. */
export interface PreparedRun {
  run: Run;
  store: Store;
  settings: RunContext['settings'];
  handler: RunHandler;
}

/** Opens what the run needs (its store connection, settings, the handler of its type). */
export type PrepareRun = (
  runId: string,
  config: RunConfig,
  opened: (store: Store) => void,
) => Promise<PreparedRun>;

function errorOf(err: unknown): RunError {
  if (err instanceof RunFailure) {
    return { code: err.code, message: err.message, ...(err.pushback ? { pushback: err.pushback } : {}) };
  }
  const code = (err as { code?: unknown })?.code;
  return {
    code: typeof code === 'string' && /^[a-z][a-z0-9_]*$/.test(code) ? code : 'job_error',
    message: err instanceof Error ? err.message : String(err),
  };
}

/** Serves one run in this process: waits for `start`, runs the handler, reports, exits. */
export function serveRun(prepare: PrepareRun): void {
  const controller = new AbortController();
  const counters: RunCounters = zeroCounters();
  const progress: RunProgress = {};
  let store: Store | undefined;

  const send = (message: ChildMessage): void => {
    if (process.connected) process.send?.(message);
  };

  // Should the server (or worker) go away, the run stops and the process leaves with its
  // group; an uncaught error fails the run.
  const child = forkedChild(controller, (err) => finish('failed', errorOf(err)));

  const finish = (status: 'succeeded' | 'failed' | 'stopped', error: RunError | null): Promise<never> => {
    const done: ChildMessage = { type: 'done', status, error, counters: { ...counters } };
    return child.finish(done, async () => {
      await store?.close().catch(() => {});
    });
  };

  const execute = async (runId: string, config: RunConfig): Promise<void> => {
    const prepared = await prepare(runId, config, (opened) => {
      store = opened;
    });
    const ctx: RunContext = {
      run: prepared.run,
      signal: controller.signal,
      store: prepared.store,
      config,
      settings: prepared.settings,
      counters,
      log: (level: LogLevel, message: string, what: CodedLog) =>
        send({ type: 'log', level, message, ...what, ts: new Date().toISOString() }),
      count: (counter: RunCounter, by = 1) => {
        counters[counter] += by;
        send({ type: 'progress', counters: { ...counters }, progress: { ...progress } });
      },
      progress: (update: RunProgress) => {
        Object.assign(progress, update);
        send({ type: 'progress', counters: { ...counters }, progress: { ...progress } });
      },
    };

    const heartbeat = setInterval(() => send({ type: 'heartbeat' }), HEARTBEAT_MS);
    heartbeat.unref();
    try {
      await prepared.handler(ctx);
      await finish(controller.signal.aborted ? 'stopped' : 'succeeded', null);
    } catch (err) {
      if (controller.signal.aborted) await finish('stopped', null);
      await finish('failed', errorOf(err));
    }
  };

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'start') {
      execute(message.runId, message.config).catch((err) => finish('failed', errorOf(err)));
    } else if (message.type === 'abort') {
      controller.abort(new Error(`Stopped by ${message.by}`));
    }
  });
}
