/**
 * The birthday page (`/mynetwork/catch-up/birthday/`), in both designs: cards loaded as
 * the list scrolls or "Load more" is pressed; each birthday card read for its profile,
 * name, "when" label ("Today", "il y a 3 jours", "belated") and compose link. The new
 * design's catch-up list mixes in job changes and work anniversaries: those are skipped.
 */

import type { Locator } from 'playwright-core';
import { coded } from '../../contract/logCodes.ts';
import { type BirthdayContact, LinkedInError } from '../interfaces.ts';
import { type Entry, firstLineOf, type ItemView, normalizeSpace } from '../locator.ts';
import {
  BIRTHDAY_CARD_TEXT,
  CARD_LABEL_TEXT,
  NOT_BIRTHDAY_CARD_TEXT,
  PATHS,
  profileLinkTo,
} from '../selectors.ts';
import {
  cleanProfileUrl,
  isBelatedLabel,
  parseBirthdayLabel,
  parseExactBirthdayLabel,
  slugFromProfileUrl,
} from '../text.ts';
import type { Driver } from './driver.ts';

/** A profile URL from the item's links (query stripped), or null. */
export async function pickProfileUrl(
  d: Driver,
  view: ItemView,
  key: 'cardProfileLink' | 'invitationProfileLink',
): Promise<string | null> {
  const found = await d.session.engine.pickEntry(view, key, (e) =>
    e.href && slugFromProfileUrl(e.href) ? e.href : null,
  );
  return found ? cleanProfileUrl(found.value, d.session.page.url()) : null;
}

export async function listBirthdays(d: Driver, timeout: number): Promise<BirthdayContact[]> {
  const { session } = d;
  const { engine, page } = session;
  await session.navigate(PATHS.birthdays, timeout);
  const first = await engine.waitForAny(page, ['birthdayCard', 'birthdaysEmpty'] as const, timeout, () =>
    session.assertNotSentToLogin(),
  );
  if (!first) {
    await session.assertUsable();
    throw new LinkedInError(
      'element_not_found',
      'The birthday page showed neither cards nor its empty state',
    );
  }
  if (first.key === 'birthdaysEmpty') return [];
  // A person reads the list down before wishing anyone (the human rhythm; not in `fast`).
  await session.human.read(first.locator, timeout);
  const cards = (await d.lists.scrollToEnd('birthdayCard')) ?? first.locator;
  await session.assertUsable();
  const today = d.now();
  const contacts: BirthdayContact[] = [];
  const seen = new Set<string>();
  let unreadable = 0;
  for (const view of await engine.itemViews(cards)) {
    const contact = await parseCard(d, view, today);
    if (contact === 'unreadable') unreadable++;
    if (!contact || contact === 'unreadable' || seen.has(contact.slug)) continue;
    seen.add(contact.slug);
    contacts.push(contact);
  }
  if (unreadable > 0) {
    // A language the driver does not read, or a wording it does not know: never guessed.
    session.warn(
      `${unreadable} birthday card(s) could not be read (no "today", "N days ago" or "belated" in English or French): skipped`,
      coded('birthday.cards_unreadable', { count: unreadable }),
    );
  }
  return contacts;
}

/**
 * Whether a card is about a birthday, from its labels ("Celebrate Sarah's birthday today",
 * "Congratulate Marc on starting a new position…"), never its headline: a headline such as
 * "15 years in finance" must not hide a birthday. A card with no label line (the older
 * design's plainest cards) counts when it has a "when" label.
 */
export function isBirthdayCardText(labels: readonly string[], hasWhenLabel: boolean): boolean {
  const text = labels.join(' ');
  if (text.trim() === '') return hasWhenLabel;
  if (NOT_BIRTHDAY_CARD_TEXT.test(text)) return false;
  return BIRTHDAY_CARD_TEXT.test(text) || hasWhenLabel;
}

/** The card's contact; null for another kind of card; 'unreadable' for a card it cannot read. */
async function parseCard(
  d: Driver,
  card: ItemView,
  today: Date,
): Promise<BirthdayContact | null | 'unreadable'> {
  const { engine } = d.session;
  const profileUrl = await pickProfileUrl(d, card, 'cardProfileLink');
  if (!profileUrl) {
    d.session.debug('birthday card without a profile link: skipped');
    return null;
  }
  const slug = slugFromProfileUrl(profileUrl)!;
  const labels = (await engine.allEntries(card, 'cardLine'))
    .map((e) => normalizeSpace(e.text))
    .filter((line) => CARD_LABEL_TEXT.test(line));
  const whenOf = (parse: (text: string, today: Date) => number | null) => (e: Entry) => {
    const text = normalizeSpace(e.text);
    const days = text ? parse(text, today) : null;
    return days === null ? null : { text, days: days as number | null };
  };
  let when =
    (await engine.pickEntry(card, 'cardWhen', whenOf(parseExactBirthdayLabel))) ??
    (await engine.pickEntry(card, 'cardWhen', whenOf(parseBirthdayLabel)));
  // No label it knows and no date it reads: another language, never guessed.
  if (labels.length === 0 && !when) return 'unreadable';
  if (!isBirthdayCardText(labels, when !== null)) {
    d.session.debug(`catch-up card of ${slug} is not a birthday: skipped`);
    return null;
  }
  if (!when) {
    const belated = await engine.pickEntry(card, 'cardWhen', (e) =>
      isBelatedLabel(e.text) ? normalizeSpace(e.text) : null,
    );
    if (belated) when = { entry: belated.entry, value: { text: belated.value, days: null } };
  }
  if (!when) {
    d.session.debug(`birthday card of ${slug}: no readable "when" label, skipped`);
    return 'unreadable';
  }
  // The name: the first text that is not a label ("Celebrate…", "Happy birthday!", "Today").
  const name = await engine.pickEntry(card, 'cardName', (e) => {
    const line = firstLineOf(e.text);
    return line &&
      !CARD_LABEL_TEXT.test(line) &&
      parseBirthdayLabel(line, today) === null &&
      !isBelatedLabel(line)
      ? line
      : null;
  });
  const compose = await engine.pickEntry(card, 'cardComposeLink', (e) => e.href);
  return {
    name: name?.value ?? slug,
    slug,
    profileUrl,
    daysLate: when.value.days,
    label: when.value.text,
    composeUrl: compose ? composeUrlWithoutBody(compose.value, d.session.page.url()) : null,
  };
}

/** The compose link without LinkedIn's suggested text (nothing gets pre-filled from it). */
export function composeUrlWithoutBody(href: string, base: string): string {
  const url = new URL(href, base);
  url.searchParams.delete('body');
  return url.toString();
}

/** The contact's birthday card on the birthday page (opened and scrolled as needed). */
export async function locateCard(d: Driver, contact: BirthdayContact, timeout: number): Promise<Locator> {
  const { session } = d;
  const { page } = session;
  if (!session.onPath(PATHS.birthdays)) await session.navigate(PATHS.birthdays, timeout);
  // A live locator: cards loaded by scrolling are part of it.
  const cards = await session.find(page, 'birthdayCard', timeout, 'birthday card');
  const match = async (): Promise<Locator | null> => {
    const byLink = cards.filter({ has: page.locator(profileLinkTo(contact.slug)) });
    if ((await byLink.count()) > 0) return byLink.first();
    const byName = cards.filter({ hasText: contact.name });
    if ((await byName.count()) === 1) return byName.first();
    return null;
  };
  let card = await match();
  if (!card) {
    await d.lists.scrollToEnd('birthdayCard', async () => {
      card = await match();
      return card !== null;
    });
    card ??= await match();
  }
  if (!card)
    throw new LinkedInError('element_not_found', `No birthday card for ${contact.name} (${contact.slug})`);
  return card;
}
