// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Run } from '../api/types.ts';
import { mockFetch } from '../testing/fakeApi.ts';
import { makeRun } from '../testing/fixtures.ts';
import { cleanupAfterEach, renderPage } from '../testing/render.tsx';
import { RunDetailPage } from './RunDetail.tsx';

cleanupAfterEach();

const RUN: Run = makeRun({
  status: 'running',
  queued_at: '2025-03-01T09:00:00.000Z',
  started_at: '2025-03-01T09:00:05.000Z',
  ended_at: null,
  messages_sent: 2,
  skipped: 1,
  errors: 1,
  progress: { found: 4 },
});

const OUTCOMES = [
  {
    id: 1,
    ts: '2025-03-01T09:01:00.000Z',
    contact_name: 'Marie Curie',
    profile_url: 'https://www.linkedin.com/in/marie',
    status: 'sent',
    reason: null,
    error_code: null,
    screenshot: null,
  },
  {
    id: 2,
    ts: '2025-03-01T09:02:00.000Z',
    contact_name: 'Pierre Curie',
    profile_url: null,
    status: 'error',
    reason: 'composer did not open',
    error_code: 'selector_missing',
    screenshot: 'data/screenshots/run-1/2.png',
  },
];

const LOGS = {
  logs: [
    {
      id: 11,
      ts: '2025-03-01T09:02:00.000Z',
      level: 'error',
      run_id: 'run-1',
      message: 'composer did not open',
    },
    {
      id: 10,
      ts: '2025-03-01T09:01:00.000Z',
      level: 'info',
      run_id: 'run-1',
      message: 'sent to Marie Curie',
    },
  ],
};

describe('RunDetailPage', () => {
  it('shows counters, outcomes and the run log, and stops an active run after confirmation', async () => {
    const { calls } = mockFetch({
      'GET /api/runs/run-1': { body: { ...RUN, outcomes: OUTCOMES } },
      'GET /api/logs': LOGS_REPLY(),
      'POST /api/bot/action': { status: 202, body: { stopping: ['run-1'] } },
    });
    const user = userEvent.setup();
    renderPage(<RunDetailPage />, { path: '/runs/:id', route: '/runs/run-1' });

    const table = await screen.findByRole('table');
    expect(within(table).getByRole('link', { name: 'Marie Curie' })).toHaveAttribute(
      'href',
      'https://www.linkedin.com/in/marie',
    );
    const pierre = within(table).getByText('Pierre Curie').closest('tr') as HTMLElement;
    expect(pierre).toHaveTextContent('Error');
    expect(pierre).toHaveTextContent('composer did not open');
    expect(pierre).toHaveTextContent('selector_missing');
    expect(pierre).toHaveTextContent('data/screenshots/run-1/2.png');
    expect(screen.getByText('Messages sent').nextSibling).toHaveTextContent('2');
    expect(screen.getByText('Running')).toHaveAttribute('data-status', 'running');

    expect(await screen.findByText('sent to Marie Curie')).toBeInTheDocument();
    const logCall = calls.find((c) => c.path === '/api/logs');
    expect(logCall?.query.get('run_id')).toBe('run-1');

    await user.click(screen.getByRole('button', { name: 'Stop this run' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Stop this run' }));
    await screen.findByText('Stop requested');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ action: 'stop', run_id: 'run-1' });
  });

  it('has no stop button once the run is over, and shows its error and who stopped it', async () => {
    mockFetch({
      'GET /api/runs/run-1': {
        body: {
          ...RUN,
          status: 'stopped',
          ended_at: '2025-03-01T09:03:00.000Z',
          stopped_by: 'user:admin',
          error: { code: 'stopped', message: 'Stopped by user:admin' },
          outcomes: [],
        },
      },
      'GET /api/logs': LOGS_REPLY(),
    });
    renderPage(<RunDetailPage />, { path: '/runs/:id', route: '/runs/run-1' });
    expect(await screen.findByText('Stopped')).toHaveAttribute('data-status', 'stopped');
    expect(screen.getByText('user:admin')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Stopped by user:admin');
    expect(screen.getByText('No contact handled yet.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Stop this run' })).not.toBeInTheDocument();
  });

  it('shows a succeeded run with errors with an amber "with errors" badge', async () => {
    mockFetch({
      'GET /api/runs/run-1': {
        body: { ...RUN, status: 'succeeded', ended_at: '2025-03-01T09:03:00.000Z', outcomes: OUTCOMES },
      },
      'GET /api/logs': LOGS_REPLY(),
    });
    renderPage(<RunDetailPage />, { path: '/runs/:id', route: '/runs/run-1' });
    expect(await screen.findByText('Succeeded')).toHaveAttribute('data-status', 'succeeded');
    const badge = screen.getByText('with errors');
    expect(badge).toHaveAttribute('data-status', 'has_errors');
    expect(badge.className).toMatch(/amber/);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('names a nothing_delivered failure in words, with its code and message', async () => {
    mockFetch({
      'GET /api/runs/run-1': {
        body: {
          ...RUN,
          status: 'failed',
          ended_at: '2025-03-01T09:03:00.000Z',
          messages_sent: 0,
          error: {
            code: 'nothing_delivered',
            message:
              'Nothing was delivered: 1 of 1 attempts failed (most often selector_missing: composer did not open)',
          },
          outcomes: [OUTCOMES[1]],
        },
      },
      'GET /api/logs': LOGS_REPLY(),
    });
    renderPage(<RunDetailPage />, { path: '/runs/:id', route: '/runs/run-1' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Error: Nothing was delivered (nothing_delivered)');
    expect(alert).toHaveTextContent(
      '1 of 1 attempts failed (most often selector_missing: composer did not open)',
    );
    expect(screen.getByText('Failed')).toHaveAttribute('data-status', 'failed');
    expect(screen.queryByText('with errors')).not.toBeInTheDocument();
  });

  it('names a killed run process in words, in English and French, with the signal', async () => {
    const killed = {
      ...RUN,
      status: 'failed',
      ended_at: '2025-03-01T09:03:00.000Z',
      error: { code: 'run_process_died', message: "The run's process was killed (SIGKILL)" },
      outcomes: [],
    };
    mockFetch({ 'GET /api/runs/run-1': { body: killed }, 'GET /api/logs': LOGS_REPLY() });
    renderPage(<RunDetailPage />, { path: '/runs/:id', route: '/runs/run-1' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Error: The run process died (run_process_died)');
    expect(alert).toHaveTextContent("The run's process was killed (SIGKILL)");
    cleanup();

    mockFetch({ 'GET /api/runs/run-1': { body: killed }, 'GET /api/logs': LOGS_REPLY() });
    renderPage(<RunDetailPage />, { path: '/runs/:id', route: '/runs/run-1', locale: 'fr' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "Le processus de l'exécution s'est arrêté net (run_process_died)",
    );
  });
});

function LOGS_REPLY() {
  return { body: LOGS };
}
