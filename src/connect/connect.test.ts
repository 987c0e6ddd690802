import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { browserChoices } from './browser.ts';
import { parseConnectArgs } from './cli.ts';
import { connectLinkedIn } from './connect.ts';
import { ConnectError } from './connectError.ts';
import { linkedinCookiesOf } from './login.ts';

const cookie = (name: string, domain: string) => ({
  name,
  value: `${name}-value`,
  domain,
  path: '/',
  expires: -1,
  httpOnly: false,
  secure: true,
  sameSite: 'None' as const,
});

describe('linkedinCookiesOf', () => {
  it('keeps LinkedIn’s cookies as they are on linkedin.com, and drops other sites’', () => {
    const kept = linkedinCookiesOf(
      [
        cookie('li_at', '.www.linkedin.com'),
        cookie('bcookie', '.linkedin.com'),
        cookie('lang', 'www.linkedin.com'),
        cookie('NID', '.google.com'),
        cookie('li_at', 'linkedin.com.evil.example'),
      ],
      'https://www.linkedin.com',
    );
    expect(kept.map((c) => `${c.name}@${c.domain}`)).toEqual([
      'li_at@.www.linkedin.com',
      'bcookie@.linkedin.com',
      'lang@www.linkedin.com',
    ]);
  });

  it('turns the cookies of another site’s host (the sandbox) into LinkedIn cookies', () => {
    const kept = linkedinCookiesOf(
      [cookie('li_at', '127.0.0.1'), cookie('JSESSIONID', '127.0.0.1'), cookie('other', 'example.com')],
      'http://127.0.0.1:8090',
    );
    expect(kept).toEqual([
      { ...cookie('li_at', '127.0.0.1'), domain: '.linkedin.com' },
      { ...cookie('JSESSIONID', '127.0.0.1'), domain: '.linkedin.com' },
    ]);
  });
});

describe('browserChoices', () => {
  it('tries Chrome, then Edge, then Chromium; --browser picks one or an executable', () => {
    const all = browserChoices(undefined, false);
    expect(all.slice(0, 2)).toEqual([
      { label: 'Google Chrome', channel: 'chrome' },
      { label: 'Microsoft Edge', channel: 'msedge' },
    ]);
    // A headless-only Chromium cannot show a login window.
    expect(all.some((c) => /headless/.test(c.executablePath ?? ''))).toBe(false);
    expect(browserChoices('msedge', false)).toEqual([{ label: 'Microsoft Edge', channel: 'msedge' }]);
    expect(browserChoices('Edge', false)).toEqual([{ label: 'Microsoft Edge', channel: 'msedge' }]);
    expect(browserChoices('/opt/brave/brave', false)).toEqual([
      { label: '/opt/brave/brave', executablePath: '/opt/brave/brave' },
    ]);
    expect(browserChoices('chromium', true).every((c) => c.executablePath)).toBe(true);
  });
});

describe('connect arguments', () => {
  it('parses the options, the timeout in seconds', () => {
    expect(
      parseConnectArgs([
        '--server',
        'https://bot.example.com/',
        '--api-key',
        'k',
        '--browser',
        'chrome',
        '--timeout',
        '90',
        '--headless',
      ]),
    ).toEqual({
      server: 'https://bot.example.com/',
      apiKey: 'k',
      out: undefined,
      browser: 'chrome',
      linkedinUrl: undefined,
      timeoutMs: 90_000,
      headless: true,
      help: false,
    });
    expect(() => parseConnectArgs(['--timeout', 'soon'])).toThrow(ConnectError);
    expect(() => parseConnectArgs(['--password', 'x'])).toThrow(/password/);
  });

  it('refuses what cannot work before opening anything', async () => {
    await expect(connectLinkedIn({})).rejects.toThrow(/--server .*--out/);
    await expect(connectLinkedIn({ server: 'bot.example.com', apiKey: 'k' })).rejects.toThrow(
      /--server is not a valid URL/,
    );
    await expect(connectLinkedIn({ server: 'https://bot.example.com' })).rejects.toThrow(/No API key/);
    await expect(
      connectLinkedIn({ out: '/tmp/x.json', linkedinUrl: 'ftp://www.linkedin.com' }),
    ).rejects.toThrow(/--linkedin-url must start with http/);
  });

  it('names an unreachable server', async () => {
    // A port nobody listens on.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    await expect(
      connectLinkedIn({ server: `http://127.0.0.1:${port}`, apiKey: 'k', print: () => {} }),
    ).rejects.toThrow(`Cannot reach the server at http://127.0.0.1:${port} (ECONNREFUSED)`);
  });
});
