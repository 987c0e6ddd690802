// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { History, Stats } from '../api/types.ts';
import { FakeApi } from '../testing/fakeApi.ts';
import { STATS } from '../testing/fixtures.ts';
import { cleanupAfterEach, installDomPolyfills, renderPage } from '../testing/render.tsx';
import { StatsPage } from './Stats.tsx';

const stats: Stats = {
  ...STATS,
  last_30_days: { messages_sent: 40, profiles_visited: 12, invitations_withdrawn: 5, errors: 3, runs: 9 },
  bots: {
    ...STATS.bots,
    birthday: {
      ...STATS.bots.birthday,
      last_7_days: { runs: 2, messages_sent: 7, skipped: 1, errors: 0 },
      last_30_days: { runs: 5, messages_sent: 40, skipped: 4, errors: 2 },
    },
    visitor: { ...STATS.bots.visitor, last_30_days: { runs: 3, profiles_visited: 12, errors: 1 } },
  },
};

function history(days: number): History {
  return {
    granularity: 'day',
    days: Array.from({ length: days }, (_, i) => ({
      date: new Date(Date.UTC(2025, 5, 10 - (days - 1 - i))).toISOString().slice(0, 10),
      messages_sent: i === days - 1 ? 12 : 0,
      profiles_visited: i === days - 2 ? 3 : 0,
      invitations_withdrawn: 0,
      errors: 0,
    })),
    totals: { messages_sent: 12, profiles_visited: 3, invitations_withdrawn: 0, errors: 0 },
  };
}

/** All time since March 2022, as the API sums a long history: one entry a month. */
const monthly: History = {
  granularity: 'month',
  days: Array.from({ length: 40 }, (_, i) => ({
    date: new Date(Date.UTC(2022, 2 + i, 1)).toISOString().slice(0, 10),
    messages_sent: i === 34 ? 57 : i % 3,
    profiles_visited: 0,
    invitations_withdrawn: 0,
    errors: 0,
  })),
  totals: { messages_sent: 57 + 39, profiles_visited: 0, invitations_withdrawn: 0, errors: 0 },
};

let server: FakeApi;
beforeEach(() => {
  installDomPolyfills();
  server = new FakeApi()
    .on('GET', '/api/stats', { body: stats })
    .on('GET', '/api/history?days=7', { body: history(7) })
    .on('GET', '/api/history?days=30', { body: history(30) })
    .on('GET', '/api/history?days=90', { body: history(90) })
    .on('GET', '/api/history?days=all', { body: monthly });
  vi.stubGlobal('fetch', server.fetch);
});
cleanupAfterEach();

const figure = (bot: string, key: string) =>
  document.querySelector(`[data-bot="${bot}"] [data-figure="${key}"]`)?.textContent;

describe('StatsPage', () => {
  it('shows each bot’s figures for the chosen period and the chart of its days', async () => {
    const user = userEvent.setup();
    renderPage(<StatsPage />, { path: '/stats', locale: 'en' });
    await waitFor(() => expect(figure('birthday', 'messages_sent')).toBe('7'));
    expect(figure('birthday', 'runs')).toBe('2');
    const chart = await screen.findByRole('img', { name: /Line chart of activity per day/ });
    expect(chart.getAttribute('aria-label')).toMatch(
      /Messages sent: 12 in total, at most 12 on Jun 10, 2025/,
    );
    expect(chart.getAttribute('aria-label')).toMatch(/Invitations withdrawn: none/);
    // Labelled axes, value labels on the points.
    expect(within(chart).getByText('Day')).toBeInTheDocument();
    expect(within(chart).getByText('Count')).toBeInTheDocument();
    expect(chart.querySelector('[data-value="12"]')?.textContent).toBe('12');
    expect(chart.querySelectorAll('[data-axis="x"] [data-tick]').length).toBeGreaterThan(1);

    await user.click(screen.getByRole('radio', { name: '30 days' }));
    await waitFor(() => expect(figure('birthday', 'messages_sent')).toBe('40'));
    expect(figure('visitor', 'profiles_visited')).toBe('12');
    expect(figure('all', 'invitations_withdrawn')).toBe('5');
    await waitFor(() =>
      expect(screen.getByTestId('stats-table').querySelectorAll('tbody tr')).toHaveLength(30),
    );
    expect(screen.getByRole('link', { name: 'Download runs (CSV)' })).toHaveAttribute(
      'href',
      '/api/export/runs.csv?days=30',
    );

    await user.click(screen.getByRole('radio', { name: 'All time' }));
    expect(screen.getByRole('link', { name: 'Download outcomes (CSV)' })).toHaveAttribute(
      'href',
      '/api/export/outcomes.csv',
    );
  });

  it('charts all time from the first run, one point a month, in en and fr', async () => {
    for (const locale of ['en', 'fr'] as const) {
      renderPage(<StatsPage />, { path: '/stats', route: '/stats?period=all', locale });
      const chart = await screen.findByRole('img', {
        name:
          locale === 'en'
            ? /activity per month from March 2022 to June 2025/
            : /par mois de mars 2022 à juin 2025/,
      });
      expect(chart.getAttribute('aria-label')).toMatch(
        locale === 'en' ? /at most 57 in January 2025/ : /au plus 57 en janvier 2025/,
      );
      expect(
        screen.getByRole('heading', { name: locale === 'en' ? 'Activity per month' : 'Activité par mois' }),
      ).toBeInTheDocument();
      expect(
        within(chart).getByText(locale === 'en' ? 'Month' : 'Mois', { exact: true }),
      ).toBeInTheDocument();
      const rows = within(screen.getByTestId('stats-table')).getAllByRole('row').slice(1);
      expect(rows).toHaveLength(40);
      expect(rows[0]).toHaveTextContent(locale === 'en' ? 'March 2022' : 'mars 2022');
      expect(rows.at(-1)).toHaveTextContent(locale === 'en' ? 'June 2025' : 'juin 2025');
      cleanup();
    }
    expect(server.callsTo('GET', '/api/history?days=all').length).toBeGreaterThan(0);
    expect(server.callsTo('GET', '/api/history?days=90')).toHaveLength(0);
  });

  it('speaks French with French dates', async () => {
    renderPage(<StatsPage />, { path: '/stats', route: '/stats?period=30', locale: 'fr' });
    await waitFor(() => expect(figure('birthday', 'messages_sent')).toBe('40'));
    expect(screen.getByRole('radio', { name: '30 jours' })).toBeChecked();
    const chart = await screen.findByRole('img', { name: /Graphique linéaire/ });
    expect(chart.getAttribute('aria-label')).toMatch(/au plus 12 le 10 juin 2025/);
    expect(screen.getByRole('link', { name: 'Télécharger les exécutions (CSV)' })).toBeInTheDocument();
  });
});
