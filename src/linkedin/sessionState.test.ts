import type { Cookie } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { testSandboxForFile } from '../../test/support/testSandbox.ts';
import { BrowserSession } from './browserSession.ts';
import { SELECTORS } from './selectors.ts';
import type { SessionCookie, StoredOrigin } from './sessionCookies.ts';
import {
  changedCookieNames,
  LINKEDIN_ORIGIN,
  linkedInCookiesOf,
  linkedInOriginsOf,
  originsForBaseUrl,
  sameOrigins,
} from './sessionState.ts';
import { SMALL_SANDBOX } from './testing.ts';

const SANDBOX = 'http://127.0.0.1:8090';
const LINKEDIN = 'https://www.linkedin.com';

function cookie(fields: Partial<Cookie> & Pick<Cookie, 'name' | 'domain'>): Cookie {
  return { value: 'v', path: '/', expires: -1, httpOnly: false, secure: true, sameSite: 'None', ...fields };
}

describe("a browser's LinkedIn state, as the store keeps it", () => {
  it('keeps the base URL host’s cookies as LinkedIn’s (the sandbox), whole-second expiry, no partitioned ones', () => {
    const browser = [
      cookie({ name: 'JSESSIONID', domain: '127.0.0.1', value: 'ajax:2', secure: false, sameSite: 'Lax' }),
      cookie({ name: 'lidc', domain: '127.0.0.1', expires: 1_900_000_000.75 }),
      cookie({ name: 'other', domain: 'example.com' }),
      cookie({ name: 'chips', domain: '127.0.0.1', partitionKey: 'https://example.com' }),
    ];
    expect(linkedInCookiesOf(browser, SANDBOX)).toEqual<SessionCookie[]>([
      {
        name: 'JSESSIONID',
        value: 'ajax:2',
        domain: '.linkedin.com',
        path: '/',
        expires: -1,
        httpOnly: false,
        secure: false,
        sameSite: 'Lax',
      },
      {
        name: 'lidc',
        value: 'v',
        domain: '.linkedin.com',
        path: '/',
        expires: 1_900_000_000,
        httpOnly: false,
        secure: true,
        sameSite: 'None',
      },
    ]);
  });

  it('keeps LinkedIn’s cookies on their own domains when pointed at LinkedIn', () => {
    const browser = [
      cookie({ name: 'JSESSIONID', domain: '.www.linkedin.com' }),
      cookie({ name: 'bcookie', domain: '.linkedin.com' }),
      cookie({ name: 'IDE', domain: '.doubleclick.net' }),
    ];
    expect(linkedInCookiesOf(browser, LINKEDIN).map((c) => [c.name, c.domain])).toEqual([
      ['JSESSIONID', '.www.linkedin.com'],
      ['bcookie', '.linkedin.com'],
    ]);
  });

  it('stores local storage under LinkedIn’s origin and gives it back on the base URL’s', () => {
    const storage = [{ name: 'k', value: '1' }];
    const browser = [
      { origin: SANDBOX, localStorage: storage },
      { origin: 'https://example.com', localStorage: storage },
    ];
    const stored = linkedInOriginsOf(browser, SANDBOX);
    expect(stored).toEqual([{ origin: LINKEDIN_ORIGIN, localStorage: storage }]);
    expect(originsForBaseUrl(stored, SANDBOX)).toEqual([{ origin: SANDBOX, localStorage: storage }]);
    expect(originsForBaseUrl(stored, LINKEDIN)).toEqual(stored);
    expect(linkedInOriginsOf([{ origin: LINKEDIN, localStorage: storage }, browser[1]!], LINKEDIN)).toEqual(
      stored,
    );
  });

  it('names the cookies set, changed (value or expiry) or dropped, once each', () => {
    const base = linkedInCookiesOf(
      [
        cookie({ name: 'li_at', domain: '.linkedin.com', value: 'a' }),
        cookie({ name: 'JSESSIONID', domain: '.linkedin.com', value: 'j1' }),
        cookie({ name: 'bcookie', domain: '.linkedin.com', expires: 1_900_000_000 }),
        cookie({ name: 'gone', domain: '.linkedin.com' }),
      ],
      LINKEDIN,
    );
    expect(changedCookieNames(base, base)).toEqual([]);
    const after = base
      .filter((c) => c.name !== 'gone')
      .map((c) =>
        c.name === 'JSESSIONID'
          ? { ...c, value: 'j2' }
          : c.name === 'bcookie'
            ? { ...c, expires: 1_900_000_100 }
            : c,
      );
    after.push({ ...base[0]!, name: 'lidc' });
    expect(changedCookieNames(base, after)).toEqual(['JSESSIONID', 'bcookie', 'lidc', 'gone']);
  });

  it('compares local storages whatever their order', () => {
    const a: StoredOrigin[] = [
      {
        origin: LINKEDIN_ORIGIN,
        localStorage: [
          { name: 'x', value: '1' },
          { name: 'y', value: '2' },
        ],
      },
    ];
    const reversed = [{ origin: LINKEDIN_ORIGIN, localStorage: [...a[0]!.localStorage].reverse() }];
    expect(sameOrigins(a, reversed)).toBe(true);
    expect(sameOrigins(a, [{ origin: LINKEDIN_ORIGIN, localStorage: [{ name: 'x', value: '1' }] }])).toBe(
      false,
    );
    expect(sameOrigins([], [])).toBe(true);
  });
});

describe("the run's browser state (real Chromium, the sandbox)", () => {
  const sandbox = testSandboxForFile();

  it('starts from the stored local storage; reads back the refreshed JSESSIONID and the storage; once killed, the cookies of its last action', async () => {
    await sandbox.reset(SMALL_SANDBOX);
    const cookies = await sandbox.cookies();
    const first = cookies.find((c) => c.name === 'JSESSIONID')!.value;
    const session = await BrowserSession.launch({
      baseUrl: sandbox.url,
      cookies,
      localStorage: [{ origin: LINKEDIN_ORIGIN, localStorage: [{ name: 'seen', value: '1' }] }],
      selectors: SELECTORS,
      screenshotDir: null,
      timeoutMs: 10_000,
    });
    try {
      const signal = new AbortController().signal;
      const open = (path: string) => session.act('open', signal, undefined, (t) => session.navigate(path, t));
      expect(await session.sessionState()).toEqual({
        cookies: expect.any(Array),
        origins: [{ origin: LINKEDIN_ORIGIN, localStorage: [{ name: 'seen', value: '1' }] }],
        changedCookies: [],
        originsChanged: false,
      });

      await open('/feed/');
      expect(await session.page.evaluate("localStorage.getItem('seen')")).toBe('1');
      await session.page.evaluate("localStorage.setItem('theme', 'dark')");
      const rotated = await sandbox.get<{ current: string; issued: string[] }>('/__sandbox/jsessionid');
      expect(rotated.issued).toEqual([first, rotated.current]);

      const alive = await session.sessionState();
      expect(alive.changedCookies).toEqual(['JSESSIONID']);
      expect(alive.cookies.find((c) => c.name === 'JSESSIONID')).toMatchObject({
        value: rotated.current,
        domain: '.linkedin.com',
      });
      expect(alive.originsChanged).toBe(true);
      expect(alive.origins).toEqual([
        {
          origin: LINKEDIN_ORIGIN,
          localStorage: expect.arrayContaining([
            { name: 'seen', value: '1' },
            { name: 'theme', value: 'dark' },
          ]),
        },
      ]);

      // The fifth page load after the first sets another one; then the browser is killed (a stop).
      for (let i = 0; i < 5; i++) await open('/mynetwork/');
      const { current } = await sandbox.get<{ current: string }>('/__sandbox/jsessionid');
      expect(current).not.toBe(rotated.current);
      await session.kill();
      const killed = await session.sessionState();
      expect(killed.origins).toBeNull();
      expect(killed.originsChanged).toBe(false);
      expect(killed.changedCookies).toEqual(['JSESSIONID']);
      expect(killed.cookies.find((c) => c.name === 'JSESSIONID')?.value).toBe(current);
    } finally {
      await session.close();
    }
  });
});
