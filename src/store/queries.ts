/** Endings of select queries shared by the repositories (each builds and types its own query). */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { toNumber } from './rows.ts';

/** Whether the query matches at least one row (reads one at the most). */
export async function hasRow<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
): Promise<boolean> {
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** How many rows the query matches: COUNT(*), which PostgreSQL returns as a string. */
export async function countRows<DB, TB extends keyof DB>(
  query: SelectQueryBuilder<DB, TB, object>,
): Promise<number> {
  const row = await query
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    // Kysely cannot resolve the selection over generic tables; this is the row it selects.
    .$castTo<{ n: number | string }>()
    .executeTakeFirstOrThrow();
  return toNumber(row.n);
}

/**
 * Runs `fn` in a transaction of its own, or in the store transaction `db` already is
 * (Kysely nests none): a repository's several writes stay atomic either way.
 */
export function atomically<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
