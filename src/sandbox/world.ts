/**
 * The sandbox's world as a seed generates it: contacts (some with a birthday this week),
 * their old conversations, pending invitations and the sdui page's other catch-up cards.
 */
import { COMPANIES, OLD_MESSAGES_ME, OLD_MESSAGES_THEM, ROLES_EN, ROLES_FR } from './names.ts';
import { type Decoration, decorate, makePeople, type Person } from './people.ts';
import { createRng } from './prng.ts';

export type Locale = 'en' | 'fr';

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

export const DAY_MS = 86_400_000;
const MAX_LATE_DAYS = 7;

/**
 * Birthday contacts get these first (in card order) so every run meets them. The last two
 * ("🔥 Nicolas R. 🚀", "Julian LOPEZ VARELA") draw from their own generator, so adding them
 * changed nothing else a seed gives.
 */
const FORCED_TODAY: Decoration[] = ['dr_emoji', 'phd', 'mba', 'emoji_first', 'pronouns', 'emoji_both'];
const FORCED_LATE: Decoration[] = ['dr', 'caps', 'emoji', 'caps_two'];
/** Decorations whose randomness comes from a generator of their own. */
const SEPARATE_RNG: ReadonlySet<Decoration> = new Set(['emoji_both', 'caps_two']);

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
