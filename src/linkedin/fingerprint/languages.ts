/**
 * The browser's languages: those of someone living in the settings' timezone (Europe/Paris
 * → French first, then English, as a French Chrome has them), the same in `Accept-Language`
 * and `navigator.languages`. LinkedIn shows its pages in the member's own language whatever
 * the browser says: this only has to look like the person.
 */

/** Timezones of LinkedIn's main non-English markets, by the language their people browse in. */
const LOCALE_BY_TIMEZONE: Record<string, string> = {
  'Europe/Paris': 'fr-FR',
  'Europe/Monaco': 'fr-FR',
  'Europe/Brussels': 'fr-BE',
  'Europe/Luxembourg': 'fr-LU',
  'Europe/Zurich': 'de-CH',
  'Europe/Berlin': 'de-DE',
  'Europe/Vienna': 'de-AT',
  'Europe/Madrid': 'es-ES',
  'Europe/Rome': 'it-IT',
  'Europe/Amsterdam': 'nl-NL',
  'Europe/Lisbon': 'pt-PT',
  'Europe/Warsaw': 'pl-PL',
  'Europe/Stockholm': 'sv-SE',
  'Europe/Copenhagen': 'da-DK',
  'Europe/Oslo': 'nb-NO',
  'Europe/Helsinki': 'fi-FI',
  'Europe/London': 'en-GB',
  'Europe/Dublin': 'en-IE',
  'America/Montreal': 'fr-CA',
  'America/Toronto': 'en-CA',
  'America/Vancouver': 'en-CA',
  'America/Sao_Paulo': 'pt-BR',
  'America/Mexico_City': 'es-MX',
  'America/Argentina/Buenos_Aires': 'es-AR',
  'America/Bogota': 'es-CO',
  'Africa/Casablanca': 'fr-MA',
  'Africa/Algiers': 'fr-DZ',
  'Africa/Tunis': 'fr-TN',
  'Africa/Abidjan': 'fr-CI',
  'Africa/Dakar': 'fr-SN',
  'Indian/Reunion': 'fr-RE',
  'America/Martinique': 'fr-MQ',
  'America/Guadeloupe': 'fr-GP',
  'Asia/Tokyo': 'ja-JP',
  'Australia/Sydney': 'en-AU',
  'Australia/Melbourne': 'en-AU',
  'Asia/Kolkata': 'en-IN',
  'Asia/Singapore': 'en-SG',
};

export const DEFAULT_LOCALE = 'en-US';

/** The locale of someone living in `timezone`; en-US when we do not know better. */
export function localeForTimezone(timezone: string | undefined): string {
  return (timezone && LOCALE_BY_TIMEZONE[timezone]) || DEFAULT_LOCALE;
}

/** The region a language's speakers most often set, where the timezone does not say. */
const REGION_BY_LANGUAGE: Record<string, string> = {
  en: 'US',
  fr: 'FR',
  de: 'DE',
  es: 'ES',
  it: 'IT',
  nl: 'NL',
  pt: 'BR',
  pl: 'PL',
  sv: 'SE',
  da: 'DK',
  nb: 'NO',
  fi: 'FI',
  ja: 'JP',
};

/**
 * The browser's locale for a member whose LinkedIn speaks `linkedinLanguage` (`<html lang>`)
 * and who lives in `timezone`: LinkedIn's language, with the region of the timezone's
 * people when they speak it (`fr` in Europe/Brussels: `fr-BE`), else its usual region;
 * the timezone's people's locale while LinkedIn's language is unknown.
 */
export function localeFor(linkedinLanguage: string | undefined, timezone: string | undefined): string {
  const fromTimezone = localeForTimezone(timezone);
  if (!linkedinLanguage) return fromTimezone;
  const [language, region] = linkedinLanguage.split('-') as [string, string | undefined];
  const lang = language.toLowerCase();
  if (region && /^[a-zA-Z]{2}$/.test(region)) return `${lang}-${region.toUpperCase()}`;
  if (fromTimezone.split('-')[0] === lang) return fromTimezone;
  const usual = REGION_BY_LANGUAGE[lang];
  return usual ? `${lang}-${usual}` : lang;
}

/**
 * `navigator.languages` of a Chrome set to `locale`: the locale, its bare language, then
 * English (`fr-FR, fr, en-US, en`; `en-GB, en-US, en`; `en-US, en`).
 */
export function languagesFor(locale: string): string[] {
  const language = locale.split('-')[0]!;
  const list = language === 'en' ? [locale, 'en-US', 'en'] : [locale, language, 'en-US', 'en'];
  return [...new Set(list)];
}

/** The languages of an `Accept-Language` header, q-values left out. */
export function parseAcceptLanguage(header: string): string[] {
  return header
    .split(',')
    .map((part) => part.split(';')[0]!.trim())
    .filter(Boolean);
}
