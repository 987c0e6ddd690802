import { html, type SafeHtml } from '../../html.ts';
import type { Invitation } from '../../world.ts';
import { avatarUrl, type PageContext } from '../layout.ts';
import { absoluteProfileUrl, cx, sduiLayout } from './layout.ts';

/**
 * Sent invitations in sdui: `[role=listitem]` rows, the age as plain text, and a Withdraw
 * control that alternates by row (0-based): even rows a LINK with an aria-label, odd rows a
 * button with `data-view-name="sent-invitations-withdraw-single"` and no aria-label.
 */

function row(ctx: PageContext, inv: Invitation, index: number): SafeHtml {
  const { t } = ctx;
  const p = inv.person;
  const href = absoluteProfileUrl(p.slug);
  const withdraw =
    index % 2 === 0
      ? html`<a class="${cx(ctx, 'withdraw-link')}" href="#" aria-label="${t.withdrawAria(p.name)}" data-sandbox-action="withdraw" data-sandbox-invitation="${inv.id}">${t.withdraw}</a>`
      : html`<button class="${cx(ctx, 'withdraw-button')}" type="button" data-view-name="sent-invitations-withdraw-single" data-sandbox-action="withdraw" data-sandbox-invitation="${inv.id}">${t.withdraw}</button>`;
  return html`<div class="${cx(ctx, 'row')}" role="listitem">
  <a href="${href}" tabindex="-1" aria-hidden="true"><img class="${cx(ctx, 'avatar')}" src="${avatarUrl(p.name)}" alt="" width="56" height="56"></a>
  <div class="${cx(ctx, 'row-body')}">
    <a class="${cx(ctx, 'row-title')}" href="${href}">${p.name}</a>
    <p class="${cx(ctx, 'text')}">${p.headline}</p>
    <p class="${cx(ctx, 'muted')}">${t.sentAgo(ctx.state.sentDaysAgo(inv))}</p>
  </div>
  ${withdraw}
</div>`;
}

/** The part re-rendered after each withdrawal. */
export function sduiInvitationList(ctx: PageContext, invitations: readonly Invitation[]): SafeHtml {
  const { t } = ctx;
  const list =
    invitations.length === 0
      ? html`<p class="${cx(ctx, 'empty-state')}">${t.noInvitations}</p>`
      : html`<div role="list">${invitations.map((inv, i) => row(ctx, inv, i))}</div>`;
  return html`<div data-sandbox-invitations>
  <p class="${cx(ctx, 'muted')}">${t.people(invitations.length)}</p>
  ${list}
</div>`;
}

/** The confirmation: a `<dialog open>` whose confirm button is labelled like the row's link. */
export function sduiWithdrawDialog(ctx: PageContext, inv: Invitation): SafeHtml {
  const { t } = ctx;
  return html`<dialog open class="${cx(ctx, 'modal-dialog')}" aria-labelledby="withdraw-dialog-title" data-sandbox-dialog>
  <div class="${cx(ctx, 'modal-header')}">
    <h2 class="${cx(ctx, 'modal-title')}" id="withdraw-dialog-title">${t.withdrawTitle}</h2>
    <button class="${cx(ctx, 'icon-button')}" type="button" aria-label="${t.dismiss}" data-sandbox-action="cancel-withdraw">✕</button>
  </div>
  <div class="${cx(ctx, 'modal-content')}" data-sandbox-dialog-content><p class="${cx(ctx, 'text')}">${t.withdrawBody(inv.person.name)}</p></div>
  <div class="${cx(ctx, 'modal-actions')}">
    <button class="${cx(ctx, 'secondary-button')}" type="button" data-sandbox-action="cancel-withdraw">${t.cancel}</button>
    <button class="${cx(ctx, 'primary-button')}" type="button" aria-label="${t.withdrawAria(inv.person.name)}" data-sandbox-action="confirm-withdraw" data-sandbox-invitation="${inv.id}">${t.withdraw}</button>
  </div>
</dialog>`;
}

export function sduiInvitationsPage(ctx: PageContext, invitations: readonly Invitation[]): SafeHtml {
  const { t } = ctx;
  const body = html`<section class="${cx(ctx, 'card')}">
  <h2 class="${cx(ctx, 'title')}">${t.invitationsTitle}</h2>
  <p class="${cx(ctx, 'muted')}"><a href="/mynetwork/invitation-manager/">${t.received}</a> · <a aria-current="page" href="/mynetwork/invitation-manager/sent/">${t.sentTab}</a></p>
  ${sduiInvitationList(ctx, invitations)}
</section>`;
  return sduiLayout(ctx, { title: t.invitationsTitle, body, loggedIn: true });
}
