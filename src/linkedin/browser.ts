/**
 * Finding and launching Chromium, and the browser context of a run (the account's cookies,
 * its Chrome identity: user agent, client hints, languages, screen…). The browser runs as
 * a Playwright "browser server" so its process is ours to kill at once when a run is stopped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, type BrowserServer, chromium } from 'playwright-core';
import { browserEnv } from '../config/childEnv.ts';
import type { ChromiumProcessModel } from '../config/env.ts';
import { identityContextOptions, installIdentity } from './fingerprint/apply.ts';
import { type BrowserIdentity, DEFAULT_BROWSER_IDENTITY } from './fingerprint/browserIdentity.ts';
import { chromeIdentity } from './fingerprint/identity.ts';
import { localeFor } from './fingerprint/languages.ts';
import { LinkedInError } from './interfaces.ts';
import { type BrowserProxy, proxyLaunchOption } from './proxy.ts';
import { LINKEDIN_HOST } from './selectors.ts';
import type { SessionCookie, StoredOrigin } from './sessionCookies.ts';
import { originsForBaseUrl } from './sessionState.ts';

/** Exactly the flags the product launches Chromium with, whatever the process model. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // No `navigator.webdriver`: the one automation flag a page can read.
  '--disable-blink-features=AutomationControlled',
];

/** Playwright's defaults left out: `--enable-automation` sets `navigator.webdriver`. */
export const IGNORED_DEFAULT_ARGS: readonly string[] = ['--enable-automation'];

/**
 * How Chromium splits into processes (CHROMIUM_PROCESS_MODEL). `single` puts the browser,
 * the renderer, the GPU and the network service in one process and starts no zygote:
 * about half the memory of Chromium's usual layout, where each of 7–9 processes maps its
 * own libraries and heaps. It supports one browser context, all a run opens, and a
 * renderer crash takes the browser along, which a run reports as `browser_crashed` either
 * way. `multi` is Chromium's own layout, the fallback.
 */
const PROCESS_MODEL_ARGS: Readonly<Record<ChromiumProcessModel, readonly string[]>> = {
  single: ['--single-process', '--no-zygote'],
  multi: [],
};

export function chromiumArgs(model: ChromiumProcessModel): string[] {
  return [...CHROMIUM_ARGS, ...PROCESS_MODEL_ARGS[model]];
}

/**
 * A run keeps the account's HTTP cache from one run to the next (a browser that downloads
 * all of LinkedIn's scripts on every visit is not one person's usual browser); without a
 * folder, Chromium's cache lives in its throwaway profile.
 */
function diskCacheArgs(diskCacheDir: string | null | undefined): string[] {
  return diskCacheDir ? [`--disk-cache-dir=${diskCacheDir}`] : [];
}

export interface ChromiumCandidate {
  path: string;
  /** Where the candidate comes from, for the error message. */
  source: string;
}

export interface FindChromiumOptions {
  /** CHROMIUM_PATH: when set, it is the only candidate. */
  configured?: string;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** Playwright's own browser (`chromium.executablePath()`); null when unknown. */
  playwrightPath?: () => string | null;
  exists?: (file: string) => boolean;
}

function playwrightExecutable(): string | null {
  try {
    return chromium.executablePath() || null;
  } catch {
    return null;
  }
}

function isExecutableFile(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Candidate browser executables, in the order they are tried. */
export function chromiumCandidates(opts: FindChromiumOptions = {}): ChromiumCandidate[] {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const configured = opts.configured?.trim();
  if (configured) return [{ path: configured, source: 'CHROMIUM_PATH' }];
  const list: ChromiumCandidate[] = [];
  const add = (file: string) => list.push({ path: file, source: 'system' });
  if (platform === 'linux') {
    // Debian's old headless shell (the browser Playwright itself runs headless): no desktop
    // browser around it, a fraction of the memory. The binary itself: its /usr/bin wrapper
    // script stays as the parent, so the pid Playwright holds would be the shell's.
    add('/usr/lib/chromium/chromium-headless-shell');
  }
  const own = (opts.playwrightPath ?? playwrightExecutable)();
  if (own) list.push({ path: own, source: "Playwright's Chromium" });
  if (platform === 'darwin') {
    add('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    add('/Applications/Chromium.app/Contents/MacOS/Chromium');
    add(path.join(os.homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'));
    add(path.join(os.homedir(), 'Applications/Chromium.app/Contents/MacOS/Chromium'));
  } else if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string =>
      Boolean(r),
    );
    if (roots.length === 0) roots.push('C:\\Program Files', 'C:\\Program Files (x86)');
    for (const root of roots) add(path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'));
    for (const root of roots) add(path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'));
  } else {
    add('/usr/bin/chromium');
    add('/usr/bin/chromium-browser');
    add('/usr/bin/google-chrome');
    add('/usr/bin/google-chrome-stable');
    add('/snap/bin/chromium');
  }
  return list;
}

/**
 * The Chromium to launch: CHROMIUM_PATH when configured (it must exist), else (Linux)
 * Debian's headless shell, else Playwright's own browser when installed, else the usual
 * system locations. Throws `browser_crashed` naming every path tried when none exists.
 */
export function findChromium(opts: FindChromiumOptions = {}): string {
  const exists = opts.exists ?? isExecutableFile;
  const candidates = chromiumCandidates(opts);
  const found = candidates.find((c) => exists(c.path));
  if (found) return found.path;
  const tried = candidates.map((c) => `${c.path} (${c.source})`).join(', ');
  const hint = opts.configured?.trim()
    ? 'CHROMIUM_PATH does not point to an executable file'
    : 'install Chromium (Debian: apt-get install chromium-headless-shell; elsewhere Chromium or Chrome) or set CHROMIUM_PATH';
  throw new LinkedInError('browser_crashed', `No Chromium found: ${hint}. Tried: ${tried}`);
}

export interface LaunchedBrowser {
  server: BrowserServer;
  browser: Browser;
  /** The browser's process id (for tests and for the run's hard kill). */
  pid: number | null;
  executablePath: string;
  processModel: ChromiumProcessModel;
}

/** Starts Chromium (its own process, killed by `server.kill()`) and connects to it. */
export async function launchChromium(opts: {
  executablePath: string;
  processModel: ChromiumProcessModel;
  timeoutMs?: number;
  /** The account's proxy: every request of the browser goes through it. */
  proxy?: BrowserProxy;
  /** The account's persistent HTTP cache folder; none: a throwaway cache. */
  diskCacheDir?: string | null;
}): Promise<LaunchedBrowser> {
  let server: BrowserServer;
  try {
    server = await chromium.launchServer({
      executablePath: opts.executablePath,
      headless: true,
      args: [...chromiumArgs(opts.processModel), ...diskCacheArgs(opts.diskCacheDir)],
      ignoreDefaultArgs: [...IGNORED_DEFAULT_ARGS],
      // An allowlist, never our environment: no secret reaches the browser (config/childEnv.ts).
      env: browserEnv(process.env),
      timeout: opts.timeoutMs ?? 30_000,
      // The run process decides what a signal means (the stop path closes the browser).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      ...(opts.proxy ? { proxy: proxyLaunchOption(opts.proxy) } : {}),
    });
  } catch (err) {
    throw new LinkedInError(
      'browser_crashed',
      `Chromium failed to start (${opts.executablePath}, ${opts.processModel} process): ${firstLine(err)}`,
    );
  }
  try {
    const browser = await chromium.connect(server.wsEndpoint(), { timeout: opts.timeoutMs ?? 30_000 });
    return {
      server,
      browser,
      pid: server.process().pid ?? null,
      executablePath: opts.executablePath,
      processModel: opts.processModel,
    };
  } catch (err) {
    await server.kill().catch(() => {});
    throw new LinkedInError('browser_crashed', `Could not connect to Chromium: ${firstLine(err)}`);
  }
}

export function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? message;
}

type AddCookie = Parameters<BrowserContext['addCookies']>[0][number];

/**
 * The stored cookies (on `.linkedin.com`) as they must be set for `baseUrl`: unchanged for
 * linkedin.com; for another host (the sandbox on 127.0.0.1), set through `url` so they
 * belong to that host, and not `Secure`/`SameSite=None` on plain http.
 */
export function cookiesForBaseUrl(cookies: SessionCookie[], baseUrl: string): AddCookie[] {
  const base = new URL(baseUrl);
  if (LINKEDIN_HOST.test(base.hostname)) {
    return cookies.map((c) => ({ ...c }));
  }
  const https = base.protocol === 'https:';
  return cookies.map((c) => ({
    name: c.name,
    value: c.value,
    url: `${base.protocol}//${base.host}/`,
    expires: c.expires,
    httpOnly: c.httpOnly,
    secure: https && c.secure,
    sameSite: !https && c.sameSite === 'None' ? 'Lax' : c.sameSite,
  }));
}

export interface SessionContextOptions {
  cookies: SessionCookie[];
  /** LinkedIn's local storage, as stored (on LinkedIn's origin). */
  localStorage?: StoredOrigin[];
  baseUrl: string;
  /** The account's stable identity; a common Windows desktop when omitted. */
  identity?: BrowserIdentity;
  /** BCP 47 (Accept-Language, navigator.languages); default: LinkedIn's language as the identity knows it, else the timezone's people's. */
  locale?: string;
  timezoneId?: string;
}

/**
 * One browser context per run: the account's cookies and one coherent Chrome identity
 * (`fingerprint/`), given to each page by `identityReady(page)` before it navigates.
 */
export async function createSessionContext(
  browser: Browser,
  opts: SessionContextOptions,
): Promise<BrowserContext> {
  const account = opts.identity ?? DEFAULT_BROWSER_IDENTITY;
  const identity = chromeIdentity({
    identity: account,
    browserVersion: browser.version(),
    locale: opts.locale ?? localeFor(account.linkedinLanguage, opts.timezoneId),
    timezoneId: opts.timezoneId,
  });
  const origins = originsForBaseUrl(opts.localStorage ?? [], opts.baseUrl);
  const context = await browser.newContext({
    ...identityContextOptions(identity),
    javaScriptEnabled: true,
    // Local storage is restored before any page opens (the cookies are added below).
    ...(origins.length > 0 ? { storageState: { cookies: [], origins } } : {}),
  });
  await installIdentity(context, identity);
  await context.addCookies(cookiesForBaseUrl(opts.cookies, opts.baseUrl));
  return context;
}
