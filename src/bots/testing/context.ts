/**
 * Test harness for the bots: a real SQLite store in a throw-away directory, a run row, and
 * a RunContext that records logs, counters and progress in memory. Plus a hand-moved
 * clock, a seeded random source and an instant sleep that advances that clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SETTINGS, deepMerge, type Settings, settingsSchema } from '../../config/settings.ts';
import type { CodedLog, LogCode, LogParams } from '../../contract/logCodes.ts';
import {
  DEFAULT_ACCOUNT_ID,
  type LogLevel,
  type RunCounter,
  type RunCounters,
  type RunOutcome,
  type RunProgress,
  zeroCounters,
} from '../../domain.ts';
import { seededRandom } from '../../random.ts';
import { createStore } from '../../store/index.ts';
import type { Store } from '../../store/interfaces.ts';
import type { BotDeps } from '../common.ts';
import type { RunConfig, RunContext } from '../runContext.ts';

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/**
 * Settings for tests: no delays and the fast rhythm, a window open all day, limits out of
 * the way (no warm-up either: the store of a test is a brand-new account's).
 */
export const TEST_SETTINGS: Settings = settingsSchema.parse(
  deepMerge(DEFAULT_SETTINGS, {
    limits: {
      per_run: 100,
      daily: 100,
      weekly: 500,
      visits_per_run: 100,
      withdrawals_per_run: 100,
      warm_up: false,
    },
    delays: { min_seconds: 0, max_seconds: 0, profile: 'fast' },
    schedule: { window_start: '00:00', window_end: '23:59', timezone: 'Europe/Paris' },
  }),
);

export interface TestStore {
  store: Store;
  dir: string;
  close(): Promise<void>;
}

export async function createTestStore(): Promise<TestStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-bots-'));
  const store = await createStore({ databaseUrl: path.join(dir, 'test.sqlite') });
  await store.accounts.ensure(DEFAULT_ACCOUNT_ID, 'Default', new Date().toISOString());
  return {
    store,
    dir,
    async close() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestRunOptions {
  type?: string;
  dryRun?: boolean;
  options?: Record<string, unknown>;
  /** Deep-merged over TEST_SETTINGS and validated. */
  settings?: DeepPartial<Settings>;
  testRuns?: boolean;
  queuedAt?: Date;
}

export interface LoggedLine extends CodedLog {
  level: LogLevel;
  message: string;
}

export interface TestRun {
  ctx: RunContext;
  controller: AbortController;
  logs: LoggedLine[];
  counters: RunCounters;
  progress: RunProgress;
  outcomes(): Promise<RunOutcome[]>;
  /** Log messages containing `text`. */
  logged(text: string): string[];
  /** The parameters of the lines logged with `code`. */
  paramsOf(code: LogCode): LogParams[];
}

/** Finishes the account's active runs (the previous test run), then creates and starts a new one. */
export async function createTestRun(store: Store, opts: TestRunOptions = {}): Promise<TestRun> {
  const at = (opts.queuedAt ?? new Date()).toISOString();
  for (const active of await store.runs.listActive(DEFAULT_ACCOUNT_ID)) {
    await store.runs.finish(active.id, { status: 'succeeded', at });
  }
  const created = await store.runs.createIfIdle({
    account_id: DEFAULT_ACCOUNT_ID,
    type: opts.type ?? 'birthday',
    trigger: 'manual',
    dry_run: opts.dryRun ?? false,
    options: opts.options ?? {},
    queued_at: at,
  });
  if (!created) throw new Error('could not create the test run');
  await store.runs.markRunning(created.id, at, process.pid, 'test');
  const run = (await store.runs.get(created.id))!;
  const settings = settingsSchema.parse(deepMerge(TEST_SETTINGS, opts.settings ?? {}));
  const controller = new AbortController();
  const logs: LoggedLine[] = [];
  const counters = zeroCounters();
  const progress: RunProgress = {};
  const config: RunConfig = {
    dataDir: os.tmpdir(),
    databaseUrl: ':memory:',
    linkedinBaseUrl: 'https://www.linkedin.com',
    chromiumProcessModel: 'single',
    logLevel: 'silent',
    testRuns: opts.testRuns ?? false,
    secretKey: 'x'.repeat(40),
  };
  const ctx: RunContext = {
    run,
    signal: controller.signal,
    store,
    config,
    settings,
    counters,
    log: (level, message, what) => logs.push({ level, message, ...what }),
    count: (counter: RunCounter, by = 1) => {
      counters[counter] += by;
    },
    progress: (update) => Object.assign(progress, update),
  };
  return {
    ctx,
    controller,
    logs,
    counters,
    progress,
    outcomes: () => store.outcomes.listForRun(run.id),
    logged: (text) => logs.map((l) => l.message).filter((m) => m.includes(text)),
    paramsOf: (code) => logs.filter((l) => l.code === code).map((l) => l.params),
  };
}

/** A clock moved by hand (and by `instantSleep`). */
export class TestClock {
  private ms: number;
  constructor(start: string | Date) {
    this.ms = new Date(start).getTime();
  }
  readonly now = (): Date => new Date(this.ms);
  set(at: string | Date): void {
    this.ms = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export { seededRandom } from '../../random.ts';

/**
 * Bot deps for tests: the clock, a seeded random, and a sleep that returns at once after
 * advancing the clock (and records each wait). An aborted signal makes it reject.
 */
export function testDeps(
  clock: TestClock,
  random: () => number = seededRandom(),
): BotDeps & {
  sleeps: number[];
} {
  const sleeps: number[] = [];
  return {
    now: clock.now,
    random,
    sleeps,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (signal.aborted) throw new Error('aborted');
      clock.advance(ms);
    },
  };
}
