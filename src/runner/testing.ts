/**
 * Test helper for browser tasks: the task options for the sandbox, with every task process
 * and everything it started recorded (sampled while it runs), to prove that nothing
 * outlives a task.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../logger.ts';
import type { TestApp } from '../server/testing.ts';
import type { BrowserTaskOptions } from './browserTask.ts';
import { commandLine, descendants, type ProcessRef, processRef } from './processGroup.ts';

export interface RecordedTasks {
  /** Options for a ProcessSessionChecker or ProcessDoctor on the test app and this base URL. */
  options: BrowserTaskOptions;
  /** Pids of the task processes started, in order. */
  spawned: number[];
  /** Stops sampling; the processes seen, and whether a browser was among them. */
  tree(): { refs: ProcessRef[]; browser: boolean };
}

export function recordTasks(
  t: TestApp,
  linkedinBaseUrl: string,
  opts: Partial<BrowserTaskOptions> = {},
): RecordedTasks {
  const spawned: number[] = [];
  const seen = new Map<string, ProcessRef>();
  let browser = false;
  let sampling = true;
  const sample = async (pid: number) => {
    const self = processRef(pid);
    if (self) seen.set(`${self.pid}:${self.start}`, self);
    while (sampling) {
      for (const ref of descendants(pid)) {
        seen.set(`${ref.pid}:${ref.start}`, ref);
        browser ||= /chrom/i.test(commandLine(ref.pid) ?? '');
      }
      await sleep(25);
    }
  };
  return {
    options: {
      store: t.ctx.store,
      secretKey: t.ctx.secretKey,
      dataDir: t.dataDir,
      linkedinBaseUrl,
      chromiumPath: process.env.CHROMIUM_PATH || undefined,
      logger: createLogger('silent'),
      onSpawn: (pid) => {
        spawned.push(pid);
        void sample(pid);
      },
      ...opts,
    },
    spawned,
    tree() {
      sampling = false;
      return { refs: [...seen.values()], browser };
    },
  };
}
