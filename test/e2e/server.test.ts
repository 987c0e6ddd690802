import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { groupAlive } from '../../src/runner/processGroup.ts';
import { runCli, type SpawnedServer, startServer } from '../support/serverProcess.ts';
import { waitFor } from '../support/waitFor.ts';

const dirs: string[] = [];
const servers: SpawnedServer[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-e2e-'));
  dirs.push(dir);
  return dir;
}

async function serve(env: Record<string, string>): Promise<SpawnedServer> {
  const server = await startServer(env);
  servers.push(server);
  return server;
}

afterEach(async () => {
  for (const s of servers.splice(0)) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the server process', { timeout: 120_000 }, () => {
  it('serves /health, prints generated secrets on the first start only, stores them 0600', async () => {
    const DATA_DIR = tempDir();
    const first = await serve({ DATA_DIR });
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', db: 'ok', queue: 'ok' });
    const apiKey = /API key \(X-API-Key\): (\S+)/.exec(first.output())?.[1];
    const password = /Dashboard login: admin \/ (\S+)/.exec(first.output())?.[1];
    expect(apiKey).toBeTruthy();
    expect(password).toBeTruthy();
    expect(fs.statSync(path.join(DATA_DIR, 'secrets.json')).mode & 0o777).toBe(0o600);
    // The admin password is kept only as a hash once the user exists.
    expect(fs.readFileSync(path.join(DATA_DIR, 'secrets.json'), 'utf8')).not.toContain(password!);

    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    expect((await fetch(`${first.url}/api/bot/status`, { headers: { 'x-api-key': apiKey! } })).status).toBe(
      200,
    );
    expect(await first.stop()).toBe(0);

    const second = await serve({ DATA_DIR });
    expect(second.output()).not.toMatch(/API key|Dashboard login/);
    expect(second.output()).not.toContain(apiKey!);
    // Same key still works after the restart.
    expect((await fetch(`${second.url}/api/bot/status`, { headers: { 'x-api-key': apiKey! } })).status).toBe(
      200,
    );
    await second.stop();
  });

  it('refuses an invalid configuration with one line per problem and exit code 1', async () => {
    const { code, output } = await runCli(['serve'], {
      DATA_DIR: tempDir(),
      PORT: 'eighty',
      LINKEDIN_BASE_URL: 'ftp://example.com',
      SECRET_KEY: 'short',
      CHROMIUM_PROCESS_MODEL: 'one',
    });
    expect(code).toBe(1);
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(output).toMatch(/config error: PORT/);
    expect(output).toMatch(/config error: LINKEDIN_BASE_URL/);
    expect(output).toMatch(/config error: SECRET_KEY/);
    expect(output).toMatch(/config error: CHROMIUM_PROCESS_MODEL/);
  });

  it('refuses a broken DATA_DIR/selectors.json at start, one line per problem', async () => {
    const DATA_DIR = tempDir();
    fs.writeFileSync(
      path.join(DATA_DIR, 'selectors.json'),
      JSON.stringify({ messageButon: [{ css: 'a' }], composer: [{ role: 'textbox', css: 'div' }] }),
    );
    const { code, output } = await runCli(['serve'], { DATA_DIR });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toEqual([
      expect.stringMatching(/config error: selectors\.json: unknown element "messageButon"/),
      expect.stringMatching(
        /config error: selectors\.json: composer\.0 needs exactly one of "css" or "role"/,
      ),
    ]);
  });

  it('after a kill -9 of the server during a run: the run process goes, the run is interrupted, a new run starts', async () => {
    const DATA_DIR = tempDir();
    const env = { DATA_DIR, API_KEY: 'e2e-api-key-0123456789', LBB_TEST_JOBS: '1' };
    const headers = { 'x-api-key': env.API_KEY, 'content-type': 'application/json' };
    const first = await serve(env);
    const started = await fetch(`${first.url}/api/bot/action`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ action: 'start', job_type: 'test_cooperative' }),
    });
    expect(started.status).toBe(202);
    const { run } = (await started.json()) as { run: { id: string } };
    const pid = await waitFor(
      async () => {
        const status = (await (await fetch(`${first.url}/api/bot/status`, { headers })).json()) as {
          active_jobs: { id: string; status: string }[];
        };
        return status.active_jobs.some((j) => j.id === run.id && j.status === 'running');
      },
      { timeoutMs: 20_000, intervalMs: 50, what: `run ${run.id} running` },
    ).then(() => {
      const out = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
      // The run process is a child of the server in its own process group.
      return out.map(Number).find((p) => {
        try {
          const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === first.child.pid;
        } catch {
          return false;
        }
      });
    });
    expect(pid).toBeTruthy();

    first.child.kill('SIGKILL');
    await first.stop();
    // Without its server the run process stops its job and leaves.
    await waitFor(() => !groupAlive(pid!), {
      timeoutMs: 10_000,
      intervalMs: 50,
      what: 'the run process group to go',
    });

    // Its temporary folder outlived its server; the next start removes it.
    const runTemp = path.join(DATA_DIR, 'tmp', `run-${run.id}`);
    expect(fs.existsSync(runTemp)).toBe(true);
    const second = await serve(env);
    expect(fs.existsSync(runTemp)).toBe(false);
    const res = await fetch(`${second.url}/api/runs/${run.id}`, { headers });
    expect(((await res.json()) as { status: string }).status).toBe('interrupted');
    const again = await fetch(`${second.url}/api/bot/action`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        action: 'start',
        job_type: 'test_cooperative',
        options: { steps: 1, step_ms: 1 },
      }),
    });
    expect(again.status).toBe(202);
    await second.stop();
  });

  it('sets a user password from the CLI; the old one stops working', async () => {
    const DATA_DIR = tempDir();
    const env = { DATA_DIR, API_KEY: 'e2e-api-key-0123456789', ADMIN_PASSWORD: 'first-password' };
    const result = await runCli(['user', 'set-password', 'admin'], env, 'second-password\n');
    expect(result.code).toBe(0);
    const server = await serve(env);
    const login = (password: string) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      }).then((r) => r.status);
    expect(await login('first-password')).toBe(401);
    expect(await login('second-password')).toBe(200);
    await server.stop();
  });
});
