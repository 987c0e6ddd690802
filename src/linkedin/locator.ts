/**
 * The locator engine: finds LinkedIn's elements through the ordered fallback lists of the
 * selector table, in a page, a frame (the message box's iframe) or inside an element, and
 * records which fallback found each element (the run's self-diagnosis). Items of a list
 * (birthday cards, search results, invitations) are read in bulk: one round trip per
 * fallback reached for all items, instead of one per item.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Frame, Locator, Page } from 'playwright-core';
import { LinkedInError } from './interfaces.ts';
import { describeFallback, type ElementKey, type Fallback, type SelectorTable } from './selectors.ts';

export type Root = Page | Frame;
export type Scope = Root | Locator;

export const POLL_MS = 40;

/** One element found inside an item, as read from the page. */
export interface Entry {
  text: string;
  href: string | null;
  datetime: string | null;
}

interface ItemSet {
  items: Locator;
  /** `key#index` → per item, the visible matches of that fallback inside it. */
  cache: Map<string, Entry[][]>;
}

export interface ItemView {
  set: ItemSet;
  index: number;
}

/** Which fallback found an element, the first time it did in this run. */
export interface StrategyNote {
  key: ElementKey;
  /** 0-based index in the element's list. */
  index: number;
  total: number;
  description: string;
  primary: boolean;
  /** A later fallback matched although the list has primaries: LinkedIn changed the page. */
  fallbackUsed: boolean;
  /** The driver step during which it was found. */
  step: string;
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

function passesTextFilters(fb: Fallback, entry: Entry): boolean {
  if (fb.text && !fb.text.test(entry.text)) return false;
  if (fb.notText?.test(entry.text)) return false;
  return true;
}

export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

export function firstLineOf(text: string): string {
  return normalizeSpace(text.split('\n').find((l) => l.trim() !== '') ?? '');
}

/** Pages and frames have no `evaluateAll`; locators do. */
function isLocator(scope: Scope): scope is Locator {
  return typeof (scope as Locator).evaluateAll === 'function';
}

export class LocatorEngine {
  /** Per element, how many lookups each fallback (by index) answered. */
  private readonly stats = new Map<ElementKey, number[]>();
  /** The frame each scope-locator lives in (`has` filters must be built in the same frame). */
  private readonly roots = new WeakMap<Locator, Root>();

  /** The driver step in progress (set by the browser session), for strategy notes. */
  step = '';

  constructor(
    private readonly table: SelectorTable,
    private readonly page: Page,
    private readonly onStrategy: (note: StrategyNote) => void,
  ) {}

  list(key: ElementKey): readonly Fallback[] {
    return this.table[key];
  }

  /** Declares that `locator` lives in `root` (a frame other than the page's main one). */
  inRoot(locator: Locator, root: Root): Locator {
    this.roots.set(locator, root);
    return locator;
  }

  private rootOf(scope: Scope): Root {
    if (!isLocator(scope)) return scope;
    return this.roots.get(scope) ?? this.page;
  }

  build(scope: Scope, fb: Fallback): Locator {
    let loc = fb.role
      ? scope.getByRole(fb.role, { name: fb.name, level: fb.level })
      : scope.locator(fb.css ?? '*');
    if (fb.has) loc = loc.filter({ has: this.rootOf(scope).locator(fb.has) });
    if (fb.text) loc = loc.filter({ hasText: fb.text });
    if (fb.notText) loc = loc.filter({ hasNotText: fb.notText });
    loc = loc.filter({ visible: true });
    return this.inRoot(loc, this.rootOf(scope));
  }

  /** Records that fallback `index` of `key` matched (its first match is reported). */
  note(key: ElementKey, index: number): void {
    const list = this.list(key);
    let counts = this.stats.get(key);
    if (!counts) {
      counts = list.map(() => 0);
      this.stats.set(key, counts);
    }
    if (counts[index] === 0) {
      const fb = list[index]!;
      const hasPrimaries = list.some((f) => f.primary);
      // A primary that already worked in this run means the page did not change: a
      // fallback matching in a passing state (an element re-rendering) is no news.
      const primaryWorked = list.some((f, i) => f.primary && (counts[i] ?? 0) > 0);
      this.onStrategy({
        key,
        index,
        total: list.length,
        description: describeFallback(fb),
        primary: fb.primary === true,
        fallbackUsed: hasPrimaries && !fb.primary && !primaryWorked,
        step: this.step,
      });
    }
    counts[index] = (counts[index] ?? 0) + 1;
  }

  /** Per element, how many lookups each fallback (by index) answered. */
  statsByElement(): Record<string, number[]> {
    return Object.fromEntries(this.stats);
  }

  /** All fallbacks from `from` on, as one locator (one round trip to ask "is any there?"). */
  private anyOf(scope: Scope, key: ElementKey, from = 0): Locator | null {
    let combined: Locator | null = null;
    for (const fb of this.list(key).slice(from)) {
      const loc = this.build(scope, fb);
      combined = combined ? combined.or(loc) : loc;
    }
    return combined ? this.inRoot(combined, this.rootOf(scope)) : null;
  }

  /** How many visible matches all fallbacks of `key` have together. */
  async countAll(scope: Scope, key: ElementKey): Promise<number> {
    const any = this.anyOf(scope, key);
    return any ? any.count() : 0;
  }

  /** Whether any fallback of `key` has a visible match (order does not matter here). */
  async exists(scope: Scope, key: ElementKey): Promise<boolean> {
    const any = this.anyOf(scope, key);
    return any ? (await any.count()) > 0 : false;
  }

  /**
   * The first fallback with a visible match right now (all its visible matches), or null.
   * The first fallback is asked alone, the others together first: a miss costs two round
   * trips whatever the list's length (`expectPresent` skips that probe).
   */
  async findNow(scope: Scope, key: ElementKey, expectPresent = false): Promise<Locator | null> {
    const list = this.list(key);
    const first = this.build(scope, list[0]!);
    if ((await first.count()) > 0) {
      this.note(key, 0);
      return first;
    }
    const rest = expectPresent ? null : this.anyOf(scope, key, 1);
    if (rest && (await rest.count()) === 0) return null;
    for (let i = 1; i < list.length; i++) {
      const loc = this.build(scope, list[i]!);
      if ((await loc.count()) > 0) {
        // The page may have changed between two questions (a message just sent): a primary
        // that matches now wins, so a passing state is not taken for a changed page.
        if (!list[i]!.primary) {
          for (let j = 0; j < i; j++) {
            if (!list[j]!.primary) continue;
            const primary = this.build(scope, list[j]!);
            if ((await primary.count()) > 0) {
              this.note(key, j);
              return primary;
            }
          }
        }
        this.note(key, i);
        return loc;
      }
    }
    return null;
  }

  /** Polls `findNow` until `timeout`; null when nothing showed. `check` runs before each poll. */
  async waitFor(
    scope: Scope,
    key: ElementKey,
    timeout: number,
    check: () => void = () => {},
  ): Promise<Locator | null> {
    const deadline = Date.now() + timeout;
    for (;;) {
      check();
      const found = await this.findNow(scope, key);
      if (found) return found;
      if (Date.now() >= deadline) return null;
      await sleep(POLL_MS);
    }
  }

  /** Waits for the first of several elements; returns its key, or null on timeout. */
  async waitForAny<K extends ElementKey>(
    scope: Scope,
    keys: readonly K[],
    timeout: number,
    check: () => void = () => {},
  ): Promise<{ key: K; locator: Locator } | null> {
    const deadline = Date.now() + timeout;
    for (;;) {
      check();
      for (const key of keys) {
        const locator = await this.findNow(scope, key);
        if (locator) return { key, locator };
      }
      if (Date.now() >= deadline) return null;
      await sleep(POLL_MS);
    }
  }

  /** A missing element as an error naming how many fallbacks were tried. */
  notFound(key: ElementKey, what?: string): LinkedInError {
    return new LinkedInError(
      'element_not_found',
      `${what ?? key} not found (${this.list(key).length} fallbacks tried)`,
    );
  }

  /** Texts of the first fallback (in order) having a text that `accept` takes. */
  async pickText<T>(
    scope: Scope,
    key: ElementKey,
    accept: (text: string) => T | null | undefined,
  ): Promise<{ text: string; value: T } | null> {
    const list = this.list(key);
    for (let i = 0; i < list.length; i++) {
      const texts = await this.build(scope, list[i]!).allInnerTexts();
      for (const raw of texts) {
        const text = normalizeSpace(raw);
        if (!text) continue;
        const value = accept(text);
        if (value !== null && value !== undefined) {
          this.note(key, i);
          return { text, value };
        }
      }
    }
    return null;
  }

  /** The items of a list, to be read in bulk. */
  async itemViews(items: Locator): Promise<ItemView[]> {
    const set: ItemSet = { items, cache: new Map() };
    const count = await items.count();
    return Array.from({ length: count }, (_, index) => ({ set, index }));
  }

  /** The whole text of an item (read once for all items). */
  async itemText(view: ItemView): Promise<string> {
    let all = view.set.cache.get('#text');
    if (!all) {
      const texts = await view.set.items.evaluateAll((els) =>
        (els as unknown as DomNode[]).map((n) => String(n.textContent ?? '')),
      );
      all = texts.map((text) => [{ text, href: null, datetime: null }]);
      view.set.cache.set('#text', all);
    }
    return all[view.index]?.[0]?.text ?? '';
  }

  /** Entries of fallback `i` of `key` inside the item. */
  private async entries(view: ItemView, key: ElementKey, i: number): Promise<Entry[]> {
    const fb = this.list(key)[i]!;
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

  /** Every entry of the first fallback (in order) that has any inside the item. */
  async allEntries(view: ItemView, key: ElementKey): Promise<Entry[]> {
    const count = this.list(key).length;
    for (let i = 0; i < count; i++) {
      const entries = await this.entries(view, key, i);
      if (entries.length > 0) return entries;
    }
    return [];
  }

  /** The first entry (fallbacks in order) that `accept` takes, with its value. */
  async pickEntry<T>(
    view: ItemView,
    key: ElementKey,
    accept: (entry: Entry) => T | null | undefined,
  ): Promise<{ entry: Entry; value: T } | null> {
    const count = this.list(key).length;
    for (let i = 0; i < count; i++) {
      for (const entry of await this.entries(view, key, i)) {
        const value = accept(entry);
        if (value !== null && value !== undefined) {
          this.note(key, i);
          return { entry, value };
        }
      }
    }
    return null;
  }
}
