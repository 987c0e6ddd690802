/**
 * What each notification event carries (the outbox's `data`, the webhook body's `data`):
 * the producers build these, the renderer words them. Times are ISO-8601 UTC strings;
 * `timezone` (IANA), when given, is the account's, in which the messages show times.
 */

import type { DeliveryEvent } from '../contract/notifications.ts';
import type {
  AccountPauseReason,
  OutcomeReason,
  RunCounters,
  RunStatus,
  RunTrigger,
  RunType,
  SelectorFallbackNote,
} from '../domain.ts';

interface InTimezone {
  /** The account's timezone (settings `schedule.timezone`); times are shown in UTC without it. */
  timezone?: string;
}

/** `run_failed` and `run_succeeded`: a run that ended. */
export interface RunEventData extends InTimezone {
  run_id: string;
  /** `birthday`, `visitor` or `invitations`. */
  type: RunType;
  trigger: RunTrigger;
  dry_run: boolean;
  /** The final status: `succeeded`, or `failed` / `interrupted` / `stopped` for `run_failed`. */
  status: RunStatus;
  /** The run's error code (`nothing_delivered`, `auth_required`, `rate_limited`…); null without error. */
  error_code: string | null;
  /** The run's error message (English, technical); null without error. */
  error_message: string | null;
  counters: RunCounters;
  started_at: string | null;
  finished_at: string | null;
}

/** `session_expired`: LinkedIn no longer accepts the stored session. */
export interface SessionExpiredData extends InTimezone {
  /** When it was found expired. */
  checked_at: string;
  /** The run that met LinkedIn's login page, if a run found it. */
  run_id?: string | null;
  /** A technical detail of what was seen (English), if any. */
  reason?: string | null;
}

/** `rate_limited`: LinkedIn pushed back; every bot of the account is paused until resumed. */
export interface RateLimitedData extends InTimezone {
  /** The run that met the pushback. */
  run_id: string;
  reason: AccountPauseReason;
  /** When the pause began. */
  since: string;
}

/** `selectors_fallback`: LinkedIn changed a page; the bots found elements only through fallbacks. */
export interface SelectorsFallbackData extends InTimezone {
  run_id: string;
  type: RunType;
  /** Each element found through a fallback (the run's `progress.selector_fallbacks`). */
  selectors: SelectorFallbackNote[];
}

/** `worker_offline`: a distributed-mode worker stopped heart-beating. */
export interface WorkerOfflineData extends InTimezone {
  worker_id: string;
  /** Its last heartbeat. */
  last_seen_at: string;
  host?: string | null;
}

/** One run type's runs of the day. */
export interface DigestRunSummary {
  type: RunType;
  /** Every run of the day of this type, dry runs and runs still in progress included. */
  runs: number;
  succeeded: number;
  failed: number;
  stopped: number;
  interrupted: number;
  /** Queued, running or stopping when the digest was made. */
  in_progress: number;
  dry_runs: number;
  /** The sums of the counters of the day's runs of this type, dry runs excluded. */
  counters: RunCounters;
}

/** A contact a wish failed for: the last error outcome of the day for them. */
export interface DigestFailure {
  name: string;
  /** The outcome's `error_code` (`send_failed`, `element_not_found`…), null when it has none. */
  error_code: string | null;
}

/**
 * Why a birthday of the day was not wished: the skip reason of the day's last outcome for
 * the contact (`blacklisted`, `limit`, `outside_window`, `dry_run`, `auth_required`…), or:
 * `failed` (an error outcome, see `error_code`), `not_processed` (today's birthdays are off
 * in the settings), `pending` (a send is not confirmed yet: the next run checks the
 * conversation), `not_reached` (no run got to the contact: none ran, or it stopped first).
 */
export type NotWishedReason = OutcomeReason | 'failed' | 'not_processed' | 'pending' | 'not_reached';

export interface NotWishedBirthday {
  name: string;
  profile_url: string;
  reason: NotWishedReason;
  /** For `failed`: the outcome's error code. */
  error_code: string | null;
}

/** `daily_digest`: one account's day, in its timezone. */
export interface DailyDigestData {
  /** The local day (YYYY-MM-DD) in `timezone`. */
  date: string;
  timezone: string;
  /** One entry per run type that ran that day, in the product's order (birthday, visitor, invitations). */
  runs: DigestRunSummary[];
  /** Birthday wishes of the day's runs (dry runs' included, as skipped `dry_run`), by outcome. */
  sent: number;
  skipped: number;
  failed: number;
  /** Stopped while the contact was being handled. */
  interrupted: number;
  /** The skipped wishes by reason (`limit`, `blacklisted`, `dry_run`…). */
  skipped_by_reason: Record<string, number>;
  /** Who was wished, in order (at most DIGEST_LIST_LIMIT names; `sent` has the count). */
  sent_to: string[];
  /** Whose wish failed (at most DIGEST_LIST_LIMIT; `failed` has the count). */
  failures: DigestFailure[];
  /**
   * The local date the birthday page was last read on (null: never). The day's birthdays
   * are known only when it is `date`: `not_wished` is empty otherwise.
   */
  birthdays_read_on: string | null;
  /** The day's birthdays (not late ones) that were not wished, and why. */
  not_wished: NotWishedBirthday[];
}

/** `test`: the channel's test button; nothing to carry. */
export type TestEventData = Record<string, never>;

/** Each event's data. */
export interface EventDataMap {
  session_expired: SessionExpiredData;
  rate_limited: RateLimitedData;
  run_failed: RunEventData;
  run_succeeded: RunEventData;
  selectors_fallback: SelectorsFallbackData;
  worker_offline: WorkerOfflineData;
  daily_digest: DailyDigestData;
  test: TestEventData;
}

export type EventData<E extends DeliveryEvent> = EventDataMap[E];

/** How many names the digest lists at most per list. */
export const DIGEST_LIST_LIMIT = 50;
