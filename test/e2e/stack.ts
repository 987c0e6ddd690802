import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config/env.ts';
import { deepMerge } from '../../src/config/settings.ts';
import type { Run, RunOutcome } from '../../src/domain.ts';
import { createLogger } from '../../src/logger.ts';
import type { NotifierOverrides } from '../../src/notify/notifier.ts';
import { createContext } from '../../src/processes/server.ts';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/server.ts';
import type { ResetOptions } from '../../src/sandbox/world.ts';
import { type App, buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { SandboxContact, SandboxMessage } from '../support/sandbox.ts';
import { waitFor } from '../support/waitFor.ts';

export const API_KEY = 'e2e-api-key-0123456789';

/**
 * The whole product over the real sandbox: server context and app in this process, every
 * run in its own process driving Debian's Chromium, the sandbox on a free port.
 */
export interface Stack {
  sandbox: SandboxHandle;
  ctx: AppContext;
  app: App;
  dataDir: string;
  /** `http://127.0.0.1:<port>` when started with `serve`, else null (the app is only injected into). */
  url: string | null;
  api(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
  /** Resets the sandbox and stores its new session as the account's LinkedIn session. */
  reset(options?: Partial<ResetOptions>): Promise<void>;
  faults(faults: Record<string, unknown>): Promise<void>;
  sandboxGet<T>(pathname: string): Promise<T>;
  messages(): Promise<SandboxMessage[]>;
  contacts(): Promise<SandboxContact[]>;
  /** Starts a run through the API; returns its id. */
  start(jobType: string, body?: Record<string, unknown>): Promise<string>;
  /** Waits until the run is final; returns it with its outcomes. */
  finished(runId: string, timeoutMs?: number): Promise<Run & { outcomes: RunOutcome[] }>;
  waitForStatus(runId: string, status: string, timeoutMs?: number): Promise<Run>;
  /**
   * Server restart over the same DATA_DIR: closes the app (dropping open connections such as
   * dashboards' event streams) and the context, then builds new ones; with `serve`, they listen on
   * the same port unless another is given (0: a free one).
   */
  restart(opts?: { port?: number }): Promise<void>;
  close(): Promise<void>;
}

export const ADMIN_USERNAME = 'admin';
export const ADMIN_PASSWORD = 'e2e-admin-password';

export interface StackOptions {
  reset?: Partial<ResetOptions>;
  settings?: Record<string, unknown>;
  /**
   * Listen on 127.0.0.1 (port 0: a free one) and serve the dashboard from `dashboardDir`
   * (default: the server's own lookup, i.e. dist/web). Without it nothing listens.
   */
  serve?: { port?: number; dashboardDir?: string };
  /** The notifications' adapters and sender timings. */
  notifier?: NotifierOverrides;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const sandbox = await startSandbox({ port: 0 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-e2e-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    API_KEY,
    ADMIN_PASSWORD,
    SECRET_KEY: 'e'.repeat(40),
    LBB_TEST_JOBS: '1',
    LINKEDIN_BASE_URL: sandbox.url,
    CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '',
  });
  const boot = async (port: number | undefined) => {
    const ctx = await createContext(config, { logger: createLogger('silent'), notifier: opts.notifier });
    const app = await buildApp(
      ctx,
      opts.serve?.dashboardDir ? { dashboardDir: opts.serve.dashboardDir } : {},
    );
    let url: string | null = null;
    if (port === undefined) {
      await app.ready();
    } else {
      await app.listen({ port, host: '127.0.0.1' });
      const address = app.server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
    }
    return { ctx, app, url };
  };
  const shutdown = async () => {
    const closing = stack.app.close();
    // Open event streams (dashboards) would hold the HTTP server open until their clients go.
    if (stack.url) stack.app.server.closeAllConnections();
    await closing;
    await stack.ctx.close();
  };

  const { ctx, app, url } = await boot(opts.serve ? (opts.serve.port ?? 0) : undefined);

  const api: Stack['api'] = (method, url, payload) =>
    stack.app.inject({
      method,
      url,
      headers: { 'x-api-key': API_KEY },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const sandboxFetch = async (pathname: string, init?: RequestInit) => {
    const res = await fetch(`${sandbox.url}${pathname}`, init);
    if (!res.ok) throw new Error(`sandbox ${pathname}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const expectOk = (res: LightMyRequestResponse, what: string) => {
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return res;
  };

  /** Every test's browser refuses linkedin.com (the driver logs each refusal): none may happen. */
  const assertNoLinkedInRequest = async (runId: string) => {
    const res = await api('GET', `/api/logs?run_id=${encodeURIComponent(runId)}&limit=500`);
    const logs = (res.json() as { logs: { message: string }[] }).logs;
    const refused = logs.filter((l) => /Refused a request to linkedin\.com/.test(l.message));
    if (refused.length > 0) {
      throw new Error(
        `run ${runId} tried to reach linkedin.com: ${refused.map((l) => l.message).join('; ')}`,
      );
    }
  };

  const stack: Stack = {
    sandbox,
    ctx,
    app,
    dataDir,
    url,
    api,
    async reset(options = {}) {
      await sandboxFetch('/__sandbox/reset', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(options),
      });
      const session = (await sandboxFetch('/__sandbox/session')) as {
        cookies: { name: string; value: string }[];
      };
      const cookies = Object.fromEntries(session.cookies.map((c) => [c.name, c.value]));
      expectOk(await api('PUT', '/api/linkedin/session', { cookies }), 'store session');
    },
    async faults(faults) {
      await sandboxFetch('/__sandbox/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(faults),
      });
    },
    sandboxGet: async <T>(pathname: string) => (await sandboxFetch(pathname)) as T,
    messages: async () =>
      ((await sandboxFetch('/__sandbox/messages')) as { messages: SandboxMessage[] }).messages,
    contacts: async () =>
      ((await sandboxFetch('/__sandbox/state')) as { contacts: SandboxContact[] }).contacts,
    async start(jobType, body = {}) {
      // Birthday runs go whatever the hour: the window (00:00–23:59) leaves out the day's last
      // minute, when the tests would otherwise meet outside_window.
      const options =
        jobType === 'birthday' ? { force: true, ...(body.options as object | undefined) } : body.options;
      const res = expectOk(
        await api('POST', '/api/bot/action', {
          action: 'start',
          job_type: jobType,
          dry_run: false,
          ...body,
          ...(options ? { options } : {}),
        }),
        'start',
      );
      return (res.json() as { run: { id: string } }).run.id;
    },
    async finished(runId, timeoutMs = 120_000) {
      let last = '?';
      const run = await waitFor(
        async () => {
          const run = (await api('GET', `/api/runs/${runId}`)).json() as Run & { outcomes: RunOutcome[] };
          last = run.status;
          return ['succeeded', 'failed', 'stopped', 'interrupted'].includes(run.status) ? run : null;
        },
        { timeoutMs, intervalMs: 100, what: () => `run ${runId} to end (still ${last})` },
      );
      await assertNoLinkedInRequest(runId);
      return run;
    },
    async waitForStatus(runId, status, timeoutMs = 60_000) {
      let last = '?';
      return waitFor(
        async () => {
          const run = (await api('GET', `/api/runs/${runId}`)).json() as Run;
          last = run.status;
          return run.status === status ? run : null;
        },
        { timeoutMs, intervalMs: 50, what: () => `run ${runId} to be ${status} (it is ${last})` },
      );
    },
    async restart(restartOpts = {}) {
      await shutdown();
      const port = stack.url ? (restartOpts.port ?? Number(new URL(stack.url).port)) : undefined;
      Object.assign(stack, await boot(port));
    },
    async close() {
      await shutdown();
      await sandbox.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };

  expectOk(
    await api(
      'PATCH',
      '/api/settings',
      deepMerge(
        {
          // The sandbox's fast rhythm; no warm-up (each test's account is brand new).
          delays: { min_seconds: 0, max_seconds: 0, profile: 'fast' },
          limits: { per_run: 100, daily: 100, weekly: 500, warm_up: false },
          schedule: { window_start: '00:00', window_end: '23:59' },
        },
        opts.settings ?? {},
      ),
    ),
    'settings',
  );
  await stack.reset(opts.reset);
  return stack;
}

/** Every process whose command line mentions Chromium and whose group is `pgid` (none must outlive a run). */
export function chromiumProcesses(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
      if (state !== 'Z' && /chrom/i.test(cmd.split('\0')[0] ?? '')) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}
