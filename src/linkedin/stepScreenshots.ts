/**
 * Screenshots of failed steps, in the run's folder, named after the step and numbered: a
 * report points at them to show what the page looked like when a step failed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { firstLine } from './browser.ts';

export class StepScreenshots {
  private readonly shotCounters = new Map<string, number>();

  constructor(
    private readonly page: Page,
    /** DATA_DIR/runs/<run id>/; null or undefined: no screenshots. */
    private readonly dir: string | null | undefined,
    /** Whether the browser went away (no page left to capture). */
    private readonly disconnected: () => boolean,
    private readonly debug: (message: string) => void,
  ) {}

  /** The file written, or null when there is nothing to capture or the capture failed. */
  async take(step: string): Promise<string | null> {
    const dir = this.dir;
    if (!dir || this.disconnected() || this.page.isClosed()) return null;
    const safeStep = step.replace(/[^a-z0-9_-]+/gi, '-').slice(0, 60) || 'step';
    const n = (this.shotCounters.get(safeStep) ?? 0) + 1;
    this.shotCounters.set(safeStep, n);
    const file = path.join(dir, `${safeStep}-${n}.png`);
    await fs.mkdir(dir, { recursive: true }).catch(() => {});
    // A page in the middle of a navigation can refuse one capture: try once more.
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        await this.page.screenshot({ path: file, timeout: 5000, animations: 'disabled' });
        return file;
      } catch (err) {
        this.debug(`screenshot ${file} failed (attempt ${attempt}): ${firstLine(err)}`);
        if (this.disconnected() || this.page.isClosed()) return null;
        await sleep(250);
      }
    }
    return null;
  }
}
