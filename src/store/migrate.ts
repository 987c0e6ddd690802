/**
 * Runs the numbered migrations. The list is static (no directory scan) so the same code
 * works from `src/` under tsx/vitest and from the compiled `dist/`.
 */
import {
  type DatabaseIntrospector,
  type Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  sql,
} from 'kysely';
import * as m001 from './migrations/001_initial.ts';
import * as m002 from './migrations/002_linkedin_session_user_agent.ts';
import * as m003 from './migrations/003_browser_identity.ts';
import * as m004 from './migrations/004_account_pause.ts';
import * as m005 from './migrations/005_network_exit_ip.ts';
import * as m006 from './migrations/006_blacklist_unique.ts';
import * as m007 from './migrations/007_log_codes.ts';
import * as m008 from './migrations/008_template_languages.ts';
import * as m009 from './migrations/009_birthday_listings.ts';
import * as m010 from './migrations/010_notifications.ts';

/** In order; names sort lexically, which is the order Kysely applies them in. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001_initial': m001,
  '002_linkedin_session_user_agent': m002,
  '003_browser_identity': m003,
  '004_account_pause': m004,
  '005_network_exit_ip': m005,
  '006_blacklist_unique': m006,
  '007_log_codes': m007,
  '008_template_languages': m008,
  '009_birthday_listings': m009,
  '010_notifications': m010,
};

/**
 * Applies pending migrations. `schema` is where Kysely keeps its bookkeeping tables on
 * PostgreSQL (the connection's current schema), so other schemas' tables never confuse it.
 * Returns the names of the migrations applied by this call.
 *
 * Numbers are taken by parallel branches, so a database can have a later migration before
 * an earlier one lands (005 applied, then 004 arrives): a missing earlier one is applied
 * then, rather than refused. Each migration stands alone (its own tables or columns).
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  schema?: string,
  migrations: Readonly<Record<string, Migration>> = MIGRATIONS,
): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => ({ ...migrations }) };
  const migrator = new Migrator({
    db: schema ? withIntrospectionOf(db, schema) : db,
    provider,
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Database migration ${failed ? `"${failed}" ` : ''}failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * The migrator asks whether its schema and tables exist through Kysely's introspection,
 * which on PostgreSQL reads every schema of the database and fails ("schema … does not
 * exist") when another one is dropped meanwhile (another install, a test). It only needs
 * its own schema: this `db` answers for that one.
 */
function withIntrospectionOf<DB>(db: Kysely<DB>, schema: string): Kysely<DB> {
  const introspection: DatabaseIntrospector = {
    getSchemas: async () =>
      (
        await sql<{
          name: string;
        }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db)
      ).rows,
    getTables: async () =>
      (
        await sql<{ name: string; type: string }>`select table_name as name, table_type as type
          from information_schema.tables where table_schema = ${schema}`.execute(db)
      ).rows.map((row) => ({ name: row.name, schema, isView: row.type === 'VIEW', columns: [] })),
    getMetadata: async () => ({ tables: await introspection.getTables() }),
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value = Reflect.get(target, prop, target);
      // Kysely's methods read private fields: they run on the real instance.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
