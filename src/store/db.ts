/**
 * Opens the database behind the store: SQLite (better-sqlite3, one file) or PostgreSQL
 * (a `pg` pool), both wrapped in Kysely, and brings the schema up to date.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type pg from 'pg';
import { backupBeforeMigrating } from './backup.ts';
import type { StoreOptions } from './interfaces.ts';
import { MIGRATIONS, migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
}

export function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

/** Accepts a plain path, `:memory:`, `file:<path>` or `sqlite://<path>`. */
export function sqliteFilePath(url: string): string {
  if (url.startsWith('sqlite://')) return url.slice('sqlite://'.length);
  if (url.startsWith('file:')) return url.slice('file:'.length);
  return url;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Schema names go into DDL and a connection option, so only plain identifiers are allowed. */
function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name: ${JSON.stringify(schema)}`);
  return schema;
}

function openSqlite(url: string): { file: string; database: SqliteDatabase.Database } {
  const file = sqliteFilePath(url);
  if (file !== ':memory:' && file !== '') mkdirSync(dirname(resolve(file)), { recursive: true });
  const database = new SqliteDatabase(file);
  // WAL lets the server read while a run process writes; busy_timeout makes writers from
  // different processes queue instead of failing with SQLITE_BUSY.
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return { file, database };
}

/** `pg` loads only in PostgreSQL mode: a SQLite server does not pay for it in memory. */
async function loadPg(): Promise<typeof pg> {
  return (await import('pg')).default;
}

async function newPool(url: string, schema?: string): Promise<pg.Pool> {
  const { Pool } = await loadPg();
  const pool = new Pool({
    connectionString: url,
    max: 10,
    // Every pooled connection starts with the schema on its search_path, before any query.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection (database restart) must not crash the process:
  // the pool drops it, and the next query or /health ping reports the problem.
  pool.on('error', () => {});
  return pool;
}

async function openPostgres(
  url: string,
  pgSchema?: string,
): Promise<{ db: Kysely<Database>; schema: string }> {
  const schema = pgSchema === undefined ? undefined : checkSchemaName(pgSchema);
  const pool = await newPool(url, schema);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema) await createPgSchema(db, schema);
    const current = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const name = current.rows[0]?.schema;
    if (!name) throw new Error('PostgreSQL has no current schema (check search_path)');
    return { db, schema: name };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

async function createPgSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    // Two processes creating it at once can still collide in the catalog; the schema exists then.
    if (!isPgCode(error, '23505') && !isPgCode(error, '42P06')) throw error;
  }
}

function isPgCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

/** Opens the database and applies pending migrations. */
export async function openDatabase(options: StoreOptions): Promise<OpenDatabase> {
  if (isPostgresUrl(options.databaseUrl)) {
    const { db, schema } = await openPostgres(options.databaseUrl, options.pgSchema);
    await migrateOrClose(db, schema);
    return { db, dialect: 'postgres' };
  }
  const { file, database } = openSqlite(options.databaseUrl);
  try {
    if (options.backupDir) {
      await backupBeforeMigrating(database, file, options.backupDir, Object.keys(MIGRATIONS));
    }
  } catch (error) {
    database.close();
    throw new Error(`Could not back the database up before migrating it: ${String(error)}`, { cause: error });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  await migrateOrClose(db);
  return { db, dialect: 'sqlite' };
}

async function migrateOrClose(db: Kysely<Database>, schema?: string): Promise<void> {
  try {
    await migrateToLatest(db, schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** Drops a PostgreSQL schema and everything in it (test isolation). */
export async function dropPgSchema(databaseUrl: string, schema: string): Promise<void> {
  const { Client } = await loadPg();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${checkSchemaName(schema)}" cascade`);
  } finally {
    await client.end();
  }
}
