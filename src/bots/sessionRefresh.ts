/**
 * Storing back, when a run ends, the LinkedIn cookies and local storage its browser ended
 * with: LinkedIn refreshes cookies (`JSESSIONID`, `lidc`, `bcookie`…) as pages load, and the
 * store stays the source of truth, so the next run (and the session check) starts from what
 * LinkedIn last set. A session the user replaced or deleted during the run wins: the
 * write-back applies only over the stored state the run started from.
 */
import { coded } from '../contract/logCodes.ts';
import { encryptSessionState, SESSION_COOKIE_NAME, type StoredOrigin } from '../linkedin/sessionCookies.ts';
import type { SessionStateAtEnd } from '../linkedin/sessionStateWatch.ts';
import type { RunContext } from './runContext.ts';
import type { StoredSessionStart } from './storedCookies.ts';

/** Past this (JSON characters), LinkedIn's local storage is not stored: a session is not a cache. */
export const MAX_LOCAL_STORAGE_CHARS = 1_000_000;

export type RefreshOutcome =
  /** Nothing changed during the run. */
  | 'unchanged'
  | 'stored'
  /** The user replaced or deleted the session meanwhile: theirs stays. */
  | 'replaced'
  /** The browser no longer had `li_at` (LinkedIn logged it out): the user's cookies stay. */
  | 'no_session_cookie';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The local storage to store: the browser's, else (unreadable, or too large) what was stored. */
function originsToStore(ctx: RunContext, start: StoredSessionStart, end: SessionStateAtEnd): StoredOrigin[] {
  if (!end.origins) return start.state.origins;
  const size = JSON.stringify(end.origins).length;
  if (size <= MAX_LOCAL_STORAGE_CHARS) return end.origins;
  ctx.log(
    'warn',
    `LinkedIn's local storage is too large to store (${Math.round(size / 1024)} KiB): only its cookies are stored`,
    coded('session.local_storage_too_large', { kib: Math.round(size / 1024) }),
  );
  return [];
}

/** Writes back what changed (names only in the log, never values). */
export async function storeRefreshedSession(
  ctx: RunContext,
  start: StoredSessionStart,
  end: SessionStateAtEnd,
): Promise<RefreshOutcome> {
  if (end.changedCookies.length === 0 && !end.originsChanged) return 'unchanged';
  if (!end.cookies.some((c) => c.name === SESSION_COOKIE_NAME && c.value !== '')) {
    ctx.log(
      'warn',
      'LinkedIn removed the session cookie (li_at) during the run: the stored one is kept',
      coded('session.cookie_removed', {}),
    );
    return 'no_session_cookie';
  }
  const state = { cookies: end.cookies, origins: originsToStore(ctx, start, end) };
  const encrypted = encryptSessionState(state, ctx.config.secretKey);
  if (!(await ctx.store.linkedinSessions.refresh(ctx.run.account_id, encrypted, start.encrypted))) {
    ctx.log(
      'info',
      'The LinkedIn session was replaced or removed during the run: the cookies LinkedIn refreshed are not stored',
      coded('session.replaced', {}),
    );
    return 'replaced';
  }
  const names = end.changedCookies;
  const what = [
    ...(names.length > 0 ? [`${plural(names.length, 'LinkedIn cookie')} (${names.join(', ')})`] : []),
    ...(end.originsChanged ? ["LinkedIn's local storage"] : []),
  ];
  ctx.log(
    'info',
    `refreshed ${what.join(' and ')}`,
    coded('session.refreshed', {
      cookies: names.length,
      cookie_names: names.join(', '),
      local_storage: end.originsChanged,
    }),
  );
  return 'stored';
}
