import { randomBytes } from 'node:crypto';
import {
  COMPANIES,
  EMOJIS,
  FIRST_NAMES,
  LAST_NAMES,
  OLD_MESSAGES_ME,
  OLD_MESSAGES_THEM,
  PLACES,
  ROLES_EN,
  ROLES_FR,
} from './names.ts';
import { createRng, type Rng } from './prng.ts';

/**
 * The sandbox's world: people generated from a seed (contacts with birthdays, invitees),
 * plus what happened since the last reset (messages sent, visits, withdrawals, faults).
 */

export type Locale = 'en' | 'fr';
export type DomVariant = 'default' | 'alt' | 'sdui';
/** Where the sdui design mounts the conversation opened from a card (PAGES.md). */
export type OverlayPlacement = 'main' | 'shadow' | 'iframe' | 'dialog' | 'page';

export interface Person {
  slug: string;
  /** Display name, decorations included ("Dr. Marie Curie 🎉"). */
  name: string;
  /** The clean first name a bot should greet ("Marie"). */
  firstName: string;
  headline: string;
  location: string;
  geoUrn: string;
  /** The opaque profile id LinkedIn puts in `miniProfileUrn` query strings. */
  urn: string;
}

export interface Contact extends Person {
  /** 0 = birthday today, N = N days ago (1–7), null = no birthday this week. */
  birthdayDaysLate: number | null;
}

export interface Invitation {
  id: string;
  person: Person;
  sentAt: Date;
}

export interface ThreadMessage {
  from: 'me' | 'them';
  text: string;
  at: string;
}

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

export interface Faults {
  session_expired: boolean;
  rate_limited: boolean;
  latency_ms: number;
  dom_variant: DomVariant;
  send_fails: number;
  /** sdui: where the message box is mounted. */
  overlay: OverlayPlacement;
  /** The next n conversations opened from a birthday card open another contact's. */
  wrong_recipient: number;
  /** Sends are stored, but their HTTP answer is delayed by this many ms. */
  send_stall_ms: number;
  /** Pages answer 302 /authwall ⇄ /login forever (ERR_TOO_MANY_REDIRECTS). */
  redirect_loop: boolean;
  /** Pages redirect to /login, which shows the "Welcome back" account picker. */
  account_picker: boolean;
  /** sdui: nurture cards and their primary links lose their `data-view-name`. */
  break_primary: boolean;
  /** Pages answer LinkedIn's bare "request denied" page (HTTP 999, no `main`). */
  blocked: boolean;
}

/** A catch-up card that is not a birthday (sdui birthday page): a job change or a work anniversary. */
export interface CatchUpItem {
  contact: Contact;
  kind: 'job_change' | 'work_anniversary' | 'work_anniversary_plain';
  role: { en: string; fr: string };
  company: string;
  years: number;
}

export interface ResetOptions {
  seed: number;
  contacts: number;
  today: number;
  late: number;
  invitations: number;
  locale: Locale;
}

export const DEFAULT_RESET: Readonly<ResetOptions> = Object.freeze({
  seed: 42,
  contacts: 300,
  today: 12,
  late: 5,
  invitations: 40,
  locale: 'en',
});

export const DEFAULT_FAULTS: Readonly<Faults> = Object.freeze({
  session_expired: false,
  rate_limited: false,
  latency_ms: 0,
  dom_variant: 'default',
  send_fails: 0,
  overlay: 'main',
  wrong_recipient: 0,
  send_stall_ms: 0,
  redirect_loop: false,
  account_picker: false,
  break_primary: false,
  blocked: false,
});

/** The logged-in member (the bot's user), shown in the nav and as "me" in threads. */
export const OWNER = { name: 'Alex Morgan', firstName: 'Alex' } as const;

const DAY_MS = 86_400_000;
const MAX_LATE_DAYS = 7;

type Decoration =
  | 'none'
  | 'dr_emoji'
  | 'dr'
  | 'phd'
  | 'mba'
  | 'emoji'
  | 'emoji_first'
  | 'pronouns'
  | 'caps'
  | 'emoji_both'
  | 'caps_two';

/**
 * Birthday contacts get these first (in card order) so every run meets them. The last two
 * ("🔥 Nicolas R. 🚀", "Julian LOPEZ VARELA") draw from their own generator, so adding them
 * changed nothing else a seed gives.
 */
const FORCED_TODAY: Decoration[] = ['dr_emoji', 'phd', 'mba', 'emoji_first', 'pronouns', 'emoji_both'];
const FORCED_LATE: Decoration[] = ['dr', 'caps', 'emoji', 'caps_two'];
/** Decorations whose randomness comes from a generator of their own. */
const SEPARATE_RNG: ReadonlySet<Decoration> = new Set(['emoji_both', 'caps_two']);
const BOTH_EMOJIS = ['🔥', '🚀', '💡', '🌟', '🎯', '✨'] as const;
const RANDOM_DECORATIONS: Decoration[] = [
  'dr_emoji',
  'dr',
  'phd',
  'mba',
  'emoji',
  'emoji_first',
  'pronouns',
  'caps',
];

function decorate(first: string, last: string, decoration: Decoration, rng: Rng): string {
  switch (decoration) {
    case 'dr_emoji':
      return `Dr. ${first} ${last} 🎉`;
    case 'dr':
      return `Dr ${first} ${last}`;
    case 'phd':
      return `${first} ${last}, PhD`;
    case 'mba':
      return `${first} ${last} MBA`;
    case 'emoji':
      return `${first} ${last} ${rng.pick(EMOJIS)}`;
    case 'emoji_first':
      return `${rng.pick(EMOJIS)} ${first} ${last}`;
    case 'pronouns':
      return `${first} ${last} (${rng.pick(['She/Her', 'He/Him', 'Elle'])})`;
    case 'caps':
      return `${first} ${last.toUpperCase()}`;
    case 'emoji_both':
      return `${rng.pick(BOTH_EMOJIS)} ${first} ${last[0]!.toUpperCase()}. ${rng.pick(BOTH_EMOJIS)}`;
    case 'caps_two': {
      if (last.includes(' ')) return `${first} ${last.toUpperCase()}`;
      const second = rng.pick(LAST_NAMES.filter((n) => !n.includes(' ') && n !== last && !n.includes("'")));
      return `${first} ${last.toUpperCase()} ${second.toUpperCase()}`;
    }
    default:
      return `${first} ${last}`;
  }
}

export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/gi, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const URN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

interface BasePerson {
  first: string;
  last: string;
  person: Person;
}

function makePeople(rng: Rng, count: number, slugs: Set<string>): BasePerson[] {
  const people: BasePerson[] = [];
  for (let i = 0; i < count; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    let slug = asciiSlug(`${first} ${last}`);
    if (rng.chance(0.7) || slugs.has(slug)) slug = `${slug}-${rng.chars(rng.int(6, 8), '0123456789abcdef')}`;
    while (slugs.has(slug)) slug = `${slug}${rng.int(0, 9)}`;
    slugs.add(slug);
    const french = rng.chance(0.45);
    const headline = french
      ? `${rng.pick(ROLES_FR)} chez ${rng.pick(COMPANIES)}`
      : `${rng.pick(ROLES_EN)} at ${rng.pick(COMPANIES)}`;
    const place = rng.pick(PLACES);
    const decoration: Decoration = rng.chance(0.25) ? rng.pick(RANDOM_DECORATIONS) : 'none';
    people.push({
      first,
      last,
      person: {
        slug,
        name: decorate(first, last, decoration, rng),
        firstName: first,
        headline,
        location: place.name,
        geoUrn: place.geoUrn,
        urn: `ACoAA${rng.chars(34, URN_ALPHABET)}`,
      },
    });
  }
  return people;
}

export interface World {
  options: ResetOptions;
  contacts: Contact[];
  invitations: Invitation[];
  /** Conversations by contact slug, oldest message first. */
  threads: Map<string, ThreadMessage[]>;
  /** Birthday contacts in card order: today's first, then late ones by days late. */
  birthdays: Contact[];
  /**
   * The sdui birthday page's other catch-up cards (job changes, work anniversaries), from
   * contacts without a birthday: one after every 4th birthday card (at least one when
   * there are birthdays). Never birthdays.
   */
  catchUp: CatchUpItem[];
}

/** Own generator (so the rest of the world is what it was before sdui existed). */
function makeCatchUp(seed: number, contacts: readonly Contact[], birthdayCount: number): CatchUpItem[] {
  if (birthdayCount === 0) return [];
  const rng = createRng((seed ^ 0x5eed_ca7c) >>> 0);
  const pool = rng.shuffle(contacts.filter((c) => c.birthdayDaysLate === null));
  const count = Math.min(pool.length, Math.max(1, Math.floor(birthdayCount / 4)));
  return pool.slice(0, count).map((contact, j) => ({
    contact,
    kind: j === 2 ? 'work_anniversary_plain' : j % 2 === 0 ? 'job_change' : 'work_anniversary',
    role: { en: rng.pick(ROLES_EN), fr: rng.pick(ROLES_FR) },
    company: rng.pick(COMPANIES),
    years: rng.int(2, 12),
  }));
}

/** Everything a seed determines; `now` only anchors dates. */
export function generateWorld(options: ResetOptions, now: Date): World {
  const rng = createRng(options.seed);
  const slugs = new Set<string>();
  const base = makePeople(rng, options.contacts, slugs);
  const contacts: Contact[] = base.map((b) => ({ ...b.person, birthdayDaysLate: null }));

  // Birthdays: `today` contacts at 0, `late` ones spread over 1–7 days late.
  const chosen = rng.shuffle(contacts.map((_, i) => i)).slice(0, options.today + options.late);
  chosen.forEach((index, k) => {
    const contact = contacts[index]!;
    const b = base[index]!;
    const isToday = k < options.today;
    const lateIndex = k - options.today;
    contact.birthdayDaysLate = isToday ? 0 : 1 + ((lateIndex * 3) % MAX_LATE_DAYS);
    const forced = isToday ? FORCED_TODAY[k] : FORCED_LATE[lateIndex];
    if (forced) {
      const source = SEPARATE_RNG.has(forced) ? createRng(options.seed * 7919 + k + 1) : rng;
      contact.name = decorate(b.first, b.last, forced, source);
    }
  });

  const birthdays = chosen
    .map((index) => contacts[index]!)
    .sort((a, b) => a.birthdayDaysLate! - b.birthdayDaysLate!);

  const threads = new Map<string, ThreadMessage[]>();
  for (const contact of contacts) {
    if (!rng.chance(contact.birthdayDaysLate === null ? 0.15 : 0.4)) continue;
    const daysAgo = rng.int(20, 400);
    const at = (d: number) => new Date(now.getTime() - d * DAY_MS + rng.int(0, 3_600_000)).toISOString();
    const messages: ThreadMessage[] = [{ from: 'them', text: rng.pick(OLD_MESSAGES_THEM), at: at(daysAgo) }];
    if (rng.chance(0.5)) messages.push({ from: 'me', text: rng.pick(OLD_MESSAGES_ME), at: at(daysAgo - 1) });
    threads.set(contact.slug, messages);
  }

  const invitees = makePeople(rng, options.invitations, slugs);
  const ids = new Set<string>();
  const invitations: Invitation[] = invitees.map((b, i) => {
    // Ages spread from 0 to ~90 days, newest first.
    const n = options.invitations;
    const even = n <= 1 ? 0 : (i * 90) / (n - 1);
    const days = i === 0 ? 0 : Math.max(0, Math.min(92, Math.round(even + rng.int(-2, 2))));
    let id = `7${rng.chars(18, '0123456789')}`;
    while (ids.has(id)) id = `7${rng.chars(18, '0123456789')}`;
    ids.add(id);
    return { id, person: b.person, sentAt: new Date(now.getTime() - days * DAY_MS - rng.int(0, 3_600_000)) };
  });
  invitations.sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime());

  const catchUp = makeCatchUp(options.seed, contacts, birthdays.length);
  return { options: { ...options }, contacts, invitations, threads, birthdays, catchUp };
}

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
  jsessionId = '';
  readonly sent: SentMessage[] = [];
  readonly visits: Visit[] = [];
  readonly withdrawn: Withdrawal[] = [];
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

  get variant(): DomVariant {
    return this.faults.dom_variant;
  }

  reset(options: Partial<ResetOptions> = {}): void {
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.world = generateWorld({ ...DEFAULT_RESET, ...given }, this.now());
    this.faults = { ...DEFAULT_FAULTS };
    this.sessionToken = newToken();
    this.jsessionId = `ajax:${randomBytes(8).readBigUInt64BE().toString().padStart(19, '0').slice(0, 19)}`;
    this.sent.length = 0;
    this.visits.length = 0;
    this.withdrawn.length = 0;
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

/** Lower-case, accent-free: how search compares text. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export interface PeopleQuery {
  keywords: string;
  /** geoUrn ids; empty = anywhere. */
  geoUrns: string[];
  /** Free-text location; empty = anywhere. */
  location: string;
}

/** Contacts matching every keyword (in name or headline) and the location, in a stable order. */
export function searchContacts(contacts: readonly Contact[], query: PeopleQuery): Contact[] {
  const words = fold(query.keywords).split(/\s+/).filter(Boolean);
  const location = fold(query.location.trim());
  return contacts.filter((c) => {
    const haystack = fold(`${c.name} ${c.headline}`);
    if (!words.every((w) => haystack.includes(w))) return false;
    if (query.geoUrns.length > 0 && !query.geoUrns.includes(c.geoUrn)) return false;
    if (location && !fold(c.location).includes(location)) return false;
    return true;
  });
}
