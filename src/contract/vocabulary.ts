/**
 * Words the server and the dashboard share at run time: plain constants without any
 * dependency, so the dashboard bundle can import them (src/domain.ts re-exports them).
 */

export const RUN_STATUSES = [
  'queued',
  'running',
  'stopping',
  'succeeded',
  'failed',
  'stopped',
  'interrupted',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A run in one of these holds the account's single run slot. */
export const ACTIVE_RUN_STATUSES = ['queued', 'running', 'stopping'] as const satisfies readonly RunStatus[];
export const FINAL_RUN_STATUSES = [
  'succeeded',
  'failed',
  'stopped',
  'interrupted',
] as const satisfies readonly RunStatus[];
export type FinalRunStatus = (typeof FINAL_RUN_STATUSES)[number];

export const BOT_JOB_TYPES = ['birthday', 'visitor', 'invitations'] as const;
export type BotJobType = (typeof BOT_JOB_TYPES)[number];

/** The counters of a run, in the order the dashboard shows them. */
export const RUN_COUNTERS = [
  'messages_sent',
  'skipped',
  'errors',
  'profiles_visited',
  'invitations_withdrawn',
] as const;
export type RunCounter = (typeof RUN_COUNTERS)[number];

export const RUN_TRIGGERS = ['manual', 'schedule', 'api'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/**
 * What became of one contact, profile or invitation. `interrupted`: the run was stopped while
 * it was being handled (its reason says whether a message may have gone out).
 */
export const OUTCOME_STATUSES = ['sent', 'skipped', 'error', 'visited', 'withdrawn', 'interrupted'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/**
 * Every `reason` code a bot writes on a sent, skipped or interrupted outcome (an error
 * outcome's reason is its message, its `error_code` says what failed): the dashboard has a
 * human text for each, in every language.
 */
export const OUTCOME_REASONS = [
  // A sent wish: how LinkedIn confirmed it.
  'confirmed_in_thread',
  'confirmed_dialog_closed',
  // Skipped.
  'blacklisted',
  'already_wished',
  'limit',
  'outside_window',
  'dry_run',
  'unknown_age',
  // Skipped: a "wish now" contact no longer on the birthday page.
  'not_listed',
  // Skipped: the run ended on a fatal failure before reaching it.
  'auth_required',
  'rate_limited',
  'browser_crashed',
  'proxy_failed',
  'unconfirmed_sends',
  // Interrupted by a stop.
  'stopped_before_send',
  'stopped_after_send',
  'stopped',
] as const;
export type OutcomeReason = (typeof OUTCOME_REASONS)[number];

/** The `error_code`s of error outcomes (LinkedIn failures, and `job_error` for anything else). */
export const OUTCOME_ERROR_CODES = [
  'auth_required',
  'rate_limited',
  'send_failed',
  'element_not_found',
  'timeout',
  'browser_crashed',
  'proxy_failed',
  'recipient_mismatch',
  'job_error',
] as const;

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LINKEDIN_SESSION_STATUSES = ['valid', 'expired', 'missing', 'unchecked'] as const;
export type LinkedInSessionStatus = (typeof LINKEDIN_SESSION_STATUSES)[number];

/**
 * Why an account's bots are paused (the safety pause): LinkedIn pushed back with its limit
 * warning or a block page (`rate_limited`), a security check (`checkpoint`) or a captcha.
 */
export const ACCOUNT_PAUSE_REASONS = ['rate_limited', 'checkpoint', 'captcha'] as const;
export type AccountPauseReason = (typeof ACCOUNT_PAUSE_REASONS)[number];

/** Run error codes the dashboard explains in words (others are shown as their code). */
export const NAMED_RUN_ERRORS = ['nothing_delivered', 'run_process_died'] as const;

/** Who did something: a dashboard user, the API key, the scheduler or the system itself. */
export const ACTOR_TYPES = ['user', 'api_key', 'scheduler', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/**
 * The automation tells a browser can show a site (`findTells`, the doctor's fingerprint step,
 * the sandbox's `/__sandbox/fingerprint`): what a desktop Chrome never shows.
 */
export const FINGERPRINT_TELLS = [
  'headless',
  'webdriver',
  'client_hints_version',
  'no_plugins',
  'no_window_chrome',
  'languages',
  'timezone',
  'window_size',
] as const;
export type FingerprintTell = (typeof FINGERPRINT_TELLS)[number];
