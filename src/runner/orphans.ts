import type { Run } from '../domain.ts';
import type { Logger } from '../logger.ts';
import { killTree } from './processGroup.ts';
import { isRunProcess } from './runSupervisor.ts';

/**
 * The one recovery of orphaned runs (both adapters at start, the distributed server's
 * periodic check): runs left active by a process that is gone. A run process of this host
 * still there (its parent died) is killed with its group and what it started; each run is
 * recorded `interrupted` by the lifecycle.
 */
export async function interruptOrphans(
  runs: readonly Run[],
  deps: {
    lifecycle: { interrupted(run: Run, message: string): Promise<unknown> };
    logger: Logger;
    /** This machine's name: run processes recorded on it are killed. Omitted: none is. */
    host?: string;
    /** The run's error message. */
    message: string;
    /** The warning logged per run. */
    note: string;
  },
): Promise<void> {
  const { lifecycle, logger, host, message, note } = deps;
  for (const run of runs) {
    if (host && run.host === host && run.pid && isRunProcess(run.pid)) killTree(run.pid);
    await lifecycle.interrupted(run, message);
    logger.warn({ runId: run.id, host: run.host }, note);
  }
}
