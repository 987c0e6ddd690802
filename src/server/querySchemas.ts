/** Query and path parameters that several routes take alike. */
import { z } from 'zod';

/** A row id (a log line, an audit entry, a blacklist entry): a positive safe integer. */
export const rowId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** How many rows a page holds: 1 to `max`, `fallback` when not given. */
export function pageLimit(max: number, fallback: number) {
  return z.coerce.number().int().min(1).max(max).default(fallback);
}

/** The cursor of a page of rows newest first: only rows older than this id. */
export function beforeRowId(description: string) {
  return rowId.optional().describe(description);
}
