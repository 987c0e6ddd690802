// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { englishWordsIn } from '../../../test/support/englishWords.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { I18nProvider, useI18n } from './i18n.tsx';

/**
 * Walks the final dictionaries (every module spread into en.ts and fr.ts), so a string any
 * page adds is held to the same rules: both languages, nothing empty, and no English word
 * left in the French UI.
 */

const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the dictionaries', () => {
  it('have the same keys in French and English, none empty, with the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(fr[key]?.trim(), key).not.toBe('');
      expect(vars(fr[key]), key).toEqual(vars(en[key]));
    }
  });

  it('leave no English word in the French UI', () => {
    const misses = Object.entries(fr)
      .map(([key, value]) => ({ key, value, words: englishWordsIn(value) }))
      .filter((m) => m.words.length > 0)
      .map((m) => `${m.key}: ${m.words.join(', ')} in ${JSON.stringify(m.value)}`);
    expect(misses).toEqual([]);
  });

  it('finds the English words it looks for, and not inside French words', () => {
    expect(englishWordsIn('Aucun run en cours')).toEqual(['run']);
    expect(englishWordsIn('Logs récents')).toEqual(['logs']);
    expect(englishWordsIn("Mettre l'auto-run en pause")).toEqual(['auto-run']);
    expect(englishWordsIn('Statut du Worker')).toEqual(['worker']);
    expect(englishWordsIn('brunch, catalogue, jobard, exécution')).toEqual([]);
  });
});

function Times({ iso }: { iso: string }) {
  const { time, dateTime } = useI18n();
  return (
    <p>
      <span data-testid="time">{time(iso)}</span> <span data-testid="dateTime">{dateTime(iso)}</span>
    </p>
  );
}

describe('the time formats', () => {
  afterEach(cleanup);
  // 00:05 and 14:30 wherever the tests run: the instants are built in the local zone.
  const midnight = new Date(2026, 11, 2, 0, 5).toISOString();
  const afternoon = new Date(2026, 11, 2, 14, 30).toISOString();

  it('are 24-hour in French, midnight included', () => {
    render(
      <I18nProvider locale="fr">
        <Times iso={midnight} />
        <Times iso={afternoon} />
      </I18nProvider>,
    );
    const texts = [...screen.getAllByTestId('time'), ...screen.getAllByTestId('dateTime')].map(
      (el) => el.textContent ?? '',
    );
    expect(texts.slice(0, 2)).toEqual(['00:05', '14:30']);
    for (const text of texts) expect(text).not.toMatch(/AM|PM|\b24:/i);
  });

  it('keep AM/PM in English', () => {
    render(
      <I18nProvider locale="en">
        <Times iso={afternoon} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('time').textContent).toMatch(/2:30\sPM/);
  });
});
