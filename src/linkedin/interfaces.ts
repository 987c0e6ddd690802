/**
 * The LinkedIn client port: everything the bots ask of LinkedIn, with no browser detail.
 * Adapter: the Playwright driver (`playwrightClient.ts`) against linkedin.com or the
 * sandbox; tests of bot logic use a fake. Every method takes the run's AbortSignal: an
 * abort makes a pending call reject at once (the driver closes the browser).
 */

import type { AccountPauseReason } from '../domain.ts';

/** Why LinkedIn refused or failed; the bots map these to run errors and outcomes. */
export type LinkedInErrorCode =
  /** Logged out, checkpoint, captcha: the session is not usable; never retried. */
  | 'auth_required'
  /** LinkedIn's limit banner or modal: stop the run gracefully. */
  | 'rate_limited'
  /**
   * LinkedIn said the message was not sent (or it was never typed as meant): nothing went
   * out. A send that may have gone out unconfirmed is a `timeout`, never this.
   */
  | 'send_failed'
  /** No selector of an element's fallback list matched. */
  | 'element_not_found'
  /** A navigation or action took longer than its timeout. */
  | 'timeout'
  /** The run's signal was aborted (a stop). */
  | 'aborted'
  /** The browser died or could not start. */
  | 'browser_crashed'
  /** The account's proxy refused, failed or could not be reached: nothing reached LinkedIn through it. */
  | 'proxy_failed'
  /** The message box that opened is addressed to someone else: nothing was typed or sent. */
  | 'recipient_mismatch';

/** A security check LinkedIn put in front of the session: it pushed back, the session is not just expired. */
export type LinkedInChallenge = Exclude<AccountPauseReason, 'rate_limited'>;

export class LinkedInError extends Error {
  /**
   * What LinkedIn pushed back with, when it did: `rate_limited` (every limit banner, 429/999
   * answer or block page), a `checkpoint` or a `captcha` (an `auth_required` that is not a
   * plain expired session). Null otherwise; a login page is not a pushback.
   */
  readonly pushback: AccountPauseReason | null;

  constructor(
    readonly code: LinkedInErrorCode,
    message: string,
    /** Viewport screenshot saved when the step failed (path under DATA_DIR/runs/<run id>/). */
    readonly screenshot: string | null = null,
    /** The challenge behind an `auth_required`, if any (a `rate_limited` is always a pushback). */
    challenge: LinkedInChallenge | null = null,
  ) {
    super(message);
    this.name = 'LinkedInError';
    this.pushback = code === 'rate_limited' ? 'rate_limited' : code === 'auth_required' ? challenge : null;
  }
}

export interface ActionOptions {
  signal: AbortSignal;
  /** Per action; the driver has sensible defaults. */
  timeoutMs?: number;
}

export interface BirthdayContact {
  /** Display name as shown on the card. */
  name: string;
  /** Public id: the `/in/<slug>/` part of the profile URL. */
  slug: string;
  /** Profile URL without query string. */
  profileUrl: string;
  /**
   * 0 for today, N for N days late; null for a late birthday whose date the card does not
   * say ("belated", "avec du retard").
   */
  daysLate: number | null;
  /** The card's raw "when" text ("Today", "il y a 3 jours"…), for logs. */
  label: string;
  /** The card's link to a new message (`/messaging/compose/?recipient=…`), when it has one. */
  composeUrl?: string | null;
}

/** How a send was confirmed: the text seen in the thread, or a dialog that closed with no error. */
export type SendConfirmation = 'thread' | 'dialog_closed';

export interface PersonResult {
  slug: string;
  name: string;
  profileUrl: string;
}

export interface SearchPage {
  people: PersonResult[];
  /** Whether a next results page exists. */
  hasNext: boolean;
}

export interface ProfileInfo {
  name: string;
  headline: string | null;
}

export interface SentInvitation {
  name: string;
  profileUrl: string | null;
  /** Raw age text ("Sent 3 weeks ago", "Envoyée il y a 2 mois"). */
  sentLabel: string;
  /** Parsed age in days; null when the text could not be read. */
  ageDays: number | null;
}

export interface LinkedInClient {
  /** Opens the feed: `valid` when the global navigation shows, `expired` when LinkedIn wants a login. */
  checkSession(opts: ActionOptions): Promise<'valid' | 'expired'>;

  /** Today's and late birthdays from the birthday page (scrolled until no new card appears). */
  listBirthdays(opts: ActionOptions): Promise<BirthdayContact[]>;

  /**
   * Opens the contact's conversation (from their birthday card, or as a page of its own
   * when the box shows no thread) and reads its messages, oldest first.
   */
  readConversation(contact: BirthdayContact, opts: ActionOptions): Promise<string[]>;

  /**
   * Opens the contact's message box, checks it is addressed to them (`recipient_mismatch`
   * otherwise), replaces whatever LinkedIn pre-filled with exactly `text`, then calls
   * `beforeSend` (the bot writes its intent row there), presses Send and waits for the
   * confirmation. `send_failed` only when LinkedIn said the message was not sent; `timeout`
   * when it may have been (no confirmation seen).
   */
  sendMessage(
    contact: BirthdayContact,
    text: string,
    opts: ActionOptions & { beforeSend: () => Promise<void> },
  ): Promise<SendConfirmation>;

  /** One page (1-based) of a people search. */
  searchPeople(
    query: { keywords: string; location: string; page: number },
    opts: ActionOptions,
  ): Promise<SearchPage>;

  /** Opens a profile and stays `dwellMs` (abortable), like a person reading it. */
  visitProfile(profileUrl: string, dwellMs: number, opts: ActionOptions): Promise<ProfileInfo>;

  /** The sent-invitations manager's list (all pages / scrolled). */
  listSentInvitations(opts: ActionOptions): Promise<SentInvitation[]>;

  /** Withdraws one invitation and confirms the dialog. */
  withdrawInvitation(invitation: SentInvitation, opts: ActionOptions): Promise<void>;

  /** Saves a viewport screenshot named after the step; returns its path, or null if impossible. */
  screenshot(step: string): Promise<string | null>;

  /** Closes the browser. Safe to call twice. */
  close(): Promise<void>;
}
