/**
 * Every way the driver finds something on LinkedIn's pages, as data: each logical element
 * maps to an ordered list of fallbacks (ARIA roles and accessible names first, then
 * LinkedIn's classes and attributes, then visible texts in English and French). The driver
 * tries them in order and the first one with a visible match wins, so a markup change
 * that breaks one fallback degrades to the next instead of stopping the bots.
 *
 * Also here: page paths, URL patterns and text patterns the driver matches against.
 * Nothing selector-like lives anywhere else. The pages these lists are written against are
 * described in src/sandbox/PAGES.md (the sandbox imitates both of LinkedIn's designs: the
 * older markup and the new server-driven `sdui` one).
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

// --- Text patterns ---------------------------------------------------------------------

/** Buttons near a "Message" button that must never be clicked instead of it. */
const AVOID_BUTTONS =
  /\b(premium|promoted|sponsored|sponsoris[ée]e?|connect|se connecter|follow|suivre|inmail|try|essayer)\b/i;

const MESSAGE_NAME =
  /^\s*(send (a )?message|message|envoyer (un )?message|say happy birthday|souhaiter|wish\b|écrire|write)/i;

const SEND_NAME = /^\s*(send|envoyer)\s*$/i;
const CLOSE_NAME = /^\s*(close|fermer)\b/i;
const WITHDRAW_NAME = /^\s*(withdraw|retirer)\b/i;
const NEXT_NAME = /^\s*(next|suivant|page suivante)\s*$/i;
/** A list's own "more" button; not the "…see more" that expands a text. */
const LOAD_MORE_NAME =
  /^\s*(load more|charger plus|show more|show more results|afficher plus|afficher plus de résultats|voir plus de résultats)\s*$/i;

/** LinkedIn's weekly/commercial limit banner or modal. */
export const LIMIT_TEXT =
  /(weekly|monthly|daily|commercial) (use |invitation |message )?limit|limit (has been )?reached|reached (the|your) (weekly |monthly |daily )?limit|too many requests|limite (hebdomadaire|mensuelle|quotidienne|commerciale|d['’]utilisation)|limite atteinte|atteint (la|votre) limite|trop de (demandes|messages|requêtes)/i;

/** A bare error page with no `main`: LinkedIn blocked the session for a while. */
export const BLOCKED_TEXT =
  /too many requests|slow down|try again later|request denied|trop de requêtes|ralentissez|réessayez plus tard|requête refusée/i;

/** An error shown after pressing Send. */
export const SEND_ERROR_TEXT =
  /(failed|couldn['’]t|could not|not (been )?sent|unable to send|try again|échec|échoué|impossible d['’]envoyer|n['’]a pas (pu )?être envoyé|non envoyé|réessayer|erreur)/i;

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

/** Texts of an invitation item that are not the person's name. */
export const INVITATION_LABEL_TEXT =
  /^\s*(sent|envoy[ée]e?s?|withdraw|retirer|pending|en attente|invitation|message|\d+\s*(mutual|relations? en commun))/i;

// --- Paths and URLs ----------------------------------------------------------------------

export const PATHS = {
  feed: '/feed/',
  birthdays: '/mynetwork/catch-up/birthday/',
  sentInvitations: '/mynetwork/invitation-manager/sent/',
  peopleSearch: '/search/results/people/',
  compose: '/messaging/compose/',
} as const;

/** A URL path where LinkedIn wants a login or a challenge: the session is not usable. */
export const AUTH_PATH = /^\/(login|uas\/login|authwall|checkpoint|signup|uas\/authenticate)(\/|$|\?)/i;

/** Hosts whose URLs are rebased onto LINKEDIN_BASE_URL (so the sandbox receives them). */
export const LINKEDIN_HOST = /(^|\.)linkedin\.com$/i;

// --- Elements -----------------------------------------------------------------------------

const PROFILE_LINK = "a[href*='/in/']";
const COMPOSER_CSS = "div[role='textbox'][contenteditable='true']";
/** Any editor: what a conversation overlay must contain. */
const EDITOR_CSS = "[contenteditable='true'], textarea";
const WITHDRAW_CSS =
  "button[aria-label*='Withdraw'], button[aria-label*='Retirer'], a[aria-label*='Withdraw'], a[aria-label*='Retirer'], [data-view-name='sent-invitations-withdraw-single']";

export const SELECTORS = {
  /** Logged in: LinkedIn's top navigation (older shell) or the new shell's navigation links. */
  globalNav: [
    { css: '#global-nav', primary: true },
    { css: "a[data-view-name='navigation-homepage']", primary: true },
    {
      role: 'navigation',
      name: /^(primary navigation|global navigation|navigation principale|navigation globale)$/i,
    },
    { css: '.global-nav' },
    { css: 'img.global-nav__me-photo' },
    { css: 'input.search-global-typeahead__input' },
    { css: "input[data-testid='typeahead-input']" },
    { css: "a[data-view-name^='navigation-']" },
    { css: "nav a[href*='/feed/'], nav a[href*='/mynetwork/']" },
  ],
  /** The page's main content: with a navigation, what a logged-in page has. */
  mainContent: [{ css: 'main#workspace', primary: true }, { css: 'main' }, { role: 'main' }],
  /** A login form, the authwall or the "Welcome back" account picker: logged out. */
  loggedOut: [
    { role: 'textbox', name: /^(email or phone|e-mail ou téléphone|adresse e-mail ou téléphone)$/i },
    { css: "input[name='session_key']" },
    { css: 'form.login__form' },
    { css: "form[action*='login-submit']" },
    { css: '.authwall-join-form' },
    { css: "[data-test-id='authwall']" },
    { css: '#username' },
    { css: '#rememberme-div' },
  ],
  captcha: [
    { css: '#captcha-internal' },
    { css: "iframe[src*='captcha']" },
    { css: "iframe[title*='captcha' i]" },
    { css: 'form#captcha-challenge' },
  ],
  /** LinkedIn's limit banner or modal. */
  limitBanner: [
    { role: 'alert', text: LIMIT_TEXT },
    { role: 'alertdialog', text: LIMIT_TEXT },
    // A dialog holding a composer is a conversation: a message mentioning a limit is not one.
    {
      css: "[role='dialog']:not(:has([contenteditable='true'])), dialog:not(:has([contenteditable='true']))",
      text: LIMIT_TEXT,
    },
    { css: "[class*='ip-fuse-limit-alert']" },
    { css: "[data-sdui-screen*='FuseLimit']" },
    { css: "[data-test-limit-banner], [data-test-id='limit-banner']" },
    { css: '.artdeco-toast-item', text: LIMIT_TEXT },
    { css: '.artdeco-inline-feedback', text: LIMIT_TEXT },
  ],

  // Birthday page -------------------------------------------------------------------------
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

  // Conversation overlay ------------------------------------------------------------------
  /** Where LinkedIn mounts the message box in a frame (main document or its iframe). */
  conversationOverlay: [
    { css: '.msg-overlay-conversation-bubble', has: EDITOR_CSS, primary: true },
    { css: 'aside#msg-overlay', has: EDITOR_CSS, primary: true },
    { role: 'dialog', has: EDITOR_CSS, primary: true },
    { css: '.msg-convo-wrapper', has: EDITOR_CSS },
    {
      css: "[data-view-name*='message-overlay'], [data-view-name*='conversation']",
      has: EDITOR_CSS,
      primary: true,
    },
    { role: 'complementary', has: COMPOSER_CSS },
    { role: 'region', has: COMPOSER_CSS },
    { css: 'form', has: COMPOSER_CSS },
  ],
  /** The iframe LinkedIn may mount the message box in (same origin). */
  overlayFrame: [
    { css: "iframe[data-testid='interop-iframe']", primary: true },
    { css: "iframe[src*='/preload/']" },
  ],
  composer: [
    { css: COMPOSER_CSS, primary: true },
    { role: 'textbox', name: /(write a message|écrivez un message|rédigez un message|message)/i },
    { css: '.msg-form__contenteditable' },
    { css: "[contenteditable='true']" },
    { css: 'textarea' },
  ],
  sendButton: [
    { css: 'button.msg-form__send-button', primary: true },
    { css: "[data-view-name='messaging-modal-send-button']", primary: true },
    { role: 'button', name: SEND_NAME, primary: true },
    { css: "button[type='submit']" },
    { css: 'button', text: SEND_NAME },
  ],
  closeButton: [
    { role: 'button', name: CLOSE_NAME, primary: true },
    { css: "button[aria-label='Close']" },
    { css: "button[aria-label='Fermer']" },
    { css: "button[aria-label^='Close'], button[aria-label^='Fermer']" },
    { css: "button[data-control-name='overlay.close_conversation_window']" },
    { css: 'button', text: CLOSE_NAME },
  ],
  /** Within the box: the link to the recipient's profile (the header names who it goes to). */
  recipientLink: [
    { css: "header a[href*='/in/'], h2 a[href*='/in/']", primary: true },
    { css: PROFILE_LINK },
  ],
  /** The list of messages of the open conversation (present, perhaps empty). */
  threadList: [
    { css: '.msg-s-message-list-content', primary: true },
    { css: "[data-view-name*='message-list']", primary: true },
    { css: "[role='list']" },
    { css: '.msg-s-message-list' },
  ],
  /** Messages of the open conversation, oldest first. */
  threadMessage: [
    { css: '.msg-s-event-listitem__body', primary: true },
    { css: "[data-view-name*='message-list'] [role='listitem'] p", primary: true },
    { css: '.msg-s-message-list__event p' },
    { css: '.msg-s-message-list-content li p' },
    { css: "[role='list'] [role='listitem'] p" },
  ],
  sendError: [
    { role: 'alert', text: SEND_ERROR_TEXT },
    { css: '.msg-s-event-listitem--error' },
    { css: '.msg-s-event-with-indicator__sending-indicator--error' },
    { css: '.artdeco-inline-feedback--error' },
    { css: "[data-test-msg-error], [data-test-id='send-error']" },
    { css: '.artdeco-toast-item', text: SEND_ERROR_TEXT },
  ],

  // Search and profiles --------------------------------------------------------------------
  searchResult: [
    { css: "div[data-view-name='people-search-result']", primary: true },
    {
      css: "main div[role='listitem']",
      has: "a[data-view-name='search-result-lockup-title']",
      primary: true,
    },
    { css: 'li.reusable-search__result-container' },
    { css: '.entity-result' },
    { css: "main div[role='listitem']", has: PROFILE_LINK },
    { css: "main li[role='listitem'], main ul[role='list'] > li", has: PROFILE_LINK },
    { role: 'listitem', has: PROFILE_LINK },
  ],
  /** Within a result: the link with the person's name. */
  resultTitleLink: [
    { css: "a[data-view-name='search-result-lockup-title']", primary: true },
    { css: ".entity-result__title-text a[href*='/in/']" },
    { css: "span.entity-result__title-line a[href*='/in/']" },
    { css: PROFILE_LINK },
  ],
  searchEmpty: [
    { css: '.search-reusable-search-no-results' },
    { css: "[data-view-name='search-no-results'], [data-test-id='no-results']" },
    { css: 'h2, h3, p', text: /^\s*(no results found|aucun résultat)/i },
  ],
  nextPageButton: [
    { css: "[data-testid='pagination-controls-next-button-visible']", primary: true },
    { role: 'button', name: NEXT_NAME, primary: true },
    { role: 'link', name: NEXT_NAME },
    { css: "button[aria-label='Next'], button[aria-label='Suivant']" },
    { css: 'button.artdeco-pagination__button--next' },
    { css: "a[rel='next']" },
  ],
  /** Something is still loading (infinite scroll, overlay). */
  loadingIndicator: [
    { role: 'progressbar' },
    { css: "[aria-busy='true']" },
    { css: '.artdeco-loader' },
    { css: 'div, p, span', text: /^\s*(loading|chargement)\s*(…|\.\.\.)?\s*$/i },
  ],
  loadMoreButton: [
    { role: 'button', name: LOAD_MORE_NAME, primary: true },
    { css: 'button.scaffold-finite-scroll__load-button' },
  ],
  /** Containers that scroll instead of the window (the new design's lazy lists). */
  scrollContainer: [
    { css: "[data-testid='lazy-column']", primary: true },
    { css: 'main#workspace' },
    { css: '.scaffold-finite-scroll' },
  ],
  profileName: [
    { css: 'h1.text-heading-xlarge', primary: true },
    { css: 'main h2', primary: true },
    { css: 'div.ph5 h1' },
    { role: 'heading', level: 1 },
    { css: 'h1' },
  ],
  profileHeadline: [
    { css: 'div.text-body-medium' },
    { css: "[data-generated-suggestion-target*='profileActionDelegate']" },
    { css: '.pv-text-details__left-panel .text-body-medium' },
    { css: "[data-test-id='headline'], .headline, .pv-top-card--headline" },
  ],

  // Sent invitations ----------------------------------------------------------------------
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

export type ElementKey = keyof typeof SELECTORS;

/** The lists the driver uses: the built-in ones, with a user's overrides in front. */
export type SelectorTable = { readonly [K in ElementKey]: readonly Fallback[] };

function cssString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Within a list of cards or items: the one linking to this profile slug. */
export function profileLinkTo(slug: string): string {
  const enc = encodeURIComponent(slug);
  const forms = [...new Set([slug, enc])];
  return forms
    .flatMap((s) => [
      `a[href*=${cssString(`/in/${s}/`)}]`,
      `a[href*=${cssString(`/in/${s}?`)}]`,
      `a[href*=${cssString(`/in/${s}#`)}]`,
      `a[href$=${cssString(`/in/${s}`)}]`,
    ])
    .join(', ');
}
