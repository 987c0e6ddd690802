/**
 * Pure parsers for the texts LinkedIn shows (English and French): birthday "when" labels,
 * invitation ages, profile URLs. No browser here: everything is unit-tested.
 */

const DAY_MS = 86_400_000;

/** Lower case, accents and curly quotes folded, spaces collapsed: "Aujourd’hui" → "aujourd'hui". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Month names and abbreviations (accents folded) → 0-based month. */
const MONTHS: Record<string, number> = {
  jan: 0,
  january: 0,
  janv: 0,
  janvier: 0,
  feb: 1,
  february: 1,
  fev: 1,
  fevr: 1,
  fevrier: 1,
  mar: 2,
  march: 2,
  mars: 2,
  apr: 3,
  april: 3,
  avr: 3,
  avril: 3,
  may: 4,
  mai: 4,
  jun: 5,
  june: 5,
  juin: 5,
  jul: 6,
  july: 6,
  juil: 6,
  juillet: 6,
  aug: 7,
  august: 7,
  aou: 7,
  aout: 7,
  sep: 8,
  sept: 8,
  september: 8,
  septembre: 8,
  oct: 9,
  october: 9,
  octobre: 9,
  nov: 10,
  november: 10,
  novembre: 10,
  dec: 11,
  december: 11,
  decembre: 11,
};

const MONTH_WORD = '([a-z]{3,9})\\.?';

/** Days from the most recent `month`/`day` on or before `today` (local calendar date) to today. */
function daysSinceDate(month: number, day: number, today: Date): number | null {
  if (day < 1 || day > 31) return null;
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  for (let year = today.getFullYear(); year >= today.getFullYear() - 4; year--) {
    const candidate = new Date(Date.UTC(year, month, day));
    // Feb 29 of a non-leap year rolls over: try an earlier year.
    if (candidate.getUTCMonth() !== month) continue;
    const diff = Math.round((todayUtc - candidate.getTime()) / DAY_MS);
    if (diff >= 0) return diff;
  }
  return null;
}

/** "Oct 24", "October 24", "24 oct.", "24 octobre" → days since; null when no date. */
function parseDayMonth(t: string, today: Date): number | null {
  const monthFirst = new RegExp(`\\b${MONTH_WORD}\\s+(\\d{1,2})\\b`).exec(t);
  if (monthFirst && MONTHS[monthFirst[1]!] !== undefined) {
    return daysSinceDate(MONTHS[monthFirst[1]!]!, Number(monthFirst[2]), today);
  }
  const dayFirst = new RegExp(`\\b(\\d{1,2})(?:er)?\\s+${MONTH_WORD}(?![a-z])`).exec(t);
  if (dayFirst && MONTHS[dayFirst[2]!] !== undefined) {
    return daysSinceDate(MONTHS[dayFirst[2]!]!, Number(dayFirst[1]), today);
  }
  return null;
}

/**
 * A birthday card's "when" label → days late: 0 for "Today" / "Aujourd'hui", 1 for
 * "Yesterday" / "Hier", N for "N days ago" / "il y a N jours", and for a date ("Oct 24",
 * "24 oct.") the days since its most recent occurrence relative to `today`. Null when the
 * text says none of these.
 */
export function parseBirthdayLabel(text: string, today: Date = new Date()): number | null {
  const t = normalizeText(text);
  if (!t) return null;
  if (/\b(today|aujourd'hui|aujourdhui)\b/.test(t)) return 0;
  if (/\bavant-hier\b/.test(t)) return 2;
  if (/\b(yesterday|hier)\b/.test(t)) return 1;
  const ago = /\b(\d{1,3}|an?|one)\s*(days?|d)\s+ago\b/.exec(t);
  if (ago) return countOf(ago[1]!);
  const ilya = /\bil y a (\d{1,3}|un|une)\s*(jours?|j)\b/.exec(t);
  if (ilya) return countOf(ilya[1]!);
  return parseDayMonth(t, today);
}

/**
 * Like `parseBirthdayLabel`, but only when the whole text is the label ("Today", "il y a
 * 3 jours", "Oct 24"), so a headline mentioning a date is not taken for it.
 */
export function parseExactBirthdayLabel(text: string, today: Date = new Date()): number | null {
  const t = normalizeText(text).replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
  const exact =
    /^(today|aujourd'hui|aujourdhui|yesterday|hier|avant-hier)$/.test(t) ||
    /^(\d{1,3}|an?|one) ?(days?|d) ago$/.test(t) ||
    /^il y a (\d{1,3}|un|une) ?(jours?|j)$/.test(t) ||
    new RegExp(`^${MONTH_WORD} \\d{1,2}$`).test(t) ||
    new RegExp(`^\\d{1,2}(er)? ${MONTH_WORD}$`).test(t);
  return exact ? parseBirthdayLabel(t, today) : null;
}

/** A name or text reduced to lower-case letters and digits, for "does this text name them?". */
export function comparableName(text: string): string {
  return normalizeText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "belated", "avec du retard": a late birthday whose date the card does not give. */
export function isBelatedLabel(text: string): boolean {
  const t = normalizeText(text);
  return /\bbelated\b|\b(avec du|en) retard\b/.test(t);
}

function countOf(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : 1;
}

const UNIT_DAYS: [RegExp, number][] = [
  [/^(seconds?|secondes?|s|sec|minutes?|mins?|m|hours?|heures?|h|hrs?)$/, 0],
  [/^(days?|jours?|d|j)$/, 1],
  [/^(weeks?|semaines?|w|wk|sem)$/, 7],
  [/^(months?|mois|mo)$/, 30],
  [/^(years?|ans?|annees?|y|yr)$/, 365],
];

function unitDays(unit: string): number | null {
  for (const [pattern, days] of UNIT_DAYS) if (pattern.test(unit)) return days;
  return null;
}

const COUNT = '(\\d{1,4}|(?:une|un|one|an?)\\b)';
const UNIT = '([a-z]+)';

/**
 * An invitation's age text → days: "Sent today" 0, "Sent yesterday" / "hier" 1,
 * "Sent 3 days ago" 3, "1 week ago" 7, "3 weeks ago" 21, "2 months ago" 60 (30 days a
 * month), "Envoyée il y a 3 semaines" 21, "il y a 2 mois" 60, minutes/hours 0; null when
 * the text says none of these.
 */
export function parseInvitationAge(text: string): number | null {
  const t = normalizeText(text);
  if (!t) return null;
  if (/\b(today|aujourd'hui|aujourdhui|just now|a l'instant)\b/.test(t)) return 0;
  if (/\bavant-hier\b/.test(t)) return 2;
  if (/\b(yesterday|hier)\b/.test(t)) return 1;
  const patterns = [
    new RegExp(`\\bil y a ${COUNT} ?${UNIT}\\b`, 'g'),
    new RegExp(`\\b${COUNT} ?${UNIT}\\.? ago\\b`, 'g'),
    // "Sent 3w", "3 sem.": a count followed by a unit, as a last resort.
    new RegExp(`\\b${COUNT} ?${UNIT}\\b`, 'g'),
  ];
  for (const pattern of patterns) {
    for (const m of t.matchAll(pattern)) {
      const days = unitDays(m[2]!);
      if (days !== null) return countOf(m[1]!) * days;
    }
  }
  return null;
}

/** Days between an ISO date/time (a `time[datetime]`) and `now`; null when unreadable. */
export function daysSinceIso(iso: string, now: Date = new Date()): number | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.floor((now.getTime() - at) / DAY_MS));
}

function toUrl(url: string, base?: string): URL | null {
  try {
    return new URL(url, base ?? 'https://www.linkedin.com');
  } catch {
    return null;
  }
}

/** The `/in/<slug>/` public id of a profile URL (decoded), or null when it is not one. */
export function slugFromProfileUrl(url: string): string | null {
  const parsed = toUrl(url);
  if (!parsed) return null;
  const m = /\/in\/([^/?#]+)/.exec(parsed.pathname);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1]!;
  }
}

/**
 * A profile URL without query string nor hash, ending with exactly one "/". Relative
 * URLs are resolved against `base` (default linkedin.com).
 */
export function cleanProfileUrl(url: string, base?: string): string {
  const parsed = toUrl(url.trim(), base);
  if (!parsed) return url.trim();
  parsed.search = '';
  parsed.hash = '';
  parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}/`;
  return parsed.toString();
}
