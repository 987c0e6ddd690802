/**
 * The child side shared by the processes the server (or worker) forks in a process group
 * of their own, a run process and a browser-task process: how one leaves once its work is
 * done, and what it does when its parent goes away or something throws uncaught.
 */

import type { Serializable } from 'node:child_process';
import { descendants, killGroup, killRefs } from './processGroup.ts';

/** After the parent vanished, how long the child's work gets to clean up (close its browser) before it exits anyway. */
const ORPHAN_GRACE_MS = 2000;

export interface ForkedChild {
  /**
   * Sends the last message and exits (0) once the parent has it, after `cleanup`. With no
   * parent left, whatever the child left running (a browser in its own group too) goes along.
   */
  finish(last: Serializable, cleanup?: () => Promise<void>): Promise<never>;
}

/** Kills what this process started (a browser in its own group too), then its group: itself. */
function killEverything(): void {
  killRefs(descendants(process.pid));
  killGroup(process.pid);
}

/**
 * Sets up this process as a forked child: when the parent dies or is killed before the
 * child finished, `controller` aborts the work, which gets a moment to close its browser;
 * then the child leaves with its whole process group (a browser that did not close goes
 * too). An uncaught error or rejection before then goes to `crashed`, which should finish.
 */
export function forkedChild(
  controller: AbortController,
  crashed: (err: unknown) => Promise<never>,
): ForkedChild {
  let finished = false;
  let orphaned = false;

  process.on('disconnect', () => {
    if (finished) return;
    orphaned = true;
    controller.abort(new Error('Server went away'));
    setTimeout(() => {
      killEverything();
      process.exit(1);
    }, ORPHAN_GRACE_MS).unref();
  });

  const onCrash = (err: unknown) => {
    if (!finished) crashed(err).catch(() => process.exit(1));
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  return {
    async finish(last, cleanup) {
      finished = true;
      // Exit only once the parent has the message: IPC sends are asynchronous.
      await new Promise<void>((resolve) => {
        if (!process.connected || !process.send) return resolve();
        process.send(last, () => resolve());
      });
      await cleanup?.();
      if (orphaned) killEverything();
      process.exit(0);
    },
  };
}
