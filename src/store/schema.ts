/**
 * Kysely table types. Conventions shared by both engines: times are ISO-8601 UTC TEXT,
 * booleans are INTEGER 0/1, JSON is TEXT. PostgreSQL returns BIGINT ids and aggregates
 * as strings, hence `number | string` where that can happen (mappers apply Number()).
 */
import type { ColumnType, Generated } from 'kysely';
import type { Actor, LogLevel, OutcomeStatus, RunStatus, RunTrigger } from '../domain.ts';
import type { BirthdayMessage, StoredLinkedInSession } from './interfaces.ts';

/** Autoincrement id: INTEGER on SQLite, BIGINT identity on PostgreSQL (read back as a string). */
export type AutoId = Generated<number | string>;
/** 0/1 flag. */
export type Flag = number;

export interface AccountsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  account_id: string;
  username: string;
  password_hash: string;
  created_at: string;
  updated_at: string;
}

export interface AuthSessionsTable {
  token_hash: string;
  account_id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
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

export interface RunOutcomesTable {
  id: AutoId;
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

export interface ContactsTable {
  account_id: string;
  slug: string;
  name: string;
  profile_url: string;
  updated_at: string;
}

export interface BirthdayMessagesTable {
  id: AutoId;
  account_id: string;
  contact_slug: string;
  birthday_date: string;
  run_id: string;
  template: string;
  text: string;
  dry_run: Flag;
  state: BirthdayMessage['state'];
  created_at: string;
  confirmed_at: string | null;
}

export interface ProfileVisitsTable {
  id: AutoId;
  account_id: string;
  run_id: string;
  slug: string;
  profile_url: string;
  name: string | null;
  visited_at: string;
}

export interface InvitationWithdrawalsTable {
  id: AutoId;
  account_id: string;
  run_id: string;
  name: string;
  profile_url: string | null;
  sent_label: string | null;
  withdrawn_at: string;
}

export interface LogsTable {
  id: AutoId;
  account_id: string;
  ts: string;
  level: LogLevel;
  run_id: string | null;
  message: string;
}

export interface AuditLogTable {
  id: AutoId;
  account_id: string;
  ts: string;
  actor_type: Actor['type'];
  actor_id: string;
  action: string;
  target: string | null;
  /** JSON object text or null. */
  details: string | null;
}

export interface BlacklistTable {
  id: AutoId;
  account_id: string;
  name: string | null;
  profile_url: string | null;
  reason: string | null;
  created_at: string;
}

/** One row per account: its presence tells "never stored" apart from "stored empty lists". */
export interface TemplatesTable {
  account_id: string;
  /** JSON string[] text. */
  today: string;
  /** JSON string[] text. */
  late: string;
  updated_at: string;
}

export interface LinkedInSessionsTable {
  account_id: string;
  encrypted: string;
  status: StoredLinkedInSession['status'];
  checked_at: string | null;
  updated_at: string;
  /** Added by 002_linkedin_session_user_agent. */
  user_agent: string | null;
  /** Added by 003_browser_identity: JSON text, null until the first browser starts. */
  browser_identity: ColumnType<string | null, string | null | undefined, string | null>;
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
  profile_visits: ProfileVisitsTable;
  invitation_withdrawals: InvitationWithdrawalsTable;
  logs: LogsTable;
  audit_log: AuditLogTable;
  blacklist: BlacklistTable;
  templates: TemplatesTable;
  linkedin_sessions: LinkedInSessionsTable;
}
