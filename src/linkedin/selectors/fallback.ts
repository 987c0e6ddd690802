/**
 * What a selector fallback is, and its readable form for logs. A module of its own: every
 * page's lists import the type, and they cannot import it back from the index
 * (../selectors.ts) that assembles them.
 */
import type { Page } from 'playwright-core';

export type AriaRole = Parameters<Page['getByRole']>[0];

export interface Fallback {
  /** An ARIA role (`getByRole`), optionally with its accessible name and heading level. */
  role?: AriaRole;
  name?: RegExp | string;
  level?: number;
  /** A CSS selector; combined with `role` it is not used (one or the other). */
  css?: string;
  /** Keeps only matches containing an element matching this CSS selector. */
  has?: string;
  /** Keeps only matches whose text matches. */
  text?: RegExp;
  /** Drops matches whose text matches. */
  notText?: RegExp;
  /**
   * What LinkedIn serves today on one of its designs. Several fallbacks of a list may be
   * primary (one per design); when none of them matches and a later one does, LinkedIn
   * changed a page and the run says so.
   */
  primary?: true;
}

export type SelectorList = readonly Fallback[];

/** Human-readable form of a fallback, for logs. */
export function describeFallback(fb: Fallback): string {
  const parts: string[] = [];
  if (fb.role) {
    const opts: string[] = [];
    if (fb.name !== undefined) opts.push(`name=${String(fb.name)}`);
    if (fb.level !== undefined) opts.push(`level=${fb.level}`);
    parts.push(`role=${fb.role}${opts.length ? `[${opts.join(', ')}]` : ''}`);
  } else if (fb.css) {
    parts.push(fb.css);
  }
  if (fb.has) parts.push(`has(${fb.has})`);
  if (fb.text) parts.push(`text~${String(fb.text)}`);
  if (fb.notText) parts.push(`!text~${String(fb.notText)}`);
  return parts.join(' ');
}
