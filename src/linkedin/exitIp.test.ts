import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProxy, type TestProxy } from '../../test/support/httpProxy.ts';
import { testSandboxForFile } from '../../test/support/testSandbox.ts';
import { parseExitIp } from './exitIp.ts';
import type { LinkedInError } from './interfaces.ts';
import { PlaywrightLinkedInClient } from './playwrightClient.ts';
import type { BrowserProxy } from './proxy.ts';

describe('parseExitIp', () => {
  it('reads {"ip":…} or the address alone, v4 or v6', () => {
    expect(parseExitIp('{"ip":"203.0.113.7"}')).toBe('203.0.113.7');
    expect(parseExitIp(' { "ip" : "2001:db8::1" , "country":"FR"}\n')).toBe('2001:db8::1');
    expect(parseExitIp('198.51.100.4\n')).toBe('198.51.100.4');
  });

  it('refuses anything that is not one address', () => {
    for (const body of [
      '',
      '{"ip":42}',
      '{"address":"1.2.3.4"}',
      '{"ip":"1.2.3"}',
      '<html>1.2.3.4</html>',
      '{oops',
    ]) {
      expect(parseExitIp(body)).toBeNull();
    }
  });
});

/** Real Chromium through the test proxy to the sandbox's echo (loopback is proxied too). */
describe('exitIp through a proxy', () => {
  const sandbox = testSandboxForFile();
  const proxies: TestProxy[] = [];
  const signal = new AbortController().signal;

  beforeAll(async () => {
    await sandbox.reset();
  });
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
  });

  const proxyFor = async (...args: Parameters<typeof startTestProxy>) => {
    const proxy = await startTestProxy(...args);
    proxies.push(proxy);
    return proxy;
  };

  /** Runs `fn` with a client launched through `proxy`, closing it after. */
  async function withClient<T>(proxy: BrowserProxy, fn: (client: PlaywrightLinkedInClient) => Promise<T>) {
    const client = await PlaywrightLinkedInClient.launch({
      baseUrl: sandbox.url,
      cookies: await sandbox.cookies(),
      proxy,
      timeoutMs: 5000,
    });
    try {
      return await fn(client);
    } finally {
      await client.close();
    }
  }

  it('reads the address the sandbox sees: the proxy’s, with the credentials sent to the proxy', async () => {
    const proxy = await proxyFor({ username: 'ada', password: 'p@ss:word', localAddress: '127.0.0.2' });
    const echo = `${sandbox.url}/__sandbox/ip`;
    await withClient({ server: proxy.url, username: 'ada', password: 'p@ss:word' }, async (client) => {
      expect(await client.exitIp(echo, { signal })).toEqual({ ok: true, ip: '127.0.0.2' });
      // A LinkedIn page goes the same way.
      expect(await client.checkSession({ signal })).toBe('valid');
    });
    const served = proxy.requests.filter((r) => r.served).map((r) => new URL(r.target).pathname);
    expect(served).toContain('/__sandbox/ip');
    expect(served).toContain('/feed/');
    expect(proxy.credentials).toContain('ada:p@ss:word');
  });

  it('says why when the proxy refuses the credentials, or is not there', async () => {
    const echo = `${sandbox.url}/__sandbox/ip`;
    const strict = await proxyFor({ username: 'ada', password: 'right' });
    await withClient({ server: strict.url, username: 'ada', password: 'wrong' }, async (client) => {
      const result = await client.exitIp(echo, { signal });
      expect(result).toEqual({ ok: false, reason: expect.stringContaining('407') });
      // A LinkedIn page through it: the proxy's failure, not LinkedIn's.
      const err = (await client.checkSession({ signal }).catch((e: unknown) => e)) as LinkedInError;
      expect(err.code).toBe('proxy_failed');
    });
    expect(strict.credentials).toContain('ada:wrong');
    expect(strict.requests.every((r) => !r.served)).toBe(true);

    const gone = await proxyFor();
    const server = gone.url;
    await gone.close();
    await withClient({ server }, async (client) => {
      const result = await client.exitIp(echo, { signal });
      expect(result).toEqual({ ok: false, reason: expect.stringMatching(/ERR_PROXY_CONNECTION_FAILED/) });
      const err = (await client.checkSession({ signal }).catch((e: unknown) => e)) as LinkedInError;
      expect(err.code).toBe('proxy_failed');
    });
  });
});
