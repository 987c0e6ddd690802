import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Run } from '../../src/domain.ts';
import { anyAlive, commandLine, descendants, type ProcessRef } from '../../src/runner/processGroup.ts';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/server.ts';
import { type SpawnedServer, startServer } from '../support/serverProcess.ts';
import { waitFor } from '../support/waitFor.ts';

/**
 * A real server process over the sandbox, started with every secret in its environment, a
 * DATA_DIR someone else created 0755 and a temp folder of its own (TMPDIR): what its run
 * processes and their Chromium can read of it, which files it leaves readable, and what a
 * run killed from outside leaves behind.
 */
const dirs: string[] = [];
let server: SpawnedServer | undefined;
let sandbox: SandboxHandle | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  await sandbox?.close();
  sandbox = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

const SECRET_NAMES = ['API_KEY', 'ADMIN_PASSWORD', 'SECRET_KEY', 'DATABASE_URL', 'REDIS_URL'];

function environ(pid: number): string[] {
  return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
}

/** Every file and folder under `root` whose mode lets group or others in. */
function notPrivate(root: string): string[] {
  const open: string[] = [];
  const walk = (p: string) => {
    const stat = fs.lstatSync(p);
    if (stat.isSymbolicLink()) return;
    if ((stat.mode & 0o077) !== 0)
      open.push(`${path.relative(root, p) || '.'} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) walk(path.join(p, entry));
  };
  walk(root);
  return open;
}

describe('a run process', { timeout: 240_000 }, () => {
  it('gets no secret (nor does its Chromium), leaves DATA_DIR private, and when killed ends run_process_died leaving nothing behind', async () => {
    sandbox = await startSandbox({ port: 0 });
    const sandboxPost = (pathname: string, body: unknown) =>
      fetch(`${sandbox!.url}${pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    await sandboxPost('/__sandbox/reset', { seed: 7, contacts: 30, today: 6, late: 0, invitations: 0 });
    const session = (await (await fetch(`${sandbox.url}/__sandbox/session`)).json()) as {
      cookies: { name: string; value: string }[];
    };

    // A DATA_DIR made by someone else, readable by all.
    const DATA_DIR = tempDir('lbb-e2e-data-');
    fs.chmodSync(DATA_DIR, 0o755);
    const TMPDIR = tempDir('lbb-e2e-systmp-');
    const secrets = {
      API_KEY: `api-${randomBytes(12).toString('hex')}`,
      ADMIN_PASSWORD: `pw-${randomBytes(12).toString('hex')}`,
      SECRET_KEY: `key-${randomBytes(24).toString('hex')}`,
      DATABASE_URL: path.join(DATA_DIR, 'linkedin-bot.sqlite'),
      REDIS_URL: `redis://:redis-${randomBytes(8).toString('hex')}@127.0.0.1:6379`,
    };
    server = await startServer({
      ...secrets,
      DATA_DIR,
      TMPDIR,
      LINKEDIN_BASE_URL: sandbox.url,
      CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '',
    });
    const headers = { 'x-api-key': secrets.API_KEY, 'content-type': 'application/json' };
    const api = async <T>(method: string, pathname: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${server!.url}${pathname}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (res.status >= 300) throw new Error(`${method} ${pathname}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    // The sandbox's fast rhythm, no warm-up, any time of day (as the stack's tests).
    await api('PATCH', '/api/settings', {
      delays: { min_seconds: 0, max_seconds: 0, profile: 'fast' },
      limits: { per_run: 100, daily: 100, weekly: 500, warm_up: false },
      schedule: { window_start: '00:00', window_end: '23:59' },
    });
    await api('PUT', '/api/linkedin/session', {
      cookies: Object.fromEntries(session.cookies.map((c) => [c.name, c.value])),
    });

    const startRun = async () =>
      (
        await api<{ run: Run }>('POST', '/api/bot/action', {
          action: 'start',
          job_type: 'birthday',
          dry_run: false,
          // Whatever the hour: the window leaves out the day's last minute.
          options: { force: true },
        })
      ).run.id;
    const finished = (runId: string) =>
      waitFor(
        async () => {
          const run = await api<Run>('GET', `/api/runs/${runId}`);
          return ['succeeded', 'failed', 'stopped', 'interrupted'].includes(run.status) ? run : null;
        },
        { timeoutMs: 120_000, intervalMs: 100, what: `run ${runId} to end` },
      );
    /** The run process (a child of the server) once its Chromium runs, and that browser's processes. */
    const runningBrowser = () =>
      waitFor(
        () => {
          const run = descendants(server!.pid).find((p) => commandLine(p.pid)?.includes('/processes/run.'));
          if (!run) return null;
          const browser = descendants(run.pid).filter((p) => /chrom/i.test(commandLine(p.pid) ?? ''));
          return browser.length > 0 ? { run, browser } : null;
        },
        { timeoutMs: 60_000, intervalMs: 50, what: 'the run process and its Chromium' },
      );

    // 1. A run, slowed down by the sandbox so that it can be looked at while it runs.
    await sandboxPost('/__sandbox/faults', { latency_ms: 400 });
    const first = await startRun();
    const { run: runProcess, browser } = await runningBrowser();
    const runTemp = path.join(DATA_DIR, 'tmp', `run-${first}`);
    for (const ref of [runProcess, ...browser]) {
      const env = environ(ref.pid);
      const what = `environment of ${commandLine(ref.pid)?.slice(0, 80)}`;
      const names = env.map((e) => e.slice(0, e.indexOf('=')));
      expect
        .soft(
          names.filter((n) => SECRET_NAMES.includes(n)),
          what,
        )
        .toEqual([]);
      for (const value of Object.values(secrets)) expect.soft(env.join('\n'), what).not.toContain(value);
    }
    // Their temporary files (Playwright's throwaway profile) go to DATA_DIR, not the system's.
    expect.soft(environ(runProcess.pid)).toContain(`LBB_PROCESS_TMPDIR=${runTemp}`);
    for (const ref of browser) expect.soft(environ(ref.pid)).toContain(`TMPDIR=${runTemp}`);
    const profiles = fs.existsSync(runTemp) ? fs.readdirSync(runTemp) : [];
    expect.soft(profiles.some((f) => f.startsWith('playwright_chromiumdev_profile-'))).toBe(true);
    await sandboxPost('/__sandbox/faults', { latency_ms: 0 });
    // The run process decrypted the stored cookies with the key it got over its channel.
    const done = await finished(first);
    expect(done).toMatchObject({ status: 'succeeded', error: null });
    expect(done.messages_sent).toBe(6);
    expect.soft(fs.existsSync(runTemp)).toBe(false);

    // DATA_DIR and all in it are the owner's only: database, WAL, browser folder…
    expect.soft(fs.statSync(DATA_DIR).mode & 0o777).toBe(0o700);
    expect(fs.existsSync(`${secrets.DATABASE_URL}-wal`)).toBe(true);
    expect(fs.existsSync(path.join(DATA_DIR, 'browser', 'default'))).toBe(true);
    expect.soft(notPrivate(DATA_DIR)).toEqual([]);

    // 2. A run whose process is killed from outside (as the OOM killer does).
    await sandboxPost('/__sandbox/faults', { latency_ms: 2000 });
    const second = await startRun();
    const killed = await runningBrowser();
    const tree: ProcessRef[] = descendants(killed.run.pid);
    const secondTemp = path.join(DATA_DIR, 'tmp', `run-${second}`);
    expect.soft(fs.existsSync(secondTemp)).toBe(true);
    process.kill(killed.run.pid, 'SIGKILL');
    const died = await finished(second);
    expect(died.status).toBe('failed');
    expect.soft(died.error).toEqual({
      code: 'run_process_died',
      message: "The run's process was killed (SIGKILL)",
    });
    // Its browser went with it, and its temporary folder too; nothing was left in the system's.
    expect.soft(anyAlive(tree)).toBe(false);
    expect.soft(fs.existsSync(secondTemp)).toBe(false);
    expect.soft(fs.readdirSync(TMPDIR).filter((f) => f.startsWith('playwright'))).toEqual([]);
    expect(notPrivate(DATA_DIR)).toEqual([]);
  });
});
