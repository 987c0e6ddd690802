/**
 * `connect`: connects LinkedIn from the user's own computer. Opens a visible browser (their
 * Chrome, Edge or Chromium) on LinkedIn's login page with a fresh temporary profile, waits
 * until the user has logged in, whatever LinkedIn asks on the way (password, 2FA code, app
 * approval, captcha), then uploads the browser's cookies and user agent to the server with
 * the API key, or writes them to a file for the dashboard. The tool never reads nor types
 * the password: the server never asks for it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumCandidates } from '../linkedin/browser.ts';
import { isLinkedInDomain, LINKEDIN_COOKIE_DOMAIN, SESSION_COOKIE_NAME } from '../linkedin/sessionCookies.ts';
import { type BrowserVersion, browserLabel, browserOf } from '../linkedin/userAgent.ts';

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

type StateCookie = Awaited<ReturnType<BrowserContext['storageState']>>['cookies'][number];

/** A failure the user can act on: its message is printed as is, the process exits 1. */
export class ConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectError';
  }
}

/** Pages where LinkedIn is still asking something: logged in means being past them. */
const AUTH_PATH = /^\/(?:login|uas\/|authwall|checkpoint\/|signup|m\/login)/i;

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

function isLinkedInHost(url: URL): boolean {
  return isLinkedInDomain(url.hostname) && url.hostname !== '';
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
}

/**
 * The cookies of the LinkedIn site among a storage state's. On linkedin.com they are kept
 * as they are; for another site (the sandbox), the cookies of its host become LinkedIn
 * cookies (`.linkedin.com`), as the server stores every session and replays it on its
 * LINKEDIN_BASE_URL.
 */
export function linkedinCookiesOf(cookies: readonly StateCookie[], linkedinUrl: string): StateCookie[] {
  const site = new URL(linkedinUrl);
  if (isLinkedInHost(site)) return cookies.filter((c) => isLinkedInDomain(c.domain) && c.domain !== '');
  const host = site.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return cookies
    .filter((c) => c.domain.replace(/^\./, '').toLowerCase() === host)
    .map((c) => ({ ...c, domain: LINKEDIN_COOKIE_DOMAIN }));
}

export interface BrowserChoice {
  label: string;
  channel?: string;
  executablePath?: string;
}

const CHANNELS: Readonly<Record<string, BrowserChoice>> = {
  chrome: { label: 'Google Chrome', channel: 'chrome' },
  msedge: { label: 'Microsoft Edge', channel: 'msedge' },
};

/** Chromium executables of this machine (CHROMIUM_PATH first); a headless-only build only when headless. */
function chromiumChoices(headless: boolean): BrowserChoice[] {
  const configured = process.env.CHROMIUM_PATH?.trim();
  const paths = [...(configured ? [configured] : []), ...chromiumCandidates({}).map((c) => c.path)].filter(
    (file) => headless || !/headless/i.test(path.basename(file)),
  );
  return [...new Set(paths)]
    .filter((file) => fs.existsSync(file))
    .map((file) => ({ label: `Chromium (${file})`, executablePath: file }));
}

/** The browsers to try, in order: `--browser`'s choice, or Chrome, Edge, then Chromium. */
export function browserChoices(browser: string | undefined, headless: boolean): BrowserChoice[] {
  const wanted = browser?.trim();
  if (!wanted) return [CHANNELS.chrome!, CHANNELS.msedge!, ...chromiumChoices(headless)];
  const key = wanted.toLowerCase();
  if (key === 'chrome' || key === 'msedge') return [CHANNELS[key]!];
  if (key === 'edge') return [CHANNELS.msedge!];
  if (key === 'chromium') return chromiumChoices(headless);
  return [{ label: wanted, executablePath: wanted }];
}

interface OpenedBrowser {
  context: BrowserContext;
  page: Page;
  label: string;
  profileDir: string;
}

async function openBrowser(opts: { browser?: string; headless: boolean }): Promise<OpenedBrowser> {
  const choices = browserChoices(opts.browser, opts.headless);
  const failures: string[] = [];
  for (const choice of choices) {
    // A fresh profile: nothing of the user's everyday browser is read, nothing is left behind.
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-connect-'));
    try {
      const context = await chromium.launchPersistentContext(profileDir, {
        ...(choice.channel ? { channel: choice.channel } : { executablePath: choice.executablePath }),
        headless: opts.headless,
        // A window the user resizes as they like; a fixed page size only without one.
        viewport: opts.headless ? { width: 1280, height: 900 } : null,
        // Chrome's sandbox stays on, unless we run as root (where Chrome refuses it).
        chromiumSandbox: process.getuid?.() !== 0,
        // No "controlled by automated test software" bar, no navigator.webdriver.
        ignoreDefaultArgs: ['--enable-automation'],
        args: [
          '--disable-blink-features=AutomationControlled',
          '--no-first-run',
          '--no-default-browser-check',
        ],
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout: 60_000,
      });
      const page = context.pages()[0] ?? (await context.newPage());
      return { context, page, label: choice.label, profileDir };
    } catch (err) {
      fs.rmSync(profileDir, { recursive: true, force: true });
      const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      failures.push(`${choice.label}: ${reason}`);
    }
  }
  const tried = failures.length > 0 ? ` Tried: ${failures.join('; ')}.` : '';
  throw new ConnectError(
    `No browser could be opened. Install Google Chrome, Microsoft Edge or Chromium, or name one with --browser chrome|msedge|chromium|<path to the executable>.${tried}`,
  );
}

/** The page the user ended up on after logging in, or null while they are not logged in. */
async function loggedInPage(context: BrowserContext, site: URL): Promise<Page | null> {
  const cookies = await context.cookies(site.origin);
  if (!cookies.some((c) => c.name === SESSION_COOKIE_NAME && c.value !== '')) return null;
  for (const page of context.pages()) {
    let url: URL;
    try {
      url = new URL(page.url());
    } catch {
      continue;
    }
    const onSite = isLinkedInHost(site) ? isLinkedInHost(url) : url.host === site.host;
    if (onSite && !AUTH_PATH.test(url.pathname)) return page;
  }
  return null;
}

function minutes(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const m = ms / 60_000;
  return `${Number.isInteger(m) ? m : m.toFixed(1)} min`;
}

/** Waits until the user is logged in; rejects on timeout, cancel, or a closed browser. */
async function waitForLogin(
  opened: OpenedBrowser,
  site: URL,
  opts: { timeoutMs: number; pollMs: number; signal?: AbortSignal; print: (line: string) => void },
): Promise<Page> {
  const { context } = opened;
  let closed = false;
  context.on('close', () => {
    closed = true;
  });
  const started = Date.now();
  const deadline = started + opts.timeoutMs;
  let nextReminder = started + 60_000;
  for (;;) {
    if (opts.signal?.aborted) throw new ConnectError('Cancelled: nothing was uploaded.');
    if (closed || context.pages().length === 0) {
      throw new ConnectError(
        'The browser window was closed before the login finished: nothing was uploaded. Run the command again.',
      );
    }
    const page = await loggedInPage(context, site).catch(() => null);
    if (page) return page;
    const now = Date.now();
    if (now >= deadline) {
      throw new ConnectError(
        `No login within ${minutes(opts.timeoutMs)}: nothing was uploaded. Run the command again (--timeout <seconds> to wait longer).`,
      );
    }
    if (now >= nextReminder) {
      opts.print(`  … still waiting for the login (${minutes(deadline - now)} left)`);
      nextReminder += 60_000;
    }
    await sleep(Math.min(opts.pollMs, Math.max(0, deadline - now)));
  }
}

/** `error.message` of the server's `{"error":{…}}` answer, with the names of refused fields. */
async function serverError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as {
      error?: { message?: string; details?: { fields?: Record<string, string> } };
    };
    const fields = body.error?.details?.fields;
    const detail = fields
      ? ` (${Object.entries(fields)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')})`
      : '';
    return `${body.error?.message ?? res.statusText}${detail}`;
  } catch {
    return res.statusText || `HTTP ${res.status}`;
  }
}

async function callServer(
  server: string,
  apiKey: string,
  method: 'GET' | 'PUT',
  body?: unknown,
): Promise<Record<string, unknown>> {
  const url = `${server}/api/linkedin/session`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        'x-api-key': apiKey,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
    throw new ConnectError(
      `Cannot reach the server at ${server} (${reason}). Is it running, and is --server the address you open the dashboard at?`,
    );
  }
  if (res.ok) return (await res.json()) as Record<string, unknown>;
  const message = await serverError(res);
  switch (res.status) {
    case 401:
      throw new ConnectError(
        `The server refused the API key (401: ${message}). Use the API key the server printed at its first start (or its API_KEY setting): --api-key <key>, or the API_KEY environment variable.`,
      );
    case 403:
      throw new ConnectError(`This API key may not change the LinkedIn session (403: ${message}).`);
    case 404:
      throw new ConnectError(
        `${server} does not look like a linkedin-birthday-bot server (404 for /api/linkedin/session): check --server.`,
      );
    case 421:
      throw new ConnectError(
        `The server does not accept the name "${new URL(server).host}" (421): use the address of its dashboard, or add the name to the server's PUBLIC_HOSTS.`,
      );
    case 400:
      throw new ConnectError(`The server refused the session: ${message}`);
    default:
      throw new ConnectError(`The server answered ${res.status}: ${message}`);
  }
}

/** Writes the session file, readable by the user only (also when it existed before). */
function writePrivateFile(file: string, content: string): void {
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, content);
  } finally {
    fs.closeSync(fd);
  }
}

/** Closes the browser (and its temporary profile), whatever state it is in. */
async function closeBrowser(opened: OpenedBrowser): Promise<void> {
  await Promise.race([opened.context.close().catch(() => {}), sleep(10_000, undefined, { ref: false })]);
  fs.rmSync(opened.profileDir, { recursive: true, force: true, maxRetries: 3 });
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
