// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import type { QueryClient } from '@tanstack/react-query';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../api/types.ts';
import { mockFetch } from '../testing/fakeApi.ts';
import { makeLogs } from '../testing/fixtures.ts';
import { cleanupAfterEach, renderPage, stubClipboard } from '../testing/render.tsx';
import { LogsPage } from './Logs.tsx';

cleanupAfterEach();

const RUN = '1a2b3c4d-5e6f-4a00-8b00-00000000cafe';

/** A line as the server writes it: English text, code and parameters. */
function coded(id: number, over: Partial<LogLine>): LogLine {
  return { ...makeLogs(1, id)[0]!, ...over };
}

/** Prepends a line to the live caches, as the event stream does (every level, every run). */
function live(queryClient: QueryClient, line: LogLine) {
  act(() => {
    queryClient.setQueriesData({ queryKey: ['logs', 'recent'] }, (old: { logs: LogLine[] } | undefined) =>
      old ? { logs: [line, ...old.logs] } : old,
    );
  });
}

describe('LogsPage', () => {
  it('shows info and above by default, a chosen minimum level, a run, and keeps them in the address', async () => {
    const { calls } = mockFetch({ 'GET /api/logs': { body: { logs: makeLogs(5) } } });
    const user = userEvent.setup();
    renderPage(<LogsPage />, { path: '/logs' });

    expect(await screen.findByText('line 5')).toBeInTheDocument();
    expect(calls[0]?.url).toBe('/api/logs?limit=200&min_level=info');
    expect(screen.getByLabelText('Show')).toHaveValue('info');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Show'), 'Errors only');
    await waitFor(() => expect(calls.at(-1)?.url).toBe('/api/logs?limit=200&min_level=error'));

    await user.type(screen.getByLabelText('Run ID'), 'run-42');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(calls.at(-1)?.url).toBe('/api/logs?limit=200&min_level=error&run_id=run-42'));

    await user.selectOptions(screen.getByLabelText('Show'), 'Everything (debug included)');
    await waitFor(() => expect(calls.at(-1)?.url).toBe('/api/logs?limit=200&min_level=debug&run_id=run-42'));

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByLabelText('Show')).toHaveValue('info');
    expect(screen.getByLabelText('Run ID')).toHaveValue('');
  });

  it('reads the filters from the page address', async () => {
    const { calls } = mockFetch({ 'GET /api/logs': { body: { logs: [] } } });
    renderPage(<LogsPage />, { path: '/logs', route: '/logs?min_level=warn&run_id=abc' });
    expect(await screen.findByText('No log lines.')).toBeInTheDocument();
    expect(calls[0]?.url).toBe('/api/logs?limit=200&min_level=warn&run_id=abc');
    expect(screen.getByLabelText('Show')).toHaveValue('warn');
    expect(screen.getByLabelText('Run ID')).toHaveValue('abc');
  });

  it('keeps live debug lines out by default and shows them from the debug level', async () => {
    mockFetch({ 'GET /api/logs': { body: { logs: makeLogs(3) } } });
    const chatter = coded(50, {
      level: 'debug',
      message: 'selector messageButton: fallback #1/6 matched (role=button)',
      code: 'selector.fallback',
      params: { key: 'messageButton', index: 1, total: 6, description: 'role=button' },
    });
    const first = renderPage(<LogsPage />, { path: '/logs' });
    expect(await screen.findByText('line 3')).toBeInTheDocument();
    live(first.queryClient, chatter);
    live(first.queryClient, coded(51, { level: 'warn', message: 'a live warning' }));
    expect(await screen.findByText('a live warning')).toBeInTheDocument();
    expect(screen.queryByText(/fallback #1\/6/)).not.toBeInTheDocument();
    first.unmount();

    const second = renderPage(<LogsPage />, { path: '/logs', route: '/logs?min_level=debug' });
    expect(await screen.findByText('line 3')).toBeInTheDocument();
    live(second.queryClient, chatter);
    expect(
      await screen.findByText('Selector messageButton: fallback #1/6 matched (role=button)'),
    ).toBeInTheDocument();
  });

  it("finds a run's live lines by the 8 characters shown", async () => {
    const { calls } = mockFetch({ 'GET /api/logs': { body: { logs: [] } } });
    const { queryClient } = renderPage(<LogsPage />, {
      path: '/logs',
      route: `/logs?run_id=${RUN.slice(0, 8)}`,
    });
    expect(await screen.findByText('No log lines.')).toBeInTheDocument();
    expect(calls[0]?.query.get('run_id')).toBe('1a2b3c4d');
    live(queryClient, coded(60, { run_id: RUN, message: 'of the run' }));
    live(
      queryClient,
      coded(61, { run_id: '1a2b3c4e-0000-4000-8000-000000000000', message: 'of another run' }),
    );
    expect(await screen.findByText('of the run')).toBeInTheDocument();
    expect(screen.queryByText('of another run')).not.toBeInTheDocument();
  });

  it("shows each line in the reader's language from its code, its English text for an unknown code", async () => {
    mockFetch({
      'GET /api/logs': {
        body: {
          logs: [
            coded(3, { message: 'From an older server', code: null, params: null }),
            coded(2, {
              message: 'Something new',
              code: 'birthday.some_future_code',
              params: { name: 'Ada' },
            }),
            coded(1, {
              run_id: RUN,
              message: 'Wished Ada Lovelace (2 days late)',
              code: 'birthday.wished',
              params: { name: 'Ada Lovelace', days_late: 2 },
            }),
            coded(0, {
              message: 'Run started (visitor, dry run)',
              code: 'run.started',
              params: { type: 'visitor', dry_run: true },
            }),
          ],
        },
      },
    });
    renderPage(<LogsPage />, { path: '/logs', locale: 'fr' });
    expect(
      await screen.findByText('Anniversaire souhaité à Ada Lovelace (2 jour(s) de retard)'),
    ).toBeInTheDocument();
    expect(screen.getByText('Exécution démarrée (Visites de profils) [simulation]')).toBeInTheDocument();
    expect(screen.getByText('From an older server')).toBeInTheDocument();
    expect(screen.getByText('Something new')).toBeInTheDocument();
    expect(screen.queryByText(/Wished/)).not.toBeInTheDocument();
    // The short run id links to the run; the level badge is in French.
    expect(screen.getByRole('link', { name: '1a2b3c4d' })).toHaveAttribute('href', `/runs/${RUN}`);
    expect(screen.getAllByText('INFO').length).toBeGreaterThan(0);
    expect(screen.getByLabelText('Afficher')).toHaveValue('info');
  });

  it('loads older lines with before = the oldest id, shows live lines, and copies', async () => {
    const { calls } = mockFetch({
      'GET /api/logs': (call) => ({
        body: {
          logs: call.query.has('before') ? [] : makeLogs(200),
        },
      }),
    });
    const user = userEvent.setup();
    const writeText = stubClipboard();
    const { queryClient } = renderPage(<LogsPage />, { path: '/logs' });

    expect(await screen.findByText('line 1')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load older lines' }));
    await waitFor(() => expect(calls.at(-1)?.url).toBe('/api/logs?limit=200&min_level=info&before=1'));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Load older lines' })).not.toBeInTheDocument(),
    );

    // A live line (as the event stream writes it) appears on top.
    act(() => {
      queryClient.setQueriesData({ queryKey: ['logs', 'recent'] }, (old: { logs: LogLine[] } | undefined) =>
        old
          ? {
              logs: [
                { ...makeLogs(1, 201)[0], level: 'error', message: 'live failure' } as LogLine,
                ...old.logs,
              ],
            }
          : old,
      );
    });
    expect(await screen.findByText('live failure')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledTimes(1);
    const copied = writeText.mock.calls[0]?.[0] ?? '';
    expect(copied.split('\n')).toHaveLength(201);
    expect(copied).toContain('ERROR live failure');
    expect(await screen.findByText('201 lines copied to the clipboard')).toBeInTheDocument();
  });

  it('copies the lines as shown, in French: time, level and text', async () => {
    mockFetch({
      'GET /api/logs': {
        body: {
          logs: [
            coded(2, {
              level: 'error',
              run_id: RUN,
              message: 'Could not handle Ada Lovelace: timeout (Timed out after 30000 ms)',
              code: 'item.failed',
              params: {
                name: 'Ada Lovelace',
                error_code: 'timeout',
                error_message: 'Timed out after 30000 ms',
              },
            }),
            coded(1, {
              message: 'Wished Ada Lovelace (2 days late)',
              code: 'birthday.wished',
              params: { name: 'Ada Lovelace', days_late: 2 },
            }),
          ],
        },
      },
    });
    const user = userEvent.setup();
    const writeText = stubClipboard();
    renderPage(<LogsPage />, { path: '/logs', locale: 'fr' });
    expect(
      await screen.findByText('Anniversaire souhaité à Ada Lovelace (2 jour(s) de retard)'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Copier' }));
    const copied = (writeText.mock.calls[0]?.[0] ?? '').split('\n');
    // Each line's words as on screen, in the same order, single-spaced.
    const shown = within(screen.getByRole('log'))
      .getAllByRole('listitem')
      .map((li) => [...li.children].map((child) => child.textContent?.trim()).join(' '));
    expect(copied.map((line) => line.replace(/ +/g, ' '))).toEqual(shown);
    expect(copied[0]).toMatch(
      /^\S.* ERREUR 1a2b3c4d Échec pour Ada Lovelace : LinkedIn a mis trop de temps à répondre$/,
    );
    expect(copied[1]).toMatch(/ INFO {3}Anniversaire souhaité à Ada Lovelace \(2 jour\(s\) de retard\)$/);
    expect(copied.join('\n')).not.toMatch(/Wished|Could not|Timed out/);
  });
});
