/**
 * The numbers of the human rhythm, all of them: how fast keys are typed, how the pointer
 * travels, how long a page is looked at. `human` is for LinkedIn (settings
 * `delays.profile`, the default); `fast` keeps every gesture (keystrokes one by one,
 * pointer moves before each click) at a few milliseconds, for the sandbox, the demo and
 * the tests. Nothing else in the driver waits for the sake of looking human.
 */
import type { RhythmProfileName } from '../../contract/settings.ts';

export type { RhythmProfileName };

/** Milliseconds (or pixels) drawn uniformly between `min` and `max`. */
export interface Span {
  min: number;
  max: number;
}

export interface RhythmProfile {
  name: RhythmProfileName;
  typing: {
    /** The gap before a key: log-normal around the median, kept within [minMs, maxMs]. */
    gapMedianMs: number;
    gapSigma: number;
    gapMinMs: number;
    gapMaxMs: number;
    /** The gap after a punctuation mark, and after a space, is this many times longer. */
    afterPunctuation: number;
    afterSpace: number;
    /** Before a word, now and then, a longer pause (finding the next words). */
    thinkingChance: number;
    thinkingMs: Span;
  };
  pointer: {
    /** About one move per this many pixels travelled, within [minSteps, maxSteps]. */
    pxPerStep: number;
    minSteps: number;
    maxSteps: number;
    /** Between two moves. */
    stepMs: Span;
    /** How far the path bows off the straight line, as a share of its length (at most). */
    bend: number;
    /** Resting on the element before the click. */
    hoverMs: Span;
  };
  /** Wheel turns towards an element out of view before it is clicked (0 steps: a jump). */
  scroll: { wheelPx: Span; stepMs: Span; maxSteps: number };
  /** Looking at a page once it has arrived. */
  dwellMs: Span;
  /** Reading a list down (the birthday page) before acting on it; 0 ms: not read. */
  reading: { wheelPx: Span; pauseMs: Span; maxMs: number };
}

const HUMAN: RhythmProfile = {
  name: 'human',
  typing: {
    // Median 115 ms with this spread: 9 keys in 10 between about 65 and 205 ms.
    gapMedianMs: 115,
    gapSigma: 0.35,
    gapMinMs: 45,
    gapMaxMs: 450,
    afterPunctuation: 2.2,
    afterSpace: 1.3,
    // About one pause every eight words.
    thinkingChance: 0.12,
    thinkingMs: { min: 500, max: 2000 },
  },
  pointer: {
    pxPerStep: 25,
    minSteps: 10,
    maxSteps: 35,
    stepMs: { min: 8, max: 18 },
    bend: 0.18,
    hoverMs: { min: 120, max: 450 },
  },
  scroll: { wheelPx: { min: 80, max: 140 }, stepMs: { min: 20, max: 60 }, maxSteps: 40 },
  dwellMs: { min: 2000, max: 5000 },
  reading: { wheelPx: { min: 200, max: 450 }, pauseMs: { min: 600, max: 1600 }, maxMs: 25_000 },
};

const NO_WAIT: Span = { min: 0, max: 0 };

/**
 * The human gestures without their waits: each key's own round trip to the browser spaces
 * the keystrokes by a few milliseconds; two pointer moves before each click, then
 * Playwright's click moves onto the very point once more; no wheel, no dwell, no reading.
 */
const FAST: RhythmProfile = {
  name: 'fast',
  typing: { ...HUMAN.typing, gapMedianMs: 0, gapMinMs: 0, gapMaxMs: 0, thinkingChance: 0 },
  pointer: { ...HUMAN.pointer, minSteps: 2, maxSteps: 2, stepMs: NO_WAIT, hoverMs: NO_WAIT },
  scroll: { ...HUMAN.scroll, maxSteps: 0 },
  dwellMs: NO_WAIT,
  reading: { ...HUMAN.reading, maxMs: 0 },
};

export const RHYTHM_PROFILES: Readonly<Record<RhythmProfileName, RhythmProfile>> = {
  human: HUMAN,
  fast: FAST,
};
