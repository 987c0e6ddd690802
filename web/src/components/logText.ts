import { isLogCode, LOG_CODES } from '../../../src/contract/logCodes.ts';
import type { LogLine } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { I18n } from '../i18n/i18n.tsx';

type Value = string | number | boolean | null;
type Translate = I18n['t'];

/** `key` in words, or null when the dictionary has no such key (an unknown code or reason). */
function wordFor(t: Translate, key: string, vars?: Record<string, string | number>): string | null {
  const text = t(key as MessageKey, vars);
  return text === key ? null : text;
}

function firstWord(t: Translate, keys: string[], fallback: string): string {
  for (const key of keys) {
    const word = wordFor(t, key);
    if (word !== null) return word;
  }
  return fallback;
}

/** Error codes whose words name no cause (anything unexpected), or whose detail says what to fix: shown with it. */
const ERRORS_WITH_DETAIL = new Set(['job_error', 'task_error', 'invalid_selectors']);

/**
 * `error_code` and `error_message` in words: the code's words alone when it has some (its raw
 * detail is English from LinkedIn, the browser or our code); the detail in parentheses only
 * when the code names no cause, or has no words (then the code is shown as it is).
 */
function errorVars(code: Value, message: Value, t: Translate): { error_code: string; error_message: string } {
  const detail =
    message === null || message === '' ? '' : t('log.param.errorDetail', { detail: String(message) });
  if (code === null || code === '')
    return { error_code: detail ? String(message) : t('log.param.unknown'), error_message: '' };
  const word =
    wordFor(t, `log.failure.${code}`) ??
    wordFor(t, `outcome.error.${code}`) ??
    wordFor(t, `run.error.${code}`) ??
    wordFor(t, `log.error.${code}`);
  if (word === null)
    return { error_code: t('log.param.errorCode', { code: String(code) }), error_message: detail };
  return { error_code: word, error_message: ERRORS_WITH_DETAIL.has(String(code)) ? detail : '' };
}

/** A search of the visitor: its keyword quoted, or "an open search" for none. */
function searchWords(keyword: string, t: Translate): string {
  return keyword === '' || keyword === '*'
    ? t('log.param.openSearch')
    : t('log.param.quoted', { text: keyword });
}

/** `visitor.start`'s keywords: a JSON array; older lines said them as `"a", "b"` with `*` for none. */
function searchesWords(value: Value, t: Translate): string {
  const text = String(value ?? '');
  let keywords: string[];
  try {
    const parsed: unknown = JSON.parse(text);
    keywords = Array.isArray(parsed) ? parsed.map(String) : [text];
  } catch {
    keywords = text.split(', ').map((s) => s.replace(/^"(.*)"$/, '$1'));
  }
  return keywords.map((k) => searchWords(k, t)).join(', ');
}

/** `warmup.day`'s lowered limits (a JSON array); older lines said them in English. */
function loweredWords(value: Value, t: Translate): string {
  const text = String(value ?? '');
  let lowered: unknown;
  try {
    lowered = JSON.parse(text);
  } catch {
    return text;
  }
  if (!Array.isArray(lowered)) return text;
  return lowered
    .map((l: { limit?: unknown; value?: unknown; normal?: unknown }) =>
      t('log.param.lowered', {
        limit: firstWord(t, [`log.limit.${l.limit}`], String(l.limit)),
        value: Number(l.value),
        normal: Number(l.normal),
      }),
    )
    .join(', ');
}

/**
 * How a parameter is shown: some in words of the reader's language (run types and statuses,
 * error codes, reasons, lateness), optional ones as a phrase or nothing; the rest as they are.
 */
const FORMAT: Record<string, (value: Value, t: Translate, params: Record<string, Value>) => string> = {
  type: (v, t) => firstWord(t, [`run.type.${v}`], String(v)),
  status: (v, t) => firstWord(t, [`run.status.${v}`], String(v)),
  error_code: (v, t, p) => errorVars(v, p.error_message ?? null, t).error_code,
  error_message: (v, t, p) => errorVars(p.error_code ?? null, v, t).error_message,
  reason: (v, t) => firstWord(t, [`log.reason.${v}`, `overview.pause.reason.${v}`], String(v)),
  which: (v, t) => firstWord(t, [`log.which.${v}`], String(v)),
  what: (v, t) => firstWord(t, [`log.listing.${v}`], String(v)),
  days_late: (v, t) =>
    v === null
      ? t('log.param.belated')
      : v === 0
        ? t('log.param.today')
        : t('log.param.daysLate', { count: Number(v) }),
  // Lines written before `age_days` carry LinkedIn's own label.
  age_days: (v, t, p) =>
    typeof v === 'number'
      ? t('log.param.sentDaysAgo', { count: v })
      : String(p.label ?? t('log.param.unknown')),
  location: (v, t) => (v ? t('log.param.inLocation', { location: String(v) }) : ''),
  headline: (v, t) => (v ? t('log.param.headline', { headline: String(v) }) : ''),
  proxy: (v, t) => (v ? t('log.param.throughProxy', { proxy: String(v) }) : ''),
  local_storage: (v, t) => (v === true ? t('log.param.andLocalStorage') : ''),
  // Older lines: the keyword quoted, or "open search".
  search: (v, t) => searchWords(v === 'open search' ? '' : String(v ?? '').replace(/^"(.*)"$/, '$1'), t),
  searches: (v, t) => searchesWords(v, t),
  lowered: (v, t) => loweredWords(v, t),
};

function shown(name: string, value: Value, t: Translate, params: Record<string, Value>): string {
  const format = FORMAT[name];
  if (format) return format(value, t, params);
  if (value === null) return t('log.param.unknown');
  return String(value);
}

/**
 * A log line in the reader's language, from its code and parameters; its English text when
 * the code is not one the dashboard knows (lines older than codes, a newer server).
 */
export function logText(line: Pick<LogLine, 'code' | 'params' | 'message'>, t: Translate): string {
  const { code } = line;
  if (!code || !isLogCode(code)) return line.message;
  const params = line.params ?? {};
  const vars: Record<string, string> = {};
  for (const name of LOG_CODES[code]) vars[name] = shown(name, params[name] ?? null, t, params);
  const text = wordFor(t, `log.${code}`, vars);
  if (text === null) return line.message;
  return params.dry_run === true ? text + t('log.param.dryRun') : text;
}
