/**
 * The LinkedIn client port over a real Chromium driven by Playwright (linkedin.com or the
 * sandbox): a browser session (launch, abort, memory, navigation), the locator engine
 * over the selector table, and one module per LinkedIn page or flow under `pages/`.
 */
import { BrowserSession, type BrowserSessionOptions } from './browserSession.ts';
import { type ExitIpResult, fetchExitIp } from './exitIp.ts';
import type {
  ActionOptions,
  BirthdayContact,
  LinkedInClient,
  ProfileInfo,
  SearchPage,
  SendConfirmation,
  SentInvitation,
} from './interfaces.ts';
import { LazyList, type LazyListOptions } from './lazyList.ts';
import { listBirthdays } from './pages/birthdays.ts';
import { readConversation } from './pages/conversationThread.ts';
import type { Driver } from './pages/driver.ts';
import { listSentInvitations, withdrawInvitation } from './pages/invitations.ts';
import { visitProfile } from './pages/profile.ts';
import { searchPeople } from './pages/search.ts';
import { sendMessage } from './pages/sendMessage.ts';
import { checkSession } from './pages/sessionCheck.ts';
import { SELECTORS, type SelectorTable } from './selectors.ts';
import type { SessionCookie } from './sessionCookies.ts';
import type { SessionStateAtEnd } from './sessionStateWatch.ts';

export interface PlaywrightClientOptions extends Omit<BrowserSessionOptions, 'selectors'> {
  /** The selector lists; the built-in ones by default. */
  selectors?: SelectorTable;
  /** "Today" for dated birthday labels ("Oct 24"). */
  now?: () => Date;
  /** Infinite-scroll tuning. */
  scroll?: LazyListOptions;
}

/** Bound of reading the page's language at the end of a run (a hung page must not hold the end). */
const PAGE_LANGUAGE_TIMEOUT_MS = 2000;

export class PlaywrightLinkedInClient implements LinkedInClient {
  private readonly driver: Driver;

  private constructor(
    private readonly session: BrowserSession,
    opts: PlaywrightClientOptions,
  ) {
    this.driver = {
      session,
      lists: new LazyList(session, opts.scroll),
      now: opts.now ?? (() => new Date()),
    };
  }

  static async launch(opts: PlaywrightClientOptions): Promise<PlaywrightLinkedInClient> {
    const session = await BrowserSession.launch({ ...opts, selectors: opts.selectors ?? SELECTORS });
    return new PlaywrightLinkedInClient(session, opts);
  }

  /** The browser's process id (gone once the client is closed or aborted). */
  get browserPid(): number | null {
    return this.session.browserPid;
  }

  /** Recent debug lines (which fallbacks matched, …), oldest first. */
  get debugLog(): readonly string[] {
    return this.session.debugLog;
  }

  /** Requests to linkedin.com the browser was refused while pointed elsewhere. */
  get blockedRequests(): readonly string[] {
    return this.session.blockedRequests;
  }

  /** Per element, how many lookups each fallback (by index) answered. */
  selectorStats(): Record<string, number[]> {
    return this.session.engine.statsByElement();
  }

  /** Replaces the session cookies (a refreshed session; tests: the sandbox issues a new one on reset). */
  replaceCookies(cookies: SessionCookie[]): Promise<void> {
    return this.session.replaceCookies(cookies);
  }

  screenshot(step: string): Promise<string | null> {
    return this.session.screenshot(step);
  }

  /**
   * LinkedIn's cookies and local storage in the browser (as they were after its last
   * completed action once it is gone), for the run to store back: take it before `close`.
   */
  sessionState(): Promise<SessionStateAtEnd> {
    return this.session.sessionState();
  }

  /**
   * The language LinkedIn serves the member's pages in: `<html lang>` of the LinkedIn page
   * open now; null when none is open, it names no language, or the browser is gone.
   */
  async pageLanguage(): Promise<string | null> {
    const { page, baseUrl } = this.session;
    if (this.session.isClosed || new URL(page.url()).host !== baseUrl.host) return null;
    const lang = await page
      .locator('html')
      .getAttribute('lang', { timeout: PAGE_LANGUAGE_TIMEOUT_MS })
      .catch(() => null);
    return lang?.trim() || null;
  }

  close(): Promise<void> {
    return this.session.close();
  }

  /**
   * The address sites see this browser come from, read from the IP echo at `url` (through
   * the proxy, when there is one). Not reaching it is a result, not an error.
   */
  exitIp(url: string, opts: ActionOptions): Promise<ExitIpResult> {
    return this.session.act('exit-ip', opts.signal, opts.timeoutMs, (t) =>
      fetchExitIp(this.session.page, url, t),
    );
  }

  checkSession(opts: ActionOptions): Promise<'valid' | 'expired'> {
    return this.session.act('check-session', opts.signal, opts.timeoutMs, (t) =>
      checkSession(this.driver, t),
    );
  }

  listBirthdays(opts: ActionOptions): Promise<BirthdayContact[]> {
    return this.session.act('list-birthdays', opts.signal, opts.timeoutMs, (t) =>
      listBirthdays(this.driver, t),
    );
  }

  readConversation(contact: BirthdayContact, opts: ActionOptions): Promise<string[]> {
    return this.session.act('read-conversation', opts.signal, opts.timeoutMs, (t) =>
      readConversation(this.driver, contact, t),
    );
  }

  sendMessage(
    contact: BirthdayContact,
    text: string,
    opts: ActionOptions & { beforeSend: () => Promise<void> },
  ): Promise<SendConfirmation> {
    return this.session.act('send-message', opts.signal, opts.timeoutMs, (t) =>
      sendMessage(this.driver, contact, text, opts.beforeSend, t),
    );
  }

  searchPeople(
    query: { keywords: string; location: string; page: number },
    opts: ActionOptions,
  ): Promise<SearchPage> {
    return this.session.act('search-people', opts.signal, opts.timeoutMs, (t) =>
      searchPeople(this.driver, query, t),
    );
  }

  visitProfile(profileUrl: string, dwellMs: number, opts: ActionOptions): Promise<ProfileInfo> {
    return this.session.act('visit-profile', opts.signal, opts.timeoutMs, (t) =>
      visitProfile(this.driver, profileUrl, dwellMs, t),
    );
  }

  listSentInvitations(opts: ActionOptions): Promise<SentInvitation[]> {
    return this.session.act('list-invitations', opts.signal, opts.timeoutMs, (t) =>
      listSentInvitations(this.driver, t),
    );
  }

  withdrawInvitation(invitation: SentInvitation, opts: ActionOptions): Promise<void> {
    return this.session.act('withdraw-invitation', opts.signal, opts.timeoutMs, (t) =>
      withdrawInvitation(this.driver, invitation, t),
    );
  }
}
