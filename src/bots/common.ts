/**
 * What the three bots share: injectable time, randomness and waiting; outcome rows that
 * also bump the run's counters; and the error policy for LinkedIn failures.
 */
import { type CodedLog, coded, type Listing } from '../contract/logCodes.ts';
import type { OutcomeReason } from '../domain.ts';
import { type LinkedInClient, LinkedInError } from '../linkedin/interfaces.ts';
import { recordSessionExpired } from '../notify/sessionEvents.ts';
import { uniform } from '../random.ts';
import type { NewOutcome } from '../store/interfaces.ts';
import { type RunContext, RunFailure } from './runContext.ts';

export interface BotDeps {
  /** Clock; real time by default. */
  now?: () => Date;
  /** Uniform in [0, 1); Math.random by default. */
  random?: () => number;
  /**
   * Waits `ms`, or less when `signal` aborts (resolving or rejecting, either is fine: the
   * bot checks the signal afterwards). Defaults to a real timer.
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface ResolvedDeps {
  now: () => Date;
  random: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** A timer that ends at once (rejecting with an `aborted` LinkedInError) when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new LinkedInError('aborted', 'Stopped'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LinkedInError('aborted', 'Stopped during a wait'));
    };
    const timer = setTimeout(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function resolveDeps(deps: BotDeps = {}): ResolvedDeps {
  return {
    now: deps.now ?? (() => new Date()),
    random: deps.random ?? Math.random,
    sleep: deps.sleep ?? abortableSleep,
  };
}

export { uniform };

/** Index in [0, length) from a random number, safe for a random() that returns 1. */
export function pickIndex(random: () => number, length: number): number {
  return Math.min(length - 1, Math.max(0, Math.floor(random() * length)));
}

/** The settings' human-like pause between two actions, in ms. */
export function actionDelayMs(ctx: RunContext, random: () => number): number {
  const { min_seconds, max_seconds } = ctx.settings.delays;
  return Math.round(uniform(random, min_seconds, max_seconds) * 1000);
}

/**
 * Waits with the abortable sleep; false when the run was stopped during (or before) the
 * wait, so the caller returns at once.
 */
export async function pause(ctx: RunContext, deps: ResolvedDeps, ms: number): Promise<boolean> {
  if (ctx.signal.aborted) return false;
  if (ms > 0) {
    try {
      await deps.sleep(ms, ctx.signal);
    } catch (err) {
      if (!ctx.signal.aborted) throw err;
    }
  }
  return !ctx.signal.aborted;
}

/** A run option that is a number, else undefined. */
export function numberOption(ctx: RunContext, name: string): number | undefined {
  const value = ctx.run.options[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function booleanOption(ctx: RunContext, name: string): boolean | undefined {
  const value = ctx.run.options[name];
  return typeof value === 'boolean' ? value : undefined;
}

/** The settings limit, or the run option `limit` when it is smaller. */
export function runLimit(ctx: RunContext, settingsLimit: number): number {
  const option = numberOption(ctx, 'limit');
  return option !== undefined && option >= 0 && option < settingsLimit ? Math.floor(option) : settingsLimit;
}

/** What a bot says about one outcome; the run, the account and the time are filled in. */
export type OutcomeFields = Omit<NewOutcome, 'run_id' | 'account_id' | 'ts'>;

/** Writes one outcome row and bumps the matching counter (`skipped`, `errors`). */
export async function recordOutcome(
  ctx: RunContext,
  deps: ResolvedDeps,
  outcome: OutcomeFields,
): Promise<void> {
  // The store writes an omitted optional field as null.
  await ctx.store.outcomes.add({
    ...outcome,
    run_id: ctx.run.id,
    account_id: ctx.run.account_id,
    ts: deps.now().toISOString(),
  });
  if (outcome.status === 'skipped') ctx.count('skipped');
  else if (outcome.status === 'error') ctx.count('errors');
}

/**
 * How a failure is handled:
 * - `stopped`: the run was stopped (signal aborted, or an `aborted` error): return at once;
 * - `fatal`: the whole run ends (auth_required, rate_limited, browser_crashed, proxy_failed);
 * - `item`: only this contact / profile / invitation failed: record it and go on;
 * - `unexpected`: not a LinkedIn failure (a bug, the store): rethrown as is.
 */
export type FailureKind = 'stopped' | 'fatal' | 'item' | 'unexpected';

export function classifyFailure(ctx: RunContext, err: unknown): FailureKind {
  if (ctx.signal.aborted) return 'stopped';
  if (!(err instanceof LinkedInError)) return 'unexpected';
  switch (err.code) {
    case 'aborted':
      return 'stopped';
    case 'auth_required':
    case 'rate_limited':
    case 'browser_crashed':
    case 'proxy_failed':
      return 'fatal';
    case 'send_failed':
    case 'recipient_mismatch':
    case 'element_not_found':
    case 'timeout':
      return 'item';
    default:
      return 'unexpected';
  }
}

const FATAL_MESSAGES: Record<string, string> = {
  auth_required: 'LinkedIn session expired or not accepted: log in again and store new session cookies',
  rate_limited: 'LinkedIn reports a limit: the bots of this account pause until you resume them',
  browser_crashed: 'The browser stopped working',
  proxy_failed: 'The proxy stopped working',
};

/** A security check is not an expired session: say what LinkedIn asked for. */
const CHALLENGE_MESSAGES: Record<string, string> = {
  checkpoint:
    'LinkedIn asked for a security check (checkpoint): connect again and answer it; the bots of this account pause until you resume them',
  captcha:
    'LinkedIn showed a captcha: connect again and answer it; the bots of this account pause until you resume them',
};

/**
 * Ends the run for a fatal LinkedIn error: a session LinkedIn no longer accepts (expired,
 * or held at a checkpoint or captcha) is marked `expired` in the store first (the dashboard
 * then asks for new cookies). LinkedIn's pushback travels with the failure, so the run's
 * end pauses the account. Always throws a RunFailure.
 */
export async function failRun(ctx: RunContext, deps: ResolvedDeps, err: LinkedInError): Promise<never> {
  const said = (err.pushback && CHALLENGE_MESSAGES[err.pushback]) ?? FATAL_MESSAGES[err.code];
  const message = `${said ?? 'LinkedIn failed'} (${err.message})`;
  if (err.code === 'auth_required') await markSessionExpired(ctx, deps.now().toISOString(), message);
  const what = coded('run.failure', { error_code: err.pushback ?? err.code, error_message: err.message });
  ctx.log(err.code === 'rate_limited' ? 'warn' : 'error', message, what);
  throw new RunFailure(err.code, message, err.pushback);
}

/**
 * Marks the stored session `expired` with its `session_expired` notification, in one
 * transaction: said even if this run's process dies before the run's end is recorded (the
 * run's end records it under the same key, so it is said once). An outbox that cannot take
 * it does not change how the run fails: the session is marked alone, and the run's end,
 * finding it expired, records the notification.
 */
async function markSessionExpired(ctx: RunContext, at: string, reason: string): Promise<void> {
  const accountId = ctx.run.account_id;
  const found = { run: { id: ctx.run.id, reason }, timezone: ctx.settings.schedule.timezone };
  try {
    await ctx.store.transaction(async (tx) => {
      const session = await tx.linkedinSessions.get(accountId);
      if (!session) return;
      await tx.linkedinSessions.setStatus(accountId, 'expired', at);
      await recordSessionExpired(tx, session, at, found);
    });
  } catch {
    await ctx.store.linkedinSessions.setStatus(accountId, 'expired', at);
  }
}

const LISTING_TEXT: Record<Listing, string> = {
  birthdays: 'the birthday page',
  sent_invitations: 'the sent invitations',
};

/**
 * A failure of the step every item depends on (reading the birthday page, the invitation
 * list): returns 'stop' when the run was stopped, else ends the run with a RunFailure
 * (fatal codes as in `failRun`; element_not_found / timeout under their own code).
 */
export async function failListing(
  ctx: RunContext,
  deps: ResolvedDeps,
  err: unknown,
  what: Listing,
): Promise<'stop'> {
  const kind = classifyFailure(ctx, err);
  if (kind === 'stopped') return 'stop';
  if (kind === 'fatal') return failRun(ctx, deps, err as LinkedInError);
  if (kind === 'unexpected') throw err;
  const message = `Could not read ${LISTING_TEXT[what]}: ${errorMessageOf(err)}`;
  ctx.log(
    'error',
    message,
    coded('run.listing_failed', { what, error_code: errorCodeOf(err), error_message: errorMessageOf(err) }),
  );
  throw new RunFailure(errorCodeOf(err), message);
}

/** The error's screenshot, else one taken now (best effort). */
export async function screenshotOf(
  client: LinkedInClient,
  err: unknown,
  step: string,
): Promise<string | null> {
  if (err instanceof LinkedInError && err.screenshot) return err.screenshot;
  try {
    return await client.screenshot(step);
  } catch {
    return null;
  }
}

export function errorCodeOf(err: unknown): string {
  return err instanceof LinkedInError ? err.code : 'job_error';
}

export function errorMessageOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}

/** A filesystem- and log-friendly step name. */
export function stepName(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60)}`;
}

/**
 * The human-like pause between two actions, none before the first: call it before each
 * action; false when the run was stopped during (or before) the wait.
 */
export function actionPacer(ctx: RunContext, deps: ResolvedDeps): () => Promise<boolean> {
  let actedBefore = false;
  return async () => {
    if (actedBefore && !(await pause(ctx, deps, actionDelayMs(ctx, deps.random)))) return false;
    actedBefore = true;
    return true;
  };
}

/** What a bot tallies beside its own counts. */
export interface BotTally {
  skipped: number;
  errors: number;
}

/** A person a bot acts on (a profile, an invitation), or null fields for a whole step (a search page). */
export interface BotItem {
  name: string | null;
  profileUrl: string | null;
}

/** An item that failed: `what` says it in the English log text; `coded` its log line when not `item.failed`. */
export interface FailedItem extends BotItem {
  step: string;
  what: string;
  coded?: (error: { error_code: string; error_message: string }) => CodedLog;
}

/**
 * The outcome bookkeeping of the visitor and invitation bots: outcome rows about an item,
 * skipped and error ones also bumping the bot's tally; the per-item error policy; and the
 * closing log line.
 */
export class BotOutcomes {
  constructor(
    private readonly ctx: RunContext,
    private readonly client: LinkedInClient,
    private readonly d: ResolvedDeps,
    private readonly result: BotTally,
  ) {}

  /** An outcome row about `item`. */
  record(item: BotItem, outcome: Omit<OutcomeFields, 'contact_name' | 'profile_url'>): Promise<void> {
    return recordOutcome(this.ctx, this.d, {
      ...outcome,
      contact_name: item.name,
      profile_url: item.profileUrl,
    });
  }

  async skipped(item: BotItem, reason: OutcomeReason): Promise<void> {
    await this.record(item, { status: 'skipped', reason });
    this.result.skipped++;
  }

  /**
   * A failure while handling an item: 'stop' when the run was stopped; 'next' for an item
   * error (recorded with a screenshot taken as `step`, and logged as "Could not `what`");
   * a fatal error ends the run (RunFailure), anything not a LinkedIn failure is rethrown.
   */
  async failed(err: unknown, item: FailedItem): Promise<'stop' | 'next'> {
    const { ctx } = this;
    const kind = classifyFailure(ctx, err);
    if (kind === 'stopped') {
      // The person being handled is named in the outcomes (a search page has nobody to name).
      if (item.name !== null || item.profileUrl !== null) {
        await this.record(item, { status: 'interrupted', reason: 'stopped' });
        ctx.log('info', `Stopped while trying to ${item.what}`, coded('run.stopped_during_item', {}));
      } else {
        ctx.log('info', 'Stopped', coded('run.stopped_during_item', {}));
      }
      return 'stop';
    }
    if (kind === 'unexpected') throw err;
    await this.record(item, {
      status: 'error',
      error_code: errorCodeOf(err),
      reason: errorMessageOf(err),
      screenshot: await screenshotOf(this.client, err, item.step),
    });
    this.result.errors++;
    ctx.log(
      kind === 'fatal' ? 'error' : 'warn',
      `Could not ${item.what}: ${errorCodeOf(err)} (${errorMessageOf(err)})`,
      (item.coded ?? ((error) => coded('item.failed', { name: item.name, ...error })))({
        error_code: errorCodeOf(err),
        error_message: errorMessageOf(err),
      }),
    );
    if (kind === 'item') return 'next';
    return failRun(ctx, this.d, err as LinkedInError);
  }

  /** The last log line of a run: `<bot> done: <done>, N skipped, N error(s)`. */
  logDone(bot: string, done: string, what: (tally: BotTally & { dry_run: boolean }) => CodedLog): void {
    const { skipped, errors } = this.result;
    const dry_run = this.ctx.run.dry_run;
    this.ctx.log(
      'info',
      `${bot} done: ${done}, ${skipped} skipped, ${errors} error(s)${dry_run ? ' [dry run]' : ''}`,
      what({ skipped, errors, dry_run }),
    );
  }
}
