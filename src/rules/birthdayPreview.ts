/**
 * "Who will be wished today", read-only: the birthday page as the latest birthday run read
 * it, and for each card what a run would do now, by the bot's own rules (blacklist, ledger,
 * today / late settings, limits), in the bot's order. Nothing is sent, nothing is written.
 */
import { DateTime } from 'luxon';
import { wishLanguageOf } from '../config/defaultTemplates.ts';
import type { Settings } from '../config/settings.ts';
import type { PreviewStatus } from '../contract/birthdays.ts';
import type { MessageLanguage } from '../contract/messageLanguages.ts';
import { localDateOf } from '../planner.ts';
import type { BirthdayListing, ListedBirthday, Store } from '../store/interfaces.ts';
import { BELATED_QUIET_DAYS, birthdayDateOf } from './birthdayKeys.ts';
import { BirthdayQuota } from './birthdayQuota.ts';
import { selectBirthdays } from './birthdaySelection.ts';
import { createBlacklistMatcher } from './blacklist.ts';
import { warmUp } from './warmUp.ts';

export type { PreviewStatus };

export interface PreviewContact {
  slug: string;
  name: string;
  profile_url: string;
  /** As of today: 0 today, N days late; null for a belated card without a date. */
  days_late: number | null;
  /** The birthday's local date, when the card gave one. */
  birthday_date: string | null;
  status: PreviewStatus;
  /** The template list a wish would come from. */
  template_kind: 'today' | 'late';
  /** The contact's own wish language, null: the account's. */
  language: MessageLanguage | null;
  /** The language the wish would be written in. */
  wish_language: MessageLanguage;
}

export interface BirthdayPreview {
  /** When the page was read; null before any birthday run read it. */
  as_of: string | null;
  run_id: string | null;
  /** The local date (settings timezone) the page was read on, and today's. */
  seen_on: string | null;
  today: string;
  /** Wishes the limits still allow today (warm-up applied). */
  remaining: number;
  contacts: PreviewContact[];
}

const daysBetween = (from: string, to: string) =>
  Math.round(
    DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days,
  );

export async function buildBirthdayPreview(
  store: Store,
  accountId: string,
  settings: Readonly<Settings>,
  now: Date,
): Promise<BirthdayPreview> {
  const tz = settings.schedule.timezone;
  const today = localDateOf(now, tz);
  const listing = await store.birthdayListings.latest(accountId);
  const quota = await BirthdayQuota.load(store.birthdayMessages, accountId, now, tz);
  const first = await store.runs.firstActiveAt(accountId);
  const { limits } = warmUp(settings.limits, first && localDateOf(new Date(first), tz), today, [
    'per_run',
    'daily',
    'weekly',
  ]);
  const remaining = quota.remaining(limits.per_run, limits);
  const empty = { as_of: null, run_id: null, seen_on: null, today, remaining, contacts: [] };
  if (!listing) return empty;
  const contacts = await previewContacts(store, accountId, settings, listing, { now, today, remaining });
  return {
    as_of: listing.seen_at,
    run_id: listing.run_id,
    seen_on: listing.local_date,
    today,
    remaining,
    contacts,
  };
}

async function previewContacts(
  store: Store,
  accountId: string,
  settings: Readonly<Settings>,
  listing: BirthdayListing,
  at: { now: Date; today: string; remaining: number },
): Promise<PreviewContact[]> {
  const { birthday } = settings;
  const shift = Math.max(0, daysBetween(listing.local_date, at.today));
  // Each card once, in the bot's order (today's first, then by lateness, dateless last).
  const cards = selectBirthdays(
    listing.contacts.map((c) => ({
      name: c.name,
      slug: c.slug,
      profileUrl: c.profile_url,
      daysLate: c.days_late,
      label: '',
    })),
    { processToday: true, processLate: true, maxDaysLate: Number.MAX_SAFE_INTEGER },
  ).contacts;
  const blacklist = createBlacklistMatcher(await store.blacklist.list(accountId));
  const quietSince = DateTime.fromJSDate(at.now, { zone: 'utc' })
    .minus({ days: BELATED_QUIET_DAYS })
    .toISO()!;
  let room = at.remaining;
  const result: PreviewContact[] = [];
  for (const card of cards) {
    const listed: ListedBirthday = {
      slug: card.slug,
      name: card.name,
      profile_url: card.profileUrl,
      days_late: card.daysLate === null ? null : card.daysLate + shift,
    };
    const key = birthdayDateOf(listing.local_date, card.daysLate);
    const ledger = await store.birthdayMessages.find(accountId, card.slug, key);
    let status: PreviewStatus;
    if (blacklist.match({ name: card.name, profileUrl: card.profileUrl })) status = 'blacklisted';
    else if (ledger?.state === 'confirmed') status = 'already_wished';
    else if (ledger) status = 'pending';
    else if (
      listed.days_late === null &&
      (await store.birthdayMessages.wishedSince(accountId, card.slug, quietSince))
    )
      status = 'already_wished';
    else if (listed.days_late === 0 ? !birthday.process_today : !birthday.process_late)
      status = 'not_processed';
    else if (listed.days_late !== null && listed.days_late > birthday.max_days_late) status = 'too_late';
    else if (room <= 0) status = 'limit';
    else {
      status = 'will_wish';
      room--;
    }
    const met = await store.contacts.get(accountId, card.slug);
    result.push({
      ...listed,
      language: met?.language ?? null,
      wish_language: wishLanguageOf(met, settings.birthday.language),
      birthday_date: card.daysLate === null ? null : key,
      status,
      template_kind: listed.days_late === 0 ? 'today' : 'late',
    });
  }
  return result;
}
