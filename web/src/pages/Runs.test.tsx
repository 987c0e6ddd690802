// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Run } from '../api/types.ts';
import { mockFetch } from '../testing/fakeApi.ts';
import { makeRun } from '../testing/fixtures.ts';
import { cleanupAfterEach, renderPage } from '../testing/render.tsx';
import { RunsPage } from './Runs.tsx';

cleanupAfterEach();

function run(i: number): Run {
  return makeRun({
    id: `run-${i}`,
    status: i % 2 ? 'succeeded' : 'failed',
    trigger: 'schedule',
    queued_at: '2025-03-01T09:00:00.000Z',
    started_at: '2025-03-01T09:00:00.000Z',
    ended_at: '2025-03-01T09:01:30.000Z',
    messages_sent: i,
    skipped: 0,
  });
}

describe('RunsPage', () => {
  it('filters by type and status and loads more with before', async () => {
    const { calls } = mockFetch({
      'GET /api/runs': (call) => ({
        body: {
          runs:
            call.query.get('before') === 'run-20'
              ? [run(21)]
              : Array.from({ length: 20 }, (_, i) => run(i + 1)),
        },
      }),
    });
    const user = userEvent.setup();
    renderPage(<RunsPage />, { path: '/runs' });
    expect(await screen.findAllByRole('link')).toHaveLength(20);
    expect(calls[0]?.url).toBe('/api/runs?limit=20');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByRole('link')).toHaveLength(21));
    expect(calls.at(-1)?.url).toBe('/api/runs?limit=20&before=run-20');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Type'), 'visitor');
    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    await waitFor(() => expect(calls.at(-1)?.url).toBe('/api/runs?limit=20&type=visitor&status=failed'));
  });

  it('flags a succeeded run with errors and names a nothing_delivered failure', async () => {
    mockFetch({
      'GET /api/runs': {
        body: {
          runs: [
            { ...run(1), id: 'with-errors', messages_sent: 1, errors: 3, has_errors: true },
            {
              ...run(2),
              id: 'nothing',
              status: 'failed',
              messages_sent: 0,
              errors: 4,
              has_errors: true,
              error: { code: 'nothing_delivered', message: 'Nothing was delivered: 4 of 4 attempts failed' },
            },
            { ...run(3), id: 'clean' },
          ],
        },
      },
    });
    renderPage(<RunsPage />, { path: '/runs' });
    const rows = (await screen.findAllByRole('row')).slice(1);
    expect(rows).toHaveLength(3);
    const [withErrors, nothing, clean] = rows as [HTMLElement, HTMLElement, HTMLElement];

    const badge = within(withErrors).getByText('with errors');
    expect(badge).toHaveAttribute('data-status', 'has_errors');
    expect(badge.className).toMatch(/amber/);
    expect(badge).toHaveAttribute('title', 'Succeeded, but 3 item(s) failed');
    expect(within(withErrors).getByText('Succeeded')).toBeInTheDocument();

    expect(within(nothing).getByText('Failed')).toBeInTheDocument();
    expect(within(nothing).queryByText('with errors')).not.toBeInTheDocument();
    expect(within(nothing).getByText('Nothing was delivered')).toHaveAttribute(
      'title',
      'Nothing was delivered: 4 of 4 attempts failed',
    );

    expect(within(clean).queryByText('with errors')).not.toBeInTheDocument();
  });

  it("shows each run type's own figures in one Result column, in French too", async () => {
    mockFetch({
      'GET /api/runs': {
        body: {
          runs: [
            { ...run(1), id: 'b', type: 'birthday', messages_sent: 3, skipped: 1, errors: 0 },
            { ...run(2), id: 'v', type: 'visitor', messages_sent: 0, profiles_visited: 4, skipped: 2 },
            {
              ...run(3),
              id: 'i',
              type: 'invitations',
              messages_sent: 0,
              invitations_withdrawn: 5,
              errors: 1,
            },
          ],
        },
      },
    });
    renderPage(<RunsPage />, { path: '/runs', locale: 'fr' });
    const table = await screen.findByRole('table');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toContain('Résultat');
    expect(headers).toContain('Durée');
    expect(headers).not.toContain('Profils visités');
    const [birthday, visitor, invitations] = within(table).getAllByRole('row').slice(1) as HTMLElement[];
    const figures = (row: HTMLElement) =>
      within(row)
        .getAllByRole('term')
        .map((term) => `${term.textContent} ${term.nextElementSibling?.textContent}`);
    expect(figures(birthday!)).toEqual(['Messages envoyés 3', 'Ignorés 1', 'Erreurs 0']);
    expect(figures(visitor!)).toEqual(['Profils visités 4', 'Ignorés 2', 'Erreurs 0']);
    expect(figures(invitations!)).toEqual(['Invitations retirées 5', 'Ignorés 0', 'Erreurs 1']);
    expect(within(visitor!).queryByText(/envoyés/)).not.toBeInTheDocument();
  });
});
