/** Which of the birthday page's cards a run handles, and in what order. */
import type { BirthdayContact } from '../linkedin/interfaces.ts';

export interface BirthdaySelection {
  processToday: boolean;
  processLate: boolean;
  maxDaysLate: number;
}

/**
 * Today's first, then by lateness (belated cards without a date last); each contact once.
 * A belated card without a date counts as late, whatever `maxDaysLate` says.
 */
export function selectBirthdays(
  listed: readonly BirthdayContact[],
  { processToday, processLate, maxDaysLate }: BirthdaySelection,
): { contacts: BirthdayContact[]; ignored: number } {
  const seen = new Set<string>();
  let ignored = 0;
  const contacts = listed
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
