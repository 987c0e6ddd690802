// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../api/types.ts';
import { mockFetch } from '../testing/fakeApi.ts';
import { makeLogs } from '../testing/fixtures.ts';
import { cleanupAfterEach, renderPage, stubClipboard } from '../testing/render.tsx';
import { LogsPage } from './Logs.tsx';

cleanupAfterEach();

describe('LogsPage', () => {
  it('builds the query from the level and run filters, and keeps them in the address', async () => {
    const { calls } = mockFetch({ 'GET /api/logs': { body: { logs: makeLogs(5) } } });
    const user = userEvent.setup();
    renderPage(<LogsPage />, { path: '/logs' });

    expect(await screen.findByText('line 5')).toBeInTheDocument();
    expect(calls[0]?.url).toBe('/api/logs?limit=200');

    await user.selectOptions(screen.getByLabelText('Level'), 'error');
    await waitFor(() => expect(calls.at(-1)?.url).toBe('/api/logs?limit=200&level=error'));

    await user.type(screen.getByLabelText('Run ID'), 'run-42');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(calls.at(-1)?.url).toBe('/api/logs?limit=200&level=error&run_id=run-42'));

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByLabelText('Level')).toHaveValue('');
    expect(screen.getByLabelText('Run ID')).toHaveValue('');
  });

  it('reads the filters from the page address', async () => {
    const { calls } = mockFetch({ 'GET /api/logs': { body: { logs: [] } } });
    renderPage(<LogsPage />, { path: '/logs', route: '/logs?level=warn&run_id=abc' });
    expect(await screen.findByText('No log lines.')).toBeInTheDocument();
    expect(calls[0]?.url).toBe('/api/logs?limit=200&level=warn&run_id=abc');
    expect(screen.getByLabelText('Level')).toHaveValue('warn');
    expect(screen.getByLabelText('Run ID')).toHaveValue('abc');
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
    await waitFor(() => expect(calls.at(-1)?.url).toBe('/api/logs?limit=200&before=1'));
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
});
