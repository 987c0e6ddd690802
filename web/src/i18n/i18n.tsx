import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en, type MessageKey } from './en.ts';
import { fr } from './fr.ts';

export type Locale = 'fr' | 'en';
const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { en, fr };
const STORAGE_KEY = 'lbb.locale';

/** The saved choice, else the browser's language (French for any fr-*), else English. */
export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'fr' || saved === 'en') return saved;
  return globalThis.navigator?.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export interface I18n {
  locale: Locale;
  /** BCP 47 tag for Intl formatting. */
  tag: string;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  dateTime(iso: string): string;
  time(iso: string): string;
  dayMonth(date: string): string;
  number(n: number): string;
  duration(ms: number): string;
}

/** `t` of a language: the key's text with its `{vars}` filled; the key itself when unknown. */
export function translator(locale: Locale): I18n['t'] {
  const dict = DICTIONARIES[locale];
  return (key, vars) =>
    (dict[key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) =>
      vars && name in vars ? String(vars[name]) : m,
    );
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, locale: forced }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(forced ?? initialLocale());
  const setLocale = useCallback((next: Locale) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  // Screen readers pronounce the page in the language it is shown in.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const tag = locale === 'fr' ? 'fr-FR' : 'en-US';
    const dateTimeFmt = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const timeFmt = new Intl.DateTimeFormat(tag, { timeStyle: 'short' });
    const numberFmt = new Intl.NumberFormat(tag);
    return {
      locale,
      tag,
      setLocale,
      t: translator(locale),
      dateTime: (iso) => dateTimeFmt.format(new Date(iso)),
      time: (iso) => timeFmt.format(new Date(iso)),
      // A calendar date (YYYY-MM-DD) shown as jj/mm or mm/dd, without a time-zone shift.
      dayMonth: (date) => {
        const [, m, d] = date.split('-');
        return locale === 'fr' ? `${d}/${m}` : `${m}/${d}`;
      },
      number: (n) => numberFmt.format(n),
      duration: (ms) => {
        const s = Math.max(0, Math.round(ms / 1000));
        const m = Math.floor(s / 60);
        return m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
      },
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
