/**
 * The birthday bot's exactly-once keys and checks: which birthday a card is about (its
 * local date, or the contact and year for a belated card without a date), and whether a
 * conversation already holds the wish a run meant to send.
 */
import { DateTime } from 'luxon';

/** Thrown from `beforeSend` when another run holds the exactly-once key: Send must not be pressed. */
export class IntentHeldError extends Error {
  constructor(slug: string) {
    super(`A message to ${slug} for this birthday is already recorded`);
    this.name = 'IntentHeldError';
  }
}

/** YYYY-MM-DD minus whole calendar days (no DST arithmetic involved). */
export function minusDays(localDate: string, days: number): string {
  return DateTime.fromISO(localDate, { zone: 'utc' }).minus({ days }).toISODate()!;
}

/**
 * The exactly-once key of a birthday seen `daysLate` days late on `today`: its local date,
 * or for a belated card that gives no date, the year (`2026-belated`).
 */
export function birthdayDateOf(today: string, daysLate: number | null): string {
  if (daysLate === null) return `${today.slice(0, 4)}-belated`;
  return minusDays(today, daysLate);
}

/** A belated birthday without a date is wished only if no wish went to the contact this long. */
export const BELATED_QUIET_DAYS = 300;

const squash = (text: string) => text.normalize('NFC').replace(/\s+/gu, ' ').trim();

/** Whether a conversation (messages as read) contains the text we meant to send. */
export function threadContains(thread: string[], text: string): boolean {
  const wanted = squash(text);
  if (wanted === '') return false;
  return thread.some((message) => squash(message).includes(wanted));
}
