import { html, type SafeHtml } from '../html.ts';
import type { Invitation } from '../world.ts';
import { avatarUrl, layout, type PageContext, profileHref } from './layout.ts';

/** The sent-invitations manager: a list with "Withdraw" and a confirm dialog. */

function item(ctx: PageContext, inv: Invitation): SafeHtml {
  const { t } = ctx;
  const p = inv.person;
  const days = ctx.state.sentDaysAgo(inv);
  const href = profileHref(p.slug, p.urn, 'sent_invitation');
  const alt = ctx.variant === 'alt';
  const age = alt
    ? html`<span class="time-badge t-12 t-black--light">${t.sentAgo(days)}</span>`
    : html`<time class="time-badge t-12 t-black--light" datetime="${inv.sentAt.toISOString()}">${t.sentAgo(days)}</time>`;
  const withdraw = html`<button class="artdeco-button artdeco-button--muted artdeco-button--tertiary" type="button" aria-label="${t.withdrawAria(p.name)}" data-sandbox-action="withdraw" data-sandbox-invitation="${inv.id}">${t.withdraw}</button>`;
  const details = html`<a class="invitation-card__picture" href="${href}" tabindex="-1" aria-hidden="true"><img src="${avatarUrl(p.name)}" alt="" width="56" height="56"></a>
  <div class="invitation-card__details">
    <a class="invitation-card__title-link" href="${href}"><span class="invitation-card__title t-16 t-bold">${p.name}</span></a>
    <p class="invitation-card__subtitle t-14 t-black--light">${p.headline}</p>
    ${age}
  </div>
  ${withdraw}`;
  return alt
    ? html`<li class="artdeco-list__item mn-invitation-item">${details}</li>`
    : html`<li class="invitation-card artdeco-list__item">${details}</li>`;
}

/** The part re-rendered after each withdrawal. */
export function invitationList(ctx: PageContext, invitations: readonly Invitation[]): SafeHtml {
  const { t } = ctx;
  const list =
    invitations.length === 0
      ? html`<div class="artdeco-empty-state"><h2 class="t-16">${t.noInvitations}</h2></div>`
      : html`<ul class="artdeco-list mn-invitation-list">${invitations.map((i) => item(ctx, i))}</ul>`;
  return html`<div class="mn-invitation-manager__list" data-sandbox-invitations>
  <h2 class="mn-invitation-manager__count t-14">${t.people(invitations.length)}</h2>
  ${list}
</div>`;
}

export function withdrawDialog(ctx: PageContext, inv: Invitation): SafeHtml {
  const { t } = ctx;
  const confirmClass =
    ctx.variant === 'alt'
      ? 'artdeco-button artdeco-button--primary'
      : 'artdeco-modal__confirm-dialog-btn artdeco-button artdeco-button--2 artdeco-button--primary';
  return html`<div class="artdeco-modal-overlay artdeco-modal-overlay--is-top-layer" data-sandbox-dialog>
  <div class="artdeco-modal artdeco-modal--layer-confirmation" role="dialog" aria-modal="true" aria-labelledby="withdraw-dialog-title">
    <div class="artdeco-modal__header">
      <h2 id="withdraw-dialog-title">${t.withdrawTitle}</h2>
      <button class="artdeco-modal__dismiss" type="button" aria-label="${t.dismiss}" data-sandbox-action="cancel-withdraw">✕</button>
    </div>
    <div class="artdeco-modal__content"><p>${t.withdrawBody(inv.person.name)}</p></div>
    <div class="artdeco-modal__actionbar">
      <button class="artdeco-modal__confirm-dialog-btn artdeco-button artdeco-button--2 artdeco-button--secondary" type="button" data-sandbox-action="cancel-withdraw">${t.cancel}</button>
      <button class="${confirmClass}" type="button" data-sandbox-action="confirm-withdraw" data-sandbox-invitation="${inv.id}">${t.withdraw}</button>
    </div>
  </div>
</div>`;
}

export function invitationsPage(ctx: PageContext, invitations: readonly Invitation[]): SafeHtml {
  const { t } = ctx;
  const body = html`<section class="mn-invitation-manager card">
  <h1 class="t-20">${t.invitationsTitle}</h1>
  <nav class="mn-invitation-manager__tabs"><a href="/mynetwork/invitation-manager/">${t.received}</a> · <a class="active" aria-current="page" href="/mynetwork/invitation-manager/sent/">${t.sentTab}</a></nav>
  ${invitationList(ctx, invitations)}
</section>`;
  return layout(ctx, { title: t.invitationsTitle, body, loggedIn: true });
}
