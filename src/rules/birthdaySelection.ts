/** Which of the birthday page's cards a run handles, and in what order. */
import { type RandomSource, shuffled } from '../random.ts';

/** What the selection reads of a card (the LinkedIn port's `BirthdayContact` has it). */
export interface SelectableCard {
  slug: string;
  /** 0 today, N days late, null for a belated card without a date. */
  daysLate: number | null;
}

export interface BirthdaySelection {
  processToday: boolean;
  processLate: boolean;
  maxDaysLate: number;
  /** When given, the contacts of a same day come in a random order (not the page's). */
  random?: RandomSource;
}

/**
 * Today's first, then by lateness (belated cards without a date last); each contact once.
 * A belated card without a date counts as late, whatever `maxDaysLate` says. Within a day,
 * in a new order each run when `random` is given: a person does not always start at the top.
 */
export function selectBirthdays<Card extends SelectableCard>(
  listed: readonly Card[],
  { processToday, processLate, maxDaysLate, random }: BirthdaySelection,
): { contacts: Card[]; ignored: number } {
  const seen = new Set<string>();
  let ignored = 0;
  // The sort below is stable: a shuffle first leaves each day's contacts shuffled.
  const contacts = (random ? shuffled(random, listed) : listed)
    .filter((c) => {
      const wanted =
        c.daysLate === null
          ? processLate
          : c.daysLate === 0
            ? processToday
            : c.daysLate > 0 && processLate && c.daysLate <= maxDaysLate;
      if (!wanted || seen.has(c.slug)) {
        ignored++;
        return false;
      }
      seen.add(c.slug);
      return true;
    })
    .sort((a, b) => (a.daysLate ?? Number.MAX_SAFE_INTEGER) - (b.daysLate ?? Number.MAX_SAFE_INTEGER));
  return { contacts, ignored };
}
