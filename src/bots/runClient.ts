/**
 * Opening the LinkedIn client of a run: the account's session (cookies and the local
 * storage a previous run left) and browser identity from the store, Chromium on the
 * account's locked cache folder, screenshots under DATA_DIR/runs/<run id>/, the run's
 * selector table, its abort signal, and which selector found each element reported as the
 * run's progress. Ending it stores back what LinkedIn refreshed, closes the browser and
 * frees the cache.
 */

import { DateTime } from 'luxon';
import { runScreenshotDir } from '../config/dataDir.ts';
import { coded } from '../contract/logCodes.ts';
import type { SelectorFallbackNote } from '../domain.ts';
import { ConfigError } from '../errors.ts';
import { type LinkedInClient, LinkedInError } from '../linkedin/interfaces.ts';
import type { StrategyNote } from '../linkedin/locator.ts';
import { type PlaywrightClientOptions, PlaywrightLinkedInClient } from '../linkedin/playwrightClient.ts';
import { loadSelectorTable } from '../linkedin/selectorOverrides.ts';
import type { SelectorTable } from '../linkedin/selectors.ts';
import { SESSION_COOKIE_NAME } from '../linkedin/sessionCookies.ts';
import { loadBrowserIdentity, rememberLinkedInLanguage } from './accountIdentity.ts';
import {
  type AccountCache,
  cacheOwnerOf,
  lockAccountCache,
  removeAccountBrowserDir,
} from './browserCache.ts';
import { type RunContext, RunFailure } from './runContext.ts';
import { checkExitIp, runProxy } from './runNetwork.ts';
import { runRandom } from './runRandom.ts';
import { type RefreshOutcome, storeRefreshedSession } from './sessionRefresh.ts';
import { requireStoredSession, type StoredSessionStart } from './storedCookies.ts';

/** The selector table of a run; a selectors.json broken since the server started fails the run. */
function runSelectorTable(dataDir: string): SelectorTable {
  try {
    return loadSelectorTable(dataDir);
  } catch (err) {
    if (err instanceof ConfigError) throw new RunFailure('invalid_selectors', err.problems.join('; '));
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

/** The account's cache folder, locked for the run; null (a throwaway cache) while another process holds it. */
function lockRunCache(ctx: RunContext, start: StoredSessionStart): AccountCache | null {
  const liAt = start.state.cookies.find((c) => c.name === SESSION_COOKIE_NAME)?.value ?? '';
  const attempt = lockAccountCache(ctx.config.dataDir, ctx.run.account_id, cacheOwnerOf(liAt));
  if (attempt.ok) return attempt.cache;
  ctx.log(
    'warn',
    `The account's browser cache is in use by process ${attempt.holder ?? '?'}: this run uses a throwaway cache`,
    coded('browser.cache_busy', { holder: attempt.holder ?? null }),
  );
  return null;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A run's LinkedIn client, and how the run ends with it. */
export interface RunClient {
  readonly client: LinkedInClient;
  /**
   * Stores back what LinkedIn refreshed (the browser is alive; after a stop, as it was at
   * its last completed action), closes the browser and frees the account's cache. Logs its
   * failures rather than throwing: they must not hide how the run ended. Once only: a
   * second call waits for the first.
   */
  end(): Promise<void>;
}

function endOf(
  ctx: RunContext,
  client: PlaywrightLinkedInClient,
  start: StoredSessionStart,
  cache: AccountCache | null,
): () => Promise<void> {
  let ending: Promise<void> | null = null;
  const end = async () => {
    let refresh: RefreshOutcome | null = null;
    try {
      refresh = await storeRefreshedSession(ctx, start, await client.sessionState());
    } catch (err) {
      ctx.log(
        'warn',
        `Storing the refreshed LinkedIn cookies failed: ${messageOf(err)}`,
        coded('session.store_failed', { error_message: messageOf(err) }),
      );
    }
    await learnLinkedInLanguage(ctx, client);
    await client.close().catch((err: unknown) => {
      ctx.log(
        'warn',
        `Closing the browser failed: ${messageOf(err)}`,
        coded('browser.close_failed', { error_message: messageOf(err) }),
      );
    });
    cache?.release();
    // What the browser cached may be another member's now (the route deleted it already
    // unless this run's browser wrote it again since).
    if (refresh === 'replaced') removeAccountBrowserDir(ctx.config.dataDir, ctx.run.account_id);
  };
  return () => {
    ending ??= end();
    return ending;
  };
}

/** LinkedIn's language as this run saw it, for the next browser's languages. */
async function learnLinkedInLanguage(ctx: RunContext, client: PlaywrightLinkedInClient): Promise<void> {
  try {
    const language = await client.pageLanguage();
    if (await rememberLinkedInLanguage(ctx.store, ctx.run.account_id, language)) {
      ctx.log(
        'info',
        `LinkedIn shows its pages in "${language}": the account's browser speaks it from the next run`,
        coded('linkedin.language_learned', { language }),
      );
    }
  } catch (err) {
    ctx.log(
      'warn',
      `Recording LinkedIn's language failed: ${messageOf(err)}`,
      coded('linkedin.language_failed', { error_message: messageOf(err) }),
    );
  }
}

/** The LinkedIn client of a run: its browser dies with the run's signal. */
export async function openLinkedInClient(
  ctx: RunContext,
  extra: Partial<Pick<PlaywrightClientOptions, 'locale' | 'timezoneId' | 'timeoutMs'>> = {},
): Promise<RunClient> {
  if (ctx.signal.aborted)
    throw new LinkedInError('aborted', 'The run was stopped before the browser started');
  const start = await requireStoredSession(
    ctx.store,
    ctx.run.account_id,
    ctx.config.secretKey,
    (message) => new LinkedInError('auth_required', message),
  );
  const identity = (await loadBrowserIdentity(ctx.store, ctx.run.account_id)) ?? undefined;
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
        coded('selector.page_changed', {
          key: note.key,
          index: note.index + 1,
          total: note.total,
          description: note.description,
          step: note.step,
        }),
      );
    }
    ctx.progress({ strategies: { ...strategies }, selector_fallbacks: [...fallbacks] });
  };
  const proxy = await runProxy(ctx);
  const selectors = runSelectorTable(ctx.config.dataDir);
  const cache = lockRunCache(ctx, start);
  const client = await PlaywrightLinkedInClient.launch({
    baseUrl: ctx.config.linkedinBaseUrl,
    cookies: start.state.cookies,
    localStorage: start.state.origins,
    diskCacheDir: cache?.dir ?? null,
    proxy,
    identity,
    chromiumPath: ctx.config.chromiumPath,
    processModel: ctx.config.chromiumProcessModel,
    screenshotDir: runScreenshotDir(ctx.config.dataDir, ctx.run.id),
    signal: ctx.signal,
    timezoneId: ctx.settings.schedule.timezone,
    now: () => localNoon(ctx.settings.schedule.timezone),
    // Driver chatter is debug; a line the driver did not code keeps its English text.
    onDebug: (message, what) =>
      ctx.log('debug', message, what ?? coded('driver.detail', { detail: message })),
    onWarning: (message, what) =>
      ctx.log('warn', message, what ?? coded('driver.warning', { detail: message })),
    onStrategy,
    selectors,
    rhythm: { profile: ctx.settings.delays.profile, random: runRandom(ctx, 'rhythm') },
    ...extra,
  }).catch((err: unknown) => {
    cache?.release();
    throw err;
  });
  try {
    // Before the first LinkedIn page: the address LinkedIn will see, through the proxy.
    await checkExitIp(ctx, client, proxy);
  } catch (err) {
    await client.close().catch(() => {});
    cache?.release();
    throw err;
  }
  return { client, end: endOf(ctx, client, start, cache) };
}
