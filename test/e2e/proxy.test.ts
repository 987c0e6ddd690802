import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../../src/domain.ts';
import { startTestProxy, type TestProxy, type TestProxyOptions } from '../support/httpProxy.ts';
import { type Stack, startStack } from './stack.ts';

/**
 * The account's proxy end to end: the whole product (server, run processes, browser-task
 * processes, Chromium) with a small forwarding proxy between Chromium and the sandbox. Each
 * proxy leaves from its own loopback address, which the sandbox's IP echo answers: changing
 * proxies changes the exit IP.
 */
describe('network identity end to end', { timeout: 240_000 }, () => {
  let stack: Stack;
  const proxies: TestProxy[] = [];

  beforeAll(async () => {
    stack = await startStack({ reset: { seed: 11, contacts: 30, today: 3, late: 0, invitations: 2 } });
  });
  afterAll(async () => {
    await stack?.close();
    for (const proxy of proxies) await proxy.close();
  });

  async function proxy(opts: TestProxyOptions): Promise<TestProxy> {
    const started = await startTestProxy(opts);
    proxies.push(started);
    return started;
  }

  /** Sets the account's proxy (and the sandbox's echo as the IP check). */
  async function setProxy(proxyUrl: string, username: string | null, password: string | null) {
    const res = await stack.api('PATCH', '/api/settings', {
      network: {
        proxy: { url: proxyUrl, username, password },
        ip_check_url: `${stack.sandbox.url}/__sandbox/ip`,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  const exitIp = async () =>
    ((await stack.api('GET', '/api/linkedin/session')).json() as { exit_ip: Record<string, unknown> | null })
      .exit_ip;
  const runLogs = async (runId: string) =>
    ((await stack.api('GET', `/api/logs?run_id=${runId}&limit=500`)).json() as { logs: LogLine[] }).logs;
  const pathsServed = (p: TestProxy) => p.requests.filter((r) => r.served).map((r) => r.target);

  it('runs through the proxy, records the exit IP, and warns when the next run leaves from another', async () => {
    const before = await exitIp();
    const first = await proxy({ username: 'lbb-user', password: 'pw:A', localAddress: '127.0.0.2' });
    await setProxy(first.url, 'lbb-user', 'pw:A');
    const run = await stack.finished(await stack.start('birthday'));
    expect(run.status).toBe('succeeded');
    expect(run.messages_sent).toBe(3);

    // Every send went through the proxy, with the account's credentials and none other.
    const sends = first.requests.filter((r) => r.served && r.method === 'POST' && r.target.includes('/send'));
    expect(sends).toHaveLength(3);
    expect(pathsServed(first).some((t) => new URL(t).pathname.startsWith('/mynetwork/'))).toBe(true);
    expect(new Set(first.credentials)).toEqual(new Set(['lbb-user:pw:A']));
    // The IP check came first, before any LinkedIn page.
    expect(new URL(pathsServed(first)[0]!).pathname).toBe('/__sandbox/ip');
    expect(await exitIp()).toMatchObject({
      ip: '127.0.0.2',
      run_id: run.id,
      previous_ip: (before?.ip as string | undefined) ?? null,
      changed: before !== null && before.ip !== '127.0.0.2',
    });

    const second = await proxy({ localAddress: '127.0.0.3' });
    await setProxy(second.url, null, null);
    await stack.reset({ seed: 12, contacts: 30, today: 2, late: 0, invitations: 2 });
    const next = await stack.finished(await stack.start('birthday'));
    expect(next.status).toBe('succeeded');
    expect(next.messages_sent).toBe(2);
    expect(second.credentials).toEqual([]);
    expect(await exitIp()).toMatchObject({
      ip: '127.0.0.3',
      run_id: next.id,
      previous_ip: '127.0.0.2',
      changed: true,
    });
    const warnings = (await runLogs(next.id)).filter((l) => l.level === 'warn');
    expect(warnings.map((l) => l.message)).toContainEqual(
      expect.stringMatching(
        /^The exit IP changed: LinkedIn now sees 127\.0\.0\.3 .*previous run came from 127\.0\.0\.2/,
      ),
    );
    const firstLogs = await runLogs(run.id);
    expect(firstLogs.map((l) => l.message)).toContain(`Exit IP 127.0.0.2 through the proxy ${first.url}`);
    expect(firstLogs.some((l) => /exit IP changed/i.test(l.message))).toBe(false);
    // The password is nowhere to be read back: not in the settings, the logs or the audit.
    const traces = await Promise.all(
      ['/api/settings', '/api/audit', '/api/logs?limit=500'].map(
        async (url) => (await stack.api('GET', url)).body,
      ),
    );
    for (const body of traces) expect(body).not.toContain('pw:A');
  });

  it('checks the session and walks the pages through the proxy too', async () => {
    const through = await proxy({ username: 'checker', password: 'pw-C', localAddress: '127.0.0.5' });
    await setProxy(through.url, 'checker', 'pw-C');
    const check = await stack.api('POST', '/api/linkedin/session/check');
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json().status).toBe('valid');
    expect(pathsServed(through).map((t) => new URL(t).pathname)).toContain('/feed/');

    const served = pathsServed(through).length;
    const doctor = await stack.api('POST', '/api/linkedin/doctor');
    expect(doctor.statusCode, doctor.body).toBe(200);
    expect(doctor.json().steps.find((s: { name: string }) => s.name === 'session')).toMatchObject({
      ok: true,
    });
    expect(pathsServed(through).length).toBeGreaterThan(served);
    expect(new Set(through.credentials)).toEqual(new Set(['checker:pw-C']));

    // A proxy that is gone: the check says so instead of blaming LinkedIn.
    const gone = await proxy({});
    await gone.close();
    await setProxy(gone.url, null, null);
    const failed = await stack.api('POST', '/api/linkedin/session/check');
    expect(failed.statusCode).toBe(503);
    expect(failed.json().error.details.reason).toBe('proxy_failed');
  });

  it('fails a run proxy_failed when the proxy refuses, before any LinkedIn page and without sending', async () => {
    await stack.reset({ seed: 13, contacts: 30, today: 2, late: 0, invitations: 2 });
    const before = await exitIp();
    const refusing = await proxy({ refuse: true, localAddress: '127.0.0.4' });
    await setProxy(refusing.url, null, null);
    const run = await stack.finished(await stack.start('birthday'));
    expect(run.status).toBe('failed');
    expect(run.error).toEqual({
      code: 'proxy_failed',
      message: expect.stringMatching(/^The proxy http:\/\/127\.0\.0\.1:\d+ did not work: .*HTTP 403/),
    });
    expect(run.messages_sent).toBe(0);
    expect(await stack.messages()).toEqual([]);
    // It was asked for the IP check only.
    expect(refusing.requests.map((r) => new URL(r.target).pathname)).toEqual(['/__sandbox/ip']);
    expect(await exitIp()).toEqual(before);
  });
});
