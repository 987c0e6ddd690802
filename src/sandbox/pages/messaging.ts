import { html, type SafeHtml } from '../html.ts';
import type { Contact, ThreadMessage } from '../world.ts';
import { avatarUrl, layout, type PageContext, profileHref } from './layout.ts';

/** The conversation (overlay on the birthday page, or the `/messaging/thread/<slug>/` page). */

function timeLabel(ctx: PageContext, at: string): string {
  const d = new Date(at);
  return d.toLocaleString(ctx.locale === 'fr' ? 'fr-FR' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
}

export function messageItem(ctx: PageContext, contact: Contact, message: ThreadMessage): SafeHtml {
  const sender = message.from === 'me' ? ctx.t.you : contact.name;
  const meta = html`<div class="msg-s-message-group__meta"><span class="msg-s-message-group__name">${sender}</span> <time class="msg-s-message-group__timestamp" datetime="${message.at}">${timeLabel(ctx, message.at)}</time></div>`;
  const body = html`<p class="msg-s-event-listitem__body t-14">${message.text}</p>`;
  const other = message.from === 'them' ? ' msg-s-event-listitem--other' : '';
  if (ctx.variant === 'alt') {
    return html`<li class="msg-s-message-list__event"><div class="msg-s-event__content${other}">${meta}<div class="msg-s-event__bubble">${body}</div></div></li>`;
  }
  return html`<li class="msg-s-message-list__event"><div class="msg-s-event-listitem${other}">${meta}<div class="msg-s-event-listitem__message-bubble">${body}</div></div></li>`;
}

/** The bubble: header with Close, the thread, the composer and Send. */
export function conversation(
  ctx: PageContext,
  contact: Contact,
  messages: readonly ThreadMessage[],
): SafeHtml {
  const { t } = ctx;
  const alt = ctx.variant === 'alt';
  const editor = alt
    ? html`<div class="msg-form__editor-content" contenteditable="true" aria-label="${t.composer}" aria-multiline="true"><p><br></p></div>`
    : html`<div class="msg-form__contenteditable t-14" role="textbox" contenteditable="true" aria-multiline="true" aria-label="${t.composer}" data-placeholder="${t.composer}"></div>`;
  const send = alt
    ? html`<button class="artdeco-button artdeco-button--1 artdeco-button--primary" type="submit" disabled>${t.send}</button>`
    : html`<button class="msg-form__send-button artdeco-button artdeco-button--1" type="submit" disabled>${t.send}</button>`;
  return html`<div class="msg-overlay-conversation-bubble msg-overlay-conversation-bubble--is-active" data-sandbox-thread="${contact.slug}">
  <header class="msg-overlay-bubble-header">
    <img class="msg-overlay-bubble-header__photo" src="${avatarUrl(contact.name)}" alt="" width="32" height="32">
    <h2 class="msg-overlay-bubble-header__title"><a href="${profileHref(contact.slug, contact.urn)}">${contact.name}</a></h2>
    <button class="msg-overlay-bubble-header__control" type="button" aria-label="${t.close}" data-sandbox-action="close-overlay">✕</button>
  </header>
  <ul class="msg-s-message-list-content" data-sandbox-messages>${messages.map((m) => messageItem(ctx, contact, m))}</ul>
  <form class="msg-form" data-sandbox-recipient="${contact.slug}" data-sandbox-empty="${alt ? '<p><br></p>' : ''}">
    <div class="msg-form__msg-content-container">${editor}</div>
    <footer class="msg-form__footer">${send}</footer>
  </form>
</div>`;
}

export function threadPage(ctx: PageContext, contact: Contact, messages: readonly ThreadMessage[]): SafeHtml {
  const body = html`<section class="msg-thread">${conversation(ctx, contact, messages)}</section>`;
  return layout(ctx, { title: `${contact.name} | ${ctx.t.messagingTitle}`, body, loggedIn: true });
}

export function messagingIndex(
  ctx: PageContext,
  threads: readonly { contact: Contact; last: ThreadMessage }[],
): SafeHtml {
  const items = threads.map(
    ({ contact, last }) =>
      html`<li class="msg-conversation-listitem artdeco-list__item"><a class="msg-conversation-listitem__link" href="/messaging/thread/${contact.slug}/"><span class="msg-conversation-listitem__participant-names t-bold">${contact.name}</span><p class="msg-conversation-card__message-snippet t-12">${last.text}</p></a></li>`,
  );
  const body = html`<section class="msg-conversations-container card"><h1>${ctx.t.messagingTitle}</h1><ul class="msg-conversations-container__conversations-list artdeco-list">${items}</ul></section>`;
  return layout(ctx, { title: ctx.t.messagingTitle, body, loggedIn: true });
}
