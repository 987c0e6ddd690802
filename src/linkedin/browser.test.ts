import { describe, expect, it } from 'vitest';
import {
  CHROMIUM_ARGS,
  chromiumArgs,
  chromiumCandidates,
  cookiesForBaseUrl,
  findChromium,
} from './browser.ts';
import { LinkedInError } from './interfaces.ts';
import type { SessionCookie } from './sessionCookies.ts';

const none = () => null;

describe('findChromium', () => {
  it('uses CHROMIUM_PATH alone when configured', () => {
    expect(
      findChromium({ configured: '/opt/chrome/chrome', exists: (f) => f === '/opt/chrome/chrome' }),
    ).toBe('/opt/chrome/chrome');
    expect(
      chromiumCandidates({ configured: '/opt/chrome/chrome', playwrightPath: () => '/pw/chrome' }),
    ).toEqual([{ path: '/opt/chrome/chrome', source: 'CHROMIUM_PATH' }]);
  });

  it('fails clearly when CHROMIUM_PATH does not exist', () => {
    let err: unknown;
    try {
      findChromium({ configured: '/nope/chrome', exists: () => false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LinkedInError);
    expect((err as LinkedInError).code).toBe('browser_crashed');
    expect((err as LinkedInError).message).toContain('/nope/chrome (CHROMIUM_PATH)');
    expect((err as LinkedInError).message).toContain('CHROMIUM_PATH does not point to an executable file');
  });

  it("prefers Debian's headless shell, then Playwright's own browser, then the system's (Linux)", () => {
    const candidates = chromiumCandidates({ platform: 'linux', playwrightPath: () => '/pw/chrome' }).map(
      (c) => c.path,
    );
    expect(candidates.slice(0, 5)).toEqual([
      '/usr/lib/chromium/chromium-headless-shell',
      '/pw/chrome',
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
    ]);
    expect(findChromium({ platform: 'linux', playwrightPath: () => '/pw/chrome', exists: () => true })).toBe(
      '/usr/lib/chromium/chromium-headless-shell',
    );
    expect(
      findChromium({
        platform: 'linux',
        playwrightPath: () => '/pw/chrome',
        exists: (f) => f !== candidates[0],
      }),
    ).toBe('/pw/chrome');
    expect(
      findChromium({
        platform: 'linux',
        playwrightPath: () => '/pw/chrome',
        exists: (f) => f === '/usr/bin/google-chrome',
      }),
    ).toBe('/usr/bin/google-chrome');
    // No headless shell on other systems.
    const mac = chromiumCandidates({ platform: 'darwin', playwrightPath: () => '/pw/chrome' });
    expect(mac[0]?.path).toBe('/pw/chrome');
    expect(mac.some((c) => c.path.includes('headless-shell'))).toBe(false);
  });

  it('knows macOS and Windows locations', () => {
    const mac = chromiumCandidates({ platform: 'darwin', playwrightPath: none }).map((c) => c.path);
    expect(mac).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(mac).toContain('/Applications/Chromium.app/Contents/MacOS/Chromium');
    const win = chromiumCandidates({
      platform: 'win32',
      playwrightPath: none,
      env: { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' },
    }).map((c) => c.path);
    expect(win).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(win).toContain('C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('names everything it tried when nothing exists', () => {
    expect(() =>
      findChromium({ platform: 'linux', playwrightPath: () => '/pw/chrome', exists: () => false }),
    ).toThrow(
      /No Chromium found: install Chromium.*Tried: \/usr\/lib\/chromium\/chromium-headless-shell \(system\), .*\/pw\/chrome \(Playwright's Chromium\), \/usr\/bin\/chromium \(system\)/,
    );
  });

  it('finds a real executable on this machine', () => {
    expect(findChromium()).toMatch(/chrom/i);
  });
});

describe('launch settings', () => {
  it('uses exactly the agreed flags', () => {
    expect(CHROMIUM_ARGS).toEqual([
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--disable-blink-features=AutomationControlled',
    ]);
  });

  it('adds one process and no zygote in the single-process model, nothing in the multi-process one', () => {
    expect(chromiumArgs('multi')).toEqual(CHROMIUM_ARGS);
    expect(chromiumArgs('single')).toEqual([...CHROMIUM_ARGS, '--single-process', '--no-zygote']);
  });
});

describe('cookiesForBaseUrl', () => {
  const stored: SessionCookie[] = [
    {
      name: 'li_at',
      value: 'AQEDAR-token',
      domain: '.linkedin.com',
      path: '/',
      expires: -1,
      httpOnly: true,
      secure: true,
      sameSite: 'None',
    },
    {
      name: 'JSESSIONID',
      value: 'ajax:123',
      domain: '.linkedin.com',
      path: '/',
      expires: 2_000_000_000,
      httpOnly: false,
      secure: true,
      sameSite: 'Lax',
    },
  ];

  it('keeps the stored domain for linkedin.com', () => {
    expect(cookiesForBaseUrl(stored, 'https://www.linkedin.com')).toEqual(stored);
  });

  it('sets them for the host of another base URL (the sandbox), usable on plain http', () => {
    expect(cookiesForBaseUrl(stored, 'http://127.0.0.1:8090')).toEqual([
      {
        name: 'li_at',
        value: 'AQEDAR-token',
        url: 'http://127.0.0.1:8090/',
        expires: -1,
        httpOnly: true,
        secure: false,
        sameSite: 'Lax',
      },
      {
        name: 'JSESSIONID',
        value: 'ajax:123',
        url: 'http://127.0.0.1:8090/',
        expires: 2_000_000_000,
        httpOnly: false,
        secure: false,
        sameSite: 'Lax',
      },
    ]);
  });
});
