/**
 * `DATA_DIR/selectors.json`: selectors a user adds before a release ships, for the day
 * LinkedIn changes a page. Each element's list is tried before the built-in one:
 *
 * ```json
 * { "messageButton": [
 *     { "css": "a[data-view-name='nurture-card-primary-button']" },
 *     { "role": "link", "name": "/^envoyer un message/i" } ] }
 * ```
 *
 * A fallback has exactly one of `css` or `role`; `name`, `text` and `notText` are plain
 * strings (matched as substrings, case-insensitive) or `/regex/flags`; `has` is a CSS
 * selector the match must contain; `level` a heading level. The file is validated at
 * start: a bad one stops the process with one line per problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { type ElementKey, type Fallback, SELECTORS, type SelectorTable } from './selectors.ts';

export const SELECTORS_FILE = 'selectors.json';

/** A `/regex/flags` string as a RegExp, any other string as a case-insensitive substring. */
function toPattern(value: string): RegExp {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(value);
  if (m) return new RegExp(m[1]!, m[2]);
  return new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

const pattern = z
  .string()
  .min(1)
  .max(500)
  .refine(
    (value) => {
      try {
        toPattern(value);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not a valid /regex/flags' },
  )
  // `g` and `y` make a RegExp remember where it stopped: every other test would fail.
  .refine((value) => !/^\/.+\/[a-z]*[gy][a-z]*$/s.test(value), { message: 'must not use the g or y flag' });

const css = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((value) => !/[{}]/.test(value) && balanced(value), { message: 'is not a CSS selector' });

/** Brackets and quotes balanced: the cheap check of a CSS selector without a browser. */
function balanced(selector: string): boolean {
  const stack: string[] = [];
  let quote: string | null = null;
  for (const ch of selector) {
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '(') stack.push(ch);
    else if (ch === ']' && stack.pop() !== '[') return false;
    else if (ch === ')' && stack.pop() !== '(') return false;
  }
  return quote === null && stack.length === 0;
}

const fallbackSchema = z
  .strictObject({
    css: css.optional(),
    role: z
      .string()
      .regex(/^[a-z]+$/, 'must be an ARIA role such as button, link, dialog')
      .optional(),
    name: pattern.optional(),
    level: z.number().int().min(1).max(6).optional(),
    has: css.optional(),
    text: pattern.optional(),
    notText: pattern.optional(),
  })
  .refine((fb) => (fb.css === undefined) !== (fb.role === undefined), {
    message: 'needs exactly one of "css" or "role"',
  });

type FallbackInput = z.infer<typeof fallbackSchema>;

function toFallback(input: FallbackInput): Fallback {
  const fb: Fallback = { primary: true };
  if (input.css !== undefined) fb.css = input.css;
  if (input.role !== undefined) fb.role = input.role as Fallback['role'];
  if (input.name !== undefined) fb.name = toPattern(input.name);
  if (input.level !== undefined) fb.level = input.level;
  if (input.has !== undefined) fb.has = input.has;
  if (input.text !== undefined) fb.text = toPattern(input.text);
  if (input.notText !== undefined) fb.notText = toPattern(input.notText);
  return fb;
}

/** Problems of a parsed selectors.json, one line each (empty when it is good). */
export function selectorOverrideProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${SELECTORS_FILE}: must be an object of element name → list of selectors`];
  }
  const problems: string[] = [];
  const known = Object.keys(SELECTORS);
  for (const [key, list] of Object.entries(value)) {
    if (!known.includes(key)) {
      problems.push(`${SELECTORS_FILE}: unknown element "${key}" (known: ${known.join(', ')})`);
      continue;
    }
    const parsed = z.array(fallbackSchema).min(1).max(50).safeParse(list);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const where = [key, ...issue.path.map(String)].join('.');
        problems.push(`${SELECTORS_FILE}: ${where} ${issue.message}`);
      }
    }
  }
  return problems;
}

/** The selector table with the overrides in front of each element's built-in list. */
export function applySelectorOverrides(value: Record<string, FallbackInput[]>): SelectorTable {
  const table = { ...SELECTORS } as Record<ElementKey, readonly Fallback[]>;
  for (const [key, list] of Object.entries(value)) {
    const element = key as ElementKey;
    table[element] = [...list.map(toFallback), ...SELECTORS[element]];
  }
  return table;
}

/**
 * The selector table for a data directory: the built-in lists, with `selectors.json` in
 * front when the file exists. Throws ConfigError naming every problem of a bad file.
 */
export function loadSelectorTable(dataDir: string): SelectorTable {
  const file = path.join(dataDir, SELECTORS_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return SELECTORS;
    throw new ConfigError([`${SELECTORS_FILE}: cannot be read (${(err as Error).message})`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([`${SELECTORS_FILE}: is not valid JSON (${(err as Error).message})`]);
  }
  const problems = selectorOverrideProblems(value);
  if (problems.length > 0) throw new ConfigError(problems);
  return applySelectorOverrides(value as Record<string, FallbackInput[]>);
}
