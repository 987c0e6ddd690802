/**
 * The draws of a rhythm profile, with no browser: the gap before each key, the pointer's
 * path to a point inside an element, the hover, the dwell. Given a seeded random source,
 * the same draws come out every time (tests, a run's `seed` option).
 */
import { logNormal, type RandomSource, uniform } from '../../random.ts';
import type { RhythmProfile, Span } from './profiles.ts';

export interface Point {
  x: number;
  y: number;
}

export interface Box extends Point {
  width: number;
  height: number;
}

const PUNCTUATION = /^[.,;:!?…)\]]$/u;
const SPACE = /^\s$/u;

/** The text as a person types it: one grapheme at a time (an emoji, a letter with its accent). */
export function graphemes(text: string): string[] {
  return Array.from(
    new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text),
    (s) => s.segment,
  );
}

export class Rhythm {
  constructor(
    readonly profile: RhythmProfile,
    private readonly random: RandomSource,
  ) {}

  private draw(span: Span): number {
    return Math.round(uniform(this.random, span.min, span.max));
  }

  /** The wait before typing `next`, after `previous` (null: the first key). */
  keyGapMs(previous: string | null, next: string): number {
    const t = this.profile.typing;
    let gap = logNormal(this.random, t.gapMedianMs, t.gapSigma);
    if (previous !== null && PUNCTUATION.test(previous)) gap *= t.afterPunctuation;
    else if (previous !== null && SPACE.test(previous)) gap *= t.afterSpace;
    gap = Math.min(t.gapMaxMs, Math.max(t.gapMinMs, gap));
    // Thinking happens before a word, not in the middle of one.
    const startsWord = (previous === null || SPACE.test(previous)) && !SPACE.test(next);
    if (startsWord && t.thinkingChance > 0 && this.random() < t.thinkingChance) {
      gap += this.draw(t.thinkingMs);
    }
    return Math.round(gap);
  }

  stepMs(): number {
    return this.draw(this.profile.pointer.stepMs);
  }

  hoverMs(): number {
    return this.draw(this.profile.pointer.hoverMs);
  }

  dwellMs(): number {
    return this.draw(this.profile.dwellMs);
  }

  scrollStep(): { px: number; ms: number } {
    const { scroll } = this.profile;
    return { px: this.draw(scroll.wheelPx), ms: this.draw(scroll.stepMs) };
  }

  readingStep(): { px: number; pauseMs: number } {
    const { reading } = this.profile;
    return { px: this.draw(reading.wheelPx), pauseMs: this.draw(reading.pauseMs) };
  }

  /** A point inside the box, nearer its middle than its edges (where a person aims). */
  pointInside(box: Box): Point {
    const at = (start: number, size: number) => start + size * uniform(this.random, 0.3, 0.7);
    return { x: at(box.x, box.width), y: at(box.y, box.height) };
  }

  /** A point somewhere in the middle of the viewport: where the pointer rests before its first move. */
  restingPoint(viewport: { width: number; height: number }): Point {
    return this.pointInside({ x: 0, y: 0, ...viewport });
  }

  /**
   * The pointer's way from `from` to `to`: a curve bowed to one side (a quadratic Bézier
   * whose control point sits off the straight line), slow at both ends, ending exactly on
   * `to`. At least `minSteps` points, more for a longer way.
   */
  pointerPath(from: Point, to: Point): Point[] {
    const p = this.profile.pointer;
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.hypot(dx, dy);
    const steps = Math.min(p.maxSteps, Math.max(p.minSteps, Math.round(length / p.pxPerStep)));
    // The control point: off the middle of the line, perpendicular to it, either side.
    const bow = uniform(this.random, -p.bend, p.bend) * length;
    const normal = length > 0 ? { x: -dy / length, y: dx / length } : { x: 0, y: 0 };
    const control = { x: from.x + dx / 2 + normal.x * bow, y: from.y + dy / 2 + normal.y * bow };
    const path: Point[] = [];
    for (let i = 1; i <= steps; i++) {
      const linear = i / steps;
      const t = linear * linear * (3 - 2 * linear);
      const u = 1 - t;
      path.push({
        x: u * u * from.x + 2 * u * t * control.x + t * t * to.x,
        y: u * u * from.y + 2 * u * t * control.y + t * t * to.y,
      });
    }
    return path;
  }
}
