import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import { loadSelectorTable, SELECTORS_FILE, selectorOverrideProblems } from './selectorOverrides.ts';
import { SELECTORS } from './selectors.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-selectors-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (value: unknown) =>
  fs.writeFileSync(path.join(dir, SELECTORS_FILE), typeof value === 'string' ? value : JSON.stringify(value));

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('DATA_DIR/selectors.json', () => {
  it('is optional: the built-in lists', () => {
    expect(loadSelectorTable(dir)).toBe(SELECTORS);
  });

  it("puts the user's selectors in front of the built-in ones, as primaries", () => {
    write({
      messageButton: [
        { css: "a[data-view-name='birthday-wish']" },
        { role: 'link', name: '/^souhaiter/i', notText: 'premium' },
      ],
    });
    const table = loadSelectorTable(dir);
    expect(table.messageButton).toHaveLength(SELECTORS.messageButton.length + 2);
    expect(table.messageButton[0]).toEqual({ css: "a[data-view-name='birthday-wish']", primary: true });
    const second = table.messageButton[1]!;
    expect(second.role).toBe('link');
    expect((second.name as RegExp).test('Souhaiter un joyeux anniversaire')).toBe(true);
    expect(second.notText!.test('Try PREMIUM')).toBe(true);
    expect(table.messageButton.slice(2)).toEqual(SELECTORS.messageButton);
    expect(table.composer).toBe(SELECTORS.composer);
  });

  it('names every problem of a bad file, one line each', () => {
    write({
      messageButtn: [{ css: 'a' }],
      composer: [{ css: 'div', role: 'textbox' }, { css: "a[href='x'" }, { role: 'Button!' }],
      sendButton: [],
      closeButton: [
        { css: 'button', name: '/(unclosed/' },
        { role: 'button', name: '/close/gi' },
      ],
    });
    const problems = problemsOf(() => loadSelectorTable(dir));
    expect(problems).toEqual([
      expect.stringMatching(/^selectors\.json: unknown element "messageButtn" \(known: .*messageButton/),
      'selectors.json: composer.0 needs exactly one of "css" or "role"',
      'selectors.json: composer.1.css is not a CSS selector',
      expect.stringMatching(/^selectors\.json: composer\.2\.role must be an ARIA role/),
      expect.stringMatching(/^selectors\.json: sendButton /),
      'selectors.json: closeButton.0.name is not a valid /regex/flags',
      'selectors.json: closeButton.1.name must not use the g or y flag',
    ]);
  });

  it('refuses JSON that is not an object of lists', () => {
    write('{ not json');
    expect(problemsOf(() => loadSelectorTable(dir))[0]).toMatch(/^selectors\.json: is not valid JSON/);
    expect(selectorOverrideProblems([])).toEqual([
      'selectors.json: must be an object of element name → list of selectors',
    ]);
  });
});
