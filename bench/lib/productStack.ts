/**
 * The whole product as users run it, over the LinkedIn sandbox: the real server spawned as
 * its own process (runs forked from it, each driving Chromium), the sandbox in this
 * process on a free port, everything driven over HTTP with the API key. The bench's
 * counterpart of test/e2e/stack.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Run, RunOutcome } from '../../src/domain.ts';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/server.ts';
import type { ResetOptions } from '../../src/sandbox/world.ts';
import type { SandboxContact, SandboxMessage } from '../../test/support/sandbox.ts';
import { type SpawnedServer, spawnServer } from '../../test/support/serverProcess.ts';
import { BENCH_API_KEY, benchEnv, makeTempDir } from './server.ts';

export type RunWithOutcomes = Omit<Run, 'pid' | 'host'> & { outcomes: RunOutcome[] };

export const FINAL_STATUSES: readonly string[] = ['succeeded', 'failed', 'stopped', 'interrupted'];

export interface ProductStack {
  sandbox: SandboxHandle;
  server: SpawnedServer;
  dataDir: string;
  /** The server's TMPDIR (inside dataDir): Chromium profiles go there, not to the shared /tmp. */
  tmpDir: string;
  /** A JSON request to the server with the API key; throws on a status ≥ 300. */
  api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', pathname: string, body?: unknown): Promise<T>;
  /** Resets the sandbox (faults too) and stores its new session as the account's LinkedIn session. */
  reset(options: Partial<ResetOptions>): Promise<void>;
  /** Sets some sandbox faults; resolves to all of them as the sandbox now has them. */
  faults(faults: Record<string, unknown>): Promise<Record<string, unknown>>;
  messages(): Promise<SandboxMessage[]>;
  /** The sandbox's contacts (`GET /__sandbox/state`): who has a birthday, and when. */
  contacts(): Promise<SandboxContact[]>;
  /** Starts a real (not dry) run through `POST /api/bot/action`; returns its id. */
  start(jobType: string): Promise<string>;
  run(runId: string): Promise<RunWithOutcomes>;
  /** `POST /api/bot/action {action:'stop'}`, of one run or (no id) of every active one. */
  stop(runId?: string): Promise<void>;
  /** Ids of the runs `GET /api/bot/status` shows as active or queued. */
  activeRuns(): Promise<string[]>;
  close(): Promise<void>;
}

async function expectJson<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

/**
 * Starts the sandbox and the server (`args`; default: dist when built, else source) on a
 * throw-away DATA_DIR, with delays 0/0, a 00:00–23:59 window and the given limits.
 * `env` adds to the server's environment (`CHROMIUM_PATH` of a build to measure).
 */
export async function startProductStack(
  limits: { per_run: number; daily: number; weekly: number },
  args?: string[],
  env: Record<string, string> = {},
): Promise<ProductStack> {
  const sandbox = await startSandbox({ port: 0 });
  const dataDir = makeTempDir('lbb-bench-browser-');
  const tmpDir = path.join(dataDir, 'tmp');
  fs.mkdirSync(tmpDir);
  let server: SpawnedServer | undefined;
  const close = async () => {
    await server?.close();
    await sandbox.close().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const { LBB_TEST_JOBS: _testRuns, ...benchVars } = benchEnv(dataDir);
    server = await spawnServer(
      {
        ...benchVars,
        // Errors only: what explains a crash, nothing on the measured paths.
        LOG_LEVEL: 'error',
        // Playwright makes each browser's profile under the OS temp dir: keep them in ours.
        TMPDIR: tmpDir,
        LINKEDIN_BASE_URL: sandbox.url,
        ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
        ...env,
      },
      args,
    );
    const base = server.url;
    const sandboxJson = async <T>(pathname: string, body?: unknown): Promise<T> => {
      const init: RequestInit =
        body === undefined
          ? {}
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      return expectJson<T>(await fetch(`${sandbox.url}${pathname}`, init), `sandbox ${pathname}`);
    };
    const api: ProductStack['api'] = async <T>(
      method: string,
      pathname: string,
      body?: unknown,
    ): Promise<T> => {
      const headers: Record<string, string> = { 'x-api-key': BENCH_API_KEY };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${base}${pathname}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return expectJson<T>(res, `${method} ${pathname}`);
    };
    const stack: ProductStack = {
      sandbox,
      server,
      dataDir,
      tmpDir,
      api,
      async reset(options) {
        await sandboxJson('/__sandbox/reset', options);
        const session = await sandboxJson<{ cookies: { name: string; value: string }[] }>(
          '/__sandbox/session',
        );
        const cookies = Object.fromEntries(session.cookies.map((c) => [c.name, c.value]));
        await api('PUT', '/api/linkedin/session', { cookies });
      },
      faults: (faults) => sandboxJson<Record<string, unknown>>('/__sandbox/faults', faults),
      messages: async () =>
        (await sandboxJson<{ messages: SandboxMessage[] }>('/__sandbox/messages')).messages,
      contacts: async () => (await sandboxJson<{ contacts: SandboxContact[] }>('/__sandbox/state')).contacts,
      async start(jobType) {
        // `force`: a start in the last minute of the day (outside 00:00–23:59) must still send.
        const body = { action: 'start', job_type: jobType, dry_run: false, options: { force: true } };
        return (await api<{ run: { id: string } }>('POST', '/api/bot/action', body)).run.id;
      },
      run: (runId) => api<RunWithOutcomes>('GET', `/api/runs/${runId}`),
      async stop(runId) {
        await api('POST', '/api/bot/action', runId ? { action: 'stop', run_id: runId } : { action: 'stop' });
      },
      async activeRuns() {
        const status = await api<{ active_jobs: { id: string }[]; queued_jobs: { id: string }[] }>(
          'GET',
          '/api/bot/status',
        );
        return [...status.active_jobs, ...status.queued_jobs].map((r) => r.id);
      },
      close,
    };
    await api('PATCH', '/api/settings', {
      delays: { min_seconds: 0, max_seconds: 0 },
      limits,
      schedule: { window_start: '00:00', window_end: '23:59' },
    });
    return stack;
  } catch (err) {
    await close();
    throw err;
  }
}
