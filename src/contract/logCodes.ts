/**
 * The catalogue of log line codes: every line the product writes carries one of these codes
 * and its parameters beside its English text, so the dashboard can show it in the user's
 * language (web/src/i18n/logMessages.ts has a French and an English text for each code; a
 * test fails when a code is added here without both). Plain constants only: the dashboard
 * imports this module.
 *
 * Each code lists the names of its parameters. Parameters named `dry_run` (a flag), `type`
 * (a run type), `status` (a run status), `error_code` and `days_late` are shown translated.
 * Parameters are data, never English phrases built here: codes (`what`, `error_code`),
 * numbers and the user's or LinkedIn's own text, so the dashboard words them in each language.
 * `error_message` is the raw detail, shown only when the `error_code` has no words.
 */
export const LOG_CODES = {
  // The run's life (src/jobs/lifecycle.ts).
  'run.queued': ['by'],
  'run.started': ['type', 'dry_run'],
  'run.finished': ['status'],
  'run.stopped': ['by'],
  'run.ended_with_error': ['status', 'error_code', 'error_message'],
  'account.paused': ['reason'],
  // Failures that end a run or skip an item (src/bots/common.ts).
  'run.failure': ['error_code', 'error_message'],
  /** `what`: one of LISTINGS. */
  'run.listing_failed': ['what', 'error_code', 'error_message'],
  'run.stopped_during_item': [],
  'item.failed': ['name', 'error_code', 'error_message'],
  // The browser and the LinkedIn session (src/bots/runClient.ts, src/linkedin/).
  'browser.cache_busy': ['holder'],
  'browser.close_failed': ['error_message'],
  'browser.multi_process': ['reason'],
  'linkedin.language_learned': ['language'],
  'linkedin.language_failed': ['error_message'],
  'linkedin.request_refused': ['url'],
  'selector.fallback': ['key', 'index', 'total', 'description'],
  'selector.page_changed': ['key', 'index', 'total', 'description', 'step'],
  'driver.detail': ['detail'],
  'driver.warning': ['detail'],
  'session.store_failed': ['error_message'],
  'session.local_storage_too_large': ['kib'],
  'session.cookie_removed': [],
  'session.replaced': [],
  'session.refreshed': ['cookies', 'cookie_names', 'local_storage'],
  // The run's network (src/bots/runNetwork.ts).
  'network.ip_unchecked': ['reason'],
  'network.proxy_failed': ['proxy', 'reason'],
  'network.ip': ['ip', 'proxy'],
  'network.ip_changed': ['ip', 'proxy', 'previous_ip'],
  /** `lowered`: see loweredParam (plain English on older lines). */
  'warmup.day': ['day', 'days', 'lowered'],
  // Birthdays (src/bots/birthday*.ts).
  'birthday.found': ['listed', 'today', 'late', 'to_process', 'ignored', 'dry_run'],
  'birthday.cards_unreadable': ['count'],
  'birthday.would_wish': ['name', 'days_late', 'text'],
  'birthday.wished': ['name', 'days_late'],
  'birthday.wished_box_closed': ['name', 'days_late'],
  'birthday.skipped': ['name', 'reason'],
  'birthday.found_asked': ['listed', 'found', 'asked', 'dry_run'],
  'birthday.stopped_while': ['name'],
  'birthday.wish_failed': ['name', 'error_code', 'error_message'],
  'birthday.limit_reached': ['which', 'value'],
  'birthday.outside_window': ['start', 'end', 'timezone'],
  'birthday.pending_confirmed': ['name'],
  'birthday.pending_resend': ['name', 'run_id'],
  'birthday.unconfirmed': ['name'],
  'birthday.unconfirmed_in_a_row': ['count'],
  'birthday.stopped_after_send': ['name'],
  'birthday.intent_missing': ['name'],
  'birthday.done': ['sent', 'skipped', 'errors', 'dry_run'],
  // Profile visits (src/bots/visitor.ts).
  /** `searches`: the keywords as a JSON array of strings, '' for an open search (see searchesParam). */
  'visitor.start': ['limit', 'searches', 'location', 'dry_run'],
  /** `search`: the keyword, '' for an open search. */
  'visitor.search_page': ['search', 'page', 'results', 'fresh', 'recent', 'days'],
  'visitor.search_failed': ['search', 'page', 'error_code', 'error_message'],
  'visitor.would_visit': ['name'],
  'visitor.visited': ['name', 'headline'],
  'visitor.search_exhausted': ['search', 'pages'],
  'visitor.limit_reached': ['limit'],
  'visitor.done': ['visited', 'skipped', 'errors', 'dry_run'],
  // Invitation cleanup (src/bots/invitations.ts).
  'invitations.found': ['total', 'old', 'threshold', 'young', 'unknown', 'limit', 'dry_run'],
  'invitations.age_unknown': ['name', 'label'],
  /** `age_days`: the invitation's age; `label` (LinkedIn's own words) on lines written before it. */
  'invitations.would_withdraw': ['name', 'age_days', 'label'],
  'invitations.withdrew': ['name', 'age_days', 'label'],
  'invitations.limit_reached': ['limit'],
  'invitations.done': ['withdrawn', 'skipped', 'errors', 'dry_run'],
  // Test-only jobs (src/jobs/testHandlers.ts): their English text as is.
  'test.note': ['text'],
} as const satisfies Record<string, readonly string[]>;

export type LogCode = keyof typeof LOG_CODES;
export type LogParamValue = string | number | boolean | null;
export type LogParams = Record<string, LogParamValue>;
/** The parameters a code takes, each required (null when there is nothing to say). */
export type LogParamsOf<C extends LogCode> = { [K in (typeof LOG_CODES)[C][number]]: LogParamValue };

/** What a log line says beside its English text. */
export interface CodedLog {
  code: LogCode;
  params: LogParams;
}

/** A code and its parameters, checked against the catalogue. */
export function coded<C extends LogCode>(code: C, params: LogParamsOf<C>): CodedLog {
  return { code, params };
}

/** The lists a run reads before handling any item (`run.listing_failed`'s `what`). */
export const LISTINGS = ['birthdays', 'sent_invitations'] as const;
export type Listing = (typeof LISTINGS)[number];

/** The visitor's keywords as `visitor.start`'s `searches` (params are scalars: a JSON array). */
export function searchesParam(keywords: readonly string[]): string {
  return JSON.stringify(keywords);
}

/** A limit the warm-up lowered: `warmup.day`'s `lowered` is a JSON array of these. */
export interface LoweredLimit {
  limit: string;
  value: number;
  normal: number;
}

export function loweredParam(lowered: readonly LoweredLimit[]): string {
  return JSON.stringify(lowered);
}

export function isLogCode(code: string): code is LogCode {
  return Object.hasOwn(LOG_CODES, code);
}
