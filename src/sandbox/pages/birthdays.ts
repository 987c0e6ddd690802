import { html, type SafeHtml } from '../html.ts';
import type { Contact } from '../world.ts';
import { avatarUrl, layout, type PageContext, profileHref } from './layout.ts';

/** The birthday page: cards rendered ~8 at first, the rest as the page is scrolled. */

export const FIRST_BATCH = 8;
export const NEXT_BATCH = 5;

/** Where the label `<p>`s go around the name, so a driver must skip labels to find it. */
function labels(ctx: PageContext, contact: Contact, index: number): { before: SafeHtml; after: SafeHtml } {
  const celebrate = html`<p class="t-12 t-black--light birthday-card__label">${ctx.t.celebrate(contact.firstName)}</p>`;
  const wish = html`<p class="t-12 t-black--light birthday-card__label">${ctx.t.wishLabel}</p>`;
  switch (index % 3) {
    case 0:
      return { before: celebrate, after: html`` };
    case 1:
      return { before: html``, after: wish };
    default:
      return { before: celebrate, after: wish };
  }
}

export function birthdayCard(ctx: PageContext, contact: Contact, index: number): SafeHtml {
  const { t } = ctx;
  const when = t.birthdayWhen(contact.birthdayDaysLate ?? 0, ctx.variant);
  const { before, after } = labels(ctx, contact, index);
  const alt = ctx.variant === 'alt';
  const href = profileHref(contact.slug, contact.urn, alt ? 'birthday_card' : 'miniProfileUrn');
  const body = html`
    <a class="birthday-card__photo" href="${href}" tabindex="-1" aria-hidden="true"><img src="${avatarUrl(contact.name)}" alt="" width="56" height="56"></a>
    <div class="birthday-card__body">
      ${before}
      <a class="birthday-card__name-link" href="${href}"><p class="t-16 t-bold">${contact.name}</p></a>
      <p class="t-14 t-black--light">${contact.headline}</p>
      <p class="t-12 t-black--light birthday-card__when">${when}</p>
      ${after}
    </div>
    <div class="birthday-card__actions">
      ${
        alt
          ? html`<button class="artdeco-button artdeco-button--secondary" type="button" data-control-name="message" data-sandbox-action="message" data-sandbox-recipient="${contact.slug}">${t.message}</button>`
          : html`<button class="message-anywhere-button artdeco-button artdeco-button--secondary" type="button" aria-label="${t.messageAria(contact.name)}" data-sandbox-action="message" data-sandbox-recipient="${contact.slug}"><span class="artdeco-button__text">${t.message}</span></button>`
      }
      <button class="artdeco-button artdeco-button--muted" type="button" aria-label="${t.followAria(contact.name)}" aria-pressed="false" data-sandbox-action="toggle">${t.follow}</button>
      <button class="premium-upsell-link" type="button" aria-label="${t.premium}" data-sandbox-action="toggle">${t.premium}</button>
    </div>`;
  return alt
    ? html`<li class="artdeco-card birthday-card" data-test-birthday-card>${body}</li>`
    : html`<div class="birthday-card artdeco-card__item" role="listitem">${body}</div>`;
}

/** Cards `start` to `start + count`; `next` is where the following batch starts, or null. */
export function birthdayBatch(
  ctx: PageContext,
  contacts: readonly Contact[],
  start: number,
  count: number,
): { html: SafeHtml; next: number | null } {
  const end = Math.min(contacts.length, start + count);
  const cards = contacts.slice(start, end).map((c, i) => birthdayCard(ctx, c, start + i));
  return { html: html`${cards}`, next: end < contacts.length ? end : null };
}

export function birthdaysPage(ctx: PageContext, contacts: readonly Contact[]): SafeHtml {
  const { t } = ctx;
  const first = birthdayBatch(ctx, contacts, 0, FIRST_BATCH);
  const next = first.next === null ? undefined : String(first.next);
  const listTag = ctx.variant === 'alt' ? 'ul' : 'div';
  const list =
    listTag === 'ul'
      ? html`<ul class="birthday-list" data-sandbox-birthdays data-sandbox-next="${next}">${first.html}</ul>`
      : html`<div class="birthday-list" role="list" data-sandbox-birthdays data-sandbox-next="${next}">${first.html}</div>`;
  const body = html`<section class="mn-catch-up">
  <h1 class="t-20">${t.birthdaysTitle}</h1>
  <aside class="ad-banner-container artdeco-card"><span class="ad-banner__label">${t.promoted}</span> · <a href="/premium/">${t.premium}</a></aside>
  ${contacts.length === 0 ? html`<div class="artdeco-empty-state artdeco-card"><h2 class="t-16">${t.noBirthdays}</h2></div>` : list}
</section>`;
  return layout(ctx, { title: t.birthdaysTitle, body, loggedIn: true });
}
