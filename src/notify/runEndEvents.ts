/**
 * The notifications a run's end causes, recorded in the transaction that writes its final
 * state (src/jobs/lifecycle.ts): at most one about how it ended, and one when LinkedIn
 * changed a page under it. LinkedIn pushing back is told by the pause it causes
 * (`pauseEvent`, written in the same transaction), not by the run.
 */
import { loadSettings } from '../config/settingsStore.ts';
import type { NotificationEvent } from '../contract/notifications.ts';
import type { AccountPause, Run } from '../domain.ts';
import type { Store, StoredLinkedInSession } from '../store/interfaces.ts';
import type { RunEventData } from './eventData.ts';
import { isoWeekOf, type OutboxEventInput, recordOutboxEvent, sessionExpiredKey } from './outboxEvents.ts';

export type AnyOutboxEvent = { [E in NotificationEvent]: OutboxEventInput<E> }[NotificationEvent];

/** The error code of a run that met LinkedIn's login page (src/bots/common.ts marks the session expired). */
const AUTH_REQUIRED = 'auth_required';

export interface RunEnd {
  /** The run in its final state, as stored. */
  run: Run;
  /** The account's stored LinkedIn session now. */
  session: StoredLinkedInSession | null;
  timezone: string;
  at: string;
}

/**
 * How the run ended, as a notification: `run_succeeded`; `session_expired` when it failed
 * on a session LinkedIn no longer accepts (once per stored session); `run_failed` for any
 * other failure, an interruption or a stop by the system (a shutdown); nothing for a stop
 * by a user (they know) or LinkedIn pushing back (the pause is told instead).
 */
export function runEndEvent({ run, session, timezone, at }: RunEnd): AnyOutboxEvent | null {
  const accountId = run.account_id;
  if (run.status === 'stopped' && run.stopped_by !== 'system') return null;
  if (run.status === 'failed' && run.error?.pushback) return null;
  if (run.status === 'failed' && run.error?.code === AUTH_REQUIRED && session?.status === 'expired') {
    return {
      event: 'session_expired',
      accountId,
      dedupKey: sessionExpiredKey(session),
      data: {
        run_id: run.id,
        checked_at: session.checked_at ?? at,
        reason: run.error.message,
        timezone,
      },
      at,
    };
  }
  const event = run.status === 'succeeded' ? 'run_succeeded' : 'run_failed';
  return { event, accountId, dedupKey: `${event}:${run.id}`, data: runEventData(run, timezone), at };
}

export function runEventData(run: Run, timezone: string): RunEventData {
  return {
    run_id: run.id,
    type: run.type,
    trigger: run.trigger,
    dry_run: run.dry_run,
    status: run.status,
    error_code: run.error?.code ?? null,
    error_message: run.error?.message ?? null,
    counters: {
      messages_sent: run.messages_sent,
      skipped: run.skipped,
      errors: run.errors,
      profiles_visited: run.profiles_visited,
      invitations_withdrawn: run.invitations_withdrawn,
    },
    started_at: run.started_at,
    finished_at: run.ended_at,
    timezone,
  };
}

/**
 * `selectors_fallback` when the run found elements only through fallbacks (the run client
 * keeps them in `progress.selector_fallbacks`). Once per account and ISO week (in the
 * account's timezone): LinkedIn changing its pages is news once, not at every run that meets
 * the change. Not once per set of elements: the runs after the first meet a changing subset
 * of them (the locator starts from what found an element last time, and a run that has less
 * to do reads fewer elements), and each subset would be told again.
 */
export function selectorsFallbackEvent({ run, timezone, at }: RunEnd): AnyOutboxEvent | null {
  const selectors = run.progress.selector_fallbacks ?? [];
  if (selectors.length === 0) return null;
  return {
    event: 'selectors_fallback',
    accountId: run.account_id,
    dedupKey: `selectors_fallback:${run.account_id}:${isoWeekOf(at, timezone)}`,
    data: { run_id: run.id, type: run.type, selectors, timezone },
    at,
  };
}

/** `rate_limited`: the pause LinkedIn's pushback caused, once per pause. */
export function pauseEvent(pause: AccountPause, timezone: string, at: string): AnyOutboxEvent {
  return {
    event: 'rate_limited',
    accountId: pause.account_id,
    dedupKey: `rate_limited:${pause.account_id}:${pause.since}`,
    data: { run_id: pause.run_id, reason: pause.reason, since: pause.since, timezone },
    at,
  };
}

/** The account's timezone, read through `store` (a transaction reads its own settings). */
export async function accountTimezone(store: Store, accountId: string): Promise<string> {
  return (await loadSettings(store, accountId)).schedule.timezone;
}

/** What the notifications of a run's end read besides the run itself. */
export interface RunEndReads {
  timezone: string;
  session: StoredLinkedInSession | null;
}

/**
 * The account's timezone and stored session, read before the transaction of the run's end
 * (a failed read there would abort it on PostgreSQL). Neither may keep the run from ending:
 * a failed read falls back (UTC, no session) and `onError` hears it.
 */
export async function runEndReads(
  store: Store,
  accountId: string,
  onError: (err: unknown) => void,
): Promise<RunEndReads> {
  const fallback =
    <T>(value: T) =>
    (err: unknown) => {
      onError(err);
      return value;
    };
  return {
    timezone: await accountTimezone(store, accountId).catch(fallback('UTC')),
    session: await store.linkedinSessions.get(accountId).catch(fallback(null)),
  };
}

/** The notifications of a run's end could not be recorded (`cause`); the run may end without them. */
export class RunEndNotificationError extends Error {
  constructor(cause: unknown) {
    super(
      `The notifications of a run's end could not be recorded: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'RunEndNotificationError';
  }
}

/**
 * Records the notifications of the run's end through `tx`, the transaction of its final
 * state: how it ended, its selector fallbacks, and the pause it caused (`pause`, when this
 * run created one). Any failure throws a RunEndNotificationError.
 */
export async function recordRunEnd(
  tx: Store,
  runId: string,
  at: string,
  reads: RunEndReads,
  pause: AccountPause | null,
): Promise<void> {
  try {
    const run = await tx.runs.get(runId);
    if (!run) return;
    const end: RunEnd = { run, ...reads, at };
    const events = [
      runEndEvent(end),
      selectorsFallbackEvent(end),
      pause && pauseEvent(pause, reads.timezone, at),
    ];
    for (const event of events) {
      if (event) await recordOutboxEvent(tx, event);
    }
  } catch (err) {
    throw new RunEndNotificationError(err);
  }
}
