/**
 * LinkedIn's lazy lists (birthday cards, invitations, search results): more items load as
 * the window, or a container inside the page, is scrolled, or when "Load more" / "Charger
 * plus" is pressed. Scrolls until no new item appears for a few passes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator } from 'playwright-core';
import type { BrowserSession } from './browserSession.ts';
import { POLL_MS } from './locator.ts';
import { type ElementKey, LINKEDIN_HOST } from './selectors.ts';

/**
 * How long the quiet after a scroll must last before a pass counts as "nothing new": the
 * sandbox answers at once; LinkedIn may start its fetch a moment after the scroll.
 */
const QUIET_MS = { sandbox: 150, linkedin: 600 } as const;

export interface LazyListOptions {
  /** Passes without a new item before stopping. */
  stablePasses?: number;
  /** A pass's longest wait for new items. */
  passWaitMs?: number;
  maxPasses?: number;
}

export class LazyList {
  private readonly stablePasses: number;
  private readonly passWaitMs: number;
  private readonly maxPasses: number;
  private readonly quietMs: number;

  constructor(
    private readonly session: BrowserSession,
    opts: LazyListOptions = {},
  ) {
    const realSite = LINKEDIN_HOST.test(session.baseUrl.hostname);
    this.stablePasses = opts.stablePasses ?? 3;
    this.passWaitMs = opts.passWaitMs ?? (realSite ? 3000 : 1500);
    this.maxPasses = opts.maxPasses ?? 400;
    this.quietMs = realSite ? QUIET_MS.linkedin : QUIET_MS.sandbox;
  }

  /** Presses "Load more" when the list shows one; true when it did. */
  private async pressLoadMore(): Promise<boolean> {
    const { engine, page } = this.session;
    if (!(await engine.exists(page, 'loadMoreButton'))) return false;
    const more = await engine.findNow(page, 'loadMoreButton');
    if (!more) return false;
    return this.session.human
      .click(more.first(), 2000)
      .then(() => true)
      .catch(() => false);
  }

  /** Scrolls the window and every container that scrolls by itself to its bottom. */
  private async scrollAll(): Promise<void> {
    const { engine, page } = this.session;
    const containers = engine
      .list('scrollContainer')
      .map((fb) => fb.css)
      .filter((css): css is string => Boolean(css))
      .join(', ');
    await page
      .evaluate((css) => {
        const doc = (globalThis as unknown as { document: ScrollDoc }).document;
        doc.scrollingElement?.scrollTo(0, doc.scrollingElement.scrollHeight);
        for (const el of Array.from(doc.querySelectorAll(css))) {
          if (el.scrollHeight > el.clientHeight) el.scrollTop = el.scrollHeight;
        }
      }, containers)
      .catch(() => {});
  }

  /**
   * One pass: scrolls (after a pass that brought nothing, PageDown too) and presses "Load
   * more", then waits until `count()` grows, or the page has been quiet for a moment.
   */
  private async pass(count: () => Promise<number>, before: number, nudge: boolean): Promise<number> {
    const { page } = this.session;
    if (nudge) await page.keyboard.press('PageDown').catch(() => {});
    await this.scrollAll();
    await this.pressLoadMore();
    const started = Date.now();
    const deadline = started + this.passWaitMs;
    for (;;) {
      await sleep(POLL_MS);
      const now = await count();
      if (now > before) return now;
      const quiet =
        this.session.networkQuietFor(this.quietMs) &&
        Date.now() - started >= this.quietMs &&
        !(await this.session.engine.exists(page, 'loadingIndicator'));
      if (quiet || Date.now() >= deadline) return now;
    }
  }

  /** Scrolls until no new item appears for a few passes (or `until` says stop); the items. */
  async scrollToEnd(itemsKey: ElementKey, until?: () => Promise<boolean>): Promise<Locator | null> {
    const { engine, page } = this.session;
    let items = await engine.findNow(page, itemsKey);
    const count = async () => {
      // Items may show up through another fallback once more have loaded.
      if (!items) items = await engine.findNow(page, itemsKey);
      return items ? items.count() : 0;
    };
    let last = await count();
    let stable = 0;
    for (let pass = 0; pass < this.maxPasses && stable < this.stablePasses; pass++) {
      if (until && (await until())) break;
      const now = await this.pass(count, last, stable > 0);
      if (now > last) stable = 0;
      else stable++;
      last = now;
    }
    this.session.debug(`${itemsKey}: ${last} after scrolling`);
    return items;
  }
}

interface ScrollElement {
  scrollHeight: number;
  clientHeight: number;
  scrollTop: number;
  scrollTo(x: number, y: number): void;
}

interface ScrollDoc {
  scrollingElement: ScrollElement | null;
  querySelectorAll(css: string): ArrayLike<ScrollElement>;
}
