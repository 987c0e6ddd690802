/** The sent invitations page: its items, their age, and the withdraw dialog. */
import type { SelectorList } from './fallback.ts';
import { PROFILE_LINK } from './profileLink.ts';

const WITHDRAW_NAME = /^\s*(withdraw|retirer)\b/i;

/** Texts of an invitation item that are not the person's name. */
export const INVITATION_LABEL_TEXT =
  /^\s*(sent|envoy[ée]e?s?|withdraw|retirer|pending|en attente|invitation|message|\d+\s*(mutual|relations? en commun))/i;

const WITHDRAW_CSS =
  "button[aria-label*='Withdraw'], button[aria-label*='Retirer'], a[aria-label*='Withdraw'], a[aria-label*='Retirer'], [data-view-name='sent-invitations-withdraw-single']";

export const INVITATION_SELECTORS = {
  invitationItem: [
    { css: 'li.invitation-card', primary: true },
    { role: 'listitem', has: WITHDRAW_CSS, primary: true },
    { css: 'li.artdeco-list__item', has: PROFILE_LINK },
    { css: "div[role='listitem']", has: PROFILE_LINK },
    { css: "[data-view-name*='invitation']", has: PROFILE_LINK },
    { css: 'li', has: 'button' },
  ],
  invitationName: [
    { css: '.invitation-card__title' },
    { css: "a[href*='/in/'] strong, a[href*='/in/'] span[aria-hidden='true']" },
    { css: PROFILE_LINK },
    { css: 'strong' },
    { css: 'p' },
    { css: 'span' },
  ],
  invitationProfileLink: [{ css: PROFILE_LINK, primary: true }],
  invitationAge: [
    { css: 'time', primary: true },
    { css: '.time-badge' },
    { css: "[data-test-id='invitation-age']" },
    { css: 'span, p, div', primary: true },
  ],
  /** Within an item: a machine-readable date, when the text could not be read. */
  invitationTime: [{ css: 'time[datetime]' }],
  invitationsEmpty: [
    { css: '.artdeco-empty-state' },
    { css: "[data-test-id='no-invitations']" },
    { css: 'h2, h3, p', text: /^\s*(no pending invitations|no invitations|aucune invitation)/i },
  ],
  withdrawButton: [
    { role: 'button', name: WITHDRAW_NAME, primary: true },
    { css: "[data-view-name='sent-invitations-withdraw-single']", primary: true },
    { css: "a[aria-label^='Withdraw invitation'], a[aria-label^='Retirer l']", primary: true },
    { css: "button[aria-label*='Withdraw']" },
    { css: "button[aria-label*='Retirer']" },
    { role: 'link', name: WITHDRAW_NAME },
    { css: 'button, a', text: WITHDRAW_NAME },
  ],
  confirmDialog: [
    { role: 'alertdialog', primary: true },
    { role: 'dialog', has: 'button', primary: true },
    { css: 'dialog[open]' },
    { css: "div[role='dialog']" },
    { css: '.artdeco-modal' },
  ],
  /** Within the confirm dialog. */
  confirmButton: [
    { role: 'button', name: /^\s*(withdraw|retirer)\b/i, primary: true },
    { css: 'button.artdeco-modal__confirm-dialog-btn.artdeco-button--primary' },
    { css: 'button.artdeco-button--primary' },
    { css: 'button', text: /^\s*(withdraw|retirer|confirm|confirmer|ok)\s*$/i },
  ],
  /** An error shown in the withdraw dialog. */
  dialogError: [{ role: 'alert' }, { css: '.artdeco-inline-feedback--error' }],
} as const satisfies Record<string, SelectorList>;
