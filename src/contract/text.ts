import { z } from 'zod';

/**
 * Text typed or pasted by users (templates, blacklist entries, settings) ends up in
 * LinkedIn messages, the dashboard and logs: control characters and bidi overrides in it
 * would hide or reorder what a reader sees (a "Trojan Source" name in the blacklist, a NUL
 * in a template). One sanitizer, used by every schema that takes such text.
 */

/** Line separators: U+2028/U+2029, CR LF and lone CR (NEL, U+0085, is among the controls below). */
const LINE_BREAK = /\r\n?|[\u2028\u2029]/g;

// C0 but \t and \n, DEL, C1 (U+0085 included), bidi embeddings/overrides and isolates, BOM.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Text that may span lines (a message template): line breaks become `\n`, tabs stay. */
export function cleanMultiLine(text: string): string {
  return text.replace(LINE_BREAK, '\n').replace(INVISIBLE, '');
}

/** One line (a name, a keyword): line breaks and tabs become spaces. */
export function cleanLine(text: string): string {
  return cleanMultiLine(text).replace(/[\n\t]/g, ' ');
}

/** A string schema whose value is cleaned before any other check (`.trim().max(…)` after it). */
export const lineText = () => z.string().overwrite(cleanLine);

/** Multi-line text, see `cleanMultiLine`. */
export const multiLineText = () => z.string().overwrite(cleanMultiLine);
