import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Run } from '../../domain.ts';
import type { Store } from '../../store/interfaces.ts';
import type { ChildMessage, JobQueue, ParentMessage, RunProcessConfig, WorkerInfo } from '../interfaces.ts';
import type { RunLifecycle } from '../lifecycle.ts';
import { commandLine, groupAlive, killGroup } from './processGroup.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fromSource = import.meta.url.endsWith('.ts');
/** Run from source (tests, `npm run dev`) the child needs tsx; from dist it is plain JS. */
const RUN_PROCESS = path.join(here, fromSource ? 'runProcess.ts' : 'runProcess.js');
const RUN_PROCESS_MARK = 'runProcess.';

interface ActiveChild {
  run: Run;
  child: ChildProcess;
  done?: Extract<ChildMessage, { type: 'done' }>;
  stopRequestedBy?: string;
  killTimer?: NodeJS.Timeout;
  exited: Promise<void>;
}

export interface EmbeddedQueueOptions {
  store: Store;
  lifecycle: RunLifecycle;
  logger: Logger;
  processConfig: RunProcessConfig;
  /** Abort → hard kill delay. */
  stopGraceMs: number;
}

/**
 * Default adapter: the queue is the `runs` table, each run executes in a forked process
 * (own process group) on this machine. One run at a time per account.
 */
export class EmbeddedQueue implements JobQueue {
  readonly mode = 'embedded' as const;
  private readonly children = new Map<string, ActiveChild>();
  private readonly host = os.hostname();
  private closed = false;
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;

  constructor(private readonly opts: EmbeddedQueueOptions) {}

  async start(): Promise<void> {
    const { store, lifecycle, logger } = this.opts;
    // Runs left running by a dead server: their process is gone (or orphaned: kill it).
    for (const run of await store.runs.listActive()) {
      if (run.status === 'queued') continue;
      if (run.pid && run.host === this.host && commandLine(run.pid)?.includes(RUN_PROCESS_MARK)) {
        killGroup(run.pid);
      }
      await lifecycle.finish(run, {
        status: 'interrupted',
        error: { code: 'interrupted', message: 'The process running this run died' },
      });
      logger.warn({ runId: run.id }, 'marked run interrupted (left active by a previous process)');
    }
    await this.pump();
  }

  async enqueue(_run: Run): Promise<void> {
    await this.pump();
  }

  async stop(runId: string, stoppedBy: string): Promise<void> {
    const active = this.children.get(runId);
    if (!active) {
      // Not picked up yet (or held by no process at all): nothing to abort.
      const run = await this.opts.store.runs.get(runId);
      if (run) await this.opts.lifecycle.finish(run, { status: 'stopped', stopped_by: stoppedBy });
      return;
    }
    if (active.stopRequestedBy) return;
    active.stopRequestedBy = stoppedBy;
    this.send(active.child, { type: 'abort', by: stoppedBy });
    active.killTimer = setTimeout(() => {
      if (active.child.pid) killGroup(active.child.pid);
    }, this.opts.stopGraceMs);
  }

  async workers(): Promise<WorkerInfo> {
    return { mode: 'embedded', status: this.closed ? 'offline' : 'online', count: this.closed ? 0 : 1 };
  }

  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.children.values()];
    await Promise.all(running.map((a) => this.stop(a.run.id, 'system')));
    await Promise.all(running.map((a) => a.exited));
    await this.pumping;
  }

  /** Starts every queued run whose account has no run in progress here. Coalesces calls. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      do {
        this.pumpAgain = false;
        if (this.closed) break;
        const busy = new Set([...this.children.values()].map((a) => a.run.account_id));
        for (const run of await this.opts.store.runs.listActive()) {
          if (run.status !== 'queued' || busy.has(run.account_id)) continue;
          busy.add(run.account_id);
          await this.launch(run);
        }
      } while (this.pumpAgain);
    })().finally(() => {
      this.pumping = null;
    });
    return this.pumping;
  }

  private async launch(run: Run): Promise<void> {
    const { lifecycle, logger } = this.opts;
    const child = fork(RUN_PROCESS, [], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      serialization: 'json',
    });
    let resolveExit!: () => void;
    const active: ActiveChild = { run, child, exited: new Promise((r) => (resolveExit = r)) };
    this.children.set(run.id, active);

    // Stray output of the run process goes to the server log, line by line, never lost.
    const relay = (level: 'info' | 'warn') => (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n'))
        if (line.trim()) logger[level]({ runId: run.id }, line);
    };
    child.stdout?.on('data', relay('info'));
    child.stderr?.on('data', relay('warn'));

    child.on('message', (message: ChildMessage) => this.onMessage(active, message));
    child.on('error', (err) => logger.error({ err, runId: run.id }, 'run process error'));
    child.on('exit', (code, signal) => {
      this.onExit(active, code, signal)
        .catch((err) => logger.error({ err, runId: run.id }, 'failed to finalise run'))
        .finally(() => {
          this.children.delete(run.id);
          resolveExit();
          this.pump().catch((err) => logger.error({ err }, 'queue pump failed'));
        });
    });

    const marked = await lifecycle.started(run, child.pid ?? null, this.host);
    if (!marked) {
      // Stopped (or otherwise finalised) between queueing and launch.
      active.stopRequestedBy = 'system';
      if (child.pid) killGroup(child.pid);
      return;
    }
    this.send(child, { type: 'start', runId: run.id, config: this.opts.processConfig });
  }

  private onMessage(active: ActiveChild, message: ChildMessage): void {
    const { lifecycle } = this.opts;
    const { run } = active;
    switch (message.type) {
      case 'progress':
        void lifecycle.progress(run.id, message.counters, message.progress);
        break;
      case 'log':
        void lifecycle.log(run.account_id, run.id, message.level, message.message, message.ts);
        break;
      case 'heartbeat':
        void lifecycle.heartbeat(run.id);
        break;
      case 'done':
        active.done = message;
        break;
      case 'started':
        break;
    }
  }

  private async onExit(
    active: ActiveChild,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): Promise<void> {
    clearTimeout(active.killTimer);
    const pid = active.child.pid;
    // Whatever the run process left behind (a browser) goes with it.
    if (pid && groupAlive(pid)) killGroup(pid);
    const { done, stopRequestedBy, run } = active;
    const { lifecycle } = this.opts;
    if (stopRequestedBy) {
      await lifecycle.finish(run, {
        status: 'stopped',
        stopped_by: stopRequestedBy,
        counters: done?.counters,
      });
    } else if (done) {
      await lifecycle.finish(run, { status: done.status, error: done.error, counters: done.counters });
    } else {
      await lifecycle.finish(run, {
        status: 'failed',
        error: {
          code: 'browser_crashed',
          message: `The run process died unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`})`,
        },
      });
    }
  }

  private send(child: ChildProcess, message: ParentMessage): void {
    if (child.connected) child.send(message);
  }

  /** Pids of run processes in progress (tests assert none outlives its run). */
  activePids(): number[] {
    return [...this.children.values()].map((a) => a.child.pid).filter((p): p is number => !!p);
  }
}
