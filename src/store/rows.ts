/** Small conversions between stored rows and domain values, shared by the repositories. */

/** Booleans are stored as INTEGER 0/1 on both engines. */
export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (value: number | string): boolean => Number(value) !== 0;

/** PostgreSQL returns BIGINT and aggregates as strings; SUM over no rows is null. */
export const toNumber = (value: number | string | bigint | null | undefined): number =>
  value === null || value === undefined ? 0 : Number(value);

/** A row with its autoincrement id (BIGINT, a string on PostgreSQL) as a number. */
export function withNumericId<R extends { id: number | string }>(row: R): Omit<R, 'id'> & { id: number } {
  return { ...row, id: Number(row.id) };
}

export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function parseJsonOrNull<T>(text: string | null): T | null {
  return text === null ? null : parseJson<T>(text);
}
