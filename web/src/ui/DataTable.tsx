import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Card } from './Card.tsx';
import { QueryFallback } from './feedback.tsx';
import { buttonClass, mutedText, tdClass, thClass } from './styles.ts';

/** Table wrapper: scrolls sideways on narrow screens instead of overflowing the page. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section aria-label={label} tabIndex={0} className="-mx-4 overflow-x-auto px-4 md:mx-0 md:px-0">
      {children}
    </section>
  );
}

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Numbers: right-aligned, tabular figures. */
  numeric?: boolean;
  /** More classes of the column's cells (`whitespace-nowrap`, `break-all`…). */
  className?: string;
}

/** What "load more" needs: a react-query infinite query fits as is. */
export interface Pager {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** A labelled table of rows, one `<td>` per column; with a pager, a "load more" button below. */
export function DataTable<T>({
  label,
  rows,
  columns,
  rowKey,
  minWidth = 'min-w-[720px]',
  rowClassName,
  caption = false,
}: {
  label: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  /** Below this width the table scrolls sideways (a Tailwind class). */
  minWidth?: string;
  rowClassName?: string;
  /** A caption for screen readers (the label). */
  caption?: boolean;
}) {
  const align = (c: Column<T>) => (c.numeric ? 'text-right' : '');
  return (
    <TableScroll label={label}>
      <table className={`w-full ${minWidth} border-collapse`}>
        {caption && <caption className="sr-only">{label}</caption>}
        <thead>
          <tr>
            {columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
              <th key={i} scope="col" className={`${thClass} ${align(c)}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName}>
              {columns.map((c, i) => (
                <td
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
                  key={i}
                  className={`${tdClass} ${c.numeric ? 'text-right tabular-nums' : ''} ${c.className ?? ''}`}
                >
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The "load more" button of a paged list; nothing when there is no next page. */
export function LoadMore({
  pager,
  label,
  className = buttonClass.secondary,
}: {
  pager: Pager;
  label?: string;
  className?: string;
}) {
  const { t } = useI18n();
  if (!pager.hasNextPage) return null;
  return (
    <button
      type="button"
      className={className}
      onClick={() => void pager.fetchNextPage()}
      disabled={pager.isFetchingNextPage}
    >
      {pager.isFetchingNextPage ? t('common.loading') : (label ?? t('pages.loadMore'))}
    </button>
  );
}

/**
 * A paged list (`usePagedList`) as a table in a card, captioned by its label and keyed by id:
 * loading, its error, an empty text, the rows and "load more".
 */
export function PagedTable<T extends { id: string | number }>({
  list,
  empty,
  ...table
}: {
  list: Pager & { isPending: boolean; isError: boolean; error: unknown; rows: T[] };
  empty: string;
} & Omit<Parameters<typeof DataTable<T>>[0], 'rows' | 'rowKey' | 'caption'>) {
  return (
    <>
      {list.isPending || list.isError ? (
        <QueryFallback query={list} />
      ) : list.rows.length === 0 ? (
        <p className={mutedText}>{empty}</p>
      ) : (
        <Card>
          <DataTable {...table} rows={list.rows} rowKey={(row) => row.id} caption />
        </Card>
      )}
      <LoadMore pager={list} />
    </>
  );
}
