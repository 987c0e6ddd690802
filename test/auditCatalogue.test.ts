import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, fr } from '../web/src/i18n/audit.ts';

const SRC = path.resolve(import.meta.dirname, '../src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.ts$/.test(entry.name) && !/\.(test|contract)\.ts$/.test(entry.name) ? [file] : [];
  });
}

const ACTION = /'([a-z_]+\.[a-z_]+)'/g;

/**
 * Every audit action the server writes, read from its code: the `action:` of an audit record
 * (both branches of a `?:`) and the action argument of `AuditLog.record(…)`.
 */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    const where = path.relative(SRC, file);
    for (const [, expression] of text.matchAll(/\baction:\s*([^,\n}]+)/g)) {
      for (const [, action] of expression!.matchAll(ACTION)) found.set(action!, where);
    }
    for (const [, args] of text.matchAll(/audit\.record\(([^;]*?)\)/gs)) {
      for (const [, action] of args!.matchAll(ACTION)) found.set(action!, where);
    }
  }
  return found;
}

describe('the audit actions catalogue', () => {
  it('finds the actions the server writes', () => {
    const actions = writtenActions();
    // A few known ones, so a broken scan cannot pass for an empty list.
    for (const action of [
      'auth.login',
      'auth.login_failed',
      'auth.login_limited',
      'run.stop_all',
      'bot.pause',
    ]) {
      expect([...actions.keys()]).toContain(action);
    }
  });

  it('says every action the server writes in English and in French', () => {
    const en_ = en as Record<string, string>;
    const fr_ = fr as Record<string, string>;
    const missing = [...writtenActions()]
      .filter(([action]) => !en_[`audit.action.${action}`]?.trim() || !fr_[`audit.action.${action}`]?.trim())
      .map(([action, where]) => `${action} (${where})`);
    expect(missing, 'add their labels to web/src/i18n/audit.ts').toEqual([]);
  });
});
