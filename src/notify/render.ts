/**
 * Words a notification: one event and its data become the one-line text (webhook `text`,
 * Telegram and ntfy message, e-mail subject), a few lines of plain text and the same as
 * HTML, in French or English. Every value from the data is cleaned to one line before it
 * is used (names come from LinkedIn pages: they may carry line breaks or bidi tricks), and
 * escaped in the HTML. Data read back from the outbox is JSON: a missing field is worded
 * around, never shown as `undefined`.
 */
import type { DeliveryEvent, NotificationLanguage } from '../contract/notifications.ts';
import { type Block, draftMessage } from './drafts.ts';
import type { NotificationMessage } from './interfaces.ts';

export interface RenderInput {
  deliveryId: string;
  event: DeliveryEvent;
  /** When the event happened (ISO). */
  at: string;
  accountId: string;
  data: Record<string, unknown>;
  language: NotificationLanguage;
  /** The dashboard's address (`PUBLIC_URL`), for links; none without it. */
  dashboardUrl?: string | null;
}

/** The longest one-line text: chat previews and e-mail subjects cut longer ones anyway. */
export const TEXT_MAX_LENGTH = 300;

export function renderMessage(input: RenderInput): NotificationMessage {
  const base = dashboardBase(input.dashboardUrl);
  const draft = draftMessage(input.language, input.event, input.data, input.at, base);
  const blocks = draft.blocks.filter((b) => b.kind !== 'link' || base !== null);
  return {
    deliveryId: input.deliveryId,
    event: input.event,
    at: input.at,
    accountId: input.accountId,
    language: input.language,
    text: oneLine(draft.text, TEXT_MAX_LENGTH),
    body: blocks.map((b) => plainBlock(b, base)).join('\n\n'),
    html: htmlOf(oneLine(draft.text, TEXT_MAX_LENGTH), blocks, base),
    data: input.data,
  };
}

/** The text on one line, clipped with an ellipsis. */
function oneLine(text: string, max: number): string {
  const line = text
    .replace(/[\r\n\t\u0085\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** The dashboard's origin and base path without a trailing slash; null unless http(s). */
function dashboardBase(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

function plainBlock(block: Block, base: string | null): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'list':
      return [...(block.title ? [block.title] : []), ...block.items.map((item) => `- ${item}`)].join('\n');
    case 'link':
      return `${block.label} ${base}${block.path}`;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = {
  body: 'font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#1f2328',
  title: 'margin:0 0 12px;font-size:16px;font-weight:600',
  paragraph: 'margin:0 0 12px',
  list: 'margin:0 0 12px;padding-left:20px',
  link: 'color:#0a66c2',
};

function htmlBlock(block: Block, base: string | null): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="${STYLE.paragraph}">${escapeHtml(block.text)}</p>`;
    case 'list': {
      const title = block.title ? `<p style="${STYLE.paragraph}">${escapeHtml(block.title)}</p>` : '';
      const items = block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('');
      return `${title}<ul style="${STYLE.list}">${items}</ul>`;
    }
    case 'link': {
      const href = escapeHtml(`${base}${block.path}`);
      const label = escapeHtml(block.label.replace(/\s*:$/, ''));
      return `<p style="${STYLE.paragraph}"><a href="${href}" style="${STYLE.link}">${label}</a></p>`;
    }
  }
}

function htmlOf(text: string, blocks: Block[], base: string | null): string {
  const parts = blocks.map((block) => htmlBlock(block, base)).join('');
  return `<div style="${STYLE.body}"><p style="${STYLE.title}">${escapeHtml(text)}</p>${parts}</div>`;
}
