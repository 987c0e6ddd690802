// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAfterEach, renderPage } from '../testing/render.tsx';
import { type Column, DataTable } from './DataTable.tsx';

cleanupAfterEach();

interface Row {
  id: number;
  name: string;
  sent: number;
}

const ROWS: Row[] = [
  { id: 1, name: 'Ada Lovelace', sent: 3 },
  { id: 2, name: 'Alan Turing', sent: 12 },
];

const columns = (extra: Partial<Column<Row>> = {}): Column<Row>[] => [
  { header: 'Name', primary: true, cell: (r) => r.name, ...extra },
  { header: 'Messages sent', numeric: true, cell: (r) => r.sent },
  { header: <span>Status</span>, cardLabel: 'State', cell: () => <span>ok</span> },
  { header: <span>Icon</span>, cell: () => '—' },
];

/** Sizes jsdom does not compute: the scroll box as wide as `client`, its content as wide as `scroll`. */
function layout(client: number, scroll: number) {
  const proto = HTMLElement.prototype;
  const saved = {
    clientWidth: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
    scrollWidth: Object.getOwnPropertyDescriptor(proto, 'scrollWidth'),
  };
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => client });
  Object.defineProperty(proto, 'scrollWidth', { configurable: true, get: () => scroll });
  return () => {
    for (const [name, descriptor] of Object.entries(saved)) {
      if (descriptor) Object.defineProperty(proto, name, descriptor);
      else delete (proto as unknown as Record<string, unknown>)[name];
    }
  };
}

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

describe('DataTable', () => {
  it('is a table with column headers and one row per item', () => {
    renderPage(<DataTable label="Runs" rows={ROWS} columns={columns()} rowKey={(r) => r.id} caption />);
    const table = screen.getByRole('table', { name: 'Runs' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Name', 'Messages sent', 'Status', 'Icon']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .map((td) => td.textContent),
    ).toEqual(['Alan Turing', '12', 'ok', '—']);
  });

  it('labels each cell for the narrow screens’ cards, from the header or its card label, the title excepted', () => {
    renderPage(<DataTable label="Runs" rows={ROWS} columns={columns()} rowKey={(r) => r.id} />);
    const cells = within(screen.getAllByRole('row')[1]!).getAllByRole('cell');
    expect(cells.map((td) => td.getAttribute('data-label'))).toEqual([null, 'Messages sent', 'State', null]);
    // Cards below md, a table from md on: the classes that switch the display.
    expect(screen.getByRole('table')).toHaveClass('block', 'md:table');
    expect(screen.getAllByRole('row')[1]).toHaveClass('md:table-row');
    expect(cells[1]).toHaveClass('max-md:flex', 'max-md:before:content-[attr(data-label)]');
    // The labels are drawn by CSS: the text is not in the document twice.
    expect(screen.getAllByText('Messages sent')).toHaveLength(1);
  });

  it('puts the title column first on a card when it is not the first column', () => {
    const cols = columns({ primary: false });
    cols[1] = { ...cols[1]!, primary: true };
    renderPage(<DataTable label="Runs" rows={ROWS} columns={cols} rowKey={(r) => r.id} />);
    const cells = within(screen.getAllByRole('row')[1]!).getAllByRole('cell');
    expect(cells[1]).toHaveClass('max-md:-order-1');
    expect(cells[1]).not.toHaveAttribute('data-label');
    expect(cells[0]).toHaveAttribute('data-label', 'Name');
  });

  it('says the table scrolls sideways when it is wider than its box, and only then', () => {
    restore = layout(600, 900);
    renderPage(<DataTable label="Runs" rows={ROWS} columns={columns()} rowKey={(r) => r.id} />);
    const region = screen.getByRole('region', { name: 'Runs' });
    expect(region).toHaveAttribute('data-overflowing', 'true');
    expect(screen.getByText('Scroll sideways to see every column')).toBeVisible();
    expect(region).toHaveAttribute('tabindex', '0');
  });

  it('shows no hint when the table fits', () => {
    restore = layout(900, 900);
    renderPage(<DataTable label="Runs" rows={ROWS} columns={columns()} rowKey={(r) => r.id} />);
    expect(screen.getByRole('region', { name: 'Runs' })).not.toHaveAttribute('data-overflowing');
    expect(screen.queryByText('Scroll sideways to see every column')).not.toBeInTheDocument();
  });

  it('says it in French too', () => {
    restore = layout(600, 900);
    renderPage(<DataTable label="Runs" rows={ROWS} columns={columns()} rowKey={(r) => r.id} />, {
      locale: 'fr',
    });
    expect(screen.getByText('Faites défiler sur le côté pour voir toutes les colonnes')).toBeInTheDocument();
  });
});
