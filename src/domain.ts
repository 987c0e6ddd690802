import {
  ACTIVE_RUN_STATUSES,
  type AccountPauseReason,
  BOT_JOB_TYPES,
  type BotJobType,
  type LogLevel,
  type OutcomeStatus,
  type RunCounter,
  type RunStatus,
  type RunTrigger,
} from './contract/vocabulary.ts';

/** Domain vocabulary shared by the store, the run engine and the HTTP API. */

export const DEFAULT_ACCOUNT_ID = 'default';

export {
  ACCOUNT_PAUSE_REASONS,
  ACTIVE_RUN_STATUSES,
  type AccountPauseReason,
  BOT_JOB_TYPES,
  type BotJobType,
  FINAL_RUN_STATUSES,
  type FinalRunStatus,
  LINKEDIN_SESSION_STATUSES,
  type LinkedInSessionStatus,
  LOG_LEVELS,
  type LogLevel,
  OUTCOME_ERROR_CODES,
  OUTCOME_REASONS,
  OUTCOME_STATUSES,
  type OutcomeReason,
  type OutcomeStatus,
  RUN_COUNTERS,
  RUN_STATUSES,
  RUN_TRIGGERS,
  type RunCounter,
  type RunStatus,
  type RunTrigger,
} from './contract/vocabulary.ts';

export function isActiveStatus(status: RunStatus): boolean {
  return (ACTIVE_RUN_STATUSES as readonly RunStatus[]).includes(status);
}

/**
 * A running run without a heartbeat for this long is stale: shown as wedged (`stale` on the
 * API), and interrupted by the distributed server when no live worker claims it.
 */
export const STALE_HEARTBEAT_MS = 30_000;

/** The bots' run types (`job_type` on the wire). */
export const BOT_RUN_TYPES = BOT_JOB_TYPES;
export type BotRunType = BotJobType;
/** Run types are strings so tests can register their own; the registry says which exist. */
export type RunType = string;

export interface RunError {
  code: string;
  message: string;
  /**
   * Set when the failure is LinkedIn pushing back (its limit warning or a block page, a
   * checkpoint, a captcha): the run lifecycle then pauses the account's bots.
   */
  pushback?: AccountPauseReason;
}

/** What LinkedIn did, in words (logs, errors): the dashboard has its own, translated. */
const PAUSE_REASON_TEXT: Record<AccountPauseReason, string> = {
  rate_limited: 'LinkedIn showed its limit warning',
  checkpoint: 'LinkedIn asked for a security check (checkpoint)',
  captcha: 'LinkedIn showed a captcha',
};

export function describePauseReason(reason: AccountPauseReason): string {
  return PAUSE_REASON_TEXT[reason];
}

/** The account's bots are paused until a user resumes them: LinkedIn pushed back on a run. */
export interface AccountPause {
  account_id: string;
  reason: AccountPauseReason;
  /** The run that met the pushback. */
  run_id: string;
  since: string;
}

export type RunCounters = Record<RunCounter, number>;

export function zeroCounters(): RunCounters {
  return { messages_sent: 0, skipped: 0, errors: 0, profiles_visited: 0, invitations_withdrawn: 0 };
}

/** An element LinkedIn no longer serves as the driver's primary selectors expect. */
export interface SelectorFallbackNote {
  /** The element (`messageButton`, `birthdayCard`…). */
  element: string;
  /** 1-based position of the fallback that found it, in a list of `of`. */
  fallback: number;
  of: number;
  /** The fallback, readable ("a[href*='/messaging/compose']"). */
  selector: string;
  /** The driver step it happened in (`list-birthdays`, `send-message`…). */
  step: string;
}

/** Live detail of a run that is not a counter (contacts found, current step, how pages were read). */
export interface RunProgress {
  found?: number;
  step?: string;
  /** Per element, the 1-based fallback that first found it in this run. */
  strategies?: Record<string, number>;
  /** Elements found only through a fallback: LinkedIn changed a page. */
  selector_fallbacks?: SelectorFallbackNote[];
}

export interface Run extends RunCounters {
  id: string;
  account_id: string;
  type: RunType;
  status: RunStatus;
  trigger: RunTrigger;
  dry_run: boolean;
  /** Run options (process_late, max_days_late, limit, force…) as requested. */
  options: Record<string, unknown>;
  queued_at: string;
  started_at: string | null;
  ended_at: string | null;
  error: RunError | null;
  stopped_by: string | null;
  progress: RunProgress;
  heartbeat_at: string | null;
  /** Local date (settings timezone) a scheduled run was planned for; null for other triggers. */
  schedule_date: string | null;
  /** Process running it (embedded: the run child) and the host it runs on. */
  pid: number | null;
  host: string | null;
}

export interface LogLine {
  id: number;
  account_id: string;
  ts: string;
  level: LogLevel;
  run_id: string | null;
  /** English text, for API and CLI users. */
  message: string;
  /** Catalogue code (src/contract/logCodes.ts) the dashboard translates; null on lines older than codes. */
  code: string | null;
  params: Record<string, string | number | boolean | null> | null;
}

/** Who did something: a dashboard user, the API key, the scheduler or the system itself. */
export interface Actor {
  type: 'user' | 'api_key' | 'scheduler' | 'system';
  id: string;
}

export function actorLabel(actor: Actor): string {
  return actor.type === 'user' ? `user:${actor.id}` : actor.type;
}

export interface AuditEntry {
  id: number;
  account_id: string;
  ts: string;
  actor_type: Actor['type'];
  actor_id: string;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
}

export interface RunOutcome {
  id: number;
  run_id: string;
  account_id: string;
  ts: string;
  contact_name: string | null;
  profile_url: string | null;
  status: OutcomeStatus;
  reason: string | null;
  error_code: string | null;
  screenshot: string | null;
}
