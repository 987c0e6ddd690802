/** The birthday (catch-up) page: its cards, what they say, and their Message button. */
import type { SelectorList } from './fallback.ts';
import { PROFILE_LINK } from './profileLink.ts';

/** Buttons near a "Message" button that must never be clicked instead of it. */
const AVOID_BUTTONS =
  /\b(premium|promoted|sponsored|sponsoris[ée]e?|connect|se connecter|follow|suivre|inmail|try|essayer)\b/i;

const MESSAGE_NAME =
  /^\s*(send (a )?message|message|envoyer (un )?message|say happy birthday|souhaiter|wish\b|écrire|write)/i;

/**
 * Texts of a birthday card that are not the contact's name (the name is the first `<p>`
 * that is none of these, nor a "when" label).
 */
export const CARD_LABEL_TEXT =
  /^\s*(c[ée]l[ée]brez|celebrate|happy birthday|joyeux anniversaire|bon anniversaire|anniversaire|birthday|message|envoyer|send|say happy|souhaite[rz]?|wish|premium|promoted|sponsoris[ée]e?|connect|se connecter|follow|suivre|f[ée]licitez|congratulate|\d+\s*(mutual|relations? en commun))(?![\p{L}\p{N}])/iu;

/** A card's label that speaks of a birthday (the catch-up page mixes in other news). */
export const BIRTHDAY_CARD_TEXT = /birthday|anniversaire/i;

/** Labels of catch-up cards that are not birthdays: job changes, work anniversaries. */
export const NOT_BIRTHDAY_CARD_TEXT =
  /work anniversary|anniversaire professionnel|new (position|role|job)|nouveau (poste|r[ôo]le)|\bposte de\b|\d+\s+(years?|ans)\b|\byears? at\b/i;

export const BIRTHDAY_SELECTORS = {
  birthdayCard: [
    { css: "div[role='listitem'][data-view-name='nurture-card']", has: PROFILE_LINK, primary: true },
    { css: "main div[role='listitem']", has: PROFILE_LINK, primary: true },
    { css: "div[role='listitem']", has: PROFILE_LINK },
    { css: 'li.artdeco-list__item', has: PROFILE_LINK },
    { css: "[data-view-name*='birthday'] li", has: PROFILE_LINK },
    { css: 'main article', has: PROFILE_LINK },
    { role: 'listitem', has: PROFILE_LINK },
  ],
  birthdaysEmpty: [
    { css: '.artdeco-empty-state' },
    { css: 'h2, h3, p', text: /^\s*(no birthdays|aucun anniversaire)/i },
  ],
  /** Within a card: its lines of text (the labels say what the card is about). */
  cardLine: [{ css: 'p', primary: true }, { css: 'span' }],
  /** Within a card: candidates for the name (the first text that is not a label wins). */
  cardName: [
    { css: 'p', primary: true },
    { css: '.artdeco-entity-lockup__title' },
    { css: "span[aria-hidden='true']" },
    { css: 'h3, h4, strong' },
    { css: PROFILE_LINK },
  ],
  cardProfileLink: [
    { css: "a[data-view-name='nurture-card-profile-view']", primary: true },
    { css: PROFILE_LINK, primary: true },
  ],
  /** Within a card: where the "Today" / "il y a 3 jours" / "belated" label is. */
  cardWhen: [
    { css: 'strong', primary: true },
    { css: 'time', primary: true },
    { css: "[data-test-birthday-label], [data-test-id='birthday-label']" },
    { css: 'p', primary: true },
    { css: 'span' },
    { css: 'div' },
  ],
  /** Within a card: a link to a new message, kept as the last way to the message box. */
  cardComposeLink: [{ css: "a[href*='/messaging/compose']", primary: true }],
  /** Within a card: the button or link opening the conversation. */
  messageButton: [
    { css: "a[data-view-name='nurture-card-primary-button']", primary: true },
    { role: 'button', name: MESSAGE_NAME, notText: AVOID_BUTTONS, primary: true },
    { role: 'link', name: MESSAGE_NAME, notText: AVOID_BUTTONS },
    { css: "button[aria-label*='Message']", notText: AVOID_BUTTONS },
    { css: "[data-control-name='message']" },
    { css: "a[href*='/messaging/compose']" },
    { css: 'button, a', text: MESSAGE_NAME, notText: AVOID_BUTTONS },
  ],
} as const satisfies Record<string, SelectorList>;
