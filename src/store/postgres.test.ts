import { randomBytes } from 'node:crypto';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore, dropPgSchema } from './index.ts';
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

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const uniqueSchema = (label: string) => `lbb_test_${process.pid}_${label}_${randomBytes(4).toString('hex')}`;

describeStoreContract('postgres', async () => {
  const schema = uniqueSchema('contract');
  const store = await createStore({ databaseUrl: url, pgSchema: schema });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await dropPgSchema(url, schema);
    },
  };
});

describeNotificationsContract('postgres', async () => {
  const schema = uniqueSchema('notify');
  const store = await createStore({ databaseUrl: url, pgSchema: schema });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await dropPgSchema(url, schema);
    },
  };
});

describe('postgres store schema', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropPgSchema(url, schema);
  });

  it('isolates schemas, keeps data across re-opens and does not re-run migrations', async () => {
    const [a, b] = [uniqueSchema('a'), uniqueSchema('b')];
    schemas.push(a, b);
    const first = await createStore({ databaseUrl: url, pgSchema: a });
    expect(first.dialect).toBe('postgres');
    await first.accounts.ensure('default', 'Default', '2025-01-01T00:00:00.000Z');
    await first.close();

    const other = await createStore({ databaseUrl: url, pgSchema: b });
    expect(await other.accounts.list()).toEqual([]);
    await other.close();

    const again = await createStore({ databaseUrl: url, pgSchema: a });
    expect(await again.accounts.list()).toEqual([
      { id: 'default', name: 'Default', created_at: '2025-01-01T00:00:00.000Z' },
    ]);
    await again.close();

    const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${a}`, max: 1 });
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    try {
      expect(await migrateToLatest(db, a)).toEqual([]);
      const tables = await db.introspection.getTables();
      expect(tables.filter((t) => t.schema === a).map((t) => t.name)).toContain('runs');
    } finally {
      await db.destroy();
    }
  });

  it('upgrades a schema at 001: a stored LinkedIn session gets an unknown user agent', async () => {
    const schema = uniqueSchema('upgrade');
    schemas.push(schema);
    const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 1 });
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    try {
      await sql`create schema ${sql.id(schema)}`.execute(db);
      const only001 = { '001_initial': MIGRATIONS['001_initial']! };
      const migrator = new Migrator({
        db,
        provider: { getMigrations: async () => only001 },
        migrationTableSchema: schema,
      });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      await sql`insert into linkedin_sessions (account_id, encrypted, status, checked_at, updated_at)
        values ('default', 'v1.x', 'valid', null, '2025-01-01T00:00:00.000Z')`.execute(db);
    } finally {
      await db.destroy();
    }
    const store = await createStore({ databaseUrl: url, pgSchema: schema });
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

  it('upgrades a blacklist with duplicates: one entry per person stays, the earliest', async () => {
    const schema = uniqueSchema('dupes');
    schemas.push(schema);
    const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 1 });
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    try {
      await sql`create schema ${sql.id(schema)}`.execute(db);
      const { '006_blacklist_unique': _later, ...before } = MIGRATIONS;
      await migrateToLatest(db, schema, before);
      await insertDuplicates(db);
    } finally {
      await db.destroy();
    }
    const store = await createStore({ databaseUrl: url, pgSchema: schema });
    await expectDeduplicated(store);
    await store.close();
  });

  it('upgrades one template set per account to sets per language, the wish language following its words', async () => {
    const schema = uniqueSchema('langs');
    schemas.push(schema);
    const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 1 });
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    try {
      await sql`create schema ${sql.id(schema)}`.execute(db);
      const { '008_template_languages': _later, ...before } = MIGRATIONS;
      await migrateToLatest(db, schema, before);
      await insertOldTemplates(db);
    } finally {
      await db.destroy();
    }
    const store = await createStore({ databaseUrl: url, pgSchema: schema });
    await expectTemplatesUpgraded(store);
    await store.close();
  });

  it('downgrades sets per language to one set per account: the one in its wish language', async () => {
    const schema = uniqueSchema('langsdown');
    schemas.push(schema);
    const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 1 });
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    try {
      await sql`create schema ${sql.id(schema)}`.execute(db);
      const { '009_birthday_listings': _later, ...upTo008 } = MIGRATIONS;
      await migrateToLatest(db, schema, upTo008);
      await expectTemplatesDowngradedToWishLanguage(db);
    } finally {
      await db.destroy();
    }
  });

  it('rejects schema names that are not plain identifiers', async () => {
    await expect(createStore({ databaseUrl: url, pgSchema: 'bad"; drop schema public; --' })).rejects.toThrow(
      /Invalid PostgreSQL schema name/,
    );
  });
});
