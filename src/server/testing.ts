import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Clock } from '../clock.ts';
import { loadConfig } from '../config/env.ts';
import {
  DEFAULT_ACCOUNT_ID,
  type FinalRunStatus,
  type Run,
  type RunCounters,
  type RunError,
  zeroCounters,
} from '../domain.ts';
import type { Logger } from '../logger.ts';
import { createContext } from '../processes/server.ts';
import type { Store } from '../store/interfaces.ts';
import { type App, buildApp } from './app.ts';
import type { AppContext } from './context.ts';

/**
 * Test harness: a real app over a real SQLite store in a throw-away DATA_DIR, driven with
 * `app.inject` (no port is opened).
 */

export const TEST_API_KEY = 'test-api-key-0123456789';
export const TEST_ADMIN_PASSWORD = 'admin-password-1';

export interface TestApp {
  app: App;
  ctx: AppContext;
  apiKey: string;
  dataDir: string;
  /** Logs the admin in; returns the `cookie` header value to send back. */
  login(): Promise<string>;
  /** `app.inject` with the API key header unless the request sets its own headers. */
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start: string | Date = '2025-06-15T10:00:00.000Z') {
    this.ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  set(at: string | Date): void {
    this.ms = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export async function startTestApp(
  opts: { env?: Record<string, string>; clock?: Clock; dashboardDir?: string | null; logger?: Logger } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    API_KEY: TEST_API_KEY,
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    SECRET_KEY: 'x'.repeat(40),
    LOG_LEVEL: 'silent',
    LBB_TEST_JOBS: '1',
    ...opts.env,
  });
  let ctx: AppContext | undefined;
  let app: App | undefined;
  const close = async () => {
    await app?.close();
    await ctx?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    ctx = await createContext(config, { clock: opts.clock, logger: opts.logger, startBackground: true });
    app = await buildApp(ctx, { dashboardDir: opts.dashboardDir });
    await app.ready();
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
  const readyApp = app;
  const apiKey = config.apiKey ?? TEST_API_KEY;
  return {
    app: readyApp,
    ctx,
    apiKey,
    dataDir,
    async login() {
      const res = await readyApp.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: config.adminUsername, password: config.adminPassword ?? TEST_ADMIN_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies[0];
      if (!cookie) throw new Error('login answered without a session cookie');
      return `${cookie.name}=${cookie.value}`;
    },
    request(options) {
      return readyApp.inject({ ...options, headers: options.headers ?? { 'x-api-key': apiKey } });
    },
    close,
  };
}

/**
 * A finished run straight in the store (no process is started), active at `at`: for
 * history, stats and listings. The account must have no active run.
 */
export async function seedFinishedRun(
  store: Store,
  opts: {
    at: string;
    counters?: Partial<RunCounters>;
    type?: string;
    status?: FinalRunStatus;
    dryRun?: boolean;
    accountId?: string;
    endedAt?: string;
  },
): Promise<Run> {
  const run = await store.runs.createIfIdle({
    account_id: opts.accountId ?? DEFAULT_ACCOUNT_ID,
    type: opts.type ?? 'birthday',
    trigger: 'manual',
    dry_run: opts.dryRun ?? false,
    options: {},
    queued_at: opts.at,
  });
  if (!run) throw new Error('seedFinishedRun: the account already has an active run');
  await store.runs.markRunning(run.id, opts.at, null, null);
  await store.runs.finish(run.id, {
    status: opts.status ?? 'succeeded',
    at: opts.endedAt ?? opts.at,
    counters: { ...zeroCounters(), ...opts.counters },
  });
  return (await store.runs.get(run.id))!;
}

/**
 * The runs the stats and history tests count by local day, around Sunday 15 June 2025
 * 12:00 in Paris (UTC+2): 3 sent and 1 error at 10:00 on the 15th; 2 sent at 00:30 on the
 * 15th (still the 14th in UTC); 10 profiles visited at 23:30 on the 14th; 4 invitations
 * withdrawn on the 9th; and `lastOutside` sent at 23:59 on the 8th, just outside the 7 days.
 */
export async function seedParisWeek(store: Store, lastOutside: number): Promise<void> {
  await seedFinishedRun(store, { at: '2025-06-15T08:00:00.000Z', counters: { messages_sent: 3, errors: 1 } });
  await seedFinishedRun(store, { at: '2025-06-14T22:30:00.000Z', counters: { messages_sent: 2 } });
  await seedFinishedRun(store, {
    at: '2025-06-14T21:30:00.000Z',
    type: 'visitor',
    counters: { profiles_visited: 10 },
  });
  await seedFinishedRun(store, {
    at: '2025-06-09T10:00:00.000Z',
    type: 'invitations',
    counters: { invitations_withdrawn: 4 },
  });
  await seedFinishedRun(store, { at: '2025-06-08T21:59:00.000Z', counters: { messages_sent: lastOutside } });
}

/**
 * A birthday run that ends as its run process reports LinkedIn pushing back (`error.pushback`),
 * through the lifecycle like a real run's end (which pauses the account). Returns its id.
 */
export async function runMeetsPushback(ctx: AppContext, error: RunError): Promise<string> {
  const run = await ctx.store.runs.createIfIdle({
    account_id: DEFAULT_ACCOUNT_ID,
    type: 'birthday',
    trigger: 'manual',
    dry_run: false,
    options: {},
    queued_at: ctx.clock.now().toISOString(),
  });
  if (!run) throw new Error('runMeetsPushback: the account already has an active run');
  await ctx.lifecycle.finish(run, { status: 'failed', error });
  return run.id;
}
