/**
 * Opening the LinkedIn client of a run (cookies from the store, Chromium, screenshots under
 * DATA_DIR/runs/<run id>/, the run's abort signal), and the one-shot session check behind
 * `POST /api/linkedin/session/check`.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import type { ChromiumProcessModel } from '../config/env.ts';
import { DecryptionError } from '../crypto.ts';
import type { SelectorFallbackNote } from '../domain.ts';
import { ConfigError } from '../errors.ts';
import { type JobContext, JobFailure } from '../jobs/interfaces.ts';
import type { Store } from '../store/interfaces.ts';
import { type LinkedInClient, LinkedInError } from './interfaces.ts';
import type { StrategyNote } from './locator.ts';
import { type PlaywrightClientOptions, PlaywrightLinkedInClient } from './playwrightClient.ts';
import { loadSelectorTable } from './selectorOverrides.ts';
import type { SelectorTable } from './selectors.ts';
import { loadLinkedInCookies, type SessionCookie } from './sessionCookies.ts';

/** The account's cookies; `auth_required` when none are stored or they cannot be decrypted. */
export async function requireLinkedInCookies(
  store: Store,
  accountId: string,
  secretKey: string,
): Promise<SessionCookie[]> {
  let cookies: SessionCookie[] | null;
  try {
    cookies = await loadLinkedInCookies(store, accountId, secretKey);
  } catch (err) {
    if (err instanceof DecryptionError) {
      throw new LinkedInError(
        'auth_required',
        'The stored LinkedIn session cannot be decrypted (SECRET_KEY changed?): store the cookies again',
      );
    }
    throw err;
  }
  if (!cookies || cookies.length === 0)
    throw new LinkedInError('auth_required', 'No LinkedIn session stored');
  return cookies;
}

/** The selector table of a run; a selectors.json broken since the server started fails the run. */
function runSelectorTable(dataDir: string): SelectorTable {
  try {
    return loadSelectorTable(dataDir);
  } catch (err) {
    if (err instanceof ConfigError) throw new JobFailure('invalid_selectors', err.problems.join('; '));
    throw err;
  }
}

/**
 * "Today" in the account's timezone, as the date parsers read it (local calendar fields):
 * a card's "Oct 24" and the run's exactly-once key must agree on which day it is.
 */
export function localNoon(timezone: string, at: Date = new Date()): Date {
  const local = DateTime.fromJSDate(at).setZone(timezone);
  return new Date(local.year, local.month - 1, local.day, 12);
}

/** Directory of a run's screenshots. */
export function runScreenshotDir(dataDir: string, runId: string): string {
  return path.join(dataDir, 'runs', runId);
}

/** The LinkedIn client of a run: its browser dies with the run's signal. */
export async function openLinkedInClient(
  ctx: JobContext,
  extra: Partial<Pick<PlaywrightClientOptions, 'locale' | 'timezoneId' | 'timeoutMs'>> = {},
): Promise<LinkedInClient> {
  if (ctx.signal.aborted)
    throw new LinkedInError('aborted', 'The run was stopped before the browser started');
  const cookies = await requireLinkedInCookies(ctx.store, ctx.run.account_id, ctx.config.secretKey);
  const strategies: Record<string, number> = {};
  const fallbacks: SelectorFallbackNote[] = [];
  // Which selector found each element is part of the run's record; a fallback used where
  // LinkedIn's current markup should have matched is said once, as a warning.
  const onStrategy = (note: StrategyNote) => {
    strategies[note.key] = note.index + 1;
    if (note.fallbackUsed) {
      fallbacks.push({
        element: note.key,
        fallback: note.index + 1,
        of: note.total,
        selector: note.description,
        step: note.step,
      });
      ctx.log(
        'warn',
        `LinkedIn changed a page: ${note.key} was found only by fallback #${note.index + 1}/${note.total} (${note.description}) during ${note.step}`,
      );
    }
    ctx.progress({ strategies: { ...strategies }, selector_fallbacks: [...fallbacks] });
  };
  return PlaywrightLinkedInClient.launch({
    baseUrl: ctx.config.linkedinBaseUrl,
    cookies,
    chromiumPath: ctx.config.chromiumPath,
    processModel: ctx.config.chromiumProcessModel,
    screenshotDir: runScreenshotDir(ctx.config.dataDir, ctx.run.id),
    signal: ctx.signal,
    timezoneId: ctx.settings.schedule.timezone,
    now: () => localNoon(ctx.settings.schedule.timezone),
    onDebug: (message) => ctx.log('debug', message),
    onWarning: (message) => ctx.log('warn', message),
    onStrategy,
    selectors: runSelectorTable(ctx.config.dataDir),
    ...extra,
  });
}

interface CheckSessionCommon {
  linkedinBaseUrl: string;
  chromiumPath?: string;
  processModel?: ChromiumProcessModel;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Where a failed check leaves its screenshot; null/omitted: none. */
  screenshotDir?: string | null;
}

export type CheckSessionOptions = CheckSessionCommon &
  (
    | { store: Store; accountId: string; secretKey: string }
    /** Already decrypted (the session-check process gets them from the server over IPC). */
    | { cookies: SessionCookie[] }
  );

/**
 * Opens the feed once with the account's cookies and closes the browser: `valid` when the
 * navigation shows, `expired` when LinkedIn wants a login. No stored cookies → `auth_required`.
 * A check that fails (timeout, a page it cannot read) leaves a screenshot in `screenshotDir`,
 * named by the error's `screenshot`.
 */
export async function checkLinkedInSession(opts: CheckSessionOptions): Promise<'valid' | 'expired'> {
  const cookies =
    'cookies' in opts
      ? opts.cookies
      : await requireLinkedInCookies(opts.store, opts.accountId, opts.secretKey);
  if (cookies.length === 0) throw new LinkedInError('auth_required', 'No LinkedIn session stored');
  const signal = opts.signal ?? new AbortController().signal;
  const client = await PlaywrightLinkedInClient.launch({
    baseUrl: opts.linkedinBaseUrl,
    cookies,
    chromiumPath: opts.chromiumPath,
    processModel: opts.processModel,
    screenshotDir: opts.screenshotDir ?? null,
    signal,
    timeoutMs: opts.timeoutMs,
  });
  try {
    return await client.checkSession({ signal, timeoutMs: opts.timeoutMs });
  } catch (err) {
    // A bug shows as itself; a stop leaves nothing to see.
    if (!(err instanceof LinkedInError) || err.screenshot || err.code === 'aborted') throw err;
    if (!opts.screenshotDir || signal.aborted) throw err;
    // What the page showed when the check failed, if the browser still answers.
    const shot = await client.screenshot('check-session-failed').catch(() => null);
    throw new LinkedInError(err.code, err.message, shot);
  } finally {
    await client.close();
  }
}
