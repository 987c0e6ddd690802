import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvChunks, csvRow } from './csv.ts';

describe('csvCell', () => {
  it('quotes fields holding a comma, a quote or a line break, doubling quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Zoë, the one')).toBe('"Zoë, the one"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(false)).toBe('false');
  });

  it('makes text a spreadsheet would run as a formula plain text', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+33 6 12')).toBe("'+33 6 12");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    // Only at the start, and never our own numbers.
    expect(csvCell('Jean-Paul = ok')).toBe('Jean-Paul = ok');
    expect(csvCell(-1)).toBe('-1');
  });

  it('ends rows with CRLF', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
  });
});

describe('csvChunks', () => {
  it('starts with the BOM and header, then asks page after page until an empty one', async () => {
    const pages = [[1, 2], [3], []];
    const seen: (number[] | null)[] = [];
    const chunks: string[] = [];
    for await (const chunk of csvChunks(
      ['n'],
      async (previous: number[] | null) => {
        seen.push(previous);
        return pages.shift()!;
      },
      (n) => [n],
    )) {
      chunks.push(chunk);
    }
    expect(chunks).toEqual([`${CSV_BOM}n\r\n`, '1\r\n2\r\n', '3\r\n']);
    expect(seen).toEqual([null, [1, 2], [3]]);
  });
});
