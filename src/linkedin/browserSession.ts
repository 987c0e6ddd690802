/**
 * One run's browser: Chromium launched in its own process, one context with the account's
 * cookies, one page. It owns the abort path (the only place a signal reaches the driver:
 * an abort kills the browser, so a pending goto/click/fill rejects at once), maps
 * Playwright's failures to LinkedInError codes, keeps the page's memory in check, takes
 * the screenshots of failed steps, and navigates (paths rebased onto LINKEDIN_BASE_URL,
 * login and limit pages recognised on arrival). The parts it composes are modules of their
 * own beside it: sessionLaunch, linkedinGuard, pageMemory, stepFailure, stepScreenshots
 * and pageProblems.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, CDPSession, Locator, Page, Response } from 'playwright-core';
import type { ChromiumProcessModel } from '../config/env.ts';
import { type CodedLog, coded } from '../contract/logCodes.ts';
import type { RandomSource } from '../random.ts';
import { cookiesForBaseUrl, createSessionContext, firstLine, type LaunchedBrowser } from './browser.ts';
import { identityReady } from './fingerprint/apply.ts';
import type { BrowserIdentity } from './fingerprint/browserIdentity.ts';
import { HumanInput } from './human/humanInput.ts';
import { RHYTHM_PROFILES, type RhythmProfileName } from './human/profiles.ts';
import { Rhythm } from './human/rhythm.ts';
import { LinkedInError } from './interfaces.ts';
import { guardLinkedIn } from './linkedinGuard.ts';
import { LocatorEngine, type Scope, type StrategyNote } from './locator.ts';
import { PAGE_GARBAGE_BYTES, PageMemory } from './pageMemory.ts';
import { assertNotOnLoginPage, assertPageUsable, authProblemOf } from './pageProblems.ts';
import { assertProxyAccepted, type BrowserProxy } from './proxy.ts';
import { type ElementKey, LINKEDIN_HOST, type SelectorTable } from './selectors.ts';
import type { SessionCookie, StoredOrigin } from './sessionCookies.ts';
import { launchSessionBrowser, stoppedBeforeStart } from './sessionLaunch.ts';
import { type SessionStateAtEnd, SessionStateWatch } from './sessionStateWatch.ts';
import { CallerError, classifyFailure } from './stepFailure.ts';
import { StepScreenshots } from './stepScreenshots.ts';

export interface BrowserSessionOptions {
  /** LINKEDIN_BASE_URL: https://www.linkedin.com or the sandbox. */
  baseUrl: string;
  /** The account's session cookies (stored for `.linkedin.com`). */
  cookies: SessionCookie[];
  /** LinkedIn's local storage as a previous run left it (stored on LinkedIn's origin). */
  localStorage?: StoredOrigin[];
  /** The account's persistent HTTP cache folder (locked by the run); none: a throwaway cache. */
  diskCacheDir?: string | null;
  /** CHROMIUM_PATH; auto-detected when omitted. */
  chromiumPath?: string;
  /** CHROMIUM_PROCESS_MODEL; default `single` (started `multi` when it cannot start so). */
  processModel?: ChromiumProcessModel;
  /** The account's proxy (`network.proxy`); direct when omitted. */
  proxy?: BrowserProxy;
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
  onDebug?: (message: string, what?: CodedLog) => void;
  /** What the run should show as a warning (Chromium started in a costlier way, …). */
  onWarning?: (message: string, what?: CodedLog) => void;
  /** Which fallback found each element, the first time it did. */
  onStrategy?: (note: StrategyNote) => void;
  /** Growth of the page's JS heap that has it collected before the next action (default 8 MiB). */
  pageGarbageBytes?: number;
  /**
   * The pace of keys, pointer and reading (human/profiles.ts). A bot's run passes the
   * account's `delays.profile`; without it (session checks, the doctor, driver tests): `fast`.
   */
  rhythm?: { profile?: RhythmProfileName; random?: RandomSource };
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** Reading the storage state at the end of a run: past this, those of the last completed action are kept. */
const STATE_READ_TIMEOUT_MS = 5_000;

export class BrowserSession {
  readonly engine: LocatorEngine;
  readonly baseUrl: URL;
  readonly timeoutMs: number;
  /** Clicks, typing, dwelling and reading at the run's rhythm. */
  readonly human: HumanInput;
  /** Requests to linkedin.com refused while the base URL is elsewhere (the sandbox). */
  readonly blockedRequests: string[] = [];
  private readonly debugLines: string[] = [];
  private killing: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private disconnected = false;
  private inflight = 0;
  private lastNetworkAt = 0;
  private readonly memory: PageMemory;
  private readonly shots: StepScreenshots;
  private readonly removeRunListener: () => void;
  /** Aborted when the browser goes: a rhythm wait in progress ends with it. */
  private readonly lifetime = new AbortController();
  /** What ends the rhythm's waits during the current action. */
  private waitSignal: AbortSignal = this.lifetime.signal;

  private constructor(
    private readonly launched: LaunchedBrowser,
    readonly context: BrowserContext,
    readonly page: Page,
    cdp: CDPSession,
    private readonly state: SessionStateWatch,
    private readonly opts: BrowserSessionOptions,
  ) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.memory = new PageMemory(cdp, opts.pageGarbageBytes ?? PAGE_GARBAGE_BYTES, (m) => this.debug(m));
    this.shots = new StepScreenshots(
      page,
      opts.screenshotDir,
      () => this.disconnected,
      (m) => this.debug(m),
    );
    this.baseUrl = new URL(opts.baseUrl);
    this.human = new HumanInput(
      page,
      new Rhythm(RHYTHM_PROFILES[opts.rhythm?.profile ?? 'fast'], opts.rhythm?.random ?? Math.random),
      () => this.waitSignal,
    );
    this.engine = new LocatorEngine(opts.selectors, page, (note) => {
      this.debug(
        `selector ${note.key}: fallback #${note.index + 1}/${note.total} matched (${note.description})`,
        coded('selector.fallback', {
          key: note.key,
          index: note.index + 1,
          total: note.total,
          description: note.description,
        }),
      );
      opts.onStrategy?.(note);
    });
    launched.browser.on('disconnected', () => {
      this.disconnected = true;
      this.lifetime.abort();
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

  /** Finds and launches Chromium (one process, else multi-process) and opens the run's context. */
  static async launch(opts: BrowserSessionOptions): Promise<BrowserSession> {
    return BrowserSession.open(opts, await launchSessionBrowser(opts));
  }

  private static async open(opts: BrowserSessionOptions, launched: LaunchedBrowser): Promise<BrowserSession> {
    try {
      if (opts.signal?.aborted) throw stoppedBeforeStart();
      const context = await createSessionContext(launched.browser, {
        cookies: opts.cookies,
        localStorage: opts.localStorage,
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
      const state = await SessionStateWatch.start(context, opts.baseUrl, opts.localStorage ?? []);
      if (opts.signal?.aborted) throw stoppedBeforeStart();
      const session = new BrowserSession(launched, context, page, cdp, state, opts);
      await guardLinkedIn(context, session.baseUrl, session.blockedRequests, (m, what) =>
        opts.onWarning?.(m, what),
      );
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
  warn(message: string, what?: CodedLog): void {
    this.keep(message);
    this.opts.onWarning?.(message, what);
  }

  debug(message: string, what?: CodedLog): void {
    this.keep(message);
    this.opts.onDebug?.(message, what);
  }

  private keep(message: string): void {
    this.debugLines.push(message);
    if (this.debugLines.length > 500) this.debugLines.splice(0, this.debugLines.length - 500);
  }

  /**
   * LinkedIn's cookies and local storage in the browser now (before `close`), or as they
   * were after its last completed action once it is gone, with what changed since it opened.
   */
  sessionState(): Promise<SessionStateAtEnd> {
    return this.state.read(!this.isClosed, STATE_READ_TIMEOUT_MS);
  }

  async replaceCookies(cookies: SessionCookie[]): Promise<void> {
    await this.context.clearCookies();
    if (cookies.length > 0) await this.context.addCookies(cookiesForBaseUrl(cookies, this.opts.baseUrl));
  }

  /** Kills the browser process at once (abort path). */
  kill(): Promise<void> {
    this.killing ??= (async () => {
      this.disconnected = true;
      this.lifetime.abort();
      this.debug('browser killed');
      await this.launched.server.kill().catch(() => {});
    })();
    return this.killing;
  }

  async close(): Promise<void> {
    this.removeRunListener();
    if (this.killing) return this.killing;
    this.closing ??= (async () => {
      this.lifetime.abort();
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

  screenshot(step: string): Promise<string | null> {
    return this.shots.take(step);
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
      // Before each action: a run without delays gives V8 no idle time to collect in.
      if (!this.isClosed) await this.memory.release();
      this.engine.step = step;
      this.waitSignal = AbortSignal.any([signal, this.lifetime.signal]);
      try {
        return await fn(timeout);
      } finally {
        // What a stop (which kills the browser) can still store back of LinkedIn's cookies.
        if (!this.isClosed) await this.state.snapshot();
      }
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
    const failed = classifyFailure(step, err);
    if (failed instanceof LinkedInError) return failed;
    const shot = await this.screenshot(step);
    return new LinkedInError(failed.code, failed.message, shot, failed.challenge);
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
    assertProxyAccepted(status);
    if (status === 429 || status === 999) {
      throw new LinkedInError(
        'rate_limited',
        `LinkedIn answered ${status} (${status === 999 ? 'request denied' : 'too many requests'}) on ${new URL(url).pathname}`,
      );
    }
    await this.assertUsable();
    await this.human.dwell();
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
    assertNotOnLoginPage(this.page);
  }

  /** Login redirect, checkpoint, captcha or login form → auth_required; limit banner or block page → rate_limited. */
  assertUsable(): Promise<void> {
    return assertPageUsable(this.engine, this.page);
  }

  authProblem(): Promise<string | null> {
    return authProblemOf(this.engine, this.page);
  }
}
