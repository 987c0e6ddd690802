/**
 * One run's browser: Chromium launched in its own process, one context with the account's
 * cookies, one page. It owns the abort path (the only place a signal reaches the driver:
 * an abort kills the browser, so a pending goto/click/fill rejects at once), maps
 * Playwright's failures to LinkedInError codes, keeps the page's memory in check, takes
 * the screenshots of failed steps, and navigates (paths rebased onto LINKEDIN_BASE_URL,
 * login and limit pages recognised on arrival).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type BrowserContext,
  type CDPSession,
  type Locator,
  type Page,
  errors as playwrightErrors,
  type Response,
} from 'playwright-core';
import type { ChromiumProcessModel } from '../config/env.ts';
import {
  cookiesForBaseUrl,
  createSessionContext,
  findChromium,
  firstLine,
  type LaunchedBrowser,
  launchChromium,
} from './browser.ts';
import { identityReady } from './fingerprint/apply.ts';
import type { BrowserIdentity } from './fingerprint/browserIdentity.ts';
import { LinkedInError } from './interfaces.ts';
import { LocatorEngine, type Scope, type StrategyNote } from './locator.ts';
import { AUTH_PATH, BLOCKED_TEXT, type ElementKey, LINKEDIN_HOST, type SelectorTable } from './selectors.ts';
import type { SessionCookie } from './sessionCookies.ts';

export interface BrowserSessionOptions {
  /** LINKEDIN_BASE_URL: https://www.linkedin.com or the sandbox. */
  baseUrl: string;
  /** The account's session cookies (stored for `.linkedin.com`). */
  cookies: SessionCookie[];
  /** CHROMIUM_PATH; auto-detected when omitted. */
  chromiumPath?: string;
  /** CHROMIUM_PROCESS_MODEL; default `single` (started `multi` when it cannot start so). */
  processModel?: ChromiumProcessModel;
  /** Where failed steps' screenshots go (DATA_DIR/runs/<run id>/); null: no screenshots. */
  screenshotDir?: string | null;
  /** The run's signal: aborting it kills the browser, during an action or between two. */
  signal?: AbortSignal;
  /** Default timeout of each wait of an action (navigation, element, confirmation). */
  timeoutMs?: number;
  /** The account's stable browser identity (`fingerprint/`); a common desktop when omitted. */
  identity?: BrowserIdentity;
  /** Browser locale (Accept-Language); default: that of the timezone's people. */
  locale?: string;
  timezoneId?: string;
  /** The selector lists (the built-in ones with DATA_DIR/selectors.json in front). */
  selectors: SelectorTable;
  /** Debug lines: which fallback matched, scroll passes, … */
  onDebug?: (message: string) => void;
  /** What the run should show as a warning (Chromium started in a costlier way, …). */
  onWarning?: (message: string) => void;
  /** Which fallback found each element, the first time it did. */
  onStrategy?: (note: StrategyNote) => void;
  /** Growth of the page's JS heap that has it collected before the next action (default 8 MiB). */
  pageGarbageBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** Growth of the page's JS heap since the last collection that makes the next one worth it. */
const PAGE_GARBAGE_BYTES = 8 * 1024 * 1024;
const RELEASE_MEMORY_TIMEOUT_MS = 1000;
const LAUNCH_TIMEOUT_MS = 30_000;

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
const stoppedBeforeStart = () => new LinkedInError('aborted', 'Stopped before the browser started');

/** A failure of the caller's own callback (`beforeSend`): rethrown untouched by `act`. */
export class CallerError extends Error {
  constructor(readonly original: unknown) {
    super('caller callback failed');
  }
}

/** A navigation error that means "this session is refused" (a login loop), not "unreachable". */
const REDIRECT_LOOP = /ERR_TOO_MANY_REDIRECTS/;

export class BrowserSession {
  readonly engine: LocatorEngine;
  readonly baseUrl: URL;
  readonly timeoutMs: number;
  /** Requests to linkedin.com refused while the base URL is elsewhere (the sandbox). */
  readonly blockedRequests: string[] = [];
  private readonly debugLines: string[] = [];
  private readonly shotCounters = new Map<string, number>();
  private killing: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private disconnected = false;
  private inflight = 0;
  private lastNetworkAt = 0;
  private heapFloor = Number.POSITIVE_INFINITY;
  private readonly pageGarbageBytes: number;
  private readonly removeRunListener: () => void;

  private constructor(
    private readonly launched: LaunchedBrowser,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly opts: BrowserSessionOptions,
  ) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.pageGarbageBytes = opts.pageGarbageBytes ?? PAGE_GARBAGE_BYTES;
    this.baseUrl = new URL(opts.baseUrl);
    this.engine = new LocatorEngine(opts.selectors, page, (note) => {
      this.debug(
        `selector ${note.key}: fallback #${note.index + 1}/${note.total} matched (${note.description})`,
      );
      opts.onStrategy?.(note);
    });
    launched.browser.on('disconnected', () => {
      this.disconnected = true;
    });
    page.on('crash', () => {
      this.disconnected = true;
      void this.kill();
    });
    page.on('request', () => {
      this.inflight++;
      this.lastNetworkAt = Date.now();
    });
    const done = () => {
      this.inflight = Math.max(0, this.inflight - 1);
      this.lastNetworkAt = Date.now();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    const runSignal = opts.signal;
    const onRunAbort = () => void this.kill();
    runSignal?.addEventListener('abort', onRunAbort, { once: true });
    this.removeRunListener = () => runSignal?.removeEventListener('abort', onRunAbort);
  }

  /**
   * Finds and launches Chromium and opens the run's context. A Chromium that cannot start
   * in one process is started again in its multi-process layout, with a warning.
   */
  static async launch(opts: BrowserSessionOptions): Promise<BrowserSession> {
    if (opts.signal?.aborted) throw stoppedBeforeStart();
    const executablePath = findChromium({ configured: opts.chromiumPath });
    const preferred = opts.processModel ?? 'single';
    const start = (processModel: ChromiumProcessModel) =>
      launchChromium({ executablePath, processModel, timeoutMs: LAUNCH_TIMEOUT_MS });
    let launched: LaunchedBrowser;
    try {
      launched = await start(preferred);
    } catch (err) {
      if (opts.signal?.aborted) throw stoppedBeforeStart();
      if (preferred === 'multi') throw err;
      const why = firstLine(err);
      opts.onWarning?.(
        `Chromium did not start in one process (${why}): starting it multi-process, which takes more memory`,
      );
      try {
        launched = await start('multi');
      } catch (second) {
        if (opts.signal?.aborted) throw stoppedBeforeStart();
        throw new LinkedInError('browser_crashed', `${why}; multi-process: ${firstLine(second)}`);
      }
    }
    return BrowserSession.open(opts, launched);
  }

  private static async open(opts: BrowserSessionOptions, launched: LaunchedBrowser): Promise<BrowserSession> {
    try {
      if (opts.signal?.aborted) throw stoppedBeforeStart();
      const context = await createSessionContext(launched.browser, {
        cookies: opts.cookies,
        baseUrl: opts.baseUrl,
        identity: opts.identity,
        locale: opts.locale,
        timezoneId: opts.timezoneId,
      });
      // Every wait has a bound, including Playwright calls given no timeout of their own.
      context.setDefaultTimeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      const page = await context.newPage();
      await identityReady(page);
      const cdp = await context.newCDPSession(page);
      if (opts.signal?.aborted) throw stoppedBeforeStart();
      const session = new BrowserSession(launched, context, page, cdp, opts);
      await session.guardLinkedIn();
      session.debug(
        `browser started: ${launched.executablePath} (pid ${launched.pid ?? '?'}, ${launched.processModel} process), ${launched.browser.version()}`,
      );
      return session;
    } catch (err) {
      await launched.server.kill().catch(() => {});
      if (err instanceof LinkedInError) throw err;
      throw new LinkedInError('browser_crashed', `Could not open a browser context: ${firstLine(err)}`);
    }
  }

  /**
   * Pointed at another site (the sandbox), the browser must never reach linkedin.com: an
   * absolute link of LinkedIn's markup followed by mistake is refused and reported.
   */
  private async guardLinkedIn(): Promise<void> {
    if (LINKEDIN_HOST.test(this.baseUrl.hostname)) return;
    await this.context.route(
      (url) => LINKEDIN_HOST.test(url.hostname),
      async (route) => {
        const url = route.request().url();
        this.blockedRequests.push(url);
        this.opts.onWarning?.(
          `Refused a request to linkedin.com while LINKEDIN_BASE_URL is elsewhere: ${url}`,
        );
        await route.abort('blockedbyclient').catch(() => {});
      },
    );
  }

  /** No request in flight, and none for `ms`. */
  networkQuietFor(ms: number): boolean {
    return this.inflight === 0 && Date.now() - this.lastNetworkAt >= ms;
  }

  get browserPid(): number | null {
    return this.launched.pid;
  }

  get debugLog(): readonly string[] {
    return this.debugLines;
  }

  get isClosed(): boolean {
    return this.disconnected || this.killing !== null || this.closing !== null;
  }

  /** What the run should show as a warning (and the debug log keeps too). */
  warn(message: string): void {
    this.debug(message);
    this.opts.onWarning?.(message);
  }

  debug(message: string): void {
    this.debugLines.push(message);
    if (this.debugLines.length > 500) this.debugLines.splice(0, this.debugLines.length - 500);
    this.opts.onDebug?.(message);
  }

  async replaceCookies(cookies: SessionCookie[]): Promise<void> {
    await this.context.clearCookies();
    if (cookies.length > 0) await this.context.addCookies(cookiesForBaseUrl(cookies, this.opts.baseUrl));
  }

  /** Kills the browser process at once (abort path). */
  kill(): Promise<void> {
    this.killing ??= (async () => {
      this.disconnected = true;
      this.debug('browser killed');
      await this.launched.server.kill().catch(() => {});
    })();
    return this.killing;
  }

  async close(): Promise<void> {
    this.removeRunListener();
    if (this.killing) return this.killing;
    this.closing ??= (async () => {
      const graceful = (async () => {
        await this.context.close().catch(() => {});
        await this.launched.browser.close().catch(() => {});
        await this.launched.server.close();
      })();
      const timer = sleep(5000).then(() => 'late' as const);
      const result = await Promise.race([graceful.then(() => 'done' as const), timer]).catch(
        () => 'late' as const,
      );
      if (result !== 'done') await this.launched.server.kill().catch(() => {});
      this.disconnected = true;
    })();
    return this.closing;
  }

  /**
   * Before each action: once the page's JavaScript heap has grown by `pageGarbageBytes`
   * since its lowest point, collects it. The page and our in-page readers leave about 1 MB
   * of garbage per wish that V8 would only collect in idle time, which a run without
   * delays never has. A failure only means the memory stays as it was.
   */
  private async releaseMemory(): Promise<void> {
    if (this.isClosed) return;
    const collect = async () => {
      const { usedSize } = await this.cdp.send('Runtime.getHeapUsage');
      this.heapFloor = Math.min(this.heapFloor, usedSize);
      if (usedSize - this.heapFloor < this.pageGarbageBytes) return;
      await this.cdp.send('HeapProfiler.collectGarbage');
      this.heapFloor = (await this.cdp.send('Runtime.getHeapUsage')).usedSize;
      this.debug(`page heap collected: ${mb(usedSize)} → ${mb(this.heapFloor)} MB`);
    };
    await Promise.race([
      collect().catch(() => {}),
      sleep(RELEASE_MEMORY_TIMEOUT_MS, undefined, { ref: false }),
    ]);
  }

  async screenshot(step: string): Promise<string | null> {
    const dir = this.opts.screenshotDir;
    if (!dir || this.disconnected || this.page.isClosed()) return null;
    const safeStep = step.replace(/[^a-z0-9_-]+/gi, '-').slice(0, 60) || 'step';
    const n = (this.shotCounters.get(safeStep) ?? 0) + 1;
    this.shotCounters.set(safeStep, n);
    const file = path.join(dir, `${safeStep}-${n}.png`);
    await fs.mkdir(dir, { recursive: true }).catch(() => {});
    // A page in the middle of a navigation can refuse one capture: try once more.
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        await this.page.screenshot({ path: file, timeout: 5000, animations: 'disabled' });
        return file;
      } catch (err) {
        this.debug(`screenshot ${file} failed (attempt ${attempt}): ${firstLine(err)}`);
        if (this.disconnected || this.page.isClosed()) return null;
        await sleep(250);
      }
    }
    return null;
  }

  /**
   * Runs one action: rejects with `aborted` as soon as the signal fires (killing the
   * browser), maps Playwright failures to LinkedInError codes, and saves a screenshot of a
   * failed step.
   */
  async act<T>(
    step: string,
    signal: AbortSignal,
    timeoutMs: number | undefined,
    fn: (timeout: number) => Promise<T>,
  ): Promise<T> {
    const timeout = timeoutMs ?? this.timeoutMs;
    if (signal.aborted || this.opts.signal?.aborted) {
      await this.kill();
      throw new LinkedInError('aborted', `${step}: the run was stopped`);
    }
    if (this.isClosed) throw new LinkedInError('browser_crashed', `${step}: the browser is closed`);
    let onAbort = () => {};
    const abortedPromise = new Promise<never>((_, reject) => {
      onAbort = () => {
        void this.kill();
        reject(new LinkedInError('aborted', `${step}: the run was stopped`));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
    abortedPromise.catch(() => {});
    const work = (async () => {
      await this.releaseMemory();
      this.engine.step = step;
      return fn(timeout);
    })();
    work.catch(() => {});
    try {
      return await Promise.race([work, abortedPromise]);
    } catch (err) {
      if (err instanceof CallerError) throw err.original;
      throw await this.failure(step, err, signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private async failure(step: string, err: unknown, signal: AbortSignal): Promise<LinkedInError> {
    if (signal.aborted || this.opts.signal?.aborted) {
      await this.kill();
      return new LinkedInError('aborted', `${step}: the run was stopped`);
    }
    if (this.disconnected && !(err instanceof LinkedInError && err.code === 'aborted')) {
      return new LinkedInError('browser_crashed', `${step}: the browser died (${firstLine(err)})`);
    }
    let code: LinkedInError['code'];
    let message: string;
    if (err instanceof LinkedInError) {
      if (err.screenshot || err.code === 'aborted' || err.code === 'browser_crashed') return err;
      code = err.code;
      message = err.message;
    } else if (err instanceof playwrightErrors.TimeoutError) {
      code = 'timeout';
      message = `${step}: ${firstLine(err)}`;
    } else if (REDIRECT_LOOP.test(firstLine(err))) {
      code = 'auth_required';
      message = `${step}: LinkedIn session not usable: LinkedIn keeps redirecting to its login (${firstLine(err)})`;
    } else if (/net::ERR_|NS_ERROR_/.test(firstLine(err))) {
      code = 'timeout';
      message = `${step}: LinkedIn could not be reached (${firstLine(err)})`;
    } else if (/has been closed|Browser closed|Target crashed|crash/i.test(firstLine(err))) {
      return new LinkedInError('browser_crashed', `${step}: ${firstLine(err)}`);
    } else if (/^(locator|page|frame|elementHandle|keyboard|mouse)\.\w+:/.test(firstLine(err))) {
      // A Playwright action failed on an element (detached, covered, …).
      code = 'element_not_found';
      message = `${step}: ${firstLine(err)}`;
    } else {
      // Not a browser failure: a bug must show as itself.
      throw err;
    }
    const shot = await this.screenshot(step);
    return new LinkedInError(code, message, shot);
  }

  // --- Navigation ----------------------------------------------------------------------------

  /** A path or URL on LinkedIn, rebased onto LINKEDIN_BASE_URL (absolute linkedin.com links too). */
  resolve(target: string): string {
    const url = new URL(target, this.baseUrl);
    if (url.host !== this.baseUrl.host && LINKEDIN_HOST.test(url.hostname)) {
      return new URL(`${url.pathname}${url.search}`, this.baseUrl).toString();
    }
    return url.toString();
  }

  onPath(pathname: string): boolean {
    try {
      const current = new URL(this.page.url());
      return current.host === this.baseUrl.host && current.pathname === pathname;
    } catch {
      return false;
    }
  }

  /** Goes to a LinkedIn page; a refused session, a block or a limit is an error on arrival. */
  async navigate(target: string, timeout: number): Promise<Response | null> {
    const url = this.resolve(target);
    const response = await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout });
    this.debug(`navigated to ${url} → ${this.page.url()} (${response?.status() ?? 'no response'})`);
    const status = response?.status();
    if (status === 429 || status === 999) {
      throw new LinkedInError(
        'rate_limited',
        `LinkedIn answered ${status} (${status === 999 ? 'request denied' : 'too many requests'}) on ${new URL(url).pathname}`,
      );
    }
    await this.assertUsable();
    return response;
  }

  /**
   * Waits for an element; when it does not show, says why if LinkedIn does (a login, a
   * limit), else `element_not_found`.
   */
  async find(scope: Scope, key: ElementKey, timeout: number, what?: string): Promise<Locator> {
    const found = await this.engine.waitFor(scope, key, timeout, () => this.assertNotSentToLogin());
    if (found) return found;
    await this.assertUsable();
    throw this.engine.notFound(key, what);
  }

  /** The page went to a login or challenge page (no round trip: the URL is known locally). */
  assertNotSentToLogin(): void {
    const pathname = new URL(this.page.url()).pathname;
    if (AUTH_PATH.test(pathname)) {
      throw new LinkedInError('auth_required', `LinkedIn session not usable: redirected to ${pathname}`);
    }
  }

  /** Login redirect, captcha or login form → auth_required; limit banner or block page → rate_limited. */
  async assertUsable(): Promise<void> {
    const reason = await this.authProblem();
    if (reason) throw new LinkedInError('auth_required', `LinkedIn session not usable: ${reason}`);
    if (await this.engine.exists(this.page, 'limitBanner')) {
      await this.engine.findNow(this.page, 'limitBanner');
      throw new LinkedInError('rate_limited', 'LinkedIn shows its limit banner');
    }
    const blocked = await this.blockPage();
    if (blocked)
      throw new LinkedInError('rate_limited', `LinkedIn blocked the session for now: "${blocked}"`);
  }

  async authProblem(): Promise<string | null> {
    const current = new URL(this.page.url());
    if (AUTH_PATH.test(current.pathname)) return `redirected to ${current.pathname}`;
    if (await this.engine.exists(this.page, 'captcha')) return 'captcha';
    if (await this.engine.exists(this.page, 'loggedOut')) return 'login form shown';
    return null;
  }

  /**
   * A bare error page saying "too many requests" / "slow down": no `main`, no navigation,
   * little text. Its rendered text only (scripts' strings do not count); true when blocked.
   */
  private async blockPage(): Promise<boolean> {
    if (await this.engine.exists(this.page, 'mainContent')) return false;
    if (await this.engine.exists(this.page, 'globalNav')) return false;
    const text = await this.page
      .locator('body')
      // biome-ignore lint/performance/useDomNodeTextContent: only what the page shows counts, not its scripts
      .innerText({ timeout: 2000 })
      .catch(() => '');
    return text.length < 2000 && BLOCKED_TEXT.test(text);
  }
}
