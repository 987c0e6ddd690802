import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../random.ts';
import { RHYTHM_PROFILES } from './profiles.ts';
import { graphemes, Rhythm } from './rhythm.ts';

const human = () => new Rhythm(RHYTHM_PROFILES.human, seededRandom(7));
const fast = () => new Rhythm(RHYTHM_PROFILES.fast, seededRandom(7));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('typing rhythm', () => {
  it('human: gaps of about 60–220 ms that vary, longer after punctuation, and a thinking pause now and then', () => {
    const r = human();
    const inWord = Array.from({ length: 2000 }, () => r.keyGapMs('a', 'b'));
    expect(median(inWord)).toBeGreaterThan(90);
    expect(median(inWord)).toBeLessThan(140);
    const typical = inWord.filter((g) => g >= 60 && g <= 220).length / inWord.length;
    expect(typical).toBeGreaterThan(0.8);
    expect(new Set(inWord).size).toBeGreaterThan(100);
    expect(Math.min(...inWord)).toBeGreaterThanOrEqual(45);
    expect(Math.max(...inWord)).toBeLessThanOrEqual(450);

    const afterComma = Array.from({ length: 2000 }, () => r.keyGapMs(',', 'b'));
    expect(median(afterComma)).toBeGreaterThan(median(inWord) * 1.5);

    // Before a word: mostly a key's gap, sometimes half a second to two more.
    const wordStarts = Array.from({ length: 2000 }, () => r.keyGapMs(' ', 'b'));
    const thinking = wordStarts.filter((g) => g >= 500).length / wordStarts.length;
    expect(thinking).toBeGreaterThan(0.05);
    expect(thinking).toBeLessThan(0.25);
    expect(Math.max(...wordStarts)).toBeLessThanOrEqual(450 * 1.3 + 2000);
    // Never in the middle of a word.
    expect(Math.max(...inWord)).toBeLessThan(500);
  });

  it('fast: no wait of its own', () => {
    const r = fast();
    const gaps = Array.from({ length: 200 }, (_, i) => r.keyGapMs(i % 2 ? ' ' : '.', 'x'));
    expect(Math.max(...gaps)).toBe(0);
  });

  it('the same seed gives the same gaps', () => {
    const a = human();
    const b = human();
    const draw = (r: Rhythm) => Array.from({ length: 50 }, () => r.keyGapMs('a', 'b'));
    expect(draw(a)).toEqual(draw(b));
  });

  it('types graphemes: an emoji family, a flag and a combining accent are one each', () => {
    expect(graphemes('Zoé 👨‍👩‍👧 🇫🇷 e\u0301!')).toEqual([
      'Z',
      'o',
      'é',
      ' ',
      '👨‍👩‍👧',
      ' ',
      '🇫🇷',
      ' ',
      'e\u0301',
      '!',
    ]);
  });
});

describe('pointer rhythm', () => {
  const from = { x: 100, y: 600 };
  const to = { x: 900, y: 150 };

  it('human: many steps along a bowed path that ends exactly on the target', () => {
    const r = human();
    const paths = Array.from({ length: 20 }, () => r.pointerPath(from, to));
    for (const path of paths) {
      expect(path.length).toBeGreaterThanOrEqual(10);
      expect(path.length).toBeLessThanOrEqual(35);
      expect(path.at(-1)!.x).toBeCloseTo(to.x, 6);
      expect(path.at(-1)!.y).toBeCloseTo(to.y, 6);
    }
    // Distance of each point from the straight line: some paths bow visibly.
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    const offLine = (p: { x: number; y: number }) =>
      Math.abs((to.x - from.x) * (from.y - p.y) - (from.x - p.x) * (to.y - from.y)) / length;
    const bows = paths.map((path) => Math.max(...path.map(offLine)));
    expect(Math.max(...bows)).toBeGreaterThan(length * 0.03);
    // Slow at the ends: the first step is shorter than the middle one.
    const path = paths[0]!;
    const step = (i: number) =>
      Math.hypot(path[i]!.x - (path[i - 1] ?? from).x, path[i]!.y - (path[i - 1] ?? from).y);
    expect(step(0)).toBeLessThan(step(Math.floor(path.length / 2)));
  });

  it('fast: two moves, still ending on the target', () => {
    const path = fast().pointerPath(from, to);
    expect(path).toHaveLength(2);
    expect(path[1]).toEqual(to);
  });

  it('aims inside the box, away from its edges', () => {
    const r = human();
    const box = { x: 10, y: 20, width: 100, height: 40 };
    for (let i = 0; i < 200; i++) {
      const p = r.pointInside(box);
      expect(p.x).toBeGreaterThanOrEqual(10 + 100 * 0.3);
      expect(p.x).toBeLessThanOrEqual(10 + 100 * 0.7);
      expect(p.y).toBeGreaterThanOrEqual(20 + 40 * 0.3);
      expect(p.y).toBeLessThanOrEqual(20 + 40 * 0.7);
    }
  });

  it('human dwells a few seconds on a page; fast not at all', () => {
    const r = human();
    const dwells = Array.from({ length: 100 }, () => r.dwellMs());
    expect(Math.min(...dwells)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...dwells)).toBeLessThanOrEqual(5000);
    expect(mean(dwells)).toBeGreaterThan(3000);
    expect(fast().dwellMs()).toBe(0);
  });
});
