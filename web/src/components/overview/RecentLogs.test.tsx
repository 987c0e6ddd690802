// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../api/types.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import { makeLogs } from '../../testing/fixtures.ts';
import { cleanupAfterEach } from '../../testing/render.tsx';
import { RecentLogs } from './RecentLogs.tsx';

cleanupAfterEach();

function ui(logs: LogLine[]) {
  return (
    <I18nProvider locale="fr">
      <MemoryRouter>
        <RecentLogs logs={logs} />
      </MemoryRouter>
    </I18nProvider>
  );
}

/** jsdom has no layout: give the log box a fixed geometry and a working scrollTop. */
function fakeGeometry(box: HTMLElement, scrollHeight: () => number) {
  let top = 0;
  Object.defineProperty(box, 'scrollHeight', { configurable: true, get: scrollHeight });
  Object.defineProperty(box, 'clientHeight', { configurable: true, get: () => 200 });
  Object.defineProperty(box, 'scrollTop', {
    configurable: true,
    get: () => top,
    set: (v: number) => {
      top = v;
    },
  });
}

describe('RecentLogs', () => {
  it('is console style, newest at the bottom, with level colours', () => {
    render(ui(makeLogs(5)));
    const items = within(screen.getByRole('log', { name: /20 dernières lignes/ })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.split(' ').at(-1))).toEqual(['1', '2', '3', '4', '5']);
    expect(items[4]).toHaveAttribute('data-level', 'warn');
    expect(screen.getByRole('log').className).toMatch(/font-mono/);
    expect(screen.getByRole('link', { name: 'Voir plus' })).toHaveAttribute('href', '/logs');
  });

  it('shows at most 20 lines', () => {
    render(ui(makeLogs(30)));
    expect(within(screen.getByRole('log')).getAllByRole('listitem')).toHaveLength(20);
    expect(screen.getByText('line 30')).toBeInTheDocument();
    expect(screen.queryByText('line 10')).not.toBeInTheDocument();
  });

  it('follows new lines, pauses when the user scrolls up, resumes on demand', async () => {
    const user = userEvent.setup();
    let height = 1000;
    const { rerender } = render(ui(makeLogs(10)));
    const box = screen.getByRole('log');
    fakeGeometry(box, () => height);

    height = 1100;
    rerender(ui(makeLogs(11)));
    expect(box.scrollTop).toBe(1100);

    // The user scrolls up to read: new lines no longer move the view.
    box.scrollTop = 300;
    fireEvent.scroll(box);
    expect(screen.getByText('Défilement automatique en pause')).toBeInTheDocument();
    height = 1200;
    rerender(ui(makeLogs(12)));
    expect(box.scrollTop).toBe(300);

    await user.click(screen.getByRole('button', { name: 'Aller aux dernières lignes' }));
    expect(box.scrollTop).toBe(1200);
    expect(screen.queryByText('Défilement automatique en pause')).not.toBeInTheDocument();
  });

  it('says when there is nothing yet', () => {
    render(ui([]));
    expect(screen.getByText('Aucune ligne de journal pour le moment.')).toBeInTheDocument();
  });

  it('leaves debug lines out, live ones included, and says the rest in French', () => {
    const logs: LogLine[] = [
      {
        ...makeLogs(1, 3)[0]!,
        level: 'debug',
        message: 'selector messageButton: fallback #1/6 matched (role=button)',
        code: 'selector.fallback',
        params: { key: 'messageButton', index: 1, total: 6, description: 'role=button' },
      },
      {
        ...makeLogs(1, 2)[0]!,
        level: 'info',
        message: 'Skipped Ada: blacklisted',
        code: 'birthday.skipped',
        params: { name: 'Ada', reason: 'blacklisted' },
      },
      {
        ...makeLogs(1, 1)[0]!,
        level: 'debug',
        message: 'navigated to /feed',
        code: 'driver.detail',
        params: null,
      },
    ];
    render(ui(logs));
    const items = within(screen.getByRole('log')).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('Ada ignoré(e) : dans la liste noire');
    expect(screen.queryByText(/fallback/)).not.toBeInTheDocument();
    expect(screen.queryByText(/navigated/)).not.toBeInTheDocument();
  });

  it('keeps 20 lines of info and above when debug lines come in between', () => {
    const logs = makeLogs(40).map((l) => (l.id % 2 === 0 ? { ...l, level: 'debug' as const } : l));
    render(ui(logs));
    const items = within(screen.getByRole('log')).getAllByRole('listitem');
    expect(items).toHaveLength(20);
    expect(items.every((li) => li.getAttribute('data-level') !== 'debug')).toBe(true);
  });
});
