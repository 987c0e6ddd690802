import { describe, expect, it } from 'vitest';
import {
  LOG_CODES,
  type LogCode,
  type LogParams,
  loweredParam,
  searchesParam,
} from '../../../src/contract/logCodes.ts';
import { ENGLISH_WORDS, englishWordsIn } from '../../../test/support/englishWords.ts';
import { logText } from '../components/logText.ts';
import { en as enAll } from './en.ts';
import { fr as frAll } from './fr.ts';
import { translator } from './i18n.tsx';
import { en, fr } from './logMessages.ts';

const codes = Object.keys(LOG_CODES) as LogCode[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

describe('log line texts', () => {
  it('has a French and an English text for every code the server can write', () => {
    expect(codes.length).toBeGreaterThan(40);
    const missing = codes.flatMap((code) => [
      ...(typeof (en as Record<string, string>)[`log.${code}`] === 'string' ? [] : [`en: ${code}`]),
      ...(typeof (fr as Record<string, string>)[`log.${code}`] === 'string' ? [] : [`fr: ${code}`]),
    ]);
    expect(missing).toEqual([]);
    // And both reach the dashboard's dictionaries.
    for (const code of codes) {
      expect(enAll).toHaveProperty([`log.${code}`]);
      expect(frAll).toHaveProperty([`log.${code}`]);
    }
  });

  it('uses in each text only the parameters its code has, the same ones in both languages', () => {
    for (const code of codes) {
      const declared = LOG_CODES[code] as readonly string[];
      const enUsed = placeholders((en as Record<string, string>)[`log.${code}`]!);
      const frUsed = placeholders((fr as Record<string, string>)[`log.${code}`]!);
      for (const name of [...enUsed, ...frUsed]) expect(declared, `${code}: {${name}}`).toContain(name);
      expect(new Set(frUsed), code).toEqual(new Set(enUsed));
    }
  });

  it('has no text for a code the server does not know', () => {
    const known = new Set(codes.map((c) => `log.${c}`));
    const codeKeys = (dict: Record<string, string>) =>
      Object.keys(dict).filter(
        (k) =>
          /^log\.[a-z_]+\.[a-z_]+$/.test(k) &&
          !/^log\.(param|which|reason|failure|badge|listing|error|limit)\./.test(k),
      );
    expect(codeKeys(en).filter((k) => !known.has(k))).toEqual([]);
    expect(codeKeys(fr).filter((k) => !known.has(k))).toEqual([]);
  });
});

/**
 * Parameters as the bots write them, English detail included (LinkedIn's and our errors, its
 * age labels): what a French reader must not see. `error_code` varies per case below.
 */
const REPRESENTATIVE: Record<string, LogParams[string]> = {
  by: 'user',
  type: 'birthday',
  dry_run: true,
  status: 'failed',
  error_code: 'auth_required',
  error_message: 'Session expired: the login page was shown instead of the feed',
  what: 'sent_invitations',
  name: 'Ada Lovelace',
  reason: 'blacklisted',
  days_late: 2,
  which: 'daily',
  search: '',
  searches: searchesParam(['sales manager', '']),
  location: 'Lyon',
  headline: 'Ingénieure',
  age_days: 21,
  label: 'Sent 3 weeks ago',
  proxy: 'http://proxy.local:8080',
  local_storage: true,
  lowered: loweredParam([
    { limit: 'daily', value: 5, normal: 15 },
    { limit: 'visits_per_run', value: 3, normal: 20 },
  ]),
};

/** Parameters that carry text nobody words (LinkedIn's pages, the user's own, a driver's): shown as they are. */
const RAW = new Set([
  'detail',
  'text',
  'description',
  'step',
  'key',
  'url',
  'holder',
  'language',
  'cookie_names',
  'timezone',
  'ip',
  'previous_ip',
  'run_id',
  'start',
  'end',
]);
/** Codes whose `error_message` or `reason` is a raw detail with no code to word it (a browser's, a proxy's). */
const RAW_DETAIL: readonly LogCode[] = [
  'browser.close_failed',
  'browser.multi_process',
  'linkedin.language_failed',
  'session.store_failed',
  'network.ip_unchecked',
  'network.proxy_failed',
  // LinkedIn's own unreadable label is the point of the line.
  'invitations.age_unknown',
];

/** Words of an English phrase, beyond the UI list: what our English details are made of. */
const ENGLISH_PHRASE_WORDS = [
  'the',
  'sent',
  'ago',
  'weeks',
  'instead',
  'open search',
  'could not',
  'expired',
  'page was',
];

function paramsFor(code: LogCode, errorCode: string): LogParams {
  const params: LogParams = {};
  for (const name of LOG_CODES[code] as readonly string[]) {
    if (
      RAW.has(name) ||
      (RAW_DETAIL.includes(code) && (name === 'error_message' || name === 'reason' || name === 'label'))
    ) {
      params[name] = 'x';
    } else if (name === 'error_code') {
      params[name] = errorCode;
    } else {
      params[name] = REPRESENTATIVE[name] ?? 3;
    }
  }
  return params;
}

/** The UI list anywhere; the phrase words outside « quotes » (LinkedIn's own words, cited). */
function englishIn(text: string): string[] {
  const unquoted = text.replace(/«[^»]*»/g, ' ');
  const phrase = ENGLISH_PHRASE_WORDS.filter((word) =>
    new RegExp(`(?<![\\p{L}\\p{N}_-])${word}(?![\\p{L}\\p{N}_-])`, 'iu').test(unquoted),
  );
  return [...englishWordsIn(text), ...phrase];
}

describe('log lines in French', () => {
  const t = translator('fr');
  // Codes with words; job_error names no cause, so its detail is the French reader's only clue.
  const errorCodes = [
    'auth_required',
    'rate_limited',
    'checkpoint',
    'timeout',
    'element_not_found',
    'run_process_died',
    'unconfirmed_sends',
    'launch_failed',
  ];

  it('say every code, parameters included, without an English word', () => {
    const misses: string[] = [];
    for (const code of codes) {
      for (const errorCode of (LOG_CODES[code] as readonly string[]).includes('error_code')
        ? errorCodes
        : ['-']) {
        const text = logText({ code, params: paramsFor(code, errorCode), message: 'English text' }, t);
        const words = englishIn(text);
        if (words.length > 0 || text === 'English text')
          misses.push(`${code}/${errorCode}: ${words.join(', ')} in ${JSON.stringify(text)}`);
      }
    }
    expect(misses).toEqual([]);
    expect(ENGLISH_WORDS.length).toBeGreaterThan(10);
  });

  it('words the error, the listing, the searches and the age instead of passing English on', () => {
    const line = (code: LogCode, params: LogParams) => logText({ code, params, message: '' }, t);
    expect(
      line('run.listing_failed', {
        what: 'sent_invitations',
        error_code: 'timeout',
        error_message: 'Timed out after 30000 ms',
      }),
    ).toBe(
      'Lecture impossible de la liste des invitations envoyées : LinkedIn a mis trop de temps à répondre',
    );
    expect(
      line('visitor.start', {
        limit: 5,
        searches: searchesParam(['sales', '']),
        location: 'Lyon',
        dry_run: false,
      }),
    ).toBe("Visite d'au plus 5 profil(s) depuis « sales », une recherche ouverte à Lyon");
    expect(
      line('visitor.search_failed', {
        search: '',
        page: 2,
        error_code: 'element_not_found',
        error_message: 'No results list',
      }),
    ).toBe(
      'Échec de la recherche une recherche ouverte, page 2 : Un élément de la page LinkedIn est introuvable',
    );
    expect(line('invitations.withdrew', { name: 'Ada', age_days: 21, label: 'Sent 3 weeks ago' })).toBe(
      'Invitation à Ada retirée (envoyée il y a 21 jour(s))',
    );
  });

  it('words the limits the warm-up lowered', () => {
    const lowered = loweredParam([
      { limit: 'daily', value: 5, normal: 15 },
      { limit: 'withdrawals_per_run', value: 2, normal: 10 },
    ]);
    expect(logText({ code: 'warmup.day', params: { day: 2, days: 7, lowered }, message: '' }, t)).toBe(
      "Jour 2 sur 7 de l'échauffement (première semaine d'un nouveau compte) : limite quotidienne à 5 au lieu de 15, limite de retraits par exécution à 2 au lieu de 10",
    );
  });

  it('shows the raw detail in parentheses only when the code has no words or names no cause', () => {
    const failed = (error_code: string | null, error_message: string | null) =>
      logText({ code: 'item.failed', params: { name: 'Ada', error_code, error_message }, message: '' }, t);
    expect(failed('some_new_code', 'Boom')).toBe('Échec pour Ada : erreur some_new_code (Boom)');
    expect(failed('job_error', 'Cannot read properties of undefined')).toBe(
      'Échec pour Ada : Erreur inattendue (Cannot read properties of undefined)',
    );
    expect(failed('rate_limited', 'HTTP 429 on /feed')).toBe(
      "Échec pour Ada : LinkedIn signale une limite : les bots de ce compte sont en pause jusqu'à ce que vous les repreniez",
    );
    expect(failed(null, 'Boom')).toBe('Échec pour Ada : Boom');
  });

  it('still reads lines written before the structured parameters', () => {
    const line = (code: LogCode, params: LogParams) => logText({ code, params, message: '' }, t);
    expect(line('invitations.withdrew', { name: 'Ada', label: 'il y a 3 semaines' })).toBe(
      'Invitation à Ada retirée (il y a 3 semaines)',
    );
    expect(line('visitor.start', { limit: 5, searches: '"sales", *', location: null, dry_run: false })).toBe(
      "Visite d'au plus 5 profil(s) depuis « sales », une recherche ouverte",
    );
    expect(line('visitor.search_exhausted', { search: 'open search', pages: 3 })).toMatch(
      /^Recherche une recherche ouverte :/,
    );
  });
});

describe('log lines in English', () => {
  it('word the same parameters in English', () => {
    const t = translator('en');
    expect(
      logText(
        { code: 'invitations.withdrew', params: { name: 'Ada', age_days: 21, label: 'x' }, message: '' },
        t,
      ),
    ).toBe('Withdrew the invitation to Ada (sent 21 day(s) ago)');
    expect(
      logText(
        {
          code: 'run.listing_failed',
          params: { what: 'birthdays', error_code: 'auth_required', error_message: 'x' },
          message: '',
        },
        t,
      ),
    ).toBe(
      'Could not read the birthday page: LinkedIn session expired or not accepted: log in again and store new session cookies',
    );
  });
});
