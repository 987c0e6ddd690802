/**
 * Seeds a SQLite store fast: the schema comes from the real migrations (`openDatabase`),
 * rows go in through Kysely multi-row inserts inside one transaction, typed against the
 * store's table types so a schema change breaks the bench at compile time.
 */
import fs from 'node:fs';
import type { Insertable } from 'kysely';
import type { FinalRunStatus, LogLevel, RunTrigger } from '../../src/domain.ts';
import { DEFAULT_ACCOUNT_ID } from '../../src/domain.ts';
import { seededRandom } from '../../src/random.ts';
import { openDatabase, sqliteFilePath } from '../../src/store/db.ts';
import type { LogsTable, RunsTable } from '../../src/store/schema.ts';

export interface SeedOptions {
  runs: number;
  logs: number;
  /** Runs are spread over this many days ending now. */
  days: number;
  seed?: number;
}

export interface SeedResult {
  runs: number;
  logs: number;
  ms: number;
  fileBytes: number;
}

const DAY_MS = 24 * 3600 * 1000;
/** Rows per INSERT: stays well below SQLite's 32,766 bound parameters. */
const RUN_BATCH = 500;
const LOG_BATCH = 1000;

function pick<T>(rand: () => number, weighted: readonly (readonly [T, number])[]): T {
  let r = rand() * weighted.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return weighted.at(-1)![0];
}

const TYPES = [
  ['birthday', 5],
  ['visitor', 3],
  ['invitations', 2],
] as const;
const STATUSES: readonly (readonly [FinalRunStatus, number])[] = [
  ['succeeded', 80],
  ['failed', 8],
  ['stopped', 8],
  ['interrupted', 4],
];
const TRIGGERS: readonly (readonly [RunTrigger, number])[] = [
  ['schedule', 6],
  ['manual', 3],
  ['api', 1],
];
const LEVELS: readonly (readonly [LogLevel, number])[] = [
  ['info', 85],
  ['warn', 8],
  ['error', 4],
  ['debug', 3],
];
const FAILURES = [
  { code: 'rate_limited', message: 'LinkedIn answered with a rate limit page' },
  { code: 'browser_crashed', message: 'The run process died unexpectedly (signal SIGKILL)' },
  { code: 'auth_required', message: 'The LinkedIn session has expired' },
];

function int(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

function makeRun(rand: () => number, index: number, queuedMs: number): Insertable<RunsTable> {
  const type = pick(rand, TYPES);
  const status = pick(rand, STATUSES);
  const trigger = pick(rand, TRIGGERS);
  const startedMs = queuedMs + int(rand, 200, 5000);
  const endedMs = startedMs + int(rand, 30_000, 20 * 60_000);
  const errors = status === 'failed' ? int(rand, 1, 3) : rand() < 0.1 ? 1 : 0;
  const started = new Date(startedMs).toISOString();
  const failure = FAILURES[int(rand, 0, FAILURES.length - 1)]!;
  return {
    id: `bench-run-${String(index).padStart(6, '0')}`,
    account_id: DEFAULT_ACCOUNT_ID,
    type,
    status,
    trigger,
    dry_run: rand() < 0.1 ? 1 : 0,
    options: type === 'birthday' ? '{"process_late":true,"max_days_late":10}' : '{}',
    queued_at: new Date(queuedMs).toISOString(),
    started_at: started,
    ended_at: new Date(endedMs).toISOString(),
    activity_at: started,
    error:
      status === 'failed'
        ? JSON.stringify(failure)
        : status === 'interrupted'
          ? JSON.stringify({ code: 'interrupted', message: 'The process running this run died' })
          : null,
    stopped_by: status === 'stopped' ? (rand() < 0.7 ? 'user:admin' : 'api_key') : null,
    progress: JSON.stringify({ found: int(rand, 0, 40) }),
    heartbeat_at: new Date(endedMs).toISOString(),
    schedule_date: trigger === 'schedule' ? started.slice(0, 10) : null,
    pid: null,
    host: null,
    messages_sent: type === 'birthday' ? int(rand, 0, 15) : 0,
    skipped: int(rand, 0, 5),
    errors,
    profiles_visited: type === 'visitor' ? int(rand, 0, 15) : 0,
    invitations_withdrawn: type === 'invitations' ? int(rand, 0, 20) : 0,
  };
}

function logMessage(rand: () => number, level: LogLevel, n: number): string {
  const contact = `Contact ${int(rand, 1, 5000)}`;
  switch (level) {
    case 'error':
      return `Could not send the message to ${contact}: composer did not open`;
    case 'warn':
      return `Slow page load (${int(rand, 3, 20)} s) on the birthday page`;
    case 'debug':
      return `Waiting ${int(rand, 90, 180)} s before the next action (step ${n})`;
    default:
      return `Wished happy birthday to ${contact} (template ${int(rand, 1, 6)})`;
  }
}

export async function seedDatabase(databaseUrl: string, opts: SeedOptions): Promise<SeedResult> {
  const t0 = performance.now();
  // Deterministic: the same seed gives the same data set.
  const rand = seededRandom(opts.seed ?? 42);
  const { db } = await openDatabase({ databaseUrl });
  try {
    const now = Date.now();
    const span = opts.days * DAY_MS;
    // Oldest first, evenly spread with jitter; the newest run ends before now.
    const runs = Array.from({ length: opts.runs }, (_, i) =>
      makeRun(rand, i, now - span + ((i + rand() * 0.9) * (span - DAY_MS / 24)) / opts.runs),
    );
    const perRun = Math.ceil(opts.logs / Math.max(1, runs.length));
    const logs: Insertable<LogsTable>[] = [];
    for (const run of runs) {
      const from = Date.parse(run.started_at!);
      const to = Date.parse(run.ended_at!);
      for (let j = 0; j < perRun && logs.length < opts.logs; j++) {
        const level = pick(rand, LEVELS);
        logs.push({
          account_id: DEFAULT_ACCOUNT_ID,
          ts: new Date(from + ((to - from) * j) / perRun).toISOString(),
          level,
          run_id: run.id,
          message: logMessage(rand, level, j + 1),
        });
      }
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < runs.length; i += RUN_BATCH) {
        await trx
          .insertInto('runs')
          .values(runs.slice(i, i + RUN_BATCH))
          .execute();
      }
      for (let i = 0; i < logs.length; i += LOG_BATCH) {
        await trx
          .insertInto('logs')
          .values(logs.slice(i, i + LOG_BATCH))
          .execute();
      }
    });
    return {
      runs: runs.length,
      logs: logs.length,
      ms: performance.now() - t0,
      fileBytes: fileSize(databaseUrl),
    };
  } finally {
    await db.destroy();
  }
}

function fileSize(databaseUrl: string): number {
  const file = sqliteFilePath(databaseUrl);
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += fs.statSync(file + suffix).size;
    } catch {
      // No WAL file (checkpointed on close).
    }
  }
  return bytes;
}
