import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from './index.ts';
import { MIGRATIONS, migrateToLatest } from './migrate.ts';
import { describeStoreContract } from './store.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'lbb-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('sqlite', async () => {
  const store = await createStore({ databaseUrl: join(dir, 'contract.db') });
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

  it('accepts an in-memory database', async () => {
    const store = await createStore({ databaseUrl: ':memory:' });
    await store.ping();
    expect(await store.users.count()).toBe(0);
    await store.close();
  });
});
