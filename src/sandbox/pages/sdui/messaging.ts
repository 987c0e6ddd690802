import type { OverlayPlacement } from '../../faults.ts';
import { html, type SafeHtml } from '../../html.ts';
import type { Contact, ThreadMessage } from '../../world.ts';
import { avatarUrl, type PageContext } from '../layout.ts';
import { absoluteProfileUrl, cx, sduiLayout } from './layout.ts';

/**
 * The sdui message box: in an overlay (main document, shadow root, iframe), in a compose
 * page, or as a plain `<dialog>` without a thread. The composer starts pre-filled with the
 * compose link's `body`.
 */

function timeLabel(ctx: PageContext, at: string): string {
  return new Date(at).toLocaleString(ctx.locale === 'fr' ? 'fr-FR' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
}

export function sduiMessageItem(ctx: PageContext, contact: Contact, message: ThreadMessage): SafeHtml {
  const sender = message.from === 'me' ? ctx.t.you : contact.name;
  return html`<div class="${cx(ctx, 'message')}" role="listitem"><span class="${cx(ctx, 'message-meta')}">${sender} · ${timeLabel(ctx, message.at)}</span><p class="${cx(ctx, 'message-text')}">${message.text}</p></div>`;
}

function editor(ctx: PageContext, body: string): SafeHtml {
  const content =
    body === ''
      ? html`<p class="${cx(ctx, 'editor-p')}"><br></p>`
      : html`<p class="${cx(ctx, 'editor-p')}">${body}</p>`;
  return html`<div class="${cx(ctx, 'editor')}" role="textbox" contenteditable="true" aria-multiline="true" aria-label="${ctx.t.composer}">${content}</div>`;
}

function header(ctx: PageContext, contact: Contact, closable: boolean): SafeHtml {
  return html`<header class="${cx(ctx, 'conversation-header')}">
    <img class="${cx(ctx, 'avatar')}" src="${avatarUrl(contact.name)}" alt="" width="32" height="32">
    <h2 class="${cx(ctx, 'conversation-title')}"><a href="${absoluteProfileUrl(contact.slug)}">${contact.name}</a></h2>
    ${closable ? html`<button class="${cx(ctx, 'icon-button')}" type="button" aria-label="${ctx.t.close}" data-sandbox-action="close-overlay">✕</button>` : ''}
  </header>`;
}

export interface SduiConversationOptions {
  /** The composer's starting text (the compose link's `body`). */
  body: string;
  placement: Exclude<OverlayPlacement, 'dialog'>;
}

/** Header (name + absolute profile link, Close unless a page), thread, pre-filled composer, Send. */
export function sduiConversation(
  ctx: PageContext,
  contact: Contact,
  messages: readonly ThreadMessage[],
  opts: SduiConversationOptions,
): SafeHtml {
  const { t } = ctx;
  const page = opts.placement === 'page';
  const disabled = opts.body.trim() === '' ? html` disabled` : '';
  return html`<section class="${cx(ctx, page ? 'conversation-page' : 'conversation')}" data-view-name="message-overlay-conversation" aria-label="${contact.name}" data-sandbox-thread="${contact.slug}" data-sandbox-recipient="${contact.slug}">
  ${header(ctx, contact, !page)}
  <div class="${cx(ctx, 'message-list')}" role="list" data-view-name="message-list" data-sandbox-messages>${messages.map((m) => sduiMessageItem(ctx, contact, m))}</div>
  <form class="${cx(ctx, 'composer')}" data-sandbox-composer>
    ${editor(ctx, opts.body)}
    <button class="${cx(ctx, 'send-button')}" type="submit" data-sandbox-send${disabled}>${t.send}</button>
  </form>
</section>`;
}

/** The `dialog` placement: header, composer, Send (`messaging-modal-send-button`), no thread. */
export function sduiMessageDialog(ctx: PageContext, contact: Contact, body: string): SafeHtml {
  const { t } = ctx;
  const disabled = body.trim() === '' ? html` disabled` : '';
  return html`<dialog open class="${cx(ctx, 'modal-dialog')}" aria-label="${contact.name}" data-sandbox-msg-dialog data-sandbox-thread="${contact.slug}" data-sandbox-recipient="${contact.slug}">
  ${header(ctx, contact, true)}
  <div class="${cx(ctx, 'composer')}" data-sandbox-composer>
    ${editor(ctx, body)}
    <button class="${cx(ctx, 'send-button')}" type="button" data-view-name="messaging-modal-send-button" data-sandbox-action="send" data-sandbox-send${disabled}>${t.send}</button>
  </div>
</dialog>`;
}

/** `/messaging/compose/?recipient=…&body=…` and `/messaging/thread/<slug>/` in sdui: the box as a page. */
export function sduiComposePage(
  ctx: PageContext,
  contact: Contact,
  messages: readonly ThreadMessage[],
  body: string,
): SafeHtml {
  const content = html`<section>${sduiConversation(ctx, contact, messages, { body, placement: 'page' })}</section>`;
  return sduiLayout(ctx, {
    title: `${contact.name} | ${ctx.t.messagingTitle}`,
    body: content,
    loggedIn: true,
  });
}

export function sduiMessagingIndex(
  ctx: PageContext,
  threads: readonly { contact: Contact; last: ThreadMessage }[],
): SafeHtml {
  const items = threads.map(
    ({ contact, last }) =>
      html`<div class="${cx(ctx, 'row')}" role="listitem"><a class="${cx(ctx, 'row-title')}" href="/messaging/thread/${contact.slug}/">${contact.name}</a><p class="${cx(ctx, 'muted')}">${last.text}</p></div>`,
  );
  const body = html`<section class="${cx(ctx, 'card')}"><h2 class="${cx(ctx, 'title')}">${ctx.t.messagingTitle}</h2><div role="list">${items}</div></section>`;
  return sduiLayout(ctx, { title: ctx.t.messagingTitle, body, loggedIn: true });
}

/** `/preload/`: the interop iframe's document, an empty mount point until a box opens. */
export function sduiPreloadPage(ctx: PageContext): SafeHtml {
  return sduiLayout(ctx, { title: ctx.t.messagingTitle, body: html``, loggedIn: true, preload: true });
}
