/**
 * Opening the LinkedIn client of a run: the account's cookies and browser identity from the
 * store, Chromium, screenshots under DATA_DIR/runs/<run id>/, the run's selector table, its abort signal,
 * and which selector found each element reported as the run's progress.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import type { SelectorFallbackNote } from '../domain.ts';
import { ConfigError } from '../errors.ts';
import { loadBrowserIdentity } from '../linkedin/fingerprint/accountIdentity.ts';
import { type LinkedInClient, LinkedInError } from '../linkedin/interfaces.ts';
import type { StrategyNote } from '../linkedin/locator.ts';
import { type PlaywrightClientOptions, PlaywrightLinkedInClient } from '../linkedin/playwrightClient.ts';
import { loadSelectorTable } from '../linkedin/selectorOverrides.ts';
import type { SelectorTable } from '../linkedin/selectors.ts';
import { type RunContext, RunFailure } from './runContext.ts';
import { checkExitIp, runProxy } from './runNetwork.ts';
import { requireLinkedInCookies } from './storedCookies.ts';

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

/** Directory of a run's screenshots. */
export function runScreenshotDir(dataDir: string, runId: string): string {
  return path.join(dataDir, 'runs', runId);
}

/** The LinkedIn client of a run: its browser dies with the run's signal. */
export async function openLinkedInClient(
  ctx: RunContext,
  extra: Partial<Pick<PlaywrightClientOptions, 'locale' | 'timezoneId' | 'timeoutMs'>> = {},
): Promise<LinkedInClient> {
  if (ctx.signal.aborted)
    throw new LinkedInError('aborted', 'The run was stopped before the browser started');
  const cookies = await requireLinkedInCookies(
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
      );
    }
    ctx.progress({ strategies: { ...strategies }, selector_fallbacks: [...fallbacks] });
  };
  const proxy = await runProxy(ctx);
  const client = await PlaywrightLinkedInClient.launch({
    baseUrl: ctx.config.linkedinBaseUrl,
    cookies,
    proxy,
    identity,
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
  try {
    // Before the first LinkedIn page: the address LinkedIn will see, through the proxy.
    await checkExitIp(ctx, client, proxy);
  } catch (err) {
    await client.close().catch(() => {});
    throw err;
  }
  return client;
}
