import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from './index.ts';
import { MIGRATIONS, migrateToLatest } from './migrate.ts';
import { describeNotificationsContract } from './notifications.contract.ts';
import {
  describeStoreContract,
  expectDeduplicated,
  expectTemplatesDowngradedToWishLanguage,
  expectTemplatesUpgraded,
  insertDuplicates,
  insertOldTemplates,
} from './store.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'lbb-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('sqlite', async () => {
  const store = await createStore({ databaseUrl: join(dir, 'contract.db') });
  return { store, cleanup: () => store.close() };
});

let notificationStores = 0;
describeNotificationsContract('sqlite', async () => {
  const store = await createStore({ databaseUrl: join(dir, `notifications-${++notificationStores}.db`) });
  return { store, cleanup: () => store.close() };
});

describe('sqlite store file', () => {
  it('creates the parent directory, keeps data across re-opens and does not re-run migrations', async () => {
    const file = join(dir, 'nested', 'deeper', 'bot.db');
    const first = await createStore({ databaseUrl: file });
    expect(first.dialect).toBe('sqlite');
    await first.accounts.ensure('default', 'Default', '2025-01-01T00:00:00.000Z');
    await first.settings.set('default', 'settings', { dry_run: true }, '2025-01-01T00:00:00.000Z');
    await first.close();
    await first.close();

    const second = await createStore({ databaseUrl: file });
    expect(await second.accounts.list()).toEqual([
      { id: 'default', name: 'Default', created_at: '2025-01-01T00:00:00.000Z' },
    ]);
    expect(await second.settings.get('default', 'settings')).toEqual({ dry_run: true });
    await second.close();

    const raw = new SqliteDatabase(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    try {
      expect(await migrateToLatest(db)).toEqual([]);
      const applied = await db.introspection.getTables({ withInternalKyselyTables: true });
      expect(applied.map((t) => t.name)).toContain('kysely_migration');
    } finally {
      await db.destroy();
    }
    expect(Object.keys(MIGRATIONS)).toEqual([...Object.keys(MIGRATIONS)].sort());
  });

  it('upgrades a database at 001: a stored LinkedIn session gets an unknown user agent', async () => {
    const file = join(dir, 'upgrade.db');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file) }) });
    try {
      const only001 = { '001_initial': MIGRATIONS['001_initial']! };
      const migrator = new Migrator({ db, provider: { getMigrations: async () => only001 } });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      await sql`insert into linkedin_sessions (account_id, encrypted, status, checked_at, updated_at)
        values ('default', 'v1.x', 'valid', null, '2025-01-01T00:00:00.000Z')`.execute(db);
    } finally {
      await db.destroy();
    }
    const store = await createStore({ databaseUrl: file });
    expect(await store.linkedinSessions.get('default')).toEqual({
      account_id: 'default',
      encrypted: 'v1.x',
      status: 'valid',
      checked_at: null,
      updated_at: '2025-01-01T00:00:00.000Z',
      user_agent: null,
    });
    await store.close();
  });

  it('applies a migration that lands after a later-numbered one was applied (004 after 005)', async () => {
    const file = join(dir, 'unordered.db');
    const later = { '999_later': { up: async () => {} } };
    const { '004_account_pause': _landsLate, ...withoutIt } = MIGRATIONS;
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file) }) });
    try {
      expect(await migrateToLatest(db, undefined, { ...withoutIt, ...later })).toContain('999_later');
      expect(await migrateToLatest(db, undefined, { ...MIGRATIONS, ...later })).toEqual([
        '004_account_pause',
      ]);
      expect(await migrateToLatest(db, undefined, { ...MIGRATIONS, ...later })).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('upgrades a blacklist with duplicates: one entry per person stays, the earliest', async () => {
    const file = join(dir, 'blacklist-dupes.db');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file) }) });
    try {
      const { '006_blacklist_unique': _later, ...before } = MIGRATIONS;
      await migrateToLatest(db, undefined, before);
      await insertDuplicates(db);
    } finally {
      await db.destroy();
    }
    const store = await createStore({ databaseUrl: file });
    await expectDeduplicated(store);
    await store.close();
  });

  it('upgrades one template set per account to sets per language, the wish language following its words', async () => {
    const file = join(dir, 'templates-languages.db');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file) }) });
    try {
      const { '008_template_languages': _later, ...before } = MIGRATIONS;
      await migrateToLatest(db, undefined, before);
      await insertOldTemplates(db);
    } finally {
      await db.destroy();
    }
    const store = await createStore({ databaseUrl: file });
    await expectTemplatesUpgraded(store);
    await store.close();
  });

  it('downgrades sets per language to one set per account: the one in its wish language', async () => {
    const file = join(dir, 'templates-down.db');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file) }) });
    try {
      const { '009_birthday_listings': _later, ...upTo008 } = MIGRATIONS;
      await migrateToLatest(db, undefined, upTo008);
      await expectTemplatesDowngradedToWishLanguage(db);
    } finally {
      await db.destroy();
    }
  });

  it('accepts an in-memory database', async () => {
    const store = await createStore({ databaseUrl: ':memory:' });
    await store.ping();
    expect(await store.users.count()).toBe(0);
    await store.close();
  });
});
