import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProxy } from '../../test/support/httpProxy.ts';
import { storeLinkedInSession } from '../../test/support/linkedinSession.ts';
import { testSandboxForFile } from '../../test/support/testSandbox.ts';
import { DEFAULT_IP_CHECK_URL } from '../contract/networkSettings.ts';
import { DEFAULT_ACCOUNT_ID } from '../domain.ts';
import { encryptSessionCookies } from '../linkedin/sessionCookies.ts';
import { SMALL_SANDBOX } from '../linkedin/testing.ts';
import { openLinkedInClient } from './runClient.ts';
import { type RunContext, RunFailure } from './runContext.ts';
import { ipCheckUrlFor } from './runNetwork.ts';
import { createTestRun, createTestStore, type TestRunOptions, type TestStore } from './testing/context.ts';

describe('ipCheckUrlFor', () => {
  it('asks the sandbox’s own echo instead of the public default, and any chosen URL as it is', () => {
    expect(ipCheckUrlFor(DEFAULT_IP_CHECK_URL, 'http://127.0.0.1:8090')).toBe(
      'http://127.0.0.1:8090/__sandbox/ip',
    );
    expect(ipCheckUrlFor(DEFAULT_IP_CHECK_URL, 'https://www.linkedin.com')).toBe(DEFAULT_IP_CHECK_URL);
    expect(ipCheckUrlFor('https://echo.example/ip', 'http://127.0.0.1:8090')).toBe('https://echo.example/ip');
  });
});

/** `http://127.0.0.1:<port>` where nothing listens: a proxy's, closed again. */
async function closedAddress(): Promise<string> {
  const proxy = await startTestProxy();
  await proxy.close();
  return proxy.url;
}

/** The run's browser and its exit IP, with the real sandbox and Chromium. */
describe('opening a run’s client: the exit IP', () => {
  const sandbox = testSandboxForFile();
  let t: TestStore;

  beforeAll(async () => {
    await sandbox.reset(SMALL_SANDBOX);
    t = await createTestStore();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A run against the sandbox with its session stored. */
  async function sandboxRun(settings: TestRunOptions['settings']) {
    const run = await createTestRun(t.store, { settings });
    const ctx: RunContext = { ...run.ctx, config: { ...run.ctx.config, linkedinBaseUrl: sandbox.url } };
    const encrypted = encryptSessionCookies(await sandbox.cookies(), ctx.config.secretKey);
    await storeLinkedInSession(t.store, { encrypted, status: 'unchecked' });
    return { ...run, ctx };
  }

  it('without a proxy, reads it from the sandbox’s echo by default and records it', async () => {
    const run = await sandboxRun({});
    const { end } = await openLinkedInClient(run.ctx);
    await end();
    expect(await t.store.exitIps.get(DEFAULT_ACCOUNT_ID)).toMatchObject({
      ip: '127.0.0.1',
      run_id: run.ctx.run.id,
    });
    expect(run.logged('Exit IP 127.0.0.1')).toHaveLength(1);
  });

  it('without a proxy, an echo it cannot reach is noted and the run goes on', async () => {
    const before = await t.store.exitIps.get(DEFAULT_ACCOUNT_ID);
    // A port nothing listens on any more: refused at once, as on a closed network.
    const run = await sandboxRun({ network: { ip_check_url: `${await closedAddress()}/ip` } });
    const { client, end } = await openLinkedInClient(run.ctx);
    try {
      expect(await client.checkSession({ signal: run.ctx.signal })).toBe('valid');
    } finally {
      await end();
    }
    expect(run.logs).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: expect.stringMatching(
          /^Exit IP not checked \(.*ERR_CONNECTION_REFUSED.*\): without a proxy/,
        ),
      }),
    );
    expect(await t.store.exitIps.get(DEFAULT_ACCOUNT_ID)).toEqual(before);
  });

  it('through a proxy that is not there, fails proxy_failed before any LinkedIn page', async () => {
    const gone = await closedAddress();
    const before = await t.store.exitIps.get(DEFAULT_ACCOUNT_ID);
    const run = await sandboxRun({ network: { proxy: { url: gone, username: null, password_set: false } } });
    const err = await openLinkedInClient(run.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunFailure);
    expect(err).toMatchObject({
      code: 'proxy_failed',
      message: expect.stringMatching(
        /^The proxy http:\/\/127\.0\.0\.1:\d+ did not work: .*ERR_PROXY_CONNECTION_FAILED/,
      ),
    });
    expect(run.logs.filter((l) => l.level === 'error')).toHaveLength(1);
    expect(await t.store.exitIps.get(DEFAULT_ACCOUNT_ID)).toEqual(before);
  });
});
