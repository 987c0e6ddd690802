/**
 * A page's structure with none of its people in it, for bug reports: the DOM as HTML
 * where every text is a placeholder of its kind (`{text}`, `{number}`) and every attribute
 * value a placeholder, except what selectors are made of: tag names, `role`, `type`,
 * `data-view-name`, `data-testid` and class names. Links keep only their path pattern
 * (`/in/x/`, `/messaging/compose/?recipient=x&body=x`). Open shadow roots and same-origin
 * iframes are included (as `<shadow-root>` and the frame's `<html>` inside the iframe).
 *
 * `reduceDocument` runs in the page (it is serialised by Playwright): self-contained.
 */
import type { Frame, Page } from 'playwright-core';

/** Path segments kept as they are: LinkedIn's own words, never a person's. */
export const KNOWN_PATH_WORDS = [
  'in',
  'feed',
  'mynetwork',
  'catch-up',
  'birthday',
  'invitation-manager',
  'sent',
  'received',
  'messaging',
  'compose',
  'thread',
  'search',
  'results',
  'people',
  'all',
  'preload',
  'login',
  'uas',
  'authwall',
  'checkpoint',
  'challenge',
  'company',
  'school',
  'jobs',
  'notifications',
  'premium',
  'settings',
  'help',
  'overlay',
  'detail',
  'recent-activity',
  'posts',
] as const;

export interface SnapshotOptions {
  /** Attributes kept with their value. */
  keep: readonly string[];
  knownWords: readonly string[];
  maxNodes: number;
}

export const SNAPSHOT_OPTIONS: SnapshotOptions = {
  keep: ['role', 'type', 'data-view-name', 'data-testid', 'class'],
  knownWords: KNOWN_PATH_WORDS,
  maxNodes: 20_000,
};

/** The page's (or frame's) document reduced to its structure (see the module comment). */
export function reduceDocument(opts: SnapshotOptions): string {
  interface N {
    nodeType: number;
    nodeName: string;
    textContent: string | null;
    childNodes: ArrayLike<N>;
    attributes?: ArrayLike<{ name: string; value: string }>;
    shadowRoot?: N | null;
    contentDocument?: N | null;
    documentElement?: N | null;
  }
  const doc = (globalThis as unknown as { document: N }).document;
  const keep = new Set(opts.keep);
  const known = new Set(opts.knownWords);
  const voids = new Set([
    'area',
    'base',
    'br',
    'col',
    'embed',
    'hr',
    'img',
    'input',
    'link',
    'meta',
    'source',
    'track',
    'wbr',
  ]);
  let budget = opts.maxNodes;

  const kindOf = (text: string): string => {
    const t = text.trim();
    if (t === '') return '';
    if (/^[\d\s.,:/+-]+$/.test(t)) return '{number}';
    return '{text}';
  };
  const escapeHtml = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

  const urlPattern = (value: string): string => {
    if (/^(javascript|data|blob|mailto|tel):/i.test(value)) return '{url}';
    if (value.startsWith('#')) return '#x';
    let url: URL;
    try {
      url = new URL(value, 'https://www.linkedin.com');
    } catch {
      return '{url}';
    }
    const path = url.pathname
      .split('/')
      .map((part) => (part === '' || known.has(part.toLowerCase()) ? part : 'x'))
      .join('/');
    const query = [...url.searchParams.keys()].map((k) => `${encodeURIComponent(k)}=x`).join('&');
    return `${path}${query ? `?${query}` : ''}`;
  };

  const attrs = (node: N): string => {
    let out = '';
    for (const { name, value } of Array.from(node.attributes ?? [])) {
      let shown: string;
      if (keep.has(name)) shown = value;
      else if (name === 'href' || name === 'src' || name === 'action') shown = urlPattern(value);
      else if (value === '') shown = '';
      else shown = kindOf(value) || '{text}';
      out += ` ${name}="${escapeHtml(shown)}"`;
    }
    return out;
  };

  const walk = (node: N): string => {
    if (budget-- <= 0) return '';
    if (node.nodeType === 3) {
      // Spaces around a text stay (one each): they tell how texts sit together.
      const text = node.textContent ?? '';
      const kind = kindOf(text);
      if (!kind) return /\s/.test(text) ? ' ' : '';
      return `${/^\s/.test(text) ? ' ' : ''}${kind}${/\s$/.test(text) ? ' ' : ''}`;
    }
    if (node.nodeType !== 1) return '';
    const tag = node.nodeName.toLowerCase();
    if (tag === 'script' || tag === 'style' || tag === 'noscript' || tag === 'template') {
      return `<${tag}${attrs(node)}></${tag}>`;
    }
    let inner = '';
    if (node.shadowRoot) inner += `<shadow-root>${children(node.shadowRoot)}</shadow-root>`;
    if (tag === 'iframe') {
      let frameDoc: N | null = null;
      try {
        frameDoc = node.contentDocument ?? null;
      } catch {
        frameDoc = null;
      }
      if (frameDoc?.documentElement) inner += walk(frameDoc.documentElement);
    }
    inner += children(node);
    if (voids.has(tag)) return `<${tag}${attrs(node)}>`;
    return `<${tag}${attrs(node)}>${inner}</${tag}>`;
  };
  const children = (node: N): string => Array.from(node.childNodes).map(walk).join('');

  const root = doc.documentElement;
  return `<!doctype html>\n${root ? walk(root) : ''}`;
}

/** The reduced structure of what the page shows now (its main frame and what it embeds). */
export async function snapshotPage(page: Page | Frame): Promise<string> {
  // Run from source (tsx), esbuild wraps the function's inner helpers in a `__name(…)` call
  // the page does not have: it gets a no-op one.
  const call = `(() => { const __name = (fn) => fn; return (${reduceDocument.toString()})(${JSON.stringify(SNAPSHOT_OPTIONS)}); })()`;
  return (await page.evaluate(call)) as string;
}
