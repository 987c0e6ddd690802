import { describe, expect, it } from 'vitest';
import { en, fr } from '../../i18n/overview.ts';

describe('overview strings', () => {
  it('has every key in both languages, all prefixed overview., none empty', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of [...Object.entries(en), ...Object.entries(fr)]) {
      expect(key.startsWith('overview.')).toBe(true);
      expect(value.trim()).not.toBe('');
    }
  });

  it('uses the same placeholders in French and English', () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(vars(fr[key])).toEqual(vars(en[key]));
  });
});
