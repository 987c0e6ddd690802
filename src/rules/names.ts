/**
 * Names as LinkedIn shows them ("Dr. Marie Curie, PhD 🎓 (she/her)") turned into what a
 * greeting needs ("Marie"), and the template filler.
 */

/** Emoji, pictographs and their glue (variation selectors, ZWJ, skin tones, keycaps), other symbols. */
const SYMBOLS =
  /\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{So}|\p{Emoji_Modifier}|[\u{E0020}-\u{E007F}]|\u{FE0E}|\u{FE0F}|\u{200D}|\u{20E3}/gu;

/**
 * Titles that may precede a name, compared lowercase without dots. A token is a title when
 * every part of it (split on `.` and `-`, so "Dr.-Ing." and "Dr.med." count) is one.
 */
const TITLES = new Set([
  'dr',
  'dra',
  'drs',
  'mr',
  'mrs',
  'ms',
  'mx',
  'miss',
  'mme',
  'mmes',
  'mlle',
  'mlles',
  'mgr',
  'me',
  'prof',
  'pr',
  'ing',
  'ir',
  'eng',
  'engr',
  'dipl',
  'dott',
  'sir',
  'dame',
  'herr',
  'frau',
  'sr',
  'sra',
  'srta',
]);

/** Suffixes that are never a first name (degrees, generations), compared lowercase without dots. */
const SUFFIXES = new Set([
  'phd',
  'mba',
  'cpa',
  'jr',
  'sr',
  'ii',
  'iii',
  'iv',
  'msc',
  'bsc',
  'md',
  'cfa',
  'pmp',
  'esq',
  'dba',
  'llm',
]);

/** A display name without emoji, parentheses/brackets, and anything after a comma, pipe or bullet. */
export function cleanDisplayName(displayName: string): string {
  return displayName
    .normalize('NFC')
    .replace(SYMBOLS, ' ')
    .replace(/\([^)]*\)?|\[[^\]]*\]?|\{[^}]*\}?/gu, ' ')
    .split(/[,|•·;/]/u)[0]!
    .replace(/\s+/gu, ' ')
    .trim();
}

const partsOf = (token: string) =>
  token
    .toLowerCase()
    .split(/[.\-‐‑]/u)
    .filter((p) => p !== '');

function isTitle(token: string): boolean {
  // "M." is Monsieur; a bare "M" is an initial (handled as such).
  if (/^m\.$/iu.test(token)) return true;
  const parts = partsOf(token);
  if (parts.length === 0 || !TITLES.has(parts[0]!)) return false;
  // "Dr.med.", "Dr.-Ing.", "Dr.rer.nat.": a dotted compound starting with a title is one.
  return parts.length === 1 || token.includes('.') || parts.every((p) => TITLES.has(p));
}

function isSuffix(token: string): boolean {
  const parts = partsOf(token);
  return parts.length > 0 && parts.every((p) => SUFFIXES.has(p));
}

/** "J." or "J": an initial, not a first name to greet. */
const isInitial = (token: string) => /^\p{L}\.?$/u.test(token);

/** Leading and trailing characters that are not letters (quotes, dots, digits…); inner hyphens and apostrophes stay. */
const trimNonLetters = (token: string) => token.replace(/^[^\p{L}\p{M}]+|[^\p{L}\p{M}]+$/gu, '');

/**
 * The first name to greet: emoji, titles (Dr, Mme, Prof…), initials and suffixes (PhD,
 * ", MBA", "(she/her)", anything after a comma or a pipe) removed; hyphens, apostrophes,
 * accents and capitalisation kept. Empty when nothing name-like is left.
 */
export function firstNameOf(displayName: string): string {
  const tokens = cleanDisplayName(displayName)
    .split(' ')
    .filter((t) => trimNonLetters(t) !== '');
  // Titles are only dropped when something follows: a person may really be called "Prof".
  while (tokens.length > 1 && isTitle(tokens[0]!)) tokens.shift();
  const names = tokens.filter((t, i) => i === 0 || !isSuffix(t));
  const first = names.find((t) => !isInitial(t)) ?? names[0];
  return first === undefined ? '' : normalCase(trimNonLetters(first));
}

/** "JULIAN" → "Julian", "JEAN-PIERRE" → "Jean-Pierre"; a name not all in capitals is kept as written. */
function normalCase(name: string): string {
  const letters = name.replace(/[^\p{L}]/gu, '');
  if (
    letters.length < 2 ||
    letters !== letters.toLocaleUpperCase() ||
    letters === letters.toLocaleLowerCase()
  ) {
    return name;
  }
  return name
    .toLocaleLowerCase()
    .replace(/(^|[-'’\s])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase());
}

export interface TemplateValues {
  first_name: string;
  name: string;
  days_late: number;
}

/**
 * Replaces `{first_name}`, `{name}` and `{days_late}`; any other `{…}` is left as written.
 * A placeholder whose value is empty takes one neighbouring space with it, so no double
 * space is left behind; the rest of the template is kept exactly.
 */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(
    /( ?)\{(first_name|name|days_late)\}( ?)/gu,
    (_match, before: string, key: keyof TemplateValues, after: string) => {
      const value = String(values[key]);
      if (value !== '') return before + value + after;
      return before && after ? ' ' : '';
    },
  );
}
