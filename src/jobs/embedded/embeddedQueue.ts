import os from 'node:os';
import type { Logger } from 'pino';
import type { RunConfig } from '../../bots/runContext.ts';
import type { Run } from '../../domain.ts';
import { interruptOrphans } from '../../runner/orphans.ts';
import { RunSupervisor } from '../../runner/runSupervisor.ts';
import type { Store } from '../../store/interfaces.ts';
import type { RunQueue, WorkerInfo } from '../interfaces.ts';
import type { RunLifecycle } from '../lifecycle.ts';

export interface EmbeddedQueueOptions {
  store: Store;
  lifecycle: RunLifecycle;
  logger: Logger;
  processConfig: RunConfig;
  /** Abort → hard kill delay. */
  stopGraceMs: number;
}

/**
 * Default adapter: the queue is the `runs` table, each run executes in a forked process
 * (own process group, through the RunSupervisor) on this machine. One run at a time per
 * account.
 */
export class EmbeddedQueue implements RunQueue {
  readonly mode = 'embedded' as const;
  private readonly host = os.hostname();
  private readonly supervisor: RunSupervisor;
  private closed = false;
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;

  constructor(private readonly opts: EmbeddedQueueOptions) {
    this.supervisor = new RunSupervisor({
      lifecycle: opts.lifecycle,
      logger: opts.logger,
      processConfig: opts.processConfig,
      stopGraceMs: opts.stopGraceMs,
      host: this.host,
    });
  }

  async start(): Promise<void> {
    const { store, lifecycle, logger } = this.opts;
    // Runs left running by a dead server: their process is gone (or orphaned: kill it).
    await interruptOrphans(
      (await store.runs.listActive()).filter((run) => run.status !== 'queued'),
      {
        lifecycle,
        logger,
        host: this.host,
        message: 'The process running this run died',
        note: 'marked run interrupted (left active by a previous process)',
      },
    );
    await this.pump();
  }

  async enqueue(_run: Run): Promise<void> {
    // Launch on the next turn of the event loop: forking blocks it for tens of milliseconds,
    // and the `queued` event and the HTTP answer should leave first.
    setImmediate(() => {
      this.pump().catch((err) => this.opts.logger.error({ err }, 'queue pump failed'));
    });
  }

  async stop(run: Run, stoppedBy: string): Promise<void> {
    if (this.supervisor.stop(run.id, stoppedBy)) return;
    // Not picked up yet (or held by no process at all): nothing to abort.
    await this.opts.lifecycle.stoppedBeforeStart(run, stoppedBy);
  }

  async workers(): Promise<WorkerInfo> {
    return { mode: 'embedded', status: this.closed ? 'offline' : 'online', count: this.closed ? 0 : 1 };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pumping;
    await this.supervisor.close();
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
        const busy = new Set(this.supervisor.activeRuns().map((r) => r.account_id));
        for (const run of await this.opts.store.runs.listActive()) {
          if (this.closed) break;
          if (run.status !== 'queued' || busy.has(run.account_id)) continue;
          busy.add(run.account_id);
          const handle = await this.supervisor.launch(run);
          handle.finished.then(() =>
            this.pump().catch((err) => this.opts.logger.error({ err }, 'queue pump failed')),
          );
        }
      } while (this.pumpAgain);
    })().finally(() => {
      this.pumping = null;
    });
    return this.pumping;
  }

  /** Pids of run processes in progress (tests assert none outlives its run). */
  activePids(): number[] {
    return this.supervisor.activePids();
  }
}
