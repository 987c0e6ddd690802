// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Run } from '../api/types.ts';
import { mockFetch, renderPage } from '../components/pages/testing.tsx';
import { RunsPage } from './Runs.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function run(i: number): Run {
  return {
    id: `run-${i}`,
    type: 'birthday',
    status: i % 2 ? 'succeeded' : 'failed',
    trigger: 'schedule',
    dry_run: false,
    queued_at: '2025-03-01T09:00:00.000Z',
    started_at: '2025-03-01T09:00:00.000Z',
    ended_at: '2025-03-01T09:01:30.000Z',
    messages_sent: i,
    skipped: 0,
    errors: 0,
    profiles_visited: 0,
    invitations_withdrawn: 0,
    error: null,
    stopped_by: null,
    progress: {},
  };
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
});
