import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Card } from './Card.tsx';
import { QueryFallback } from './feedback.tsx';
import { ScrollArea } from './scrollHint.tsx';
import { buttonClass, mutedText, tdClass, thClass } from './styles.ts';

/** Table wrapper: scrolls sideways inside itself (with a visible hint when cut), never the page. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return <ScrollArea label={label}>{children}</ScrollArea>;
}

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Numbers: right-aligned, tabular figures. */
  numeric?: boolean;
  /** More classes of the column's cells (`whitespace-nowrap`, `break-all`…). */
  className?: string;
  /** The cell's label on a narrow screen's card; by default the header, when it is text. */
  cardLabel?: string;
  /** On a narrow screen's card: the row's title, first and without a label. */
  primary?: boolean;
  /** On a narrow screen's card: the value under its label, full width (long or structured values). */
  cardStacked?: boolean;
}

/** What "load more" needs: a react-query infinite query fits as is. */
export interface Pager {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/*
 * Below `md` (768 px) each row is a card of "label: value" lines (the labels are drawn by CSS
 * from `data-label`, so the text is not repeated in the document); from `md` on, a table that
 * scrolls sideways inside its own box. Explicit roles keep the table's semantics whatever the
 * display.
 */
const CARD_TABLE = 'block max-md:min-w-0! md:table';
const CARD_ROW =
  'mb-3 flex flex-col rounded-md border border-slate-200 p-3 last:mb-0 md:mb-0 md:table-row md:rounded-none md:border-0 md:p-0 dark:border-slate-700';
const CARD_CELL =
  'max-md:flex max-md:items-baseline max-md:justify-between max-md:gap-3 max-md:border-0 max-md:px-0 max-md:py-1 max-md:before:shrink-0 max-md:before:text-xs max-md:before:font-semibold max-md:before:text-slate-600 max-md:before:content-[attr(data-label)] dark:max-md:before:text-slate-400';
const CARD_PRIMARY = 'max-md:justify-start max-md:font-medium max-md:before:hidden';
const CARD_STACKED = 'max-md:flex-col max-md:items-stretch max-md:gap-1';

/** A labelled table of rows, one `<td>` per column; cards on narrow screens. */
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
  /** From `md` on, below this width the table scrolls sideways (a Tailwind class). */
  minWidth?: string;
  rowClassName?: string;
  /** A caption for screen readers (the label). */
  caption?: boolean;
}) {
  const align = (c: Column<T>) => (c.numeric ? 'md:text-right' : '');
  const labelOf = (c: Column<T>) => c.cardLabel ?? (typeof c.header === 'string' ? c.header : undefined);
  // The primary column comes first on a card (CSS order would not move it for screen readers).
  const primary = columns.findIndex((c) => c.primary);
  return (
    <TableScroll label={label}>
      {/* biome-ignore lint/a11y/noRedundantRoles: kept when the display turns the table into cards */}
      <table role="table" className={`w-full ${minWidth} ${CARD_TABLE} border-collapse`}>
        {caption && <caption className="sr-only">{label}</caption>}
        <thead className="sr-only md:not-sr-only md:table-header-group">
          {/* biome-ignore lint/a11y/noRedundantRoles: see the table */}
          <tr role="row">
            {columns.map((c, i) => (
              // biome-ignore lint/a11y/noRedundantRoles: see the table
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
              <th key={i} role="columnheader" scope="col" className={`${thClass} ${align(c)}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block md:table-row-group">
          {rows.map((row) => (
            // biome-ignore lint/a11y/noRedundantRoles: see the table
            <tr key={rowKey(row)} role="row" className={`${CARD_ROW} ${rowClassName ?? ''}`}>
              {columns.map((c, i) => (
                <td
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
                  key={i}
                  // biome-ignore lint/a11y/noRedundantRoles: see the table
                  role="cell"
                  data-label={c.primary ? undefined : labelOf(c)}
                  className={`${tdClass} ${CARD_CELL} ${i === primary ? CARD_PRIMARY : ''} ${c.cardStacked ? CARD_STACKED : ''} ${
                    primary > 0 && i === primary ? 'max-md:-order-1' : ''
                  } ${c.numeric ? 'md:text-right tabular-nums' : ''} ${c.className ?? ''}`}
                >
                  <div
                    className={`min-w-0 max-md:[overflow-wrap:anywhere] md:contents ${i === primary || c.cardStacked ? '' : 'max-md:text-right'}`}
                  >
                    {c.cell(row)}
                  </div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** What "load more" needs: a react-query infinite query fits as is. */
export interface Pager {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
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
