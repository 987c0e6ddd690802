/**
 * An in-memory LinkedIn for the bots' tests: birthdays, conversations, people search
 * pages, sent invitations, and failures injected per call. Every method honours the abort
 * signal like the real driver (an abort rejects with an `aborted` LinkedInError at once).
 */
import {
  type ActionOptions,
  type BirthdayContact,
  type LinkedInChallenge,
  type LinkedInClient,
  LinkedInError,
  type LinkedInErrorCode,
  type PersonResult,
  type ProfileInfo,
  type SearchPage,
  type SendConfirmation,
  type SentInvitation,
} from '../../linkedin/interfaces.ts';

export const FAKE_BASE_URL = 'https://www.linkedin.com';

export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function profileUrlOf(slug: string): string {
  return `${FAKE_BASE_URL}/in/${slug}/`;
}

export interface FakeFailure {
  code: LinkedInErrorCode;
  /** How many calls fail (then the call works); all of them by default. */
  times?: number;
  /**
   * sendMessage only: fail after `beforeSend` ran (Send pressed, nothing showed up).
   * Default: true for send_failed and timeout, false for the other codes.
   */
  afterBeforeSend?: boolean;
  /**
   * sendMessage only, with a failure after `beforeSend`: the message reached the
   * conversation all the same (a confirmation that timed out).
   */
  delivered?: boolean;
  /** The error's screenshot; `screenshots/<key>.png` by default. */
  screenshot?: string | null;
  message?: string;
  /** auth_required only: the security check LinkedIn showed (a checkpoint, a captcha). */
  challenge?: LinkedInChallenge;
}

/**
 * Failure and hang keys: `listBirthdays`, `listSentInvitations`, `read:<slug>`,
 * `send:<slug>`, `search:<keywords>:<page>`, `visit:<slug>`, `withdraw:<name>`.
 */
export type FakeKey = string;

export type FakeCall =
  | { method: 'checkSession' }
  | { method: 'listBirthdays' }
  | { method: 'readConversation'; slug: string }
  | { method: 'sendMessage'; slug: string; text: string }
  | { method: 'searchPeople'; keywords: string; location: string; page: number }
  | { method: 'visitProfile'; profileUrl: string; dwellMs: number }
  | { method: 'listSentInvitations' }
  | { method: 'withdrawInvitation'; name: string }
  | { method: 'screenshot'; step: string }
  | { method: 'close' };

/** Waits `ms`, rejecting with an `aborted` LinkedInError as soon as the signal aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => new LinkedInError('aborted', 'Stopped');
    if (signal.aborted) return reject(aborted());
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class FakeLinkedIn implements LinkedInClient {
  birthdays: BirthdayContact[] = [];
  /** Messages per contact slug, oldest first. */
  conversations = new Map<string, string[]>();
  /** Messages delivered by sendMessage, in order. */
  sent: { slug: string; text: string }[] = [];
  /** Search pages per keywords (pages[0] is page 1); or `searchHandler` for anything else. */
  searchPages = new Map<string, PersonResult[][]>();
  searchHandler?: (query: { keywords: string; location: string; page: number }) => SearchPage;
  profiles = new Map<string, ProfileInfo>();
  visits: { profileUrl: string; dwellMs: number }[] = [];
  invitations: SentInvitation[] = [];
  withdrawn: SentInvitation[] = [];
  calls: FakeCall[] = [];
  closed = 0;
  session: 'valid' | 'expired' = 'valid';
  /** Delay of every call (abortable). */
  latencyMs = 0;
  /** Runs inside sendMessage just before `beforeSend` (e.g. another run taking the key). */
  onBeforeSend?: (contact: BirthdayContact, text: string) => Promise<void> | void;
  /** Runs after a message is delivered. */
  onSend?: (contact: BirthdayContact, text: string) => void;
  onVisit?: (profileUrl: string) => void;

  private readonly failures = new Map<FakeKey, FakeFailure & { used: number }>();
  private readonly hangs = new Set<FakeKey>();

  /** Adds a birthday card; the slug and profile URL derive from the name. */
  addBirthday(name: string, daysLate: number | null, slug = slugOf(name)): BirthdayContact {
    const contact: BirthdayContact = {
      name,
      slug,
      profileUrl: profileUrlOf(slug),
      daysLate,
      label: daysLate === null ? 'belated' : daysLate === 0 ? 'Today' : `${daysLate} days ago`,
    };
    this.birthdays.push(contact);
    return contact;
  }

  addInvitation(name: string, ageDays: number | null): SentInvitation {
    const invitation: SentInvitation = {
      name,
      profileUrl: profileUrlOf(slugOf(name)),
      sentLabel: ageDays === null ? 'Sent a while ago' : `Sent ${ageDays} days ago`,
      ageDays,
    };
    this.invitations.push(invitation);
    return invitation;
  }

  /** People for a search, `pageSize` per page. */
  setSearch(keywords: string, people: PersonResult[], pageSize = 10): void {
    const pages: PersonResult[][] = [];
    for (let i = 0; i < people.length; i += pageSize) pages.push(people.slice(i, i + pageSize));
    this.searchPages.set(keywords, pages);
  }

  failOn(key: FakeKey, failure: FakeFailure): this {
    this.failures.set(key, { ...failure, used: 0 });
    return this;
  }

  /** The call waits until the run is stopped, then rejects with `aborted`. */
  hangOn(key: FakeKey): this {
    this.hangs.add(key);
    return this;
  }

  sentTo(slug: string): string[] {
    return this.sent.filter((m) => m.slug === slug).map((m) => m.text);
  }

  callsOf<M extends FakeCall['method']>(method: M): Extract<FakeCall, { method: M }>[] {
    return this.calls.filter((c): c is Extract<FakeCall, { method: M }> => c.method === method);
  }

  /** Latency, hang, then the injected failure for `key` (when `when` matches). */
  private async step(key: FakeKey, signal: AbortSignal, when?: 'before' | 'after'): Promise<void> {
    if (signal.aborted) throw new LinkedInError('aborted', 'Stopped');
    if (this.latencyMs > 0 && when !== 'after') await wait(this.latencyMs, signal);
    const failure = this.failures.get(key);
    if (failure && failure.used < (failure.times ?? Number.POSITIVE_INFINITY)) {
      const after = failure.afterBeforeSend ?? (failure.code === 'send_failed' || failure.code === 'timeout');
      if (when === undefined || (when === 'after') === after) {
        failure.used++;
        throw new LinkedInError(
          failure.code,
          failure.message ?? `injected ${failure.code} on ${key}`,
          failure.screenshot === undefined
            ? `screenshots/${key.replace(/[^\w-]+/g, '_')}.png`
            : failure.screenshot,
          failure.challenge,
        );
      }
    }
    if (this.hangs.has(key) && when !== 'before') {
      await wait(2 ** 31 - 1, signal);
    }
  }

  async checkSession(opts: ActionOptions): Promise<'valid' | 'expired'> {
    this.calls.push({ method: 'checkSession' });
    await this.step('checkSession', opts.signal);
    return this.session;
  }

  async listBirthdays(opts: ActionOptions): Promise<BirthdayContact[]> {
    this.calls.push({ method: 'listBirthdays' });
    await this.step('listBirthdays', opts.signal);
    return this.birthdays.map((c) => ({ ...c }));
  }

  async readConversation(contact: BirthdayContact, opts: ActionOptions): Promise<string[]> {
    this.calls.push({ method: 'readConversation', slug: contact.slug });
    await this.step(`read:${contact.slug}`, opts.signal);
    return [...(this.conversations.get(contact.slug) ?? [])];
  }

  async sendMessage(
    contact: BirthdayContact,
    text: string,
    opts: ActionOptions & { beforeSend: () => Promise<void> },
  ): Promise<SendConfirmation> {
    const key = `send:${contact.slug}`;
    this.calls.push({ method: 'sendMessage', slug: contact.slug, text });
    await this.step(key, opts.signal, 'before');
    await this.onBeforeSend?.(contact, text);
    await opts.beforeSend();
    if (opts.signal.aborted) throw new LinkedInError('aborted', 'Stopped');
    // "Send" is pressed here.
    const deliver = () => {
      const thread = this.conversations.get(contact.slug) ?? [];
      thread.push(text);
      this.conversations.set(contact.slug, thread);
      this.sent.push({ slug: contact.slug, text });
      this.onSend?.(contact, text);
    };
    if (this.failures.get(key)?.delivered) {
      try {
        await this.step(key, opts.signal, 'after');
      } catch (err) {
        deliver();
        throw err;
      }
    } else {
      await this.step(key, opts.signal, 'after');
    }
    deliver();
    return 'thread';
  }

  async searchPeople(
    query: { keywords: string; location: string; page: number },
    opts: ActionOptions,
  ): Promise<SearchPage> {
    this.calls.push({ method: 'searchPeople', ...query });
    await this.step(`search:${query.keywords}:${query.page}`, opts.signal);
    if (this.searchHandler) return this.searchHandler(query);
    const pages = this.searchPages.get(query.keywords) ?? [];
    return { people: [...(pages[query.page - 1] ?? [])], hasNext: query.page < pages.length };
  }

  async visitProfile(profileUrl: string, dwellMs: number, opts: ActionOptions): Promise<ProfileInfo> {
    this.calls.push({ method: 'visitProfile', profileUrl, dwellMs });
    const slug = /\/in\/([^/]+)/.exec(profileUrl)?.[1] ?? profileUrl;
    await this.step(`visit:${slug}`, opts.signal);
    this.visits.push({ profileUrl, dwellMs });
    this.onVisit?.(profileUrl);
    return this.profiles.get(slug) ?? { name: '', headline: null };
  }

  async listSentInvitations(opts: ActionOptions): Promise<SentInvitation[]> {
    this.calls.push({ method: 'listSentInvitations' });
    await this.step('listSentInvitations', opts.signal);
    return this.invitations.map((i) => ({ ...i }));
  }

  async withdrawInvitation(invitation: SentInvitation, opts: ActionOptions): Promise<void> {
    this.calls.push({ method: 'withdrawInvitation', name: invitation.name });
    await this.step(`withdraw:${invitation.name}`, opts.signal);
    const index = this.invitations.findIndex((i) => i.name === invitation.name);
    if (index < 0) throw new LinkedInError('element_not_found', `No invitation to ${invitation.name}`);
    this.withdrawn.push(...this.invitations.splice(index, 1));
  }

  async screenshot(step: string): Promise<string | null> {
    this.calls.push({ method: 'screenshot', step });
    return `screenshots/${step}.png`;
  }

  async close(): Promise<void> {
    this.calls.push({ method: 'close' });
    this.closed++;
  }
}

/** A search result for a name. */
export function person(name: string): PersonResult {
  const slug = slugOf(name);
  return { slug, name, profileUrl: profileUrlOf(slug) };
}
