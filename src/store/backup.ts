/**
 * A copy of a SQLite database before its schema changes: SQLite's online backup (a
 * consistent copy even while another process writes) into a backups folder, the last few
 * kept. Rolling back = stopping, copying a backup over the database file, starting the
 * previous version (README, operations).
 */
import { chmodSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type SqliteDatabase from 'better-sqlite3';

/** How many backups of one database are kept (older ones are removed after a new one). */
export const BACKUPS_KEPT = 3;

/** Kysely's bookkeeping table: one row per applied migration. */
const MIGRATION_TABLE = 'kysely_migration';

/** `2026-12-01T210005Z`: sorts like time, and is valid in every file system's names. */
function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function appliedMigrations(database: SqliteDatabase.Database): string[] {
  const table = database
    .prepare('select name from sqlite_master where type = ? and name = ?')
    .get('table', MIGRATION_TABLE);
  if (!table) return [];
  const rows = database.prepare(`select name from ${MIGRATION_TABLE}`).all() as { name: string }[];
  return rows.map((r) => r.name);
}

/** `v004` from the highest applied migration (`004_account_pause`). */
function schemaVersion(applied: string[]): string {
  const numbers = applied.map((name) => Number.parseInt(name, 10)).filter(Number.isFinite);
  return `v${String(Math.max(0, ...numbers)).padStart(3, '0')}`;
}

/**
 * Backs `database` (opened from `file`) up into `backupDir` when some of `migrations` are
 * not applied yet. Nothing for a brand-new database (nothing to lose), an up-to-date one,
 * or `:memory:`. Returns the backup's path, or null when none was needed.
 */
export async function backupBeforeMigrating(
  database: SqliteDatabase.Database,
  file: string,
  backupDir: string,
  migrations: readonly string[],
  now: Date = new Date(),
): Promise<string | null> {
  if (file === '' || file === ':memory:') return null;
  const applied = appliedMigrations(database);
  if (applied.length === 0) return null;
  const done = new Set(applied);
  if (migrations.every((name) => done.has(name))) return null;

  mkdirSync(backupDir, { recursive: true, mode: 0o700 });
  const prefix = `${basename(file, extname(file))}-${schemaVersion(applied)}-${stamp(now)}`;
  const existing = new Set(readdirSync(backupDir));
  let name = `${prefix}.sqlite`;
  for (let n = 2; existing.has(name); n++) name = `${prefix}-${n}.sqlite`;
  const target = join(backupDir, name);
  await database.backup(target);
  // The copy holds the same personal data as the database.
  chmodSync(target, 0o600);
  pruneBackups(backupDir, basename(file, extname(file)));
  return target;
}

const BACKUP_NAME = /^(.+)-v\d+-(\d{4}-\d{2}-\d{2}T\d{6}Z)(?:-(\d+))?\.sqlite$/;

/** Keeps the newest BACKUPS_KEPT backups of the database named `base` (by their time stamp). */
export function pruneBackups(backupDir: string, base: string): void {
  const backups = readdirSync(backupDir)
    .map((name) => ({ name, match: BACKUP_NAME.exec(name) }))
    .filter((b) => b.match?.[1] === base)
    .map((b) => ({ name: b.name, key: `${b.match?.[2]}-${(b.match?.[3] ?? '1').padStart(6, '0')}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const old of backups.slice(0, -BACKUPS_KEPT)) rmSync(join(backupDir, old.name), { force: true });
}
