/**
 * The LinkedIn client port over a real Chromium driven by Playwright (linkedin.com or the
 * sandbox). One browser and one context per client; every action is abortable (an abort
 * kills the browser, so a pending goto/click/fill rejects at once) and bounded by a
 * timeout. Elements are found through the fallback lists of `selectors.ts`.
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
import {
  type ActionOptions,
  type BirthdayContact,
  type LinkedInClient,
  LinkedInError,
  type PersonResult,
  type ProfileInfo,
  type SearchPage,
  type SentInvitation,
} from './interfaces.ts';
import {
  AUTH_PATH,
  CARD_LABEL_TEXT,
  describeFallback,
  type ElementKey,
  type Fallback,
  INVITATION_LABEL_TEXT,
  LINKEDIN_HOST,
  PATHS,
  profileLinkTo,
  SELECTORS,
} from './selectors.ts';
import type { SessionCookie } from './sessionCookies.ts';
import {
  cleanProfileUrl,
  daysSinceIso,
  parseBirthdayLabel,
  parseExactBirthdayLabel,
  parseInvitationAge,
  slugFromProfileUrl,
} from './text.ts';

export interface PlaywrightClientOptions {
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
  /** The run's signal: its abort kills the browser, between actions too. */
  signal?: AbortSignal;
  /** Default timeout of each wait of an action (navigation, element, confirmation). */
  timeoutMs?: number;
  /** Browser locale (Accept-Language); default en-US. */
  locale?: string;
  timezoneId?: string;
  /** "Today" for dated birthday labels ("Oct 24"). */
  now?: () => Date;
  /** Debug lines: which fallback matched, scroll passes, … */
  onDebug?: (message: string) => void;
  /** What the run should show as a warning (Chromium started in a costlier way, …). */
  onWarning?: (message: string) => void;
  /** Growth of the page's JS heap that has it collected before the next action (default 8 MiB). */
  pageGarbageBytes?: number;
  /** Infinite-scroll tuning: passes without a new item before stopping, and a pass's max wait. */
  scroll?: { stablePasses?: number; passWaitMs?: number; maxPasses?: number };
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** Growth of the page's JS heap since the last collection that makes the next one worth it. */
const PAGE_GARBAGE_BYTES = 8 * 1024 * 1024;
const RELEASE_MEMORY_TIMEOUT_MS = 1000;
const LAUNCH_TIMEOUT_MS = 30_000;

const stoppedBeforeStart = () => new LinkedInError('aborted', 'Stopped before the browser started');
const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
const POLL_MS = 40;
/** How long the quiet after a scroll must last before a pass counts as "nothing new". */
const QUIET_MS = 150;

type Scope = Page | Locator;

/** A failure of the caller's own callback (`beforeSend`): rethrown untouched. */
class CallerError extends Error {
  constructor(readonly original: unknown) {
    super('caller callback failed');
  }
}

function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

function firstLineOf(text: string): string {
  return normalizeSpace(text.split('\n').find((l) => l.trim() !== '') ?? '');
}

/** One element found inside an item, as read from the page. */
interface Entry {
  text: string;
  href: string | null;
  datetime: string | null;
}

/**
 * Items (birthday cards, search results, invitations) read in bulk: each fallback that is
 * reached is read for every item at once (one round trip), so parsing 300 cards costs a
 * handful of round trips. ARIA fallbacks, which only Playwright evaluates, are read live
 * per item when reached.
 */
interface ItemSet {
  items: Locator;
  /** `key#index` → per item, the visible matches of that fallback inside it. */
  cache: Map<string, Entry[][]>;
}

interface ItemView {
  set: ItemSet;
  index: number;
}

/** The little of the DOM the in-page readers use (the project has no DOM typings). */
interface DomNode {
  querySelectorAll(css: string): ArrayLike<DomNode>;
  querySelector(css: string): DomNode | null;
  getAttribute(name: string): string | null;
  getClientRects(): { length: number };
  innerText?: string;
  textContent: string | null;
  ownerDocument: { defaultView: { getComputedStyle(node: DomNode): { visibility: string } } };
}

/** Fallback text filters, applied to entries read in bulk. */
function passesTextFilters(fb: Fallback, entry: Entry): boolean {
  if (fb.text && !fb.text.test(entry.text)) return false;
  if (fb.notText?.test(entry.text)) return false;
  return true;
}

export class PlaywrightLinkedInClient implements LinkedInClient {
  /** Which fallback matched, per element: counts by fallback index. */
  private readonly stats = new Map<ElementKey, number[]>();
  private readonly debugLines: string[] = [];
  private readonly shotCounters = new Map<string, number>();
  private killing: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private disconnected = false;
  /** A conversation overlay may still be open (a step failed before closing it). */
  private conversationOpen = false;
  private inflight = 0;
  private lastNetworkAt = 0;
  /** The page's smallest JS heap seen, after a collection or before (releaseMemory). */
  private heapFloor = Number.POSITIVE_INFINITY;
  private readonly pageGarbageBytes: number;
  private readonly timeoutMs: number;
  private readonly baseUrl: URL;
  private readonly scroll: { stablePasses: number; passWaitMs: number; maxPasses: number };
  private readonly removeRunListener: () => void;

  private constructor(
    private readonly launched: LaunchedBrowser,
    private readonly context: BrowserContext,
    private readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly opts: PlaywrightClientOptions,
  ) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.pageGarbageBytes = opts.pageGarbageBytes ?? PAGE_GARBAGE_BYTES;
    this.baseUrl = new URL(opts.baseUrl);
    const realSite = LINKEDIN_HOST.test(this.baseUrl.hostname);
    this.scroll = {
      stablePasses: opts.scroll?.stablePasses ?? 3,
      passWaitMs: opts.scroll?.passWaitMs ?? (realSite ? 3000 : 1500),
      maxPasses: opts.scroll?.maxPasses ?? 400,
    };
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
   * Finds and launches Chromium, opens the run's context with the account's cookies. A
   * Chromium that cannot start in one process (some builds refuse `--single-process`) is
   * started again in its multi-process layout, with a warning: that costs memory.
   */
  static async launch(opts: PlaywrightClientOptions): Promise<PlaywrightLinkedInClient> {
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
    return PlaywrightLinkedInClient.open(opts, launched);
  }

  /** The run's context and page in a launched browser; the browser is killed if they cannot open. */
  private static async open(
    opts: PlaywrightClientOptions,
    launched: LaunchedBrowser,
  ): Promise<PlaywrightLinkedInClient> {
    try {
      if (opts.signal?.aborted) throw stoppedBeforeStart();
      const context = await createSessionContext(launched.browser, {
        cookies: opts.cookies,
        baseUrl: opts.baseUrl,
        locale: opts.locale,
        timezoneId: opts.timezoneId,
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      if (opts.signal?.aborted) throw stoppedBeforeStart();
      const client = new PlaywrightLinkedInClient(launched, context, page, cdp, opts);
      client.debug(
        `browser started: ${launched.executablePath} (pid ${launched.pid ?? '?'}, ${launched.processModel} process), ${launched.browser.version()}`,
      );
      return client;
    } catch (err) {
      await launched.server.kill().catch(() => {});
      if (err instanceof LinkedInError) throw err;
      throw new LinkedInError('browser_crashed', `Could not open a browser context: ${firstLine(err)}`);
    }
  }

  /** The browser's process id (gone once the client is closed or aborted). */
  get browserPid(): number | null {
    return this.launched.pid;
  }

  /** Recent debug lines (which fallbacks matched, …), oldest first. */
  get debugLog(): readonly string[] {
    return this.debugLines;
  }

  /** Per element, how many lookups each fallback (by index) answered. */
  selectorStats(): Record<string, number[]> {
    return Object.fromEntries(this.stats);
  }

  /** Replaces the session cookies (a refreshed session; tests: the sandbox issues a new one on reset). */
  async replaceCookies(cookies: SessionCookie[]): Promise<void> {
    await this.context.clearCookies();
    if (cookies.length > 0) await this.context.addCookies(cookiesForBaseUrl(cookies, this.opts.baseUrl));
  }

  // --- Lifecycle -----------------------------------------------------------------------------

  private debug(message: string): void {
    this.debugLines.push(message);
    if (this.debugLines.length > 500) this.debugLines.splice(0, this.debugLines.length - 500);
    this.opts.onDebug?.(message);
  }

  /** Kills the browser process at once (abort path). */
  private kill(): Promise<void> {
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
   * since the last collection, collects it. The page and our in-page readers leave about
   * 1 MB of garbage per wish that V8 would only collect in idle time, which a run without
   * delays never has, and a renderer's heap, once grown, stays grown. A full collection
   * takes tens of milliseconds, so it runs only when there is that much to gain; a failure
   * only means the memory stays as it was.
   */
  private async releaseMemory(): Promise<void> {
    if (this.disconnected || this.killing || this.closing) return;
    const collect = async () => {
      const { usedSize } = await this.cdp.send('Runtime.getHeapUsage');
      // V8 may have collected by itself since: grow from the lowest heap seen.
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
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    return null;
  }

  /**
   * Runs one action: rejects with `aborted` as soon as the signal fires (killing the
   * browser), maps Playwright failures to LinkedInError codes, and saves a screenshot of a
   * failed step.
   */
  private async act<T>(step: string, opts: ActionOptions, fn: (timeout: number) => Promise<T>): Promise<T> {
    const { signal } = opts;
    const timeout = opts.timeoutMs ?? this.timeoutMs;
    if (signal.aborted || this.opts.signal?.aborted) {
      await this.kill();
      throw new LinkedInError('aborted', `${step}: the run was stopped`);
    }
    if (this.disconnected || this.closing) {
      throw new LinkedInError('browser_crashed', `${step}: the browser is closed`);
    }
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

  // --- Element lookup ----------------------------------------------------------------------

  private build(scope: Scope, fb: Fallback): Locator {
    let loc = fb.role
      ? scope.getByRole(fb.role, { name: fb.name, level: fb.level })
      : scope.locator(fb.css ?? '*');
    if (fb.has) loc = loc.filter({ has: this.page.locator(fb.has) });
    if (fb.text) loc = loc.filter({ hasText: fb.text });
    if (fb.notText) loc = loc.filter({ hasNotText: fb.notText });
    return loc.filter({ visible: true });
  }

  private noteMatch(key: ElementKey, index: number): void {
    const list = SELECTORS[key] as readonly Fallback[];
    let counts = this.stats.get(key);
    if (!counts) {
      counts = list.map(() => 0);
      this.stats.set(key, counts);
    }
    if (counts[index] === 0) {
      this.debug(
        `selector ${key}: fallback #${index + 1}/${list.length} matched (${describeFallback(list[index]!)})`,
      );
    }
    counts[index] = (counts[index] ?? 0) + 1;
  }

  /** All fallbacks from `from` on, as one locator (one round trip to ask "is any there?"). */
  private anyOf(scope: Scope, key: ElementKey, from = 0): Locator | null {
    const list = (SELECTORS[key] as readonly Fallback[]).slice(from);
    let combined: Locator | null = null;
    for (const fb of list) {
      const loc = this.build(scope, fb);
      combined = combined ? combined.or(loc) : loc;
    }
    return combined;
  }

  /** Whether any fallback of `key` has a visible match (order does not matter here). */
  private async exists(scope: Scope, key: ElementKey): Promise<boolean> {
    const any = this.anyOf(scope, key);
    return any ? (await any.count()) > 0 : false;
  }

  /**
   * The first fallback with a visible match right now (all its visible matches), or null.
   * The first fallback is asked alone, the others together first: a miss costs two round
   * trips whatever the list's length (`expectPresent` skips that probe).
   */
  private async findNow(scope: Scope, key: ElementKey, expectPresent = false): Promise<Locator | null> {
    const list = SELECTORS[key] as readonly Fallback[];
    const first = this.build(scope, list[0]!);
    if ((await first.count()) > 0) {
      this.noteMatch(key, 0);
      return first;
    }
    // When the element is known to be there, asking "any of the others?" first is a wasted trip.
    const rest = expectPresent ? null : this.anyOf(scope, key, 1);
    if (rest && (await rest.count()) === 0) return null;
    for (let i = 1; i < list.length; i++) {
      const loc = this.build(scope, list[i]!);
      if ((await loc.count()) > 0) {
        this.noteMatch(key, i);
        return loc;
      }
    }
    return null;
  }

  /** The page went to a login or challenge page (no round trip: the URL is known locally). */
  private assertNotSentToLogin(): void {
    const pathname = new URL(this.page.url()).pathname;
    if (AUTH_PATH.test(pathname)) {
      throw new LinkedInError('auth_required', `LinkedIn session not usable: redirected to ${pathname}`);
    }
  }

  /** Polls `findNow` until `timeout`; null when nothing showed. */
  private async waitFor(scope: Scope, key: ElementKey, timeout: number): Promise<Locator | null> {
    const deadline = Date.now() + timeout;
    for (;;) {
      this.assertNotSentToLogin();
      const found = await this.findNow(scope, key);
      if (found) return found;
      if (Date.now() >= deadline) return null;
      await sleep(POLL_MS);
    }
  }

  /** Like `waitFor`, but a missing element is an error (after checking why: login, limit). */
  private async find(scope: Scope, key: ElementKey, timeout: number, what?: string): Promise<Locator> {
    const found = await this.waitFor(scope, key, timeout);
    if (found) return found;
    await this.assertUsable();
    const tried = (SELECTORS[key] as readonly Fallback[]).length;
    throw new LinkedInError('element_not_found', `${what ?? key} not found (${tried} fallbacks tried)`);
  }

  /** Waits for the first of several elements; returns its key, or null on timeout. */
  private async waitForAny<K extends ElementKey>(
    scope: Scope,
    keys: readonly K[],
    timeout: number,
  ): Promise<{ key: K; locator: Locator } | null> {
    const deadline = Date.now() + timeout;
    for (;;) {
      this.assertNotSentToLogin();
      for (const key of keys) {
        const locator = await this.findNow(scope, key);
        if (locator) return { key, locator };
      }
      if (Date.now() >= deadline) return null;
      await sleep(POLL_MS);
    }
  }

  /** Texts of the first fallback (in order) having a text that `accept` takes. */
  private async pickText<T>(
    scope: Scope,
    key: ElementKey,
    accept: (text: string) => T | null | undefined,
  ): Promise<{ text: string; value: T } | null> {
    const list = SELECTORS[key] as readonly Fallback[];
    for (let i = 0; i < list.length; i++) {
      const texts = await this.build(scope, list[i]!).allInnerTexts();
      for (const raw of texts) {
        const text = normalizeSpace(raw);
        if (!text) continue;
        const value = accept(text);
        if (value !== null && value !== undefined) {
          this.noteMatch(key, i);
          return { text, value };
        }
      }
    }
    return null;
  }

  /** The items of a list, to be read in bulk (see `ItemSet`). */
  private async itemViews(items: Locator): Promise<ItemView[]> {
    const set: ItemSet = { items, cache: new Map() };
    const count = await items.count();
    return Array.from({ length: count }, (_, index) => ({ set, index }));
  }

  /** Entries of fallback `i` of `key` inside the item. */
  private async entries(view: ItemView, key: ElementKey, i: number): Promise<Entry[]> {
    const fb = (SELECTORS[key] as readonly Fallback[])[i]!;
    if (fb.role) {
      return this.build(view.set.items.nth(view.index), fb).evaluateAll((els) =>
        (els as unknown as DomNode[]).map((n) => ({
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text (lines, no hidden parts) is what is read
          text: String(n.innerText ?? n.textContent ?? ''),
          href: n.getAttribute('href'),
          datetime: n.getAttribute('datetime'),
        })),
      );
    }
    const cacheKey = `${key}#${i}`;
    let all = view.set.cache.get(cacheKey);
    if (!all) {
      all = await view.set.items.evaluateAll(
        (els, fb) =>
          (els as unknown as DomNode[]).map((el) =>
            Array.from(el.querySelectorAll(fb.css))
              .filter(
                (n) =>
                  (fb.has === null || n.querySelector(fb.has) !== null) &&
                  n.getClientRects().length > 0 &&
                  n.ownerDocument.defaultView.getComputedStyle(n).visibility !== 'hidden',
              )
              .map((n) => ({
                // biome-ignore lint/performance/useDomNodeTextContent: the rendered text (lines, no hidden parts) is what is read
                text: String(n.innerText ?? n.textContent ?? ''),
                href: n.getAttribute('href'),
                datetime: n.getAttribute('datetime'),
              })),
          ),
        { css: fb.css ?? '*', has: fb.has ?? null },
      );
      view.set.cache.set(cacheKey, all);
    }
    return (all[view.index] ?? []).filter((e) => passesTextFilters(fb, e));
  }

  /** The first entry (fallbacks in order) that `accept` takes, with its value. */
  private async pickEntry<T>(
    view: ItemView,
    key: ElementKey,
    accept: (entry: Entry) => T | null | undefined,
  ): Promise<{ entry: Entry; value: T } | null> {
    const count = (SELECTORS[key] as readonly Fallback[]).length;
    for (let i = 0; i < count; i++) {
      for (const entry of await this.entries(view, key, i)) {
        const value = accept(entry);
        if (value !== null && value !== undefined) {
          this.noteMatch(key, i);
          return { entry, value };
        }
      }
    }
    return null;
  }

  /** A profile URL from the item's links (query stripped), or null. */
  private async pickProfileUrl(view: ItemView, key: ElementKey): Promise<string | null> {
    const found = await this.pickEntry(view, key, (e) =>
      e.href && slugFromProfileUrl(e.href) ? e.href : null,
    );
    return found ? cleanProfileUrl(found.value, this.page.url()) : null;
  }

  // --- Navigation ----------------------------------------------------------------------------

  /** A path or URL on LinkedIn, rebased onto LINKEDIN_BASE_URL (profile URLs from linkedin.com too). */
  private resolve(target: string): string {
    const url = new URL(target, this.baseUrl);
    if (url.host !== this.baseUrl.host && LINKEDIN_HOST.test(url.hostname)) {
      return new URL(`${url.pathname}${url.search}`, this.baseUrl).toString();
    }
    return url.toString();
  }

  private onPath(pathname: string): boolean {
    try {
      const current = new URL(this.page.url());
      return current.host === this.baseUrl.host && current.pathname === pathname;
    } catch {
      return false;
    }
  }

  private async navigate(target: string, timeout: number): Promise<void> {
    const url = this.resolve(target);
    const response = await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout });
    this.conversationOpen = false;
    this.debug(`navigated to ${url} → ${this.page.url()} (${response?.status() ?? 'no response'})`);
    if (response?.status() === 429) {
      throw new LinkedInError(
        'rate_limited',
        `LinkedIn answered 429 Too Many Requests on ${new URL(url).pathname}`,
      );
    }
    await this.assertUsable();
  }

  /** Login redirect, captcha or login form → auth_required; limit banner → rate_limited. */
  private async assertUsable(): Promise<void> {
    const reason = await this.authProblem();
    if (reason) throw new LinkedInError('auth_required', `LinkedIn session not usable: ${reason}`);
    if (await this.exists(this.page, 'limitBanner')) {
      await this.findNow(this.page, 'limitBanner');
      throw new LinkedInError('rate_limited', 'LinkedIn shows its limit banner');
    }
  }

  private async authProblem(): Promise<string | null> {
    const current = new URL(this.page.url());
    if (AUTH_PATH.test(current.pathname)) return `redirected to ${current.pathname}`;
    if (await this.exists(this.page, 'captcha')) return 'captcha';
    if (await this.exists(this.page, 'loggedOut')) return 'login form shown';
    return null;
  }

  // --- Session -------------------------------------------------------------------------------

  checkSession(opts: ActionOptions): Promise<'valid' | 'expired'> {
    return this.act('check-session', opts, async (timeout) => {
      await this.page.goto(this.resolve(PATHS.feed), { waitUntil: 'domcontentloaded', timeout });
      const deadline = Date.now() + timeout;
      for (;;) {
        const problem = await this.authProblem();
        if (problem) {
          this.debug(`session check: expired (${problem})`);
          return 'expired';
        }
        if (await this.findNow(this.page, 'globalNav')) return 'valid';
        if (Date.now() >= deadline) {
          throw new LinkedInError('timeout', 'The feed showed neither the navigation nor a login form');
        }
        await sleep(POLL_MS);
      }
    });
  }

  // --- Infinite lists ------------------------------------------------------------------------

  /**
   * Scrolls to the bottom (after a pass that brought nothing: PageDown, and "Show more"
   * when there is one), then waits until `count()` grows, or the page has been quiet (no
   * loader, no request) for a moment. Returns the new count.
   */
  private async scrollPass(count: () => Promise<number>, before: number, nudge: boolean): Promise<number> {
    if (nudge) {
      await this.page.keyboard.press('PageDown').catch(() => {});
      if (await this.exists(this.page, 'loadMoreButton')) {
        const more = await this.findNow(this.page, 'loadMoreButton');
        await more
          ?.first()
          .click({ timeout: 2000 })
          .catch(() => {});
      }
    }
    await this.page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)').catch(() => {});
    const started = Date.now();
    const deadline = started + this.scroll.passWaitMs;
    for (;;) {
      await sleep(POLL_MS);
      const now = await count();
      if (now > before) return now;
      const quiet =
        this.inflight === 0 &&
        Date.now() - this.lastNetworkAt >= QUIET_MS &&
        Date.now() - started >= QUIET_MS &&
        !(await this.exists(this.page, 'loadingIndicator'));
      if (quiet || Date.now() >= deadline) return now;
    }
  }

  /** Scrolls until no new item appears for `stablePasses` passes (or `until` says stop). */
  private async scrollToEnd(itemsKey: ElementKey, until?: () => Promise<boolean>): Promise<Locator | null> {
    let items = await this.findNow(this.page, itemsKey);
    const count = async () => {
      // Items may show up through another fallback once more have loaded.
      if (!items) items = await this.findNow(this.page, itemsKey);
      return items ? items.count() : 0;
    };
    let last = await count();
    let stable = 0;
    for (let pass = 0; pass < this.scroll.maxPasses && stable < this.scroll.stablePasses; pass++) {
      if (until && (await until())) break;
      const now = await this.scrollPass(count, last, stable > 0);
      if (now > last) stable = 0;
      else stable++;
      last = now;
    }
    this.debug(`${itemsKey}: ${last} after scrolling`);
    return items;
  }

  // --- Birthdays -----------------------------------------------------------------------------

  listBirthdays(opts: ActionOptions): Promise<BirthdayContact[]> {
    return this.act('list-birthdays', opts, async (timeout) => {
      await this.navigate(PATHS.birthdays, timeout);
      const first = await this.waitForAny(this.page, ['birthdayCard', 'birthdaysEmpty'] as const, timeout);
      if (!first) {
        await this.assertUsable();
        throw new LinkedInError(
          'element_not_found',
          'The birthday page showed neither cards nor its empty state',
        );
      }
      if (first.key === 'birthdaysEmpty') return [];
      const cards = (await this.scrollToEnd('birthdayCard')) ?? first.locator;
      await this.assertUsable();
      const today = this.opts.now?.() ?? new Date();
      const contacts: BirthdayContact[] = [];
      const seen = new Set<string>();
      for (const view of await this.itemViews(cards)) {
        const contact = await this.parseCard(view, today);
        if (!contact || seen.has(contact.slug)) continue;
        seen.add(contact.slug);
        contacts.push(contact);
      }
      return contacts;
    });
  }

  private async parseCard(card: ItemView, today: Date): Promise<BirthdayContact | null> {
    const profileUrl = await this.pickProfileUrl(card, 'cardProfileLink');
    if (!profileUrl) {
      this.debug('birthday card without a profile link: skipped');
      return null;
    }
    const slug = slugFromProfileUrl(profileUrl)!;
    const whenOf = (parse: (text: string, today: Date) => number | null) => (e: Entry) => {
      const text = normalizeSpace(e.text);
      const days = text ? parse(text, today) : null;
      return days === null ? null : { text, days };
    };
    const when =
      (await this.pickEntry(card, 'cardWhen', whenOf(parseExactBirthdayLabel))) ??
      (await this.pickEntry(card, 'cardWhen', whenOf(parseBirthdayLabel)));
    if (!when) {
      this.debug(`birthday card of ${slug}: no readable "when" label, skipped`);
      return null;
    }
    // The name: the first text that is not a label ("Celebrate…", "Happy birthday!", "Today").
    const name = await this.pickEntry(card, 'cardName', (e) => {
      const line = firstLineOf(e.text);
      return line && !CARD_LABEL_TEXT.test(line) && parseBirthdayLabel(line, today) === null ? line : null;
    });
    return { name: name?.value ?? slug, slug, profileUrl, daysLate: when.value.days, label: when.value.text };
  }

  /** The contact's birthday card on the birthday page (opened and scrolled as needed). */
  private async locateCard(contact: BirthdayContact, timeout: number): Promise<Locator> {
    if (!this.onPath(PATHS.birthdays)) await this.navigate(PATHS.birthdays, timeout);
    // A live locator: cards loaded by scrolling are part of it.
    const cards = await this.find(this.page, 'birthdayCard', timeout, 'birthday card');
    const match = async (): Promise<Locator | null> => {
      const byLink = cards.filter({ has: this.page.locator(profileLinkTo(contact.slug)) });
      if ((await byLink.count()) > 0) return byLink.first();
      const byName = cards.filter({ hasText: contact.name });
      if ((await byName.count()) === 1) return byName.first();
      return null;
    };
    let card = await match();
    if (!card) {
      await this.scrollToEnd('birthdayCard', async () => {
        card = await match();
        return card !== null;
      });
      card ??= await match();
    }
    if (!card)
      throw new LinkedInError('element_not_found', `No birthday card for ${contact.name} (${contact.slug})`);
    return card;
  }

  /** Closes any conversation left open (a previous step's failure). */
  private async closeOpenConversations(): Promise<void> {
    if (!this.conversationOpen) return;
    for (let i = 0; i < 3; i++) {
      const overlay = await this.findNow(this.page, 'conversationOverlay');
      if (!overlay) {
        this.conversationOpen = false;
        return;
      }
      const close = await this.findNow(overlay.first(), 'closeButton');
      if (!close) return;
      await close
        .first()
        .click({ timeout: 2000 })
        .catch(() => {});
      await sleep(POLL_MS);
    }
  }

  /** Opens the card's conversation; returns the overlay (the scope of thread, composer, Send). */
  private async openConversation(contact: BirthdayContact, timeout: number): Promise<Scope> {
    const card = await this.locateCard(contact, timeout);
    await this.closeOpenConversations();
    const button = await this.find(card, 'messageButton', timeout, `Message button of ${contact.name}`);
    this.conversationOpen = true;
    await button.first().click({ timeout });
    const composer = await this.waitFor(this.page, 'composer', timeout);
    if (!composer) {
      await this.assertUsable();
      throw new LinkedInError('element_not_found', `The conversation with ${contact.name} did not open`);
    }
    const overlay = await this.findNow(this.page, 'conversationOverlay', true);
    return overlay ? overlay.first() : this.page;
  }

  private async threadTexts(scope: Scope): Promise<string[]> {
    // The first fallback's texts in one round trip; when it has no match, the others in order.
    let texts = await this.build(scope, SELECTORS.threadMessage[0]).allInnerTexts();
    if (texts.length > 0) {
      this.noteMatch('threadMessage', 0);
    } else {
      const messages = await this.findNow(scope, 'threadMessage');
      texts = messages ? await messages.allInnerTexts() : [];
    }
    // Line breaks are kept (a message can have several lines); spaces are tidied.
    return texts
      .map((t) =>
        t
          .replace(/\r\n?/g, '\n')
          .replace(/[^\S\n]+/g, ' ')
          .replace(/ *\n */g, '\n')
          .trim(),
      )
      .filter(Boolean);
  }

  private async closeConversation(scope: Scope, timeout: number): Promise<void> {
    const close = await this.findNow(scope, 'closeButton');
    if (!close) {
      this.debug('conversation: no close button found, left open');
      return;
    }
    await close.first().click({ timeout });
    const deadline = Date.now() + Math.min(timeout, 3000);
    while (Date.now() < deadline) {
      if (!(await this.exists(this.page, 'composer'))) {
        this.conversationOpen = false;
        return;
      }
      await sleep(POLL_MS);
    }
  }

  readConversation(contact: BirthdayContact, opts: ActionOptions): Promise<string[]> {
    return this.act('read-conversation', opts, async (timeout) => {
      const overlay = await this.openConversation(contact, timeout);
      await this.waitWhileLoading(overlay, timeout);
      const texts = await this.threadTexts(overlay);
      await this.closeConversation(overlay, timeout);
      return texts;
    });
  }

  private async waitWhileLoading(scope: Scope, timeout: number): Promise<void> {
    const deadline = Date.now() + Math.min(timeout, 5000);
    while (Date.now() < deadline && (await this.exists(scope, 'loadingIndicator'))) await sleep(POLL_MS);
  }

  sendMessage(
    contact: BirthdayContact,
    text: string,
    opts: ActionOptions & { beforeSend: () => Promise<void> },
  ): Promise<void> {
    return this.act('send-message', opts, async (timeout) => {
      const wanted = normalizeSpace(text);
      if (!wanted) throw new LinkedInError('send_failed', 'Refusing to send an empty message');
      const overlay = await this.openConversation(contact, timeout);
      const countOf = (texts: string[]) => texts.map(normalizeSpace).filter((t) => t.includes(wanted)).length;
      const before = countOf(await this.threadTexts(overlay));
      const composer = (await this.find(overlay, 'composer', timeout, 'message composer')).first();
      await composer.fill(text, { timeout });
      const send = (await this.find(overlay, 'sendButton', timeout, 'Send button')).first();
      try {
        await opts.beforeSend();
      } catch (err) {
        await composer.fill('', { timeout: 2000 }).catch(() => {});
        await this.closeConversation(overlay, 2000).catch(() => {});
        throw new CallerError(err);
      }
      await send.click({ timeout });
      const deadline = Date.now() + timeout;
      for (let poll = 0; ; poll++) {
        this.assertNotSentToLogin();
        const shown = countOf(await this.threadTexts(overlay)) > before;
        const late = Date.now() >= deadline;
        // A message can show in the thread flagged as failed: check for an error then too.
        // Otherwise errors are rarer than a slow confirmation: look every other poll.
        if (shown || late || poll % 2 === 1) {
          if (!shown && (await this.exists(this.page, 'limitBanner'))) {
            throw new LinkedInError(
              'rate_limited',
              `LinkedIn's limit banner showed when sending to ${contact.name}`,
            );
          }
          const error = (await this.exists(overlay, 'sendError'))
            ? await this.findNow(overlay, 'sendError')
            : null;
          if (error) {
            const said = normalizeSpace(
              (await error
                .first()
                .textContent()
                .catch(() => '')) ?? '',
            );
            throw new LinkedInError(
              'send_failed',
              `LinkedIn did not send the message to ${contact.name}: ${said}`,
            );
          }
          if (shown) break;
          if (late) {
            throw new LinkedInError(
              'send_failed',
              `The message to ${contact.name} did not show in the conversation`,
            );
          }
        }
        await sleep(POLL_MS);
      }
      await this.closeConversation(overlay, timeout);
    });
  }

  // --- Search and profiles -------------------------------------------------------------------

  searchPeople(
    query: { keywords: string; location: string; page: number },
    opts: ActionOptions,
  ): Promise<SearchPage> {
    return this.act('search-people', opts, async (timeout) => {
      const params = new URLSearchParams({ keywords: query.keywords, origin: 'GLOBAL_SEARCH_HEADER' });
      if (query.location.trim()) params.set('location', query.location.trim());
      if (query.page > 1) params.set('page', String(query.page));
      await this.navigate(`${PATHS.peopleSearch}?${params}`, timeout);
      const first = await this.waitForAny(this.page, ['searchResult', 'searchEmpty'] as const, timeout);
      if (!first) {
        await this.assertUsable();
        throw new LinkedInError(
          'element_not_found',
          'The search page showed neither results nor its empty state',
        );
      }
      if (first.key === 'searchEmpty') return { people: [], hasNext: false };
      const people: PersonResult[] = [];
      const seen = new Set<string>();
      for (const result of await this.itemViews(first.locator)) {
        const person = await this.parseResult(result);
        if (!person || seen.has(person.slug)) continue;
        seen.add(person.slug);
        people.push(person);
      }
      const next = await this.findNow(this.page, 'nextPageButton');
      const hasNext = next ? await next.first().isEnabled() : false;
      return { people, hasNext };
    });
  }

  private async parseResult(result: ItemView): Promise<PersonResult | null> {
    const link = await this.pickEntry(result, 'resultTitleLink', (e) =>
      e.href && slugFromProfileUrl(e.href) && firstLineOf(e.text) ? e.href : null,
    );
    if (!link) return null;
    const profileUrl = cleanProfileUrl(link.value, this.page.url());
    return { slug: slugFromProfileUrl(profileUrl)!, name: firstLineOf(link.entry.text), profileUrl };
  }

  visitProfile(profileUrl: string, dwellMs: number, opts: ActionOptions): Promise<ProfileInfo> {
    return this.act('visit-profile', opts, async (timeout) => {
      await this.navigate(profileUrl, timeout);
      const heading = await this.find(this.page, 'profileName', timeout, 'profile name');
      const name = normalizeSpace((await heading.first().textContent({ timeout })) ?? '');
      const headline = await this.pickText(this.page, 'profileHeadline', (t) => t);
      if (dwellMs > 0) {
        // Like a reader: a pause, a scroll, a pause; all of it abortable.
        await sleep(dwellMs / 2, undefined, { signal: opts.signal });
        await this.page.mouse.wheel(0, 600).catch(() => {});
        await sleep(dwellMs / 2, undefined, { signal: opts.signal });
      }
      return { name, headline: headline?.text ?? null };
    });
  }

  // --- Sent invitations ----------------------------------------------------------------------

  listSentInvitations(opts: ActionOptions): Promise<SentInvitation[]> {
    return this.act('list-invitations', opts, async (timeout) => {
      await this.navigate(PATHS.sentInvitations, timeout);
      const invitations: SentInvitation[] = [];
      const seen = new Set<string>();
      for (let pageNo = 1; pageNo <= 100; pageNo++) {
        const first = await this.waitForAny(
          this.page,
          ['invitationItem', 'invitationsEmpty'] as const,
          timeout,
        );
        if (!first) {
          await this.assertUsable();
          throw new LinkedInError(
            'element_not_found',
            'The sent invitations page showed neither items nor its empty state',
          );
        }
        if (first.key === 'invitationsEmpty') break;
        const items = (await this.scrollToEnd('invitationItem')) ?? first.locator;
        for (const item of await this.itemViews(items)) {
          const invitation = await this.parseInvitation(item);
          if (!invitation) continue;
          const key = invitation.profileUrl ?? invitation.name;
          if (seen.has(key)) continue;
          seen.add(key);
          invitations.push(invitation);
        }
        if (!(await this.goToNextPage(timeout))) break;
      }
      return invitations;
    });
  }

  /** Clicks an enabled "Next" and waits for the page to change; false when there is none. */
  private async goToNextPage(timeout: number): Promise<boolean> {
    const next = await this.findNow(this.page, 'nextPageButton');
    if (!next || !(await next.first().isEnabled())) return false;
    const before = this.page.url();
    const firstItem = await this.findNow(this.page, 'invitationItem');
    const marker = firstItem
      ? await firstItem
          .first()
          .textContent()
          .catch(() => '')
      : '';
    await next.first().click({ timeout });
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      if (this.page.url() !== before) {
        await this.page.waitForLoadState('domcontentloaded', { timeout });
        await this.assertUsable();
        return true;
      }
      const item = await this.findNow(this.page, 'invitationItem');
      const now = item
        ? await item
            .first()
            .textContent()
            .catch(() => '')
        : '';
      if (now !== marker) return true;
    }
    throw new LinkedInError('timeout', 'The next page of invitations did not load');
  }

  private async parseInvitation(item: ItemView): Promise<SentInvitation | null> {
    const profileUrl = await this.pickProfileUrl(item, 'invitationProfileLink');
    const name = await this.pickEntry(item, 'invitationName', (e) => {
      const line = firstLineOf(e.text);
      return line && !INVITATION_LABEL_TEXT.test(line) && parseInvitationAge(line) === null ? line : null;
    });
    if (!name && !profileUrl) return null;
    const age = await this.pickEntry(item, 'invitationAge', (e) => {
      const line = firstLineOf(e.text);
      const days = parseInvitationAge(line);
      return days === null ? null : { line, days };
    });
    let ageDays = age?.value.days ?? null;
    let sentLabel = age?.value.line ?? '';
    if (ageDays === null) {
      const time = await this.pickEntry(item, 'invitationTime', (e) =>
        e.datetime ? daysSinceIso(e.datetime, this.opts.now?.() ?? new Date()) : null,
      );
      if (time) {
        ageDays = time.value;
        sentLabel ||= normalizeSpace(time.entry.text) || time.entry.datetime!;
      }
    }
    return {
      name: name?.value ?? slugFromProfileUrl(profileUrl!) ?? '',
      profileUrl,
      sentLabel,
      ageDays,
    };
  }

  private async locateInvitation(invitation: SentInvitation, timeout: number): Promise<Locator | null> {
    const slug = invitation.profileUrl ? slugFromProfileUrl(invitation.profileUrl) : null;
    const match = async (): Promise<Locator | null> => {
      const items = await this.findNow(this.page, 'invitationItem');
      if (!items) return null;
      if (slug) {
        const byLink = items.filter({ has: this.page.locator(profileLinkTo(slug)) });
        if ((await byLink.count()) > 0) return byLink.first();
      }
      const byName = items.filter({ hasText: invitation.name });
      if (invitation.name && (await byName.count()) === 1) return byName.first();
      return null;
    };
    let item = await match();
    if (item) return item;
    await this.navigate(PATHS.sentInvitations, timeout);
    for (let pageNo = 1; pageNo <= 100; pageNo++) {
      const first = await this.waitForAny(
        this.page,
        ['invitationItem', 'invitationsEmpty'] as const,
        timeout,
      );
      if (!first || first.key === 'invitationsEmpty') return null;
      item = await match();
      if (item) return item;
      await this.scrollToEnd('invitationItem', async () => {
        item = await match();
        return item !== null;
      });
      item ??= await match();
      if (item) return item;
      if (!(await this.goToNextPage(timeout))) return null;
    }
    return null;
  }

  withdrawInvitation(invitation: SentInvitation, opts: ActionOptions): Promise<void> {
    return this.act('withdraw-invitation', opts, async (timeout) => {
      if (!this.onPath(PATHS.sentInvitations)) await this.navigate(PATHS.sentInvitations, timeout);
      const item = await this.locateInvitation(invitation, timeout);
      if (!item) {
        throw new LinkedInError(
          'element_not_found',
          `No pending invitation for ${invitation.name} in the sent list`,
        );
      }
      const button = await this.find(
        item,
        'withdrawButton',
        timeout,
        `Withdraw button of ${invitation.name}`,
      );
      await button.first().click({ timeout });
      const dialog = (
        await this.find(this.page, 'confirmDialog', timeout, 'withdraw confirmation dialog')
      ).first();
      const confirm = await this.find(dialog, 'confirmButton', timeout, 'Withdraw confirmation button');
      await confirm.first().click({ timeout });
      const deadline = Date.now() + timeout;
      for (;;) {
        await sleep(POLL_MS);
        this.assertNotSentToLogin();
        const gone = (await item.count()) === 0 || !(await item.isVisible().catch(() => false));
        if (gone) return;
        if (await this.exists(this.page, 'limitBanner')) {
          throw new LinkedInError(
            'rate_limited',
            `LinkedIn's limit banner showed when withdrawing ${invitation.name}`,
          );
        }
        const error = (await this.exists(dialog, 'dialogError'))
          ? await this.findNow(dialog, 'dialogError')
          : null;
        if (error || Date.now() >= deadline) {
          const said = error
            ? normalizeSpace(
                (await error
                  .first()
                  .textContent()
                  .catch(() => '')) ?? '',
              )
            : '';
          throw new LinkedInError(
            'timeout',
            `The invitation to ${invitation.name} is still listed after withdrawing${said ? `: ${said}` : ''}`,
          );
        }
      }
    });
  }
}
