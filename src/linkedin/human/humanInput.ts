/**
 * The browser's gestures at a rhythm: a click is a scroll to the element, a curved pointer
 * path to a point inside it, a short hover, then Playwright's click at that very point (so
 * its checks still refuse a covered or moving element); text is typed one key at a time;
 * a page is looked at on arrival and a list read down before anything is done on it. Every
 * wait is the profile's, and ends at once when the action's signal aborts or the browser
 * is killed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator, Page } from 'playwright-core';
import { type Box, graphemes, type Point, type Rhythm } from './rhythm.ts';

/** A key of a US keyboard (what `keyboard.type` presses); anything else is inserted as text. */
const KEYBOARD_CHARACTER = /^[\x20-\x7e]$/;

/** Playwright's default viewport, for a page that reports none. */
const DEFAULT_VIEWPORT = { width: 1280, height: 720 };

/**
 * Input events sent to the browser one after the other without waiting for each answer
 * (Playwright delivers them in the order they were sent): with no pause between them, a
 * profile's keystrokes and pointer moves cost one round trip, not one each. Settled before
 * any pause, and at the end.
 */
class InFlight {
  private calls: Promise<void>[] = [];

  add(call: Promise<void>): void {
    // Awaited in `settle`; a stop in between must not leave it unhandled.
    call.catch(() => {});
    this.calls.push(call);
  }

  async settle(): Promise<void> {
    await Promise.all(this.calls.splice(0));
  }
}

export class HumanInput {
  /** Where the pointer is (Playwright does not say): null until the first move. */
  private pointer: Point | null = null;

  constructor(
    private readonly page: Page,
    readonly rhythm: Rhythm,
    /** The signal that ends the waits (the current action's, or the browser's end). */
    private readonly signal: () => AbortSignal | undefined,
  ) {}

  /** Waits `ms` (none for 0); rejects with an AbortError when the signal aborts. */
  wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return sleep(ms, undefined, { signal: this.signal(), ref: false });
  }

  /** Looks at a page that just arrived. */
  dwell(): Promise<void> {
    return this.wait(this.rhythm.dwellMs());
  }

  private viewport(): { width: number; height: number } {
    return this.page.viewportSize() ?? DEFAULT_VIEWPORT;
  }

  /** Settles what is in flight, then waits `ms`. */
  private async pause(inFlight: InFlight, ms: number): Promise<void> {
    if (ms <= 0) return;
    await inFlight.settle();
    await this.wait(ms);
  }

  /** Moves the pointer along a curved path to `to`, one mouse event per point. */
  private async moveTo(to: Point): Promise<void> {
    const moves = new InFlight();
    if (!this.pointer) {
      this.pointer = this.rhythm.restingPoint(this.viewport());
      moves.add(this.page.mouse.move(this.pointer.x, this.pointer.y));
    }
    for (const point of this.rhythm.pointerPath(this.pointer, to)) {
      moves.add(this.page.mouse.move(point.x, point.y));
      this.pointer = point;
      await this.pause(moves, this.rhythm.stepMs());
    }
    await moves.settle();
  }

  private inView(box: Box): boolean {
    return box.y >= 0 && box.y + box.height <= this.viewport().height;
  }

  /**
   * Brings the element into view, if it is not: wheel turns towards it (with the pointer
   * where it is, as a person scrolls), then a jump for whatever the wheel did not reach (an
   * element in another scrolling box than the one under the pointer; `fast` only jumps).
   * Returns the element's box once in view (null: it has none).
   */
  private async scrollTo(target: Locator, timeout: number): Promise<Box | null> {
    let box = await target.boundingBox({ timeout });
    if (!box || this.inView(box)) return box;
    const { maxSteps } = this.rhythm.profile.scroll;
    if (maxSteps > 0 && !this.pointer) await this.moveTo(this.rhythm.restingPoint(this.viewport()));
    for (let i = 0; i < maxSteps && box && !this.inView(box); i++) {
      const { px, ms } = this.rhythm.scrollStep();
      await this.page.mouse.wheel(0, box.y < 0 ? -px : px);
      await this.wait(ms);
      const moved = await target.boundingBox({ timeout });
      // The wheel moved something else: leave the rest to the jump below.
      if (moved && moved.y === box.y) break;
      box = moved;
    }
    if (box && this.inView(box)) return box;
    // To the middle of the view, at once (Playwright's own scroll would first wait for the
    // element to stand still, which its click does anyway).
    await target.evaluate(
      (el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'center' }),
      undefined,
      { timeout },
    );
    return target.boundingBox({ timeout });
  }

  /** Scrolls to the element, moves the pointer onto it, rests a moment, clicks there. */
  async click(target: Locator, timeout: number): Promise<void> {
    const box = await this.scrollTo(target, timeout);
    if (!box || box.width < 1 || box.height < 1) {
      // Nothing to aim at (Playwright says why, or waits for it to show).
      await target.click({ timeout });
      return;
    }
    // Aim at the part of the element that is on screen.
    const { width, height } = this.viewport();
    const top = Math.max(box.y, 0);
    const left = Math.max(box.x, 0);
    const visible = {
      x: left,
      y: top,
      width: Math.max(1, Math.min(box.x + box.width, width) - left),
      height: Math.max(1, Math.min(box.y + box.height, height) - top),
    };
    const to = this.rhythm.pointInside(visible);
    await this.moveTo(to);
    await this.wait(this.rhythm.hoverMs());
    await target.click({ timeout, position: { x: to.x - box.x, y: to.y - box.y } });
  }

  /** Types `text` into the focused element, key by key, at the profile's pace. */
  async type(text: string): Promise<void> {
    const { keyboard } = this.page;
    const keys = new InFlight();
    let previous: string | null = null;
    for (const grapheme of graphemes(text)) {
      await this.pause(keys, this.rhythm.keyGapMs(previous, grapheme));
      if (grapheme === '\n' || grapheme === '\r\n') {
        // Enter alone sends the message on LinkedIn (a user setting): a new line is Shift+Enter.
        for (const call of [
          keyboard.down('Shift'),
          keyboard.down('Enter'),
          keyboard.up('Enter'),
          keyboard.up('Shift'),
        ]) {
          keys.add(call);
        }
      } else if (KEYBOARD_CHARACTER.test(grapheme)) {
        // What `keyboard.press` does, in two calls that need not wait for each other.
        keys.add(keyboard.down(grapheme));
        keys.add(keyboard.up(grapheme));
      } else if (grapheme !== '\r') {
        // An accented letter, an emoji: what a compose key or the emoji picker inserts.
        keys.add(keyboard.insertText(grapheme));
      }
      previous = grapheme;
    }
    await keys.settle();
  }

  /** Empties the focused editor: select all, delete. */
  async clearFocused(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.wait(this.rhythm.keyGapMs(null, 'a'));
    await this.page.keyboard.press('Backspace');
  }

  /**
   * Reads a list down at reading pace, from where it is: a pause, a wheel turn, until the
   * list stops moving or the profile's reading time is over (none in `fast`).
   */
  async read(list: Locator, timeout: number): Promise<void> {
    const { maxMs } = this.rhythm.profile.reading;
    if (maxMs <= 0) return;
    const first = list.first();
    const box = await first.boundingBox({ timeout });
    if (!box) return;
    // The pointer over the list: the wheel scrolls whatever holds it.
    await this.moveTo(
      this.rhythm.pointInside({ ...box, height: Math.min(box.height, this.viewport().height) }),
    );
    const deadline = Date.now() + maxMs;
    let lastY = box.y;
    let still = 0;
    while (Date.now() < deadline && still < 2) {
      const { px, pauseMs } = this.rhythm.readingStep();
      await this.wait(pauseMs);
      await this.page.mouse.wheel(0, px);
      // The wheel does not wait for the scroll: let it land before looking.
      await this.wait(Math.round(pauseMs / 4));
      const y = (await first.boundingBox({ timeout }))?.y;
      if (y === undefined) return;
      still = y === lastY ? still + 1 : 0;
      lastY = y;
    }
  }
}
