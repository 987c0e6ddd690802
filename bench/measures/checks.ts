/**
 * 6. Server RSS over LinkedIn session checks: the built server spawned as `npm start` runs
 * it, over the LinkedIn sandbox; the sandbox session stored (`PUT /api/linkedin/session`),
 * then 20 sequential `POST /api/linkedin/session/check`, each of which must answer 200 with
 * status `valid`. The check runs in a child process of its own (src/runner/sessionCheck.ts),
 * so the server's RSS should not keep what Playwright and the check cost: its VmRSS is read
 * before the first check and after the last (each after the same short pause), and after
 * every check in between.
 */
import fs from 'node:fs';
import { descendants } from '../../src/runner/processGroup.ts';
import { DIST_ARGS, DIST_CLI, readStatusKb } from '../../test/support/serverProcess.ts';
import { sleep, waitFor } from '../../test/support/waitFor.ts';
import { startProductStack } from '../lib/productStack.ts';
import { BENCH_API_KEY } from '../lib/server.ts';
import { round, type Summary, summarize } from '../lib/stats.ts';
import { progress } from '../lib/wait.ts';

export const SESSION_CHECKS = 20;
/** The pause before each of the two readings (the last check's process reaped, timers settled). */
const SETTLE_MS = 3000;
const CHECK_TIMEOUT_MS = 90_000;
const MB = 1024;

export interface ChecksResult {
  command: string;
  startupMs: number;
  /** Some file under src/ is newer than dist/ (or missing from it): the figure is an old build's. */
  stale: boolean;
  settleMs: number;
  checks: number;
  /** Checks that answered 200 with status `valid`. */
  valid: number;
  /** The others: `#n: <status> <body>`. */
  failures: string[];
  /** Server VmRSS (MB) after the session was stored, and after the last check (each after SETTLE_MS). */
  beforeMb: number;
  afterMb: number;
  growthMb: number;
  /** Server VmRSS (MB) right after each check's answer. */
  afterEachMb: number[];
  /** afterMb minus the lowest of afterEachMb: growth once start-up garbage is collected. */
  fromLowestMb: number;
  /** Server VmHWM (MB) at the end: its peak RSS over its whole life. */
  peakMb: number;
  /** Request → answer of each check (process fork, Chromium launch, the feed, the exit). */
  durationMs: number[];
  duration: Summary;
  /** Processes still under the server after the last check and the pause (a leaked check or browser). */
  processesLeft: number;
}

/**
 * Starts the sandbox and the built server, stores the session, runs the checks.
 * `onCleanup` receives the stack's close (an interrupted bench must not leave them behind).
 */
export async function measureChecks(
  opts: { checks?: number; onCleanup?: (fn: () => Promise<void>) => void } = {},
): Promise<ChecksResult> {
  const checks = opts.checks ?? SESSION_CHECKS;
  if (!fs.existsSync(DIST_CLI)) throw new Error('dist/cli.js not built (npm run build)');
  progress('checks: starting the LinkedIn sandbox and the built server (spawned)');
  const stack = await startProductStack({ per_run: 10, daily: 100, weekly: 500 }, DIST_ARGS);
  opts.onCleanup?.(() => stack.close());
  const { server } = stack;
  try {
    // A sandbox world and its session, stored as the account's LinkedIn session (PUT).
    await stack.reset({ seed: 99, contacts: 50, today: 5, late: 0, invitations: 0, locale: 'en' });
    const rssMb = () => round(readStatusKb(server.pid, 'VmRSS') / MB);
    await sleep(SETTLE_MS);
    const beforeMb = rssMb();
    progress(`checks: server RSS ${beforeMb} MB; ${checks} session checks, one after the other`);
    const afterEachMb: number[] = [];
    const durationMs: number[] = [];
    const failures: string[] = [];
    let valid = 0;
    for (let i = 1; i <= checks; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/linkedin/session/check`, {
        method: 'POST',
        headers: { 'x-api-key': BENCH_API_KEY },
        signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
      });
      const text = await res.text();
      durationMs.push(performance.now() - t0);
      afterEachMb.push(rssMb());
      let status: unknown;
      try {
        status = (JSON.parse(text) as { status?: unknown }).status;
      } catch {
        status = undefined;
      }
      if (res.status === 200 && status === 'valid') valid++;
      else failures.push(`#${i}: ${res.status} ${text.slice(0, 300)}`);
      const exit = server.exit();
      if (exit) throw new Error(`the server exited (${exit}) during check #${i}: ${server.outputTail()}`);
    }
    // The last check's process (and its browser) are gone once the answer is sent; wait
    // for it anyway before the pause, so the reading is of the server alone.
    await waitFor(() => descendants(server.pid).length === 0, {
      intervalMs: 100,
      timeoutMs: 10_000,
      what: 'the session check processes to end',
    }).catch(() => {});
    await sleep(SETTLE_MS);
    const afterMb = rssMb();
    const processesLeft = descendants(server.pid).length;
    progress(`checks: ${valid}/${checks} valid; server RSS ${beforeMb} → ${afterMb} MB`);
    return {
      command: server.command,
      startupMs: server.startupMs,
      stale: server.stale,
      settleMs: SETTLE_MS,
      checks,
      valid,
      failures,
      beforeMb,
      afterMb,
      growthMb: round(afterMb - beforeMb),
      afterEachMb,
      fromLowestMb: round(afterMb - Math.min(...afterEachMb)),
      peakMb: round(readStatusKb(server.pid, 'VmHWM') / MB),
      durationMs: durationMs.map((ms) => round(ms)),
      duration: summarize(durationMs),
      processesLeft,
    };
  } finally {
    await stack.close();
  }
}
