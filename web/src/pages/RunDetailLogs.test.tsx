// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../api/types.ts';
import { mockFetch } from '../testing/fakeApi.ts';
import { makeLogs, makeRun } from '../testing/fixtures.ts';
import { cleanupAfterEach, renderPage } from '../testing/render.tsx';
import { RunDetailPage } from './RunDetail.tsx';

cleanupAfterEach();

/** The run page's log: what a user reads there, not the driver's chatter. */
describe('RunDetailPage log', () => {
  it('asks for info and above, keeps live debug lines out, and says lines in French', async () => {
    const run = makeRun({ id: 'run-1', status: 'running', ended_at: null });
    const wished: LogLine = {
      ...makeLogs(1, 1)[0]!,
      run_id: 'run-1',
      message: 'Wished Ada (today)',
      code: 'birthday.wished',
      params: { name: 'Ada', days_late: 0 },
    };
    const { calls } = mockFetch({
      'GET /api/runs/run-1': { body: { ...run, outcomes: [] } },
      'GET /api/logs': { body: { logs: [wished] } },
    });
    const { queryClient } = renderPage(<RunDetailPage />, {
      path: '/runs/:id',
      route: '/runs/run-1',
      locale: 'fr',
    });

    expect(await screen.findByText('Anniversaire souhaité à Ada (aujourd’hui)')).toBeInTheDocument();
    const logCall = calls.find((c) => c.path === '/api/logs');
    expect(logCall?.query.get('run_id')).toBe('run-1');
    expect(logCall?.query.get('min_level')).toBe('info');

    act(() => {
      queryClient.setQueriesData({ queryKey: ['logs', 'recent'] }, (old: { logs: LogLine[] } | undefined) =>
        old
          ? {
              logs: [
                {
                  ...wished,
                  id: 3,
                  level: 'debug',
                  message: 'navigated to /feed',
                  code: 'driver.detail',
                  params: null,
                },
                { ...wished, id: 2, level: 'warn', message: 'Could not wish Bob', code: null, params: null },
                ...old.logs,
              ],
            }
          : old,
      );
    });
    expect(await screen.findByText('Could not wish Bob')).toBeInTheDocument();
    expect(screen.queryByText('navigated to /feed')).not.toBeInTheDocument();
  });
});
