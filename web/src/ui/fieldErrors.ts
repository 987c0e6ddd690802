import { ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { I18n, Locale } from '../i18n/i18n.tsx';

/**
 * The API's field errors in the user's language: a 400's `details.field_errors` gives each
 * refused field a code and its parameters (src/server/errors.ts); its English sentences
 * (`details.fields`) are for API users, and are shown only in English for a code the
 * dashboard does not know.
 */

export interface FieldErrorCode {
  code: string;
  [param: string]: unknown;
}

type Translate = I18n['t'];

/** Codes worded by a message of their own (`fieldError.<code>`), parameters as placeholders. */
const OWN_MESSAGE = new Set([
  'max_below_min',
  'window_end_before_start',
  'invalid_time',
  'invalid_timezone',
  'invalid_url',
  'invalid_proxy_url',
  'proxy_scheme',
  'proxy_credentials_in_url',
  'proxy_host',
  'proxy_path',
  'socks_credentials',
  'needs_username',
  'invalid_username',
  'control_characters',
  'unknown_placeholder',
  'invalid_profile_url',
  'name_or_url_required',
  // The LinkedIn session's cookies (src/linkedin/sessionCookies.ts).
  'invalid_cookie_value',
  'invalid_cookie_domain',
  'invalid_cookie_path',
  'invalid_cookie_expiry',
  'cookie_expiry_too_far',
  'invalid_cookie_name',
  'invalid_same_site',
  'session_cookie_expired',
  'session_cookie_empty',
  'session_cookie_missing',
  'cookie_value_not_string',
  'cookie_outside_cookies',
  'invalid_cookies',
  'invalid_session_input',
  'invalid_origin',
  'invalid_user_agent',
  'headless_user_agent',
  'invalid_http_url',
  'credentials_in_url',
  'invalid_chat_id',
  'invalid_bot_token',
  'invalid_topic',
  'ntfy_server_path',
]);

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : String(v ?? ''));

function sizeMessage(error: FieldErrorCode, t: Translate): string {
  const big = error.code === 'too_big';
  const bound = num(big ? error.maximum : error.minimum);
  const vars = { maximum: bound, minimum: bound };
  const origin = error.origin;
  if (origin === 'string') {
    if (!big && bound === 1) return t('fieldError.empty');
    return t(big ? 'fieldError.tooBig.string' : 'fieldError.tooSmall.string', vars);
  }
  if (origin === 'array' || origin === 'set') {
    return t(big ? 'fieldError.tooBig.array' : 'fieldError.tooSmall.array', vars);
  }
  if (error.inclusive === false) {
    return t(big ? 'fieldError.tooBig.numberExclusive' : 'fieldError.tooSmall.numberExclusive', vars);
  }
  return t(big ? 'fieldError.tooBig.number' : 'fieldError.tooSmall.number', vars);
}

/** One field's error in the user's language; `message` is the API's English sentence. */
export function fieldErrorText(
  error: FieldErrorCode | undefined,
  message: string,
  t: Translate,
  locale: Locale,
): string {
  switch (error?.code) {
    case 'required':
      return t('fieldError.required');
    case 'invalid_type':
      if (error.expected === 'int') return t('fieldError.notInteger');
      if (error.expected === 'number') return t('fieldError.notNumber');
      return t('fieldError.invalidType');
    case 'too_big':
    case 'too_small':
      return sizeMessage(error, t);
    case 'invalid_format':
      return t('fieldError.invalidFormat');
    case 'invalid_value':
      return t('fieldError.invalidValue', { values: list(error.values) });
    case 'unknown_field':
      return t('fieldError.unknownField');
    case 'read_only':
      return t('fieldError.readOnly');
    default:
      break;
  }
  if (error && OWN_MESSAGE.has(error.code)) {
    const vars: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(error)) {
      if (key !== 'code') vars[key] = Array.isArray(value) ? list(value) : String(value);
    }
    if (error.code === 'unknown_placeholder' && Array.isArray(error.allowed)) {
      vars.allowed = error.allowed.map((p) => `{${String(p).replace(/^\{|\}$/g, '')}}`).join(', ');
    }
    return t(`fieldError.${error.code}` as MessageKey, vars);
  }
  // An unknown code: the API's English sentence in English, a plain "invalid value" otherwise.
  return locale === 'en' ? message : t('fieldError.invalid');
}

/** The field errors of a failure (a 400's), each in the user's language; an empty map otherwise. */
export function localizedFieldErrors(err: unknown, t: Translate, locale: Locale): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const codes = (err.details.field_errors ?? {}) as Record<string, FieldErrorCode | undefined>;
  return Object.fromEntries(
    Object.entries(err.fields).map(([path, message]) => [
      path,
      fieldErrorText(codes[path], message, t, locale),
    ]),
  );
}
