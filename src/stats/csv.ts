/**
 * CSV as spreadsheets read it (RFC 4180): comma-separated, CRLF line ends, a field quoted when
 * it holds a comma, a quote or a line break, quotes doubled inside. The file opens with a
 * UTF-8 byte order mark, without which Excel reads UTF-8 as a legacy code page ("Zoë" → "ZoÃ«").
 */

export const CSV_BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): a
 * contact's name is somebody else's text, so such a cell is prefixed with a quote, which
 * spreadsheets show as text and do not evaluate.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans are ours (counters, flags), never formulas: only text is neutralized.
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/**
 * The file as text chunks: the BOM and header, then each page's rows. Pages come one at a time
 * (`next` gets the previous page, null first; an empty page ends the file), so a long history
 * never sits in memory whole.
 */
export async function* csvChunks<Row>(
  header: readonly string[],
  next: (previous: Row[] | null) => Promise<Row[]>,
  toValues: (row: Row) => readonly CsvValue[],
): AsyncGenerator<string> {
  yield CSV_BOM + csvRow(header);
  let page: Row[] | null = null;
  for (;;) {
    page = await next(page);
    if (page.length === 0) return;
    yield page.map((row) => csvRow(toValues(row))).join('');
  }
}
