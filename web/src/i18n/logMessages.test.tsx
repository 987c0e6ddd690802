import { describe, expect, it } from 'vitest';
import { LOG_CODES, type LogCode } from '../../../src/contract/logCodes.ts';
import { en as enAll } from './en.ts';
import { fr as frAll } from './fr.ts';
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
        (k) => /^log\.[a-z_]+\.[a-z_]+$/.test(k) && !/^log\.(param|which|reason|failure|badge)\./.test(k),
      );
    expect(codeKeys(en).filter((k) => !known.has(k))).toEqual([]);
    expect(codeKeys(fr).filter((k) => !known.has(k))).toEqual([]);
  });
});
