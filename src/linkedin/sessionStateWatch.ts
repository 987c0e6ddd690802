/**
 * What a run's browser holds of the LinkedIn session, for the run to store back when it
 * ends (LinkedIn refreshes cookies such as `JSESSIONID` and `lidc` as pages load). Read from
 * the live browser at the end; once the browser is gone (a stop kills it at once, a crash),
 * the cookies as they were after its last completed action, which a stop can still store back.
 */
import type { BrowserContext } from 'playwright-core';
import type { SessionCookie, StoredOrigin } from './sessionCookies.ts';
import { changedCookieNames, linkedInCookiesOf, linkedInOriginsOf, sameOrigins } from './sessionState.ts';

export interface SessionStateAtEnd {
  /** LinkedIn's cookies, in the shape the store keeps them. */
  cookies: SessionCookie[];
  /** LinkedIn's local storage; null when it could not be read (the browser was gone). */
  origins: StoredOrigin[] | null;
  /** Names of the cookies set, changed or dropped since the browser opened. */
  changedCookies: string[];
  /** Whether the local storage differs from what the browser started with. */
  originsChanged: boolean;
}

function within<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([work.catch(() => null), late]).finally(() => clearTimeout(timer));
}

/** A live browser answers at once; one that does not is as good as gone. */
const SNAPSHOT_TIMEOUT_MS = 2_000;

export class SessionStateWatch {
  private lastCookies: SessionCookie[];

  private constructor(
    private readonly context: BrowserContext,
    private readonly baseUrl: string,
    private readonly initialCookies: SessionCookie[],
    private readonly initialOrigins: StoredOrigin[],
  ) {
    this.lastCookies = initialCookies;
  }

  /** Notes what the browser starts with (its cookies once set, and the local storage given). */
  static async start(
    context: BrowserContext,
    baseUrl: string,
    initialOrigins: StoredOrigin[],
  ): Promise<SessionStateWatch> {
    const initial = linkedInCookiesOf(await context.cookies(), baseUrl);
    return new SessionStateWatch(context, baseUrl, initial, initialOrigins);
  }

  /** Notes the cookies now (after each action): what a stop stores back. Never throws. */
  async snapshot(): Promise<void> {
    const cookies = await within(this.context.cookies(), SNAPSHOT_TIMEOUT_MS);
    // Null: the browser went away, the previous snapshot stands.
    if (cookies) this.lastCookies = linkedInCookiesOf(cookies, this.baseUrl);
  }

  /**
   * The state now when the browser is `alive` (read within `timeoutMs`), else as it was
   * after its last completed action.
   */
  async read(alive: boolean, timeoutMs: number): Promise<SessionStateAtEnd> {
    let cookies = this.lastCookies;
    let origins: StoredOrigin[] | null = null;
    const state = alive ? await within(this.context.storageState(), timeoutMs) : null;
    if (state) {
      cookies = linkedInCookiesOf(state.cookies, this.baseUrl);
      origins = linkedInOriginsOf(state.origins, this.baseUrl);
    }
    return {
      cookies,
      origins,
      changedCookies: changedCookieNames(this.initialCookies, cookies),
      originsChanged: origins !== null && !sameOrigins(this.initialOrigins, origins),
    };
  }
}
