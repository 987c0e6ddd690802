/**
 * Initial schema. Written once for both engines; the only dialect-specific part is the
 * autoincrement id. Migrations are frozen history: never edit one that has shipped,
 * add the next number instead.
 */
import { type CreateTableBuilder, type Kysely, SqliteAdapter, sql } from 'kysely';

function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** A table starting with an autoincrement `id` primary key on either engine. */
function tableWithAutoId<T extends string>(db: Kysely<unknown>, name: T): CreateTableBuilder<T, 'id'> {
  const table = db.schema.createTable(name);
  return isSqlite(db)
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('auth_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_sessions_user').on('auth_sessions').column('user_id').execute();
  await db.schema.createIndex('auth_sessions_expires').on('auth_sessions').column('expires_at').execute();

  await db.schema
    .createTable('settings')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('settings_pk', ['account_id', 'key'])
    .execute();

  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('activity_at', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('stopped_by', 'text')
    .addColumn('progress', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('heartbeat_at', 'text')
    .addColumn('schedule_date', 'text')
    .addColumn('pid', 'integer')
    .addColumn('host', 'text')
    .addColumn('messages_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('profiles_visited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invitations_withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The single run slot per account: of two concurrent inserts, exactly one survives.
  await db.schema
    .createIndex('runs_one_active_per_account')
    .on('runs')
    .column('account_id')
    .unique()
    .where(sql<boolean>`status in ('queued', 'running', 'stopping')`)
    .execute();
  await db.schema
    .createIndex('runs_account_queued')
    .on('runs')
    .columns(['account_id', 'queued_at'])
    .execute();
  await db.schema
    .createIndex('runs_account_activity')
    .on('runs')
    .columns(['account_id', 'activity_at'])
    .execute();
  await db.schema
    .createIndex('runs_account_schedule_date')
    .on('runs')
    .columns(['account_id', 'schedule_date'])
    .execute();
  await db.schema.createIndex('runs_status').on('runs').column('status').execute();

  await tableWithAutoId(db, 'run_outcomes')
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('profile_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('error_code', 'text')
    .addColumn('screenshot', 'text')
    .execute();
  await db.schema.createIndex('run_outcomes_run').on('run_outcomes').columns(['run_id', 'id']).execute();

  await db.schema
    .createTable('contacts')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('profile_url', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contacts_pk', ['account_id', 'slug'])
    .execute();

  // No foreign key to runs: this ledger is what prevents double wishes and must outlive runs.
  await tableWithAutoId(db, 'birthday_messages')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('contact_slug', 'text', (c) => c.notNull())
    .addColumn('birthday_date', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addUniqueConstraint('birthday_messages_once', ['account_id', 'contact_slug', 'birthday_date'])
    .execute();
  await db.schema
    .createIndex('birthday_messages_account_created')
    .on('birthday_messages')
    .columns(['account_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('birthday_messages_account_state')
    .on('birthday_messages')
    .columns(['account_id', 'state'])
    .execute();

  await tableWithAutoId(db, 'profile_visits')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('profile_url', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('profile_visits_account_slug')
    .on('profile_visits')
    .columns(['account_id', 'slug', 'visited_at'])
    .execute();
  await db.schema
    .createIndex('profile_visits_account_time')
    .on('profile_visits')
    .columns(['account_id', 'visited_at'])
    .execute();

  await tableWithAutoId(db, 'invitation_withdrawals')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('profile_url', 'text')
    .addColumn('sent_label', 'text')
    .addColumn('withdrawn_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invitation_withdrawals_account_time')
    .on('invitation_withdrawals')
    .columns(['account_id', 'withdrawn_at'])
    .execute();

  await tableWithAutoId(db, 'logs')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('logs_account_id').on('logs').columns(['account_id', 'id']).execute();
  await db.schema.createIndex('logs_ts').on('logs').column('ts').execute();
  await db.schema.createIndex('logs_run').on('logs').columns(['run_id', 'id']).execute();

  await tableWithAutoId(db, 'audit_log')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('audit_log_account_id').on('audit_log').columns(['account_id', 'id']).execute();

  await tableWithAutoId(db, 'blacklist')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('profile_url', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('blacklist_account').on('blacklist').columns(['account_id', 'id']).execute();

  await db.schema
    .createTable('templates')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('today', 'text', (c) => c.notNull())
    .addColumn('late', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('linkedin_sessions')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('encrypted', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'linkedin_sessions',
    'templates',
    'blacklist',
    'audit_log',
    'logs',
    'invitation_withdrawals',
    'profile_visits',
    'birthday_messages',
    'contacts',
    'run_outcomes',
    'runs',
    'settings',
    'auth_sessions',
    'users',
    'accounts',
  ];
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
}
