import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from './index.ts';
import { MIGRATIONS, migrateToLatest } from './migrate.ts';

const dir = mkdtempSync(join(tmpdir(), 'lbb-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OLDER = Object.fromEntries(Object.entries(MIGRATIONS).slice(0, -1));
const OLDER_VERSION = Object.keys(OLDER).at(-1) ?? '';
const LATEST = Object.keys(MIGRATIONS).at(-1) ?? '';

/** A database file left by the previous version: every migration but the last applied. */
async function olderDatabase(name: string): Promise<string> {
  const file = join(dir, name);
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file) }) });
  await migrateToLatest(db, undefined, OLDER);
  await db.destroy();
  return file;
}

function appliedIn(file: string): string[] {
  const raw = new SqliteDatabase(file, { readonly: true });
  try {
    return (raw.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
      (r) => r.name,
    );
  } finally {
    raw.close();
  }
}

describe('backup before migrating a SQLite database', () => {
  it('copies a database at an older schema into the backups folder before migrating it', async () => {
    const file = await olderDatabase('older.sqlite');
    const backupDir = join(dir, 'backups-1');
    const store = await createStore({ databaseUrl: file, backupDir });
    await store.close();

    const backups = readdirSync(backupDir);
    const version = `v${OLDER_VERSION.slice(0, 3)}`;
    expect(backups).toEqual([
      expect.stringMatching(new RegExp(`^older-${version}-\\d{4}-\\d\\d-\\d\\dT\\d{6}Z\\.sqlite$`)),
    ]);
    // The backup opens, and is the database as it was: the old schema version.
    expect(appliedIn(join(backupDir, backups[0] ?? ''))).toEqual(Object.keys(OLDER));
    expect(appliedIn(file)).toContain(LATEST);
  });

  it('keeps the last 3 backups: a 4th removes the oldest', async () => {
    const file = await olderDatabase('rotated.sqlite');
    const backupDir = join(dir, 'backups-2');
    mkdirSync(backupDir);
    const earlier = [
      'rotated-v002-2026-01-01T000000Z.sqlite',
      'rotated-v003-2026-02-01T000000Z.sqlite',
      'rotated-v003-2026-03-01T000000Z.sqlite',
    ];
    for (const name of earlier) writeFileSync(join(backupDir, name), '');
    // Another database's backups in the same folder are not counted with these.
    writeFileSync(join(backupDir, 'other-v001-2020-01-01T000000Z.sqlite'), '');

    const store = await createStore({ databaseUrl: file, backupDir });
    await store.close();

    const kept = readdirSync(backupDir).sort();
    expect(kept).toHaveLength(4);
    expect(kept).not.toContain(earlier[0]);
    expect(kept).toContain(earlier[1]);
    expect(kept).toContain(earlier[2]);
    expect(kept).toContain('other-v001-2020-01-01T000000Z.sqlite');
  });

  it('makes no backup of an up-to-date database, a brand-new one or :memory:', async () => {
    const backupDir = join(dir, 'backups-3');
    const file = join(dir, 'fresh.sqlite');
    const created = await createStore({ databaseUrl: file, backupDir });
    await created.close();
    const reopened = await createStore({ databaseUrl: file, backupDir });
    await reopened.close();
    const memory = await createStore({ databaseUrl: ':memory:', backupDir });
    await memory.close();
    expect(() => readdirSync(backupDir)).toThrow(/ENOENT/);
  });
});
