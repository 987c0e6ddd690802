/**
 * `connect`: connects LinkedIn from the user's own computer. Opens a visible browser (their
 * Chrome, Edge or Chromium) on LinkedIn's login page with a fresh temporary profile, waits
 * until the user has logged in, whatever LinkedIn asks on the way (password, 2FA code, app
 * approval, captcha), then uploads the browser's cookies and user agent to the server with
 * the API key, or writes them to a file for the dashboard. The tool never reads nor types
 * the password: the server never asks for it.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { SESSION_COOKIE_NAME } from '../linkedin/sessionCookies.ts';
import { type BrowserVersion, browserLabel, browserOf } from '../linkedin/userAgent.ts';
import { closeBrowser, openBrowser } from './browser.ts';
import { ConnectError } from './connectError.ts';
import { linkedinCookiesOf, minutes, type StateCookie, waitForLogin } from './login.ts';
import { callServer, writePrivateFile } from './upload.ts';

export const DEFAULT_LINKEDIN_URL = 'https://www.linkedin.com';
export const DEFAULT_CONNECT_TIMEOUT_MS = 10 * 60 * 1000;

export interface ConnectOptions {
  /** The bot's address (the dashboard's URL); with it the session is uploaded. */
  server?: string;
  /** `X-API-Key` for the upload. */
  apiKey?: string;
  /** Default https://www.linkedin.com; the sandbox in tests. */
  linkedinUrl?: string;
  /** `chrome`, `msedge`, `chromium` or an executable's path; default: the first found of the three. */
  browser?: string;
  /** Writes the session to this file (mode 0600) for the dashboard's upload. */
  out?: string;
  /** No window (tests, automation); default false: the user must see the browser. */
  headless?: boolean;
  /** How long the user has to log in; default 10 min. */
  timeoutMs?: number;
  /** Terminal lines; default stdout. */
  print?: (line: string) => void;
  /** Called once the login page is open (tests log in through it as a user would). */
  onBrowserReady?: (page: Page) => void | Promise<void>;
  /** Cancels (Ctrl-C): the browser is closed, nothing is uploaded. */
  signal?: AbortSignal;
  /** How often the browser is looked at while the user logs in. */
  pollMs?: number;
}

/** What `connect` sends: a Playwright storage state and the browser's user agent. */
export interface ConnectPayload {
  cookies: StateCookie[];
  origins: [];
  user_agent: string;
}

export interface ConnectResult {
  cookieNames: string[];
  userAgent: string;
  browser: BrowserVersion | null;
  /** The server's view of the session after the upload; null without `server`. */
  session: Record<string, unknown> | null;
  /** The file written (`out`); null without it. */
  file: string | null;
}

function parseUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConnectError(`${what} is not a valid URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConnectError(`${what} must start with http:// or https://: ${value}`);
  }
  return url;
}

/** `https://host[:port]/base` without a trailing slash. */
function baseOf(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
}

/**
 * Opens the browser, lets the user log in, and uploads (or writes) the session. Throws a
 * `ConnectError` with a message for the user when something stops it.
 */
export async function connectLinkedIn(opts: ConnectOptions): Promise<ConnectResult> {
  const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  if (!opts.server && !opts.out) {
    throw new ConnectError('Say where the session goes: --server <the bot’s URL>, or --out <file>.');
  }
  const site = parseUrl(opts.linkedinUrl ?? DEFAULT_LINKEDIN_URL, '--linkedin-url');
  const siteBase = baseOf(site);
  const server = opts.server ? baseOf(parseUrl(opts.server, '--server')) : null;
  if (server && !opts.apiKey) throw new ConnectError('No API key: pass --api-key <key> or set API_KEY.');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const headless = opts.headless ?? false;
  const steps = server ? 4 : 3;
  let step = 0;
  const next = (text: string) => print(`[${++step}/${steps}] ${text}`);

  if (server) {
    next(`Checking the server ${server} and the API key…`);
    const serverUrl = new URL(server);
    if (serverUrl.protocol === 'http:' && !isLoopback(serverUrl.hostname)) {
      print(
        '  Warning: plain http to another machine: the API key and the session cross the network unencrypted. Prefer https.',
      );
    }
    await callServer(server, opts.apiKey!, 'GET');
    print('  OK.');
  }

  next('Opening a browser window on LinkedIn’s login page (a fresh profile, deleted afterwards)…');
  const opened = await openBrowser({ browser: opts.browser, headless });
  const stopWaiting = new AbortController();
  let payload: ConnectPayload;
  try {
    print(`  ${opened.label}${headless ? ' (headless)' : ''}.`);
    await opened.page
      .goto(`${siteBase}/login`, { waitUntil: 'domcontentloaded', timeout: 60_000 })
      .catch((err) => {
        throw new ConnectError(
          `Could not open ${siteBase}/login: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`,
        );
      });
    await opened.page.bringToFront().catch(() => {});

    next(
      `Log in to LinkedIn in that window, and answer whatever LinkedIn asks (code, approval in the app, captcha). This tool never sees your password. Waiting up to ${minutes(timeoutMs)}…`,
    );
    const helper = opts.onBrowserReady
      ? Promise.resolve(opts.onBrowserReady(opened.page)).catch((err: unknown) => {
          stopWaiting.abort();
          throw new ConnectError(
            `onBrowserReady failed: ${err instanceof Error ? err.message : String(err)}`,
          );
        })
      : Promise.resolve();
    const waiting = waitForLogin(opened, site, {
      timeoutMs,
      pollMs: opts.pollMs ?? 500,
      signal: opts.signal ? AbortSignal.any([opts.signal, stopWaiting.signal]) : stopWaiting.signal,
      print,
    });
    const [, page] = await Promise.all([helper, waiting]);
    // The feed sets a few more cookies as it loads.
    await page.waitForLoadState('domcontentloaded', { timeout: 15_000 }).catch(() => {});
    await sleep(1000);
    print('  Logged in.');

    const raw = String(await page.evaluate('navigator.userAgent'));
    // Only a headless browser (--headless) says so; the session will be replayed by a normal one.
    const userAgent = raw.replace(/HeadlessChrome\//g, 'Chrome/');
    const state = await opened.context.storageState();
    const cookies = linkedinCookiesOf(state.cookies, siteBase);
    if (!cookies.some((c) => c.name === SESSION_COOKIE_NAME && c.value !== '')) {
      throw new ConnectError(
        'The login finished, but the browser has no li_at cookie for LinkedIn: run the command again.',
      );
    }
    payload = { cookies, origins: [], user_agent: userAgent };
  } finally {
    stopWaiting.abort();
    await closeBrowser(opened);
  }

  const browser = browserOf(payload.user_agent);
  const cookieNames = [...new Set(payload.cookies.map((c) => c.name))];
  const what = `${cookieNames.length} cookies${browser ? `, ${browserLabel(browser)}` : ''}`;
  let file: string | null = null;
  if (opts.out) {
    file = path.resolve(opts.out);
    writePrivateFile(file, `${JSON.stringify(payload, null, 2)}\n`);
    print(`  Session written to ${file} (${what}; readable by you only).`);
    if (!server) {
      print(
        `[${++step}/${steps}] Upload that file on the dashboard's "LinkedIn session" page (Session file), then delete it: it opens your LinkedIn account.`,
      );
    }
  }
  let session: Record<string, unknown> | null = null;
  if (server) {
    next(`Sending the session (${what}) to ${server}…`);
    session = await callServer(server, opts.apiKey!, 'PUT', payload);
    print(
      'Done: the bot has your LinkedIn session. You can close this terminal; check the session from the dashboard’s "LinkedIn session" page.',
    );
  }
  return { cookieNames, userAgent: payload.user_agent, browser, session, file };
}
