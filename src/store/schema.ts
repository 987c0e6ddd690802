/**
 * Kysely table types. Conventions shared by both engines: times are ISO-8601 UTC TEXT,
 * booleans are INTEGER 0/1, JSON is TEXT. PostgreSQL returns BIGINT ids and aggregates
 * as strings, hence `number | string` where that can happen (mappers apply Number()).
 * A table whose row is a domain or port type is derived from it, with only the columns
 * stored differently (ids, flags, JSON) restated.
 */
import type { ColumnType, Generated } from 'kysely';
import type { AccountPause, AuditEntry, LogLine, RunOutcome, RunStatus, RunTrigger } from '../domain.ts';
import type {
  AuthSession,
  BirthdayMessage,
  BlacklistEntry,
  Contact,
  ExitIp,
  NewInvitationWithdrawal,
  NewProfileVisit,
  NoticeAcknowledgement,
  StoredLinkedInSession,
  User,
} from './interfaces.ts';
import type {
  NotificationChannel,
  NotificationDelivery,
  NotificationEventRecord,
} from './notificationInterfaces.ts';

/** Autoincrement id: INTEGER on SQLite, BIGINT identity on PostgreSQL (read back as a string). */
export type AutoId = Generated<number | string>;
/** 0/1 flag. */
export type Flag = number;

export interface AccountsTable {
  id: string;
  name: string;
  created_at: string;
}

export type UsersTable = User;

export interface AuthSessionsTable extends AuthSession {
  account_id: string;
}

export interface SettingsTable {
  account_id: string;
  key: string;
  /** JSON text. */
  value: string;
  updated_at: string;
}

export interface RunsTable {
  id: string;
  account_id: string;
  type: string;
  status: RunStatus;
  trigger: RunTrigger;
  dry_run: Flag;
  /** JSON object text. */
  options: string;
  queued_at: string;
  started_at: string | null;
  ended_at: string | null;
  /** COALESCE(started_at, queued_at), materialised so history/stats queries can use an index. */
  activity_at: string;
  /** JSON `{code,message}` text or null. */
  error: string | null;
  stopped_by: string | null;
  /** JSON object text. */
  progress: string;
  heartbeat_at: string | null;
  schedule_date: string | null;
  pid: number | null;
  host: string | null;
  messages_sent: ColumnType<number, number | undefined, number>;
  skipped: ColumnType<number, number | undefined, number>;
  errors: ColumnType<number, number | undefined, number>;
  profiles_visited: ColumnType<number, number | undefined, number>;
  invitations_withdrawn: ColumnType<number, number | undefined, number>;
}

export interface RunOutcomesTable extends Omit<RunOutcome, 'id'> {
  id: AutoId;
}

/** `language` was added by 008_template_languages (any text there is read as no language). */
export interface ContactsTable extends Omit<Contact, 'language'> {
  language: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BirthdayMessagesTable extends Omit<BirthdayMessage, 'id' | 'dry_run'> {
  id: AutoId;
  dry_run: Flag;
}

export interface BirthdayListingsTable {
  run_id: string;
  account_id: string;
  seen_at: string;
  local_date: string;
  /** JSON array of `ListedBirthday`. */
  contacts: string;
}

export interface ProfileVisitsTable extends NewProfileVisit {
  id: AutoId;
}

export interface InvitationWithdrawalsTable extends NewInvitationWithdrawal {
  id: AutoId;
}

export interface LogsTable extends Omit<LogLine, 'id' | 'params'> {
  id: AutoId;
  /** JSON object text or null. */
  params: string | null;
}

export interface AuditLogTable extends Omit<AuditEntry, 'id' | 'details'> {
  id: AutoId;
  /** JSON object text or null. */
  details: string | null;
}

export interface BlacklistTable extends Omit<BlacklistEntry, 'id'> {
  id: AutoId;
  /** `url:<profile url>` or `name:<name>`, lower case: unique per account (one entry per person). */
  unique_key: string | null;
}

/** One row per account: its presence tells "never stored" apart from "stored empty lists". */
/** One set per account and language since 008_template_languages. */
export interface TemplatesTable {
  account_id: string;
  language: string;
  /** JSON string[] text. */
  today: string;
  /** JSON string[] text. */
  late: string;
  updated_at: string;
}

/** `user_agent` was added by 002_linkedin_session_user_agent, `browser_identity` by 003_browser_identity. */
export interface LinkedInSessionsTable extends StoredLinkedInSession {
  /** JSON text, null until the account's first browser starts. */
  browser_identity: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Added by 005_network_exit_ip. */
export type ExitIpsTable = ExitIp;

/** Added by 004_account_pause: one row per paused account. */
export type AccountPausesTable = AccountPause;

/** Added by 004_account_pause. */
export type NoticeAcknowledgementsTable = NoticeAcknowledgement;

/** Added by 010_notifications: JSON as TEXT, `enabled` as a flag. */
export interface NotificationChannelsTable
  extends Omit<NotificationChannel, 'enabled' | 'events' | 'account_ids' | 'config'> {
  enabled: Flag;
  events: string;
  account_ids: string | null;
  config: string;
}

export interface NotificationEventsTable extends Omit<NotificationEventRecord, 'data'> {
  data: string;
}

export interface NotificationDeliveriesTable extends Omit<NotificationDelivery, 'data' | 'attempts'> {
  data: string;
  attempts: ColumnType<number, number | undefined, number>;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: string;
}

export interface Database {
  accounts: AccountsTable;
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  settings: SettingsTable;
  runs: RunsTable;
  run_outcomes: RunOutcomesTable;
  contacts: ContactsTable;
  birthday_messages: BirthdayMessagesTable;
  birthday_listings: BirthdayListingsTable;
  profile_visits: ProfileVisitsTable;
  invitation_withdrawals: InvitationWithdrawalsTable;
  logs: LogsTable;
  audit_log: AuditLogTable;
  blacklist: BlacklistTable;
  templates: TemplatesTable;
  linkedin_sessions: LinkedInSessionsTable;
  exit_ips: ExitIpsTable;
  account_pauses: AccountPausesTable;
  notice_acknowledgements: NoticeAcknowledgementsTable;
  notification_channels: NotificationChannelsTable;
  notification_events: NotificationEventsTable;
  notification_deliveries: NotificationDeliveriesTable;
  leases: LeasesTable;
}
