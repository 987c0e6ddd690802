import { type FieldProblem, tooLong } from './cookieFields.ts';

/**
 * The user agent of the browser the user logged in with (sent by `connect` beside the
 * cookies). Not a secret, but only its browser family and major version are ever written
 * to the audit log.
 */

export const MAX_USER_AGENT_LENGTH = 512;

export interface BrowserVersion {
  /** Chrome, Edge, Opera, Firefox, Safari, Chromium. */
  family: string;
  major: number;
}

// Printable ASCII only: a header value, no control characters.
const PRINTABLE = /^[\x20-\x7e]+$/;
const ENGINE = /\b(AppleWebKit|Gecko)\//;

/** Most specific first: Edge and Opera also say "Chrome/", Chrome also says "Safari/". */
const FAMILIES: readonly [string, RegExp][] = [
  ['Edge', /\bEdg(?:e|A|iOS)?\/(\d+)/],
  ['Opera', /\bOPR\/(\d+)/],
  ['Firefox', /\bFirefox\/(\d+)/],
  ['Chromium', /\bChromium\/(\d+)/],
  ['Chrome', /\b(?:Headless)?Chrome\/(\d+)/],
  ['Chrome', /\bCriOS\/(\d+)/],
  ['Safari', /\bVersion\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//],
];

/** The browser family and major version a user agent names; null when it names none we know. */
export function browserOf(userAgent: string): BrowserVersion | null {
  for (const [family, pattern] of FAMILIES) {
    const match = pattern.exec(userAgent);
    if (match) return { family, major: Number(match[1]) };
  }
  return null;
}

/** "Chrome 131" */
export function browserLabel(version: BrowserVersion): string {
  return `${version.family} ${version.major}`;
}

/**
 * Why `value` is not a usable desktop browser's user agent, or null when it is. A headless
 * browser's user agent is refused: replayed to LinkedIn, it would give the automation away.
 */
export function userAgentProblem(value: unknown): FieldProblem | null {
  const invalid = (message: string) => ({ code: 'invalid_user_agent', message });
  if (typeof value !== 'string') return invalid('must be a string (the browser’s navigator.userAgent)');
  const ua = value.trim();
  if (ua.length === 0)
    return { code: 'too_small', message: 'must not be empty', params: { origin: 'string', minimum: 1 } };
  if (ua.length > MAX_USER_AGENT_LENGTH) return tooLong(MAX_USER_AGENT_LENGTH);
  if (!PRINTABLE.test(ua)) return invalid('must be printable ASCII');
  if (!ua.startsWith('Mozilla/5.0 (') || !ENGINE.test(ua) || !browserOf(ua)) {
    return invalid('does not look like a browser’s user agent (Mozilla/5.0 (…) AppleWebKit/… Chrome/…)');
  }
  if (/headless/i.test(ua))
    return { code: 'headless_user_agent', message: 'is a headless browser’s user agent' };
  return null;
}
