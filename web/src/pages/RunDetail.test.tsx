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
    // A screenshot the server does not have (no URL) shows no broken image and no server path.
    expect(pierre).not.toHaveTextContent('data/screenshots/run-1/2.png');
    expect(within(pierre).queryByRole('img')).not.toBeInTheDocument();
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

describe('RunDetailPage: what was done and why', () => {
  const FINISHED = {
    ...RUN,
    id: '4f1c2a9e-7b3d-4c55-9a10-2b8e6f0d1c3a',
    status: 'stopped',
    ended_at: '2025-03-01T09:03:05.000Z',
    progress: { found: 4, step: '17/17: Ada Lovelace' },
  };
  const BIRTHDAY_OUTCOMES = [
    {
      ...OUTCOMES[0],
      reason: 'confirmed_in_thread',
      message_text: 'Joyeux anniversaire Marie ! 🎂',
      screenshot_url: null,
    },
    {
      id: 3,
      ts: '2025-03-01T09:02:00.000Z',
      contact_name: 'Alan Turing',
      profile_url: 'https://www.linkedin.com/in/alan',
      status: 'skipped',
      reason: 'already_wished',
      error_code: null,
      screenshot: null,
    },
    {
      id: 4,
      ts: '2025-03-01T09:02:30.000Z',
      contact_name: 'Grace Hopper',
      profile_url: 'https://www.linkedin.com/in/grace',
      status: 'error',
      reason: 'Timed out after 30000 ms',
      error_code: 'timeout',
      screenshot: '/data/runs/x/birthday-grace-1.png',
      screenshot_url: '/api/runs/x/screenshots/birthday-grace-1.png',
      message_text: null,
    },
    {
      id: 5,
      ts: '2025-03-01T09:03:00.000Z',
      contact_name: 'Ada Lovelace',
      profile_url: 'https://www.linkedin.com/in/ada',
      status: 'interrupted',
      reason: 'stopped_after_send',
      error_code: null,
      screenshot: null,
      message_text: 'Happy birthday Ada!',
    },
  ];
  const row = (table: HTMLElement, name: string) =>
    within(table).getByText(name).closest('tr') as HTMLElement;

  it('titles the run by type and date, and a finished run shows how it ended, not its last step (French)', async () => {
    mockFetch({
      'GET /api/runs/run-1': { body: { ...FINISHED, outcomes: BIRTHDAY_OUTCOMES } },
      'GET /api/logs': LOGS_REPLY(),
    });
    renderPage(<RunDetailPage />, { path: '/runs/:id', route: '/runs/run-1', locale: 'fr' });
    const title = await screen.findByRole('heading', { level: 1 });
    expect(title.textContent).toMatch(/^Anniversaires · 1 mars 2025/);
    expect(title.textContent).not.toContain(FINISHED.id);
    expect(screen.getByText('Exécution 4f1c2a9e')).toBeInTheDocument();
    expect(screen.queryByText(/17\/17/)).not.toBeInTheDocument();
    expect(screen.queryByText('Étape')).not.toBeInTheDocument();
    expect(screen.getByTestId('run-finished')).toHaveTextContent('Terminé (Arrêté) en 3 min');

    const table = screen.getByRole('table');
    const marie = row(table, 'Marie Curie');
    expect(marie).toHaveTextContent('Envoyé : le message apparaît dans la conversation');
    expect(within(marie).getByText('Joyeux anniversaire Marie ! 🎂')).toBeInTheDocument();
    expect(marie).toHaveTextContent('Message envoyé');
    expect(row(table, 'Alan Turing')).toHaveTextContent('Déjà souhaité pour cet anniversaire');
    expect(row(table, 'Alan Turing')).not.toHaveTextContent('already_wished');

    const grace = row(table, 'Grace Hopper');
    expect(grace).toHaveTextContent('LinkedIn a mis trop de temps à répondre');
    const image = within(grace).getByRole('img', {
      name: "La page LinkedIn quand l'action pour Grace Hopper a échoué",
    });
    expect(image).toHaveAttribute('src', '/api/runs/x/screenshots/birthday-grace-1.png');
    expect(image.closest('a')).toHaveAttribute('href', '/api/runs/x/screenshots/birthday-grace-1.png');
    expect(grace).not.toHaveTextContent('/data/runs/x');

    const ada = row(table, 'Ada Lovelace');
    expect(within(ada).getByText('Interrompu')).toHaveAttribute('data-status', 'interrupted');
    expect(ada).toHaveTextContent('le message est peut-être parti');
    expect(ada).toHaveTextContent('Message (peut-être envoyé)');
    expect(within(ada).getByText('Happy birthday Ada!')).toBeInTheDocument();
  });

  it('shows the step while the run goes on, and reasons in English', async () => {
    mockFetch({
      'GET /api/runs/run-1': {
        body: { ...RUN, progress: { found: 4, step: '2/4: Alan Turing' }, outcomes: BIRTHDAY_OUTCOMES },
      },
      'GET /api/logs': LOGS_REPLY(),
    });
    renderPage(<RunDetailPage />, { path: '/runs/:id', route: '/runs/run-1' });
    expect(await screen.findByText('2/4: Alan Turing')).toBeInTheDocument();
    expect(screen.queryByTestId('run-finished')).not.toBeInTheDocument();
    const table = screen.getByRole('table');
    expect(row(table, 'Alan Turing')).toHaveTextContent('Already wished for this birthday');
    expect(row(table, 'Ada Lovelace')).toHaveTextContent('the message may have gone out');
  });

  it.each([
    ['visitor', { profiles_visited: 6 }, 'Profiles visited', '6'],
    ['invitations', { invitations_withdrawn: 3 }, 'Invitations withdrawn', '3'],
  ])('a %s run shows its own figures, not messages', async (type, counters, label, value) => {
    mockFetch({
      'GET /api/runs/run-1': {
        body: { ...FINISHED, type, messages_sent: 0, ...counters, outcomes: [] },
      },
      'GET /api/logs': LOGS_REPLY(),
    });
    renderPage(<RunDetailPage />, { path: '/runs/:id', route: '/runs/run-1' });
    const figures = await screen.findByRole('list', { name: 'Figures of the run' });
    expect(within(figures).getByText(label).nextSibling).toHaveTextContent(value);
    expect(within(figures).queryByText('Messages sent')).not.toBeInTheDocument();
    expect(within(figures).getAllByRole('listitem')).toHaveLength(3);
  });
});

function LOGS_REPLY() {
  return { body: LOGS };
}
