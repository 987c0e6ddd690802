/**
 * Keeps the page's JavaScript heap in check. The page and our in-page readers leave about
 * 1 MB of garbage per wish that V8 would only collect in idle time, which a run without
 * delays never has: a long run's page would otherwise only grow.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CDPSession } from 'playwright-core';

/** Growth of the page's JS heap since the last collection that makes the next one worth it. */
export const PAGE_GARBAGE_BYTES = 8 * 1024 * 1024;
const RELEASE_MEMORY_TIMEOUT_MS = 1000;

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

export class PageMemory {
  private heapFloor = Number.POSITIVE_INFINITY;

  constructor(
    private readonly cdp: CDPSession,
    /** Growth of the heap since its lowest point that has it collected. */
    private readonly garbageBytes: number,
    private readonly debug: (message: string) => void,
  ) {}

  /**
   * Once the heap has grown by `garbageBytes` since its lowest point, collects it. A
   * failure only means the memory stays as it was.
   */
  async release(): Promise<void> {
    const collect = async () => {
      const { usedSize } = await this.cdp.send('Runtime.getHeapUsage');
      this.heapFloor = Math.min(this.heapFloor, usedSize);
      if (usedSize - this.heapFloor < this.garbageBytes) return;
      await this.cdp.send('HeapProfiler.collectGarbage');
      this.heapFloor = (await this.cdp.send('Runtime.getHeapUsage')).usedSize;
      this.debug(`page heap collected: ${mb(usedSize)} → ${mb(this.heapFloor)} MB`);
    };
    await Promise.race([
      collect().catch(() => {}),
      sleep(RELEASE_MEMORY_TIMEOUT_MS, undefined, { ref: false }),
    ]);
  }
}
