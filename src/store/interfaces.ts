/**
 * The store port. Adapters: SQLite (default) and PostgreSQL, both built on Kysely and
 * both held to `store.contract.ts`. Times are ISO-8601 UTC strings (`toISOString()`), so
 * they sort as text on both engines. Every row carries `account_id`.
 */

import type { MessageLanguage } from '../contract/messageLanguages.ts';
import type {
  AuditEntry,
  FinalRunStatus,
  LogLevel,
  LogLine,
  OutcomeStatus,
  Run,
  RunCounters,
  RunError,
  RunOutcome,
  RunProgress,
  RunStatus,
  RunTrigger,
  RunType,
} from '../domain.ts';
import type {
  AccountPausesRepository,
  ExitIpsRepository,
  LinkedInSessionsRepository,
} from './linkedinAccountInterfaces.ts';
import type { LeasesRepository, NotificationsRepository } from './notificationInterfaces.ts';
import type { PersonalDataRepository } from './personalDataInterfaces.ts';

export type { MessageLanguage } from '../contract/messageLanguages.ts';
export * from './linkedinAccountInterfaces.ts';
export * from './notificationInterfaces.ts';
export * from './personalDataInterfaces.ts';

export interface NewRun {
  account_id: string;
  type: RunType;
  trigger: RunTrigger;
  dry_run: boolean;
  options: Record<string, unknown>;
  schedule_date?: string | null;
  queued_at: string;
}

export interface RunListQuery {
  account_id: string;
  limit: number;
  /** Only runs queued strictly before this run id's queued_at (cursor). */
  before?: string;
  type?: string;
  status?: RunStatus;
}

/** How a run ends: `RunsRepository.finish`. */
export interface RunFinish {
  status: FinalRunStatus;
  at: string;
  error?: RunError | null;
  stopped_by?: string | null;
  counters?: RunCounters;
}

/** Counters per run, for history and stats; `at` is started_at, else queued_at. */
export interface RunActivityRow extends RunCounters {
  at: string;
}

/** Finished runs of one type and final status, with the sums of their counters (metrics). */
export interface FinishedRunsRow extends RunCounters {
  type: string;
  status: string;
  runs: number;
}

/** A window's runs of one type, with the sums of their counters (GET /api/stats per bot). */
export interface RunTypeTotals extends RunCounters {
  type: string;
  runs: number;
}

/** A page of rows for an export, oldest first: [from, to) on the activity time, after a cursor. */
export interface ExportPageQuery<Cursor> {
  account_id: string;
  from?: string;
  to?: string;
  /** Only rows after this one (the last row of the previous page). */
  after?: Cursor;
  limit: number;
}

/** Where a runs export page resumes: the last run's activity time and id. */
export interface RunCursor {
  at: string;
  id: string;
}

/** An outcome as exported: with its run's type and dry-run flag. */
export interface ExportedOutcome extends RunOutcome {
  run_type: string;
  dry_run: boolean;
}

export interface RunsRepository {
  /**
   * Inserts a queued run unless the account already has a queued/running/stopping run.
   * Race-free (a unique partial index): of two concurrent calls exactly one gets a run.
   * Returns null when the slot is taken.
   */
  createIfIdle(input: NewRun): Promise<Run | null>;
  get(id: string): Promise<Run | null>;
  list(query: RunListQuery): Promise<Run[]>;
  /** Most recent run by queued_at; with `finished`, the most recent in a final status. */
  latest(accountId: string, opts?: { finished?: boolean }): Promise<Run | null>;
  /** Queued/running/stopping runs, oldest first; all accounts when accountId is omitted. */
  listActive(accountId?: string): Promise<Run[]>;
  /** queued → running. False if the run was not queued any more (e.g. stopped first). */
  markRunning(id: string, at: string, pid: number | null, host: string | null): Promise<boolean>;
  /** queued|running → stopping, recording who asked. False if not active. */
  markStopping(id: string, stoppedBy: string): Promise<boolean>;
  /** Absolute counters and progress of an active run; also refreshes heartbeat_at. */
  updateProgress(id: string, counters: RunCounters, progress: RunProgress, at: string): Promise<void>;
  heartbeat(id: string, at: string): Promise<void>;
  /**
   * Moves an active run to a final status. Keeps an earlier `stopped_by`. Counters, when
   * given, replace the stored ones. False when the run was already final.
   */
  finish(id: string, result: RunFinish): Promise<boolean>;
  /** Counters of runs whose activity time is in [from, to). */
  activity(accountId: string, from: string, to: string): Promise<RunActivityRow[]>;
  /** Sums of counters over runs with activity time >= from (all time when omitted). */
  totals(accountId: string, from?: string): Promise<RunCounters & { runs: number }>;
  /** `totals` per run type (types without runs in the window are absent), ordered by type. */
  totalsByType(accountId: string, from?: string): Promise<RunTypeTotals[]>;
  /** Runs by activity time (started_at, else queued_at) then id, oldest first, for the CSV export. */
  exportPage(query: ExportPageQuery<RunCursor>): Promise<Run[]>;
  /** Runs in a final status by type and status, every account (the metrics' counts). */
  finishedByTypeAndStatus(): Promise<FinishedRunsRow[]>;
  /** Whether a scheduled run exists for that local date (any status but interrupted). */
  hasScheduledRun(accountId: string, scheduleDate: string): Promise<boolean>;
  /**
   * Activity time of the account's first real run that did something on LinkedIn (a
   * message sent, a profile visited, an invitation withdrawn); null before any.
   */
  firstActiveAt(accountId: string): Promise<string | null>;
}

export interface NewOutcome {
  run_id: string;
  account_id: string;
  ts: string;
  contact_name?: string | null;
  profile_url?: string | null;
  status: OutcomeStatus;
  reason?: string | null;
  error_code?: string | null;
  screenshot?: string | null;
}

/** One error code among a run's error outcomes. */
export interface OutcomeErrorCount {
  /** `error_code` of the outcomes (null when they carry none). */
  code: string | null;
  count: number;
  /** The reason of the latest outcome with that code. */
  example: string | null;
}

/** A run's outcome rows, counted in the store. */
export interface OutcomeTally {
  /** Rows per outcome status (every status present, zeros included). */
  by_status: Record<OutcomeStatus, number>;
  /** Error outcomes per error code, most frequent first (ties: the most recent first). */
  errors: OutcomeErrorCount[];
}

export interface OutcomesRepository {
  add(outcome: NewOutcome): Promise<RunOutcome>;
  listForRun(runId: string): Promise<RunOutcome[]>;
  /** Counts the run's outcomes by status and its error outcomes by code (zeros for no rows). */
  tally(runId: string): Promise<OutcomeTally>;
  /** Outcomes with `ts` in [from, to), by id (insertion order), after the id `after`: the CSV export. */
  exportPage(query: ExportPageQuery<number>): Promise<ExportedOutcome[]>;
}

export type NewLogLine = Omit<LogLine, 'id'>;

export interface LogsRepository {
  /** Appends in order; returns the stored lines with their ids. */
  append(lines: NewLogLine[]): Promise<LogLine[]>;
  /**
   * Newest first. `before` is a log id (exclusive cursor); `level` one level exactly,
   * `min_level` that level and above; `run_id` one run, `run_id_prefix` the runs whose id
   * starts with it (the short id the dashboard shows).
   */
  list(query: {
    account_id: string;
    limit: number;
    before?: number;
    level?: LogLevel;
    min_level?: LogLevel;
    run_id?: string;
    run_id_prefix?: string;
  }): Promise<LogLine[]>;
  /** Retention: removes lines older than `ts`; returns how many. */
  deleteOlderThan(ts: string): Promise<number>;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface AuditRepository {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first; `before` is an audit id (exclusive cursor). */
  list(query: { account_id: string; limit: number; before?: number; action?: string }): Promise<AuditEntry[]>;
}

export interface SettingsRepository {
  get(accountId: string, key: string): Promise<unknown | null>;
  set(accountId: string, key: string, value: unknown, at: string): Promise<void>;
}

export interface User {
  id: string;
  account_id: string;
  username: string;
  password_hash: string;
  created_at: string;
  updated_at: string;
}

export interface UsersRepository {
  count(): Promise<number>;
  create(user: User): Promise<User>;
  get(id: string): Promise<User | null>;
  findByUsername(username: string): Promise<User | null>;
  /** False when the user does not exist. */
  setPasswordHash(username: string, hash: string, at: string): Promise<boolean>;
}

export interface AuthSession {
  /** SHA-256 of the cookie token: a stolen database does not yield usable cookies. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface AuthSessionsRepository {
  create(session: AuthSession): Promise<void>;
  /** The session if it exists and has not expired at `now`. */
  get(tokenHash: string, now: string): Promise<AuthSession | null>;
  delete(tokenHash: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
  deleteExpired(now: string): Promise<number>;
}

export type TemplateKind = 'today' | 'late';
export interface TemplateSet {
  today: string[];
  late: string[];
}

/** One template set per account and language. */
export interface TemplatesRepository {
  /** Null when the account never stored a set in that language (the caller applies defaults). */
  get(accountId: string, language: MessageLanguage): Promise<TemplateSet | null>;
  /** The sets the account stored, by language. */
  list(accountId: string): Promise<Partial<Record<MessageLanguage, TemplateSet>>>;
  replace(
    accountId: string,
    language: MessageLanguage,
    templates: TemplateSet,
    at: string,
  ): Promise<TemplateSet>;
}

export interface BlacklistEntry {
  id: number;
  account_id: string;
  name: string | null;
  profile_url: string | null;
  reason: string | null;
  created_at: string;
}

export interface BlacklistRepository {
  list(accountId: string): Promise<BlacklistEntry[]>;
  /**
   * Adds an entry; a second one for the same person (same profile URL, else same name, case
   * aside) throws 409 `already_blacklisted` with the existing entry's id, even under races.
   */
  add(entry: Omit<BlacklistEntry, 'id'>): Promise<BlacklistEntry>;
  /** False when no such entry for the account. */
  remove(accountId: string, id: number): Promise<boolean>;
}

export interface AccountsRepository {
  /** Creates the account if missing. */
  ensure(id: string, name: string, at: string): Promise<void>;
  list(): Promise<{ id: string; name: string; created_at: string }[]>;
}

export interface Contact {
  account_id: string;
  /** LinkedIn public id (the `/in/<slug>/` part). */
  slug: string;
  name: string;
  profile_url: string;
  updated_at: string;
  /** The template set their wishes use; null: the account's wish language. */
  language: MessageLanguage | null;
}

/** A contact as a run sees it: its language is the user's to set (`setLanguage`), never a run's. */
export type SeenContact = Omit<Contact, 'language'>;

export interface ContactsRepository {
  /** Creates the contact, or updates its name, link and time (its language stays). */
  upsert(contact: SeenContact): Promise<void>;
  get(accountId: string, slug: string): Promise<Contact | null>;
  /** Gives a known contact a language (null: the account's); null when there is no such contact. */
  setLanguage(
    accountId: string,
    slug: string,
    language: MessageLanguage | null,
    at: string,
  ): Promise<Contact | null>;
}

/** One card of LinkedIn's birthday page as a run read it. */
export interface ListedBirthday {
  slug: string;
  name: string;
  profile_url: string;
  /** 0 today, N days late, null for a belated card that gives no date. */
  days_late: number | null;
}

/** What one birthday run read on the birthday page (all the cards, ignored ones too). */
export interface BirthdayListing {
  run_id: string;
  account_id: string;
  seen_at: string;
  /** The run's local date (settings timezone), from which `days_late` counts. */
  local_date: string;
  contacts: ListedBirthday[];
}

export interface BirthdayListingsRepository {
  /** Records (or replaces) a run's listing. */
  record(listing: BirthdayListing): Promise<void>;
  /** The account's most recently seen listing, or null before any birthday run read the page. */
  latest(accountId: string): Promise<BirthdayListing | null>;
}

export interface BirthdayMessage {
  id: number;
  account_id: string;
  contact_slug: string;
  /** Local date of the birthday being wished (YYYY-MM-DD): with account and contact, the exactly-once key. */
  birthday_date: string;
  run_id: string;
  template: string;
  text: string;
  dry_run: boolean;
  state: 'intent' | 'confirmed';
  created_at: string;
  confirmed_at: string | null;
}

export interface BirthdayMessagesRepository {
  /** Records the intent to send. Null when a message for that key already exists (wished or pending). */
  createIntent(msg: Omit<BirthdayMessage, 'id' | 'state' | 'confirmed_at'>): Promise<BirthdayMessage | null>;
  confirm(id: number, at: string): Promise<void>;
  /** Removes an intent that provably never reached LinkedIn, so it can be retried. */
  discardIntent(id: number): Promise<void>;
  find(accountId: string, contactSlug: string, birthdayDate: string): Promise<BirthdayMessage | null>;
  listUnconfirmed(accountId: string): Promise<BirthdayMessage[]>;
  /**
   * The messages a run recorded (pending or confirmed), oldest first: the texts its outcomes
   * show. `createdFrom`: no earlier than this (the run's queue time), so the account's
   * creation-time index serves the query.
   */
  listForRun(accountId: string, runId: string, createdFrom: string): Promise<BirthdayMessage[]>;
  /**
   * Whether a real (not dry-run) wish to the contact, confirmed or pending, was recorded
   * since `since`: a belated birthday without a date is wished only when none was.
   */
  wishedSince(accountId: string, contactSlug: string, since: string): Promise<boolean>;
  /** Templates used for a contact since `since` (for avoid_repetition_years). */
  templatesUsedSince(accountId: string, contactSlug: string, since: string): Promise<string[]>;
  /** Confirmed, non-dry-run messages created in [from, to): the limits' counter. */
  countSent(accountId: string, from: string, to?: string): Promise<number>;
}

export interface NewProfileVisit {
  account_id: string;
  run_id: string;
  slug: string;
  profile_url: string;
  name: string | null;
  visited_at: string;
}

export interface ProfileVisitsRepository {
  record(visit: NewProfileVisit): Promise<void>;
  visitedSince(accountId: string, slug: string, since: string): Promise<boolean>;
  count(accountId: string, from: string, to?: string): Promise<number>;
}

export interface NewInvitationWithdrawal {
  account_id: string;
  run_id: string;
  name: string;
  profile_url: string | null;
  sent_label: string | null;
  withdrawn_at: string;
}

export interface InvitationWithdrawalsRepository {
  record(withdrawal: NewInvitationWithdrawal): Promise<void>;
  count(accountId: string, from: string, to?: string): Promise<number>;
}

/** A user's acknowledgement of a notice of the dashboard (the risk notice…). */
export interface NoticeAcknowledgement {
  user_id: string;
  /** Which notice (`linkedin_risk`). */
  notice: string;
  acknowledged_at: string;
}

export interface NoticeAcknowledgementsRepository {
  /** When the user acknowledged the notice; null when they have not. */
  acknowledgedAt(userId: string, notice: string): Promise<string | null>;
  /** Records the acknowledgement once (a second one keeps the first time); returns the stored time. */
  acknowledge(userId: string, notice: string, at: string): Promise<string>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly accounts: AccountsRepository;
  readonly users: UsersRepository;
  readonly authSessions: AuthSessionsRepository;
  readonly settings: SettingsRepository;
  readonly runs: RunsRepository;
  readonly outcomes: OutcomesRepository;
  readonly logs: LogsRepository;
  readonly audit: AuditRepository;
  readonly templates: TemplatesRepository;
  readonly blacklist: BlacklistRepository;
  readonly linkedinSessions: LinkedInSessionsRepository;
  readonly exitIps: ExitIpsRepository;
  readonly contacts: ContactsRepository;
  readonly birthdayMessages: BirthdayMessagesRepository;
  readonly birthdayListings: BirthdayListingsRepository;
  readonly profileVisits: ProfileVisitsRepository;
  readonly invitationWithdrawals: InvitationWithdrawalsRepository;
  readonly accountPauses: AccountPausesRepository;
  readonly noticeAcknowledgements: NoticeAcknowledgementsRepository;
  readonly personalData: PersonalDataRepository;
  readonly notifications: NotificationsRepository;
  readonly leases: LeasesRepository;
  /**
   * Runs `fn` in one database transaction: what it writes through `tx` (and only through
   * `tx`: on SQLite the store's own connection waits for the transaction) is committed
   * together, or not at all when it throws. A write and its audit entry go through here.
   * Inside `fn`, `tx.transaction` runs its function in the same transaction.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Cheap round trip for /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** `postgres://…` / `postgresql://…` selects PostgreSQL; anything else is a SQLite file path. */
  databaseUrl: string;
  /** PostgreSQL schema to use (created if missing); tests isolate themselves with it. */
  pgSchema?: string;
  /** SQLite: where a copy of the database goes before pending migrations run (`DATA_DIR/backups`). */
  backupDir?: string;
}
