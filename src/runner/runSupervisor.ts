import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunConfig } from '../bots/runContext.ts';
import { nodeChildEnv } from '../config/childEnv.ts';
import type { CodedLog } from '../contract/logCodes.ts';
import type { LogLevel, Run, RunCounters, RunError, RunProgress } from '../domain.ts';
import type { Logger } from '../logger.ts';
import {
  commandLine,
  descendants,
  killTree,
  type ProcessRef,
  processesWithEnv,
  reapLeftovers,
} from './processGroup.ts';
import type { ChildMessage, ParentMessage } from './protocol.ts';
import { createTempDir, PROCESS_TMPDIR_VAR, removeStaleTempDirs, type TempDir } from './tempDirs.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fromSource = import.meta.url.endsWith('.ts');
/** Run from source (tests, `npm run dev`) the child needs tsx; from dist it is plain JS. */
const RUN_PROCESS = path.join(here, '..', 'processes', fromSource ? 'run.ts' : 'run.js');
/**
 * The run process mostly waits on the browser, so it trades speed for memory (the budget
 * of a run is ~600 MB with its Chromium and the server): a small young generation, and V8
 * growing its heap only as far as needed (measured: 160 → 130 MB at the end of 100 wishes).
 */
export const RUN_PROCESS_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--optimize-for-size'];

/**
 * The run process's environment: the parent's allowlisted (no secret: `nodeChildEnv`), its
 * temporary folder in DATA_DIR (its TMPDIR once it starts: processTmpDir.ts), and glibc
 * limited to two malloc arenas unless the user set MALLOC_ARENA_MAX. By default threads
 * allocating at the same time get arenas of their own (up to 8 per core), each keeping what
 * was freed: ~15 MB of a run process's RSS.
 */
export function runProcessEnv(env: NodeJS.ProcessEnv, tmpDir?: string): NodeJS.ProcessEnv {
  return {
    ...nodeChildEnv(env),
    ...(tmpDir ? { [PROCESS_TMPDIR_VAR]: tmpDir } : {}),
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || '2',
  };
}

/** How often the processes a run process started are noted (to kill them if it dies first). */
const TREE_SNAPSHOT_MS = 1000;
/** Part of a run process's command line: recognises an orphan before killing a recorded pid. */
export const RUN_PROCESS_MARK = `${path.sep}processes${path.sep}run.`;

/** Whether `pid` on this host is (still) one of our run processes. */
export function isRunProcess(pid: number): boolean {
  return commandLine(pid)?.includes(RUN_PROCESS_MARK) ?? false;
}

/** How a run process ended, as its supervisor saw it (the RunLifecycle decides what it means). */
export interface ProcessExit {
  /** Why the run could not be started (its process was killed at once). */
  launchError?: RunError;
  /** Who asked for a stop before the process ended. */
  stopRequestedBy?: string;
  /** The run process's own report, when it sent one before exiting. */
  done?: Extract<ChildMessage, { type: 'done' }>;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Where the supervisor records what its run processes do: the RunLifecycle. */
export interface RunRecorder {
  /** False when the run is no longer queued (stopped before it started). */
  started(run: Run, pid: number | null, host: string | null): Promise<boolean>;
  progress(runId: string, counters: RunCounters, progress: RunProgress): Promise<void>;
  heartbeat(runId: string): Promise<void>;
  log(
    accountId: string,
    runId: string | null,
    level: LogLevel,
    message: string,
    what: CodedLog,
    ts?: string,
  ): Promise<void>;
  /** Final state of a run whose process ended. */
  exited(run: Pick<Run, 'id' | 'account_id'>, exit: ProcessExit): Promise<unknown>;
}

interface ActiveChild {
  run: Run;
  child: ChildProcess;
  done?: Extract<ChildMessage, { type: 'done' }>;
  stopRequestedBy?: string;
  /** Why the run could not be started (the process is killed, the run ends failed). */
  launchError?: RunError;
  killTimer?: NodeJS.Timeout;
  /**
   * The processes the run process started, as last seen. Chromium runs in a process group
   * of its own: once the run process is gone, this is how its browser is still found.
   */
  tree: ProcessRef[];
  treeTimer?: NodeJS.Timeout;
  /** The run's temporary folder (its browser's throwaway profile), removed once all is gone. */
  temp: TempDir;
  /** Resolves once the process is gone and the run is final in the store. */
  finished: Promise<void>;
}

export interface RunHandle {
  readonly run: Run;
  readonly pid: number | null;
  /** Resolves once the run process has exited and the run is finalised. */
  readonly finished: Promise<void>;
}

export interface RunSupervisorOptions {
  lifecycle: RunRecorder;
  logger: Logger;
  processConfig: RunConfig;
  /** Abort → hard kill delay. */
  stopGraceMs: number;
  /** Recorded on the run next to the pid (default: this machine's hostname). */
  host?: string;
  /**
   * Called when the set of supervised runs changes. A launch awaits it before the run is
   * marked running (the worker publishes its claim on the run first).
   */
  onChange?: () => void | Promise<void>;
}

/**
 * Runs each run in a forked process of its own process group, relays its IPC messages to
 * the RunLifecycle, stops it (abort, then SIGKILL of the whole group after the grace) and
 * has the run finalised when the process exits, whatever the way (it reports how the process
 * ended; the RunLifecycle decides the final status). Both queue adapters use it: whoever
 * runs the browser must be the one that can kill it.
 */
export class RunSupervisor {
  private readonly children = new Map<string, ActiveChild>();
  private closed = false;
  readonly host: string;

  constructor(private readonly opts: RunSupervisorOptions) {
    this.host = opts.host ?? os.hostname();
    // Temporary folders of runs whose supervisor died (nothing removed them then).
    removeStaleTempDirs(opts.processConfig.dataDir);
  }

  /**
   * Forks the run process and marks the run running. Resolves once it is marked (or found
   * already final: the process is then killed at once and the run left as it is).
   */
  async launch(run: Run): Promise<RunHandle> {
    if (this.closed) throw new Error('run supervisor is closed');
    const { lifecycle, logger } = this.opts;
    const temp = createTempDir(this.opts.processConfig.dataDir, `run-${run.id}`);
    const child = fork(RUN_PROCESS, [], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: [...(fromSource ? ['--import', 'tsx'] : []), ...RUN_PROCESS_NODE_FLAGS],
      env: runProcessEnv(process.env, temp.dir),
      serialization: 'json',
    });
    let resolveFinished!: () => void;
    const active: ActiveChild = {
      run,
      child,
      tree: [],
      temp,
      finished: new Promise((resolve) => (resolveFinished = resolve)),
    };
    this.children.set(run.id, active);
    if (child.pid) {
      const pid = child.pid;
      active.treeTimer = setInterval(() => {
        active.tree = descendants(pid);
      }, TREE_SNAPSHOT_MS);
      active.treeTimer.unref();
    }

    // Stray output of the run process goes to our log, line by line, never lost.
    const relay = (level: 'info' | 'warn') => (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n'))
        if (line.trim()) logger[level]({ runId: run.id }, line);
    };
    child.stdout?.on('data', relay('info'));
    child.stderr?.on('data', relay('warn'));

    child.on('message', (message: ChildMessage) => this.onMessage(active, message));
    let exited = false;
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (exited) return;
      exited = true;
      this.onExit(active, code, signal)
        .catch((err) => logger.error({ err, runId: run.id }, 'failed to finalise run'))
        .finally(() => {
          this.children.delete(run.id);
          resolveFinished();
          this.changed();
        });
    };
    child.on('exit', onExit);
    child.on('error', (err) => {
      logger.error({ err, runId: run.id }, 'run process error');
      // A process that could not be spawned never emits 'exit'.
      if (child.pid === undefined) onExit(null, null);
    });

    try {
      await this.opts.onChange?.();
    } catch (err) {
      logger.warn({ err, runId: run.id }, 'run supervisor change hook failed');
    }
    let marked = false;
    try {
      marked = await lifecycle.started(run, child.pid ?? null, this.host);
    } catch (err) {
      logger.error({ err, runId: run.id }, 'could not mark the run running');
      active.launchError = {
        code: 'launch_failed',
        message: `The run could not be started: ${err instanceof Error ? err.message : String(err)}`,
      };
      if (child.pid) killTree(child.pid);
    }
    if (active.launchError) {
      // Finalised by the exit handler.
    } else if (!marked) {
      // Stopped (or otherwise finalised) between queueing and launch.
      active.stopRequestedBy ??= 'system';
      if (child.pid) killTree(child.pid);
    } else {
      this.send(child, { type: 'start', runId: run.id, config: this.opts.processConfig });
    }
    return { run, pid: child.pid ?? null, finished: active.finished };
  }

  /**
   * Abort now, SIGKILL of the process group after the grace period. False when this
   * supervisor does not hold the run.
   */
  stop(runId: string, stoppedBy: string): boolean {
    const active = this.children.get(runId);
    if (!active) return false;
    if (active.stopRequestedBy) return true;
    active.stopRequestedBy = stoppedBy;
    this.send(active.child, { type: 'abort', by: stoppedBy });
    active.killTimer = setTimeout(() => {
      // Its group and everything it started, a browser in a group of its own included.
      if (active.child.pid) killTree(active.child.pid);
    }, this.opts.stopGraceMs);
    return true;
  }

  /** Whether a stop of the run was already requested here. */
  stopRequested(runId: string): boolean {
    return !!this.children.get(runId)?.stopRequestedBy;
  }

  /** Runs in progress here (as they were when launched). */
  activeRuns(): Run[] {
    return [...this.children.values()].map((a) => a.run);
  }

  /** Pids of run processes in progress (tests assert none outlives its run). */
  activePids(): number[] {
    return [...this.children.values()].map((a) => a.child.pid).filter((p): p is number => !!p);
  }

  /** Takes no more runs, stops those in progress (by `system`) and waits until they are final. */
  async close(stoppedBy = 'system'): Promise<void> {
    this.closed = true;
    while (this.children.size > 0) {
      const running = [...this.children.values()];
      for (const a of running) this.stop(a.run.id, stoppedBy);
      await Promise.all(running.map((a) => a.finished));
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private changed(): void {
    try {
      const result = this.opts.onChange?.();
      if (result instanceof Promise) result.catch(() => {});
    } catch {
      // A failing hook must not break finalisation.
    }
  }

  private onMessage(active: ActiveChild, message: ChildMessage): void {
    const { lifecycle } = this.opts;
    const { run } = active;
    switch (message.type) {
      case 'progress':
        void lifecycle.progress(run.id, message.counters, message.progress);
        break;
      case 'log':
        void lifecycle.log(
          run.account_id,
          run.id,
          message.level,
          message.message,
          { code: message.code, params: message.params },
          message.ts,
        );
        break;
      case 'heartbeat':
        void lifecycle.heartbeat(run.id);
        break;
      case 'done':
        active.done = message;
        break;
    }
  }

  private async onExit(
    active: ActiveChild,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): Promise<void> {
    clearTimeout(active.killTimer);
    clearInterval(active.treeTimer);
    const pid = active.child.pid;
    // Whatever the run process left behind (a browser) is gone before its end is recorded.
    await reapLeftovers(pid, [...active.tree, ...processesWithEnv(`TMPDIR=${active.temp.dir}`)]);
    try {
      active.temp.remove();
    } catch (err) {
      this.opts.logger.warn({ err, runId: active.run.id }, 'could not remove the run temporary folder');
    }
    const { done, stopRequestedBy, run, launchError } = active;
    await this.opts.lifecycle.exited(run, { launchError, stopRequestedBy, done, code, signal });
  }

  private send(child: ChildProcess, message: ParentMessage): void {
    if (child.connected) child.send(message);
  }
}
