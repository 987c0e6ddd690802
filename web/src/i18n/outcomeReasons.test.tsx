import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTCOME_ERROR_CODES, OUTCOME_REASONS, OUTCOME_STATUSES } from '../api/contract.ts';
import { en as allEn } from './en.ts';
import { fr as allFr } from './fr.ts';
import { en, fr } from './runs.ts';

const BOTS = path.resolve(import.meta.dirname, '../../../src/bots');

/** Reason codes written by the bots' source (literals passed as an outcome's reason). */
function reasonsInBotSource(): Set<string> {
  const found = new Set<string>();
  const literal =
    /(?:reason: |skip\(contact, |skipped\(\w+, |recordSkipped\(contact, |interrupted\(contact, |skipRemaining\([^,()]+, )'([a-z_]+)'/g;
  // `reason: x ? 'a' : 'b'` (how a sent wish was confirmed).
  const ternary = /(?:reason: |interrupted\(contact, )[^?\n]+\? '([a-z_]+)' : '([a-z_]+)'/g;
  for (const name of fs.readdirSync(BOTS)) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const source = fs.readFileSync(path.join(BOTS, name), 'utf8');
    for (const m of source.matchAll(literal)) found.add(m[1]!);
    for (const m of source.matchAll(ternary)) found.add(m[1]!).add(m[2]!);
  }
  return found;
}

describe('outcome reasons in words', () => {
  it('has an English and a French text for every reason a bot can write, and every error code', () => {
    for (const code of OUTCOME_REASONS) {
      const key = `outcome.reason.${code}` as keyof typeof en;
      expect(en[key], code).toBeTruthy();
      expect(fr[key], code).toBeTruthy();
      expect(fr[key], code).not.toBe(en[key]);
      if (code.includes('_')) expect(en[key]).not.toContain(code);
    }
    for (const code of OUTCOME_ERROR_CODES) {
      const key = `outcome.error.${code}` as keyof typeof en;
      expect(en[key], code).toBeTruthy();
      expect(fr[key], code).toBeTruthy();
    }
    for (const status of OUTCOME_STATUSES) {
      const key = `run.status.${status}` as keyof typeof allEn;
      expect(allEn[key], status).toBeTruthy();
      expect(allFr[key], status).toBeTruthy();
    }
  });

  it('knows every reason literal of the bots (a new one needs its words first)', () => {
    const written = reasonsInBotSource();
    // The scan finds the reasons of all three bots, the interrupted ones included.
    for (const known of [
      'blacklisted',
      'already_wished',
      'unknown_age',
      'stopped_after_send',
      'stopped',
      'dry_run',
    ]) {
      expect(written).toContain(known);
    }
    for (const reason of written) expect(OUTCOME_REASONS as readonly string[], reason).toContain(reason);
  });

  it('uses the same placeholders in French and English', () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[])
      expect(vars(fr[key]), key).toEqual(vars(en[key]));
  });
});
