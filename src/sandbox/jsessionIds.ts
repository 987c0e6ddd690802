/**
 * LinkedIn's `JSESSIONID` as the sandbox plays it. LinkedIn sets a new one on some page
 * loads and goes on accepting the earlier ones (a browser with a stale JSESSIONID is not
 * logged out), so a bot that keeps the value it was first given still works, but looks
 * like no browser does: it has to keep what LinkedIn last set. The sandbox sets a new value
 * on the first page a session loads (after a reset) and then on every ROTATE_EVERY-th,
 * never refuses an older one, and records what each page load sent (`GET /__sandbox/jsessionid`).
 * `jsessionRotation.ts` tells it of the page loads.
 */
import { randomBytes } from 'node:crypto';

/** Page loads from one new value to the next (the first load of a session sets one). */
export const ROTATE_EVERY = 5;
/** Page loads remembered, newest last. */
const MAX_RECEIVED = 1000;

export interface ReceivedJsession {
  path: string;
  /** The JSESSIONID the page load sent; null when none. */
  value: string | null;
  at: string;
}

function newJsessionId(): string {
  return `ajax:${randomBytes(8).readBigUInt64BE().toString().padStart(19, '0').slice(0, 19)}`;
}

export class JsessionIds {
  /** The value set last. */
  current = '';
  /** Every value set since the reset, oldest first. */
  readonly issued: string[] = [];
  readonly received: ReceivedJsession[] = [];
  private pageLoads = 0;

  /** A new session: a new value, nothing loaded yet. */
  reset(): void {
    this.current = newJsessionId();
    this.issued.splice(0, this.issued.length, this.current);
    this.received.length = 0;
    this.pageLoads = 0;
  }

  /** One logged-in page load: what it sent is noted; returns the new value when it sets one. */
  pageLoad(load: ReceivedJsession): string | null {
    this.received.push(load);
    if (this.received.length > MAX_RECEIVED) this.received.splice(0, this.received.length - MAX_RECEIVED);
    const rotates = this.pageLoads % ROTATE_EVERY === 0;
    this.pageLoads++;
    if (!rotates) return null;
    this.current = newJsessionId();
    this.issued.push(this.current);
    return this.current;
  }
}
