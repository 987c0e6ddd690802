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

/**
 * How a parameter is shown: some in words of the reader's language (run types and statuses,
 * error codes, reasons, lateness), optional ones as a phrase or nothing; the rest as they are.
 */
const FORMAT: Record<string, (value: Value, t: Translate) => string> = {
  type: (v, t) => firstWord(t, [`run.type.${v}`], String(v)),
  status: (v, t) => firstWord(t, [`run.status.${v}`], String(v)),
  error_code: (v, t) => firstWord(t, [`log.failure.${v}`, `run.error.${v}`], String(v)),
  reason: (v, t) => firstWord(t, [`log.reason.${v}`, `overview.pause.reason.${v}`], String(v)),
  which: (v, t) => firstWord(t, [`log.which.${v}`], String(v)),
  days_late: (v, t) =>
    v === null
      ? t('log.param.belated')
      : v === 0
        ? t('log.param.today')
        : t('log.param.daysLate', { count: Number(v) }),
  location: (v, t) => (v ? t('log.param.inLocation', { location: String(v) }) : ''),
  headline: (v, t) => (v ? t('log.param.headline', { headline: String(v) }) : ''),
  proxy: (v, t) => (v ? t('log.param.throughProxy', { proxy: String(v) }) : ''),
  local_storage: (v, t) => (v === true ? t('log.param.andLocalStorage') : ''),
  searches: (v, t) =>
    String(v ?? '')
      .split(', ')
      .map((s) => (s === '*' ? t('log.param.openSearch') : s))
      .join(', '),
};

function shown(name: string, value: Value, t: Translate): string {
  const format = FORMAT[name];
  if (format) return format(value, t);
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
  for (const name of LOG_CODES[code]) vars[name] = shown(name, params[name] ?? null, t);
  const text = wordFor(t, `log.${code}`, vars);
  if (text === null) return line.message;
  return params.dry_run === true ? text + t('log.param.dryRun') : text;
}
