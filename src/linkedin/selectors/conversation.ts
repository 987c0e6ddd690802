/** The message box (conversation overlay, dialog or compose page) and its thread. */
import type { SelectorList } from './fallback.ts';
import { PROFILE_LINK } from './profileLink.ts';

const SEND_NAME = /^\s*(send|envoyer)\s*$/i;
const CLOSE_NAME = /^\s*(close|fermer)\b/i;

/** An error shown after pressing Send. */
export const SEND_ERROR_TEXT =
  /(failed|couldn['’]t|could not|not (been )?sent|unable to send|try again|échec|échoué|impossible d['’]envoyer|n['’]a pas (pu )?être envoyé|non envoyé|réessayer|erreur)/i;

const COMPOSER_CSS = "div[role='textbox'][contenteditable='true']";
/** Any editor: what a conversation overlay must contain. */
const EDITOR_CSS = "[contenteditable='true'], textarea";

export const CONVERSATION_SELECTORS = {
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
} as const satisfies Record<string, SelectorList>;
