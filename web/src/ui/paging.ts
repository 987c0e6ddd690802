import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { get } from '../api/client.ts';

/**
 * The address of one page of a newest-first list: `path?limit=…`, the filters that are set, and
 * `before` (the id of the last row already shown) for the next page.
 */
export function pageUrl(
  path: string,
  limit: number,
  filters: Record<string, string | undefined> = {},
  before?: string | number,
): string {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (before !== undefined) params.set('before', String(before));
  return `${path}?${params}`;
}

/**
 * A newest-first list read page by page (a react-query infinite query): each answer holds its
 * rows under `key` (`{ runs: [...] }`); a short page is the last one. Gives the query and `rows`,
 * all the pages so far: what `PagedTable` shows.
 */
export function usePagedList<K extends string, T extends { id: string | number }>({
  queryKey,
  path,
  key,
  pageSize,
  filters,
}: {
  queryKey: QueryKey;
  path: string;
  key: K;
  pageSize: number;
  filters?: Record<string, string | undefined>;
}) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) =>
      get<Record<K, T[]>>(pageUrl(path, pageSize, filters, pageParam as T['id'] | undefined)),
    initialPageParam: undefined as T['id'] | undefined,
    getNextPageParam: (last) => (last[key].length < pageSize ? undefined : last[key].at(-1)?.id),
  });
  return { ...query, rows: query.data?.pages.flatMap((page) => page[key]) ?? [] };
}
