/**
 * The live sandbox: the world a seed generates (world.ts: contacts with birthdays, invitees),
 * plus what happened since the last reset (messages sent, visits, withdrawals, faults).
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_FAULTS, type DomVariant, type Faults } from './faults.ts';
import { InputLog } from './inputLog.ts';
import { JsessionIds } from './jsessionIds.ts';
import type { Person } from './people.ts';
import {
  type Contact,
  DAY_MS,
  DEFAULT_RESET,
  generateWorld,
  type Invitation,
  type Locale,
  type ResetOptions,
  type ThreadMessage,
  type World,
} from './world.ts';

export interface SentMessage {
  to: string;
  text: string;
  at: string;
}

export interface Visit {
  slug: string;
  at: string;
}

export interface Withdrawal {
  id: string;
  slug: string;
  name: string;
  at: string;
}

/** The logged-in member (the bot's user), shown in the nav and as "me" in threads. */
export const OWNER = { name: 'Alex Morgan', firstName: 'Alex' } as const;

export type SendResult =
  | { ok: true; message: ThreadMessage }
  | { ok: false; reason: 'unknown_contact' | 'rate_limited' | 'send_failed' };

export type WithdrawResult =
  | { ok: true; withdrawal: Withdrawal }
  | { ok: false; reason: 'unknown_invitation' | 'rate_limited' };

function newToken(): string {
  return `AQEDAR${randomBytes(30).toString('base64url')}`;
}

/** The live sandbox: the generated world plus everything that happened since the reset. */
export class SandboxState {
  world!: World;
  faults: Faults = { ...DEFAULT_FAULTS };
  sessionToken = '';
  /** LinkedIn's JSESSIONID: set anew on some page loads (jsessionIds.ts). */
  readonly jsession = new JsessionIds();
  readonly sent: SentMessage[] = [];
  readonly visits: Visit[] = [];
  readonly withdrawn: Withdrawal[] = [];
  /** Keystrokes, pointer moves and clicks the pages saw (`GET /__sandbox/events`). */
  readonly input = new InputLog();
  private people = new Map<string, Person>();
  private withdrawnIds = new Set<string>();

  constructor(
    options: Partial<ResetOptions> = {},
    readonly now: () => Date = () => new Date(),
  ) {
    this.reset(options);
  }

  get locale(): Locale {
    return this.world.options.locale;
  }

  /** The JSESSIONID set last. */
  get jsessionId(): string {
    return this.jsession.current;
  }

  get variant(): DomVariant {
    return this.faults.dom_variant;
  }

  reset(options: Partial<ResetOptions> = {}): void {
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.world = generateWorld({ ...DEFAULT_RESET, ...given }, this.now());
    this.faults = { ...DEFAULT_FAULTS };
    this.sessionToken = newToken();
    this.jsession.reset();
    this.sent.length = 0;
    this.visits.length = 0;
    this.withdrawn.length = 0;
    this.input.clear();
    this.withdrawnIds.clear();
    this.people = new Map();
    for (const c of this.world.contacts) this.people.set(c.slug, c);
    for (const inv of this.world.invitations) this.people.set(inv.person.slug, inv.person);
  }

  setFaults(update: Partial<Faults>): Faults {
    this.faults = { ...this.faults, ...update };
    return this.faults;
  }

  /** Today's birthdays, then late ones by days late, as the birthday page lists them. */
  birthdays(): Contact[] {
    return this.world.birthdays;
  }

  contact(slug: string): Contact | undefined {
    return this.world.contacts.find((c) => c.slug === slug);
  }

  /** A contact by slug or by profile id (`ACoAA…`), as compose links name them. */
  contactByRef(ref: string): Contact | undefined {
    return this.world.contacts.find((c) => c.slug === ref || c.urn === ref);
  }

  /**
   * The contact whose conversation actually opens when `contact`'s is asked for from a
   * birthday card: another one (the next birthday in the list) while `wrong_recipient` lasts.
   */
  recipientFromBirthdayCard(contact: Contact): Contact {
    if (this.faults.wrong_recipient <= 0) return contact;
    const birthdays = this.world.birthdays;
    const index = birthdays.indexOf(contact);
    const candidates = [
      ...(index >= 0 ? birthdays.slice(index + 1) : []),
      ...birthdays,
      ...this.world.contacts,
    ];
    const other = candidates.find((c) => c.slug !== contact.slug);
    if (!other) return contact;
    this.faults.wrong_recipient -= 1;
    return other;
  }

  /** A contact or an invitee: anyone with a profile page. */
  person(slug: string): Person | undefined {
    return this.people.get(slug);
  }

  thread(slug: string): ThreadMessage[] {
    return this.world.threads.get(slug) ?? [];
  }

  send(slug: string, text: string): SendResult {
    if (!this.contact(slug)) return { ok: false, reason: 'unknown_contact' };
    if (this.faults.rate_limited) return { ok: false, reason: 'rate_limited' };
    if (this.faults.send_fails > 0) {
      this.faults.send_fails -= 1;
      return { ok: false, reason: 'send_failed' };
    }
    const message: ThreadMessage = { from: 'me', text, at: this.now().toISOString() };
    const thread = this.world.threads.get(slug) ?? [];
    thread.push(message);
    this.world.threads.set(slug, thread);
    this.sent.push({ to: slug, text, at: message.at });
    return { ok: true, message };
  }

  recordVisit(slug: string): void {
    this.visits.push({ slug, at: this.now().toISOString() });
  }

  /** Invitations still pending, newest first. */
  pendingInvitations(): Invitation[] {
    return this.world.invitations.filter((i) => !this.withdrawnIds.has(i.id));
  }

  sentDaysAgo(invitation: Invitation): number {
    return Math.max(0, Math.floor((this.now().getTime() - invitation.sentAt.getTime()) / DAY_MS));
  }

  withdraw(id: string): WithdrawResult {
    const invitation = this.pendingInvitations().find((i) => i.id === id);
    if (!invitation) return { ok: false, reason: 'unknown_invitation' };
    if (this.faults.rate_limited) return { ok: false, reason: 'rate_limited' };
    this.withdrawnIds.add(id);
    const withdrawal: Withdrawal = {
      id,
      slug: invitation.person.slug,
      name: invitation.person.name,
      at: this.now().toISOString(),
    };
    this.withdrawn.push(withdrawal);
    return { ok: true, withdrawal };
  }
}
