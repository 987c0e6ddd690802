// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Run } from '../api/types.ts';
import { apiError, type FakeApi } from '../testing/fakeApi.ts';
import {
  defaultServer,
  makeAutoRun,
  makeLogs,
  makeRun,
  makeStatus,
  runningStatus,
  SETTINGS,
} from '../testing/fixtures.ts';
import { cleanupAfterEach, FakeEventSource, installDomPolyfills, renderWithApp } from '../testing/render.tsx';
import { OverviewPage } from './Overview.tsx';

let server: FakeApi;

beforeEach(() => {
  installDomPolyfills();
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  server = defaultServer();
  vi.stubGlobal('fetch', server.fetch);
});

cleanupAfterEach();

const renderPage = (opts?: Parameters<typeof renderWithApp>[1]) => renderWithApp(<OverviewPage />, opts);
const statusCard = () => screen.getByRole('region', { name: /Statut du bot|Bot status/ });
const startButton = () =>
  screen.getByRole('button', { name: /Lancer une exécution anniversaires|Lancement…/ });
const stopButton = () => screen.getByRole('button', { name: /Arrêter l'exécution en cours|Arrêt en cours…/ });

/** The page (in French) opened, then its start button clicked. */
async function clickStart(user: UserEvent) {
  renderPage();
  await screen.findByTestId('bot-state');
  await user.click(startButton());
}

/** The page (in French) once the status says the last run is `run`: its "Dernière exécution" card. */
async function lastRunCard(run: Partial<Run>) {
  server.on('GET', '/api/bot/status', { body: makeStatus({ last_run: makeRun(run) }) });
  renderPage();
  return screen.findByRole('region', { name: 'Dernière exécution' });
}

describe('OverviewPage, idle (French)', () => {
  it('shows En veille (not Arrêté) when idle, manual mode, the last run, the week and the logs', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: "Vue d'ensemble" })).toBeInTheDocument();
    expect(await screen.findByTestId('bot-state')).toHaveTextContent('En veille');
    // The state and its badge both say it.
    expect(within(statusCard()).getAllByText('En veille')).toHaveLength(2);
    expect(statusCard()).not.toHaveTextContent('Arrêté');
    expect(within(statusCard()).getByText(/en ligne · intégré · 1 processus/)).toBeInTheDocument();

    const next = screen.getByRole('region', { name: 'Prochaine exécution' });
    expect(within(next).getByText('Mode manuel uniquement')).toBeInTheDocument();
    expect(within(next).getByText(/Exécution automatique : en pause/)).toBeInTheDocument();
    expect(within(next).getByText('Plage quotidienne : 07:00–19:00 (Europe/Paris)')).toBeInTheDocument();

    const last = screen.getByRole('region', { name: 'Dernière exécution' });
    expect(within(last).getByTestId('last-run-status')).toHaveTextContent('Succès');
    expect(within(last).queryByTestId('last-run-has-errors')).not.toBeInTheDocument();
    expect(within(last).getByText('2 min 5 s')).toBeInTheDocument();
    expect(within(last).getByRole('link', { name: "Voir le détail de l'exécution" })).toHaveAttribute(
      'href',
      '/runs/run-1',
    );

    expect(startButton()).toBeEnabled();
    expect(stopButton()).toBeDisabled();
    expect(screen.getByRole('button', { name: "Reprendre l'exécution automatique" })).toBeEnabled();

    // 7-day summary: totals, one row per day (jj/mm), an accessible chart, quota bars.
    const week = screen.getByRole('region', { name: '7 derniers jours' });
    expect(await within(week).findByRole('rowheader', { name: '04/06' })).toBeInTheDocument();
    expect(within(week).getAllByRole('row')).toHaveLength(8);
    expect(
      within(week).getByRole('img', { name: /Messages envoyés par jour.*04\/06 0.*10\/06 6/ }),
    ).toBeInTheDocument();
    const daily = await within(week).findByRole('progressbar', { name: /Aujourd'hui/ });
    expect(daily).toHaveAttribute('aria-valuenow', '6');
    expect(daily).toHaveAttribute('aria-valuemax', '15');
    expect(within(week).getByRole('progressbar', { name: /Cette semaine/ })).toHaveAttribute(
      'aria-valuenow',
      '21',
    );

    // Logs: 20 lines, newest at the bottom, "Voir plus" to /logs.
    const log = await screen.findByRole('log');
    await waitFor(() => expect(within(log).getAllByRole('listitem')).toHaveLength(20));
    const items = within(log).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('line 1');
    expect(items[19]).toHaveTextContent('line 20');
    expect(screen.getByRole('link', { name: 'Voir plus' })).toHaveAttribute('href', '/logs');

    expect(screen.getByTestId('session-badge')).toHaveTextContent('Session LinkedIn valide');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('appends live log lines at the bottom', async () => {
    renderPage();
    const log = await screen.findByRole('log');
    await waitFor(() => expect(within(log).getAllByRole('listitem')).toHaveLength(20));
    FakeEventSource.last().emit('log', makeLogs(1, 21)[0]);
    await waitFor(() => expect(within(log).getAllByRole('listitem').at(-1)).toHaveTextContent('line 21'));
    expect(within(log).getAllByRole('listitem')).toHaveLength(20);
    expect(within(log).queryByText('line 1')).not.toBeInTheDocument();
  });
});

describe('OverviewPage in English', () => {
  it('says Idle and Manual mode only', async () => {
    renderPage({ locale: 'en' });
    expect(await screen.findByTestId('bot-state')).toHaveTextContent('Idle');
    expect(screen.getByTestId('bot-state')).not.toHaveTextContent('Stopped');
    expect(screen.getByText('Manual mode only')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start a birthday run' })).toBeEnabled();
    expect(screen.getByRole('link', { name: 'View more' })).toBeInTheDocument();
    expect(await screen.findByRole('rowheader', { name: '06/04' })).toBeInTheDocument();
  });

  it('says Active with a Running badge while a run is active', async () => {
    server.on('GET', '/api/bot/status', { body: runningStatus() });
    renderPage({ locale: 'en' });
    expect(await screen.findByTestId('bot-state')).toHaveTextContent('Active');
    expect(
      within(screen.getByRole('region', { name: 'Bot status' })).getByText('Running'),
    ).toBeInTheDocument();
  });
});

describe('OverviewPage states', () => {
  it('queued: active, start disabled, stop enabled', async () => {
    server.on('GET', '/api/bot/status', {
      body: makeStatus({
        running: true,
        queued_jobs: [makeRun({ id: 'run-3', status: 'queued', started_at: null, ended_at: null })],
      }),
    });
    renderPage();
    expect(await screen.findByTestId('bot-state')).toHaveTextContent('Actif');
    expect(within(statusCard()).getByText("En file d'attente")).toBeInTheDocument();
    expect(within(statusCard()).getByText("1 exécution(s) en file d'attente")).toBeInTheDocument();
    expect(startButton()).toBeDisabled();
    expect(stopButton()).toBeEnabled();
  });

  it('running: live progress (sent / skipped / errors / found)', async () => {
    server.on('GET', '/api/bot/status', { body: runningStatus() });
    renderPage();
    expect(await screen.findByTestId('bot-state')).toHaveTextContent('Actif');
    const card = statusCard();
    expect(within(card).getByText('En cours')).toBeInTheDocument();
    const run = within(card).getByTestId('active-run');
    expect(within(run).getByText('Messages envoyés').nextSibling).toHaveTextContent('3');
    expect(within(run).getByText('Ignorés').nextSibling).toHaveTextContent('1');
    expect(within(run).getByText('Erreurs').nextSibling).toHaveTextContent('1');
    expect(within(run).getByText('Trouvés').nextSibling).toHaveTextContent('10');
    const bar = within(run).getByRole('progressbar', { name: "Progression de l'exécution" });
    expect(bar).toHaveAttribute('aria-valuenow', '5');
    expect(bar).toHaveAttribute('aria-valuemax', '10');
    expect(startButton()).toBeDisabled();
    expect(stopButton()).toBeEnabled();

    // Progress follows the live status.
    FakeEventSource.last().emit('status', runningStatus({ messages_sent: 6, progress: { found: 10 } }));
    await waitFor(() =>
      expect(within(statusCard()).getByText('Messages envoyés').nextSibling).toHaveTextContent('6'),
    );
  });

  it('stopping: Stopping badge and a busy stop button', async () => {
    server.on('GET', '/api/bot/status', {
      body: runningStatus({ status: 'stopping' }, { state: 'stopping' }),
    });
    renderPage();
    expect(
      await within(await screen.findByRole('region', { name: 'Statut du bot' })).findByText(
        'Arrêt en cours…',
      ),
    ).toBeInTheDocument();
    expect(stopButton()).toBeDisabled();
    expect(stopButton()).toHaveTextContent('Arrêt en cours…');
    expect(startButton()).toBeDisabled();
  });

  it('last run stopped: amber Arrêté status and who stopped it', async () => {
    const last = await lastRunCard({ status: 'stopped', stopped_by: 'admin' });
    expect(within(last).getByTestId('last-run-status')).toHaveTextContent('Arrêté');
    expect(within(last).getByTestId('last-run-status').className).toMatch(/amber/);
    expect(within(last).getByText('Arrêté par admin')).toBeInTheDocument();
  });

  it('last run failed: red Échec with the error code', async () => {
    const last = await lastRunCard({
      status: 'failed',
      errors: 1,
      error: { code: 'browser_crashed', message: 'Chromium died' },
    });
    expect(within(last).getByTestId('last-run-status')).toHaveTextContent('Échec');
    expect(within(last).getByTestId('last-run-status').className).toMatch(/red/);
    expect(within(last).getByText('Erreur browser_crashed : Chromium died')).toBeInTheDocument();
  });

  it('last run succeeded with errors: an amber "avec erreurs" badge next to Succès', async () => {
    const last = await lastRunCard({ status: 'succeeded', messages_sent: 1, errors: 3 });
    expect(within(last).getByTestId('last-run-status')).toHaveTextContent('Succès');
    const badge = within(last).getByTestId('last-run-has-errors');
    expect(badge).toHaveTextContent('avec erreurs');
    expect(badge.className).toMatch(/amber/);
    expect(badge).toHaveAttribute('title', 'Succès, mais 3 élément(s) en échec');
  });

  it('last run that delivered nothing: Échec with "Rien n\'a été envoyé", in English too', async () => {
    let last = await lastRunCard({
      status: 'failed',
      messages_sent: 0,
      errors: 10,
      error: {
        code: 'nothing_delivered',
        message: 'Nothing was delivered: 10 of 10 attempts failed (most often element_not_found: …)',
      },
    });
    expect(within(last).getByTestId('last-run-status')).toHaveTextContent('Échec');
    // A failed run is not "with errors": its status already says so.
    expect(within(last).queryByTestId('last-run-has-errors')).not.toBeInTheDocument();
    expect(within(last).getByRole('note')).toHaveTextContent(
      "Rien n'a été envoyé (nothing_delivered) : Nothing was delivered: 10 of 10 attempts failed",
    );
    cleanup();

    renderPage({ locale: 'en' });
    last = await screen.findByRole('region', { name: 'Last run' });
    expect(within(last).getByRole('note')).toHaveTextContent(
      'Nothing was delivered (nothing_delivered): Nothing was delivered: 10 of 10 attempts failed',
    );
  });

  it('LinkedIn session expired: a banner leading to /session', async () => {
    const user = userEvent.setup();
    server.on('GET', '/api/bot/status', {
      body: makeStatus({
        linkedin: { session: 'expired', checked_at: '2025-06-10T08:00:00.000Z' },
        last_run: makeRun({ status: 'failed', error: { code: 'auth_required', message: 'Session expired' } }),
      }),
    });
    renderPage();
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Votre session LinkedIn a expiré');
    expect(screen.getByTestId('session-badge')).toHaveTextContent('Session LinkedIn expirée');
    await user.click(within(banner).getByRole('link', { name: 'Mettre à jour la session LinkedIn' }));
    expect(await screen.findByText('SESSION PAGE')).toBeInTheDocument();
  });

  it('LinkedIn changed a page: a notice naming the step, leading to the page check', async () => {
    const user = userEvent.setup();
    const fallback = {
      element: 'messageButton',
      fallback: 3,
      of: 7,
      selector: 'role=link[name=/message/i]',
      step: 'send-message',
    };
    await lastRunCard({ progress: { selector_fallbacks: [fallback] } });
    const notice = await screen.findByTestId('selector-notice');
    expect(notice).toHaveTextContent('LinkedIn a changé une page');
    expect(notice).toHaveTextContent("sélecteur de secours (envoi d'un message)");
    await user.click(within(notice).getByRole('link', { name: 'Vérifier les pages LinkedIn' }));
    expect(await screen.findByText('SESSION PAGE')).toBeInTheDocument();
  });

  it('no notice when every element was found by its primary selector', async () => {
    await lastRunCard({ progress: { strategies: { messageButton: 1 } } });
    expect(screen.queryByTestId('selector-notice')).toBeNull();
  });

  it('connection lost: the status card is greyed with a note, back to normal on reconnect', async () => {
    renderPage();
    await screen.findByTestId('bot-state');
    const es = FakeEventSource.last();
    es.open();
    expect(statusCard()).not.toHaveAttribute('data-muted');
    es.fail();
    expect(await within(statusCard()).findByText(/Connexion perdue, reconnexion/)).toBeInTheDocument();
    expect(statusCard()).toHaveAttribute('data-muted', 'true');
    es.emit('status', makeStatus());
    await waitFor(() => expect(statusCard()).not.toHaveAttribute('data-muted'));
    expect(within(statusCard()).queryByText(/Connexion perdue/)).not.toBeInTheDocument();
  });

  it('after a reconnection, fetches the status again: a run that ended meanwhile shows ended without a reload', async () => {
    server.on('GET', '/api/bot/status', { body: runningStatus() });
    renderPage();
    expect(await screen.findByTestId('bot-state')).toHaveTextContent('Actif');
    const es = FakeEventSource.last();
    es.open();
    es.fail();
    // The run ends while the stream is down: no event tells it.
    server.on('GET', '/api/bot/status', { body: makeStatus({ last_run: makeRun({ id: 'run-1' }) }) });
    es.open();
    await waitFor(() => expect(screen.getByTestId('bot-state')).toHaveTextContent('En veille'));
  });

  it('a gap in the event ids (events missed): fetches the status again', async () => {
    server.on('GET', '/api/bot/status', { body: runningStatus() });
    renderPage();
    expect(await screen.findByTestId('bot-state')).toHaveTextContent('Actif');
    const es = FakeEventSource.last();
    es.open();
    const [line] = makeLogs(1, 1);
    es.emit('log', line, 1);
    es.emit('log', { ...line, id: (line?.id ?? 0) + 1 }, 2);
    server.on('GET', '/api/bot/status', { body: makeStatus({ last_run: makeRun({ id: 'run-1' }) }) });
    const before = server.callsTo('GET', '/api/bot/status').length;
    es.emit('log', { ...line, id: (line?.id ?? 0) + 5 }, 5);
    await waitFor(() => expect(screen.getByTestId('bot-state')).toHaveTextContent('En veille'));
    expect(server.callsTo('GET', '/api/bot/status').length).toBeGreaterThan(before);
  });

  it('auto-run on: the next planned run in local time', async () => {
    server.on('GET', '/api/bot/status', {
      body: makeStatus({ auto_run: makeAutoRun({ enabled: true, next_run_at: '2025-06-11T08:30:00.000Z' }) }),
    });
    renderPage();
    const next = await screen.findByRole('region', { name: 'Prochaine exécution' });
    expect(within(next).queryByText('Mode manuel uniquement')).not.toBeInTheDocument();
    // Another day than today: its date and time in the settings' zone (Europe/Paris), 24-hour.
    expect(within(next).getByText('le 11 juin 2025 à 10:30')).toBeInTheDocument();
    expect(within(next).getByText(/Exécution automatique : activée/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: "Mettre en pause l'exécution automatique" }),
    ).toBeInTheDocument();
  });
});

describe('OverviewPage actions', () => {
  it('start: POSTs a birthday run, then stays disabled while the status says running', async () => {
    const user = userEvent.setup();
    const run = makeRun({ id: 'run-9', status: 'queued', started_at: null, ended_at: null });
    server.on('POST', '/api/bot/action', { status: 202, body: { run } });
    renderPage();
    await screen.findByTestId('bot-state');
    await waitFor(() => expect(server.callsTo('GET', '/api/settings')).toHaveLength(1));
    await user.click(startButton());
    await waitFor(() =>
      expect(server.callsTo('POST', '/api/bot/action')[0]?.body).toEqual({
        action: 'start',
        job_type: 'birthday',
        dry_run: false,
      }),
    );
    expect(await screen.findByText('Bot démarré')).toBeInTheDocument();
    await waitFor(() => expect(startButton()).toBeDisabled());

    FakeEventSource.last().emit('status', runningStatus({ id: 'run-9' }));
    expect(await screen.findByTestId('bot-state')).toHaveTextContent('Actif');
    expect(startButton()).toBeDisabled();

    FakeEventSource.last().emit('status', makeStatus({ last_run: makeRun({ id: 'run-9' }) }));
    await waitFor(() => expect(startButton()).toBeEnabled());
  });

  it('start is disabled when another tab started a run (live status)', async () => {
    renderPage();
    await screen.findByTestId('bot-state');
    expect(startButton()).toBeEnabled();
    FakeEventSource.last().emit(
      'status',
      makeStatus({
        running: true,
        queued_jobs: [makeRun({ id: 'other', status: 'queued', ended_at: null })],
      }),
    );
    await waitFor(() => expect(startButton()).toBeDisabled());
  });

  it('dry-run switch defaults to the dry_run setting and is sent with start', async () => {
    const user = userEvent.setup();
    server.on('GET', '/api/settings', { body: { ...SETTINGS, dry_run: true } });
    server.on('POST', '/api/bot/action', { status: 202, body: { run: makeRun({ status: 'queued' }) } });
    renderPage();
    const sw = await screen.findByRole('switch', { name: /Simulation/ });
    await waitFor(() => expect(sw).toBeChecked());
    await user.click(startButton());
    await waitFor(() =>
      expect(server.callsTo('POST', '/api/bot/action')[0]?.body).toMatchObject({ dry_run: true }),
    );
    expect(await screen.findByText('Bot démarré (simulation)')).toBeInTheDocument();
  });

  it('dry-run switch can be turned on by the user', async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/bot/action', { status: 202, body: { run: makeRun({ status: 'queued' }) } });
    renderPage();
    const sw = await screen.findByRole('switch', { name: /Simulation/ });
    await waitFor(() => expect(server.callsTo('GET', '/api/settings')).toHaveLength(1));
    expect(sw).not.toBeChecked();
    await user.click(sw);
    expect(sw).toBeChecked();
    await user.click(startButton());
    await waitFor(() =>
      expect(server.callsTo('POST', '/api/bot/action')[0]?.body).toMatchObject({ dry_run: true }),
    );
  });

  it('outside the window: asks to confirm, then resends with options.force', async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/bot/action', ({ body }) =>
      (body as { options?: { force?: boolean } }).options?.force
        ? { status: 202, body: { run: makeRun({ status: 'queued' }) } }
        : apiError(409, 'outside_window', 'Outside the daily window', {
            window_start: '07:00',
            window_end: '19:00',
            timezone: 'Europe/Paris',
          }),
    );
    await clickStart(user);
    const dialog = await screen.findByRole('alertdialog', { name: 'En dehors de la plage horaire' });
    expect(dialog).toHaveTextContent('07:00–19:00, Europe/Paris');
    await user.click(within(dialog).getByRole('button', { name: 'Lancer quand même' }));
    await waitFor(() => expect(server.callsTo('POST', '/api/bot/action')).toHaveLength(2));
    expect(server.callsTo('POST', '/api/bot/action')[1]?.body).toEqual({
      action: 'start',
      job_type: 'birthday',
      dry_run: false,
      options: { force: true },
    });
    expect(await screen.findByText('Bot démarré')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('outside the window: cancel sends nothing more', async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/bot/action', apiError(409, 'outside_window', 'Outside the daily window'));
    await clickStart(user);
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(server.callsTo('POST', '/api/bot/action')).toHaveLength(1);
    expect(startButton()).toHaveFocus();
  });

  it('already running: says so', async () => {
    server.on('POST', '/api/bot/action', apiError(409, 'already_running', 'A run is already active'));
    await clickStart(userEvent.setup());
    expect(
      await screen.findByText("Une exécution est déjà en file d'attente ou en cours"),
    ).toBeInTheDocument();
  });

  it('stop: confirm dialog, POST stop, "Arrêt demandé", loading until the status says stopped', async () => {
    const user = userEvent.setup();
    server.on('GET', '/api/bot/status', { body: runningStatus() });
    server.on('POST', '/api/bot/action', { status: 202, body: { stopping: ['run-2'] } });
    renderPage();
    await screen.findByTestId('bot-state');
    await user.click(stopButton());
    const dialog = await screen.findByRole('alertdialog', { name: "Arrêter l'exécution en cours ?" });
    await user.click(within(dialog).getByRole('button', { name: "Arrêter l'exécution" }));
    await waitFor(() =>
      expect(server.callsTo('POST', '/api/bot/action')[0]?.body).toEqual({ action: 'stop', run_id: 'run-2' }),
    );
    expect(await screen.findByText('Arrêt demandé')).toBeInTheDocument();
    expect(stopButton()).toBeDisabled();
    expect(stopButton()).toHaveTextContent('Arrêt en cours…');

    const es = FakeEventSource.last();
    es.emit('status', runningStatus({ status: 'stopping' }, { state: 'stopping' }));
    expect(stopButton()).toHaveTextContent('Arrêt en cours…');
    es.emit(
      'status',
      makeStatus({
        last_run: makeRun({ id: 'run-2', status: 'stopped', stopped_by: 'admin', messages_sent: 3 }),
      }),
    );
    expect(await screen.findByText('Exécution arrêtée')).toBeInTheDocument();
    await waitFor(() => expect(stopButton()).toHaveTextContent("Arrêter l'exécution en cours"));
    expect(stopButton()).toBeDisabled();
    expect(screen.getByTestId('bot-state')).toHaveTextContent('En veille');
  });

  it('stop: cancelling the dialog sends nothing', async () => {
    const user = userEvent.setup();
    server.on('GET', '/api/bot/status', { body: runningStatus() });
    renderPage();
    await screen.findByTestId('bot-state');
    await user.click(stopButton());
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(server.callsTo('POST', '/api/bot/action')).toHaveLength(0);
    expect(stopButton()).toHaveFocus();
  });

  it('auto-run toggle: PATCH /api/settings {schedule:{auto_run}}', async () => {
    const user = userEvent.setup();
    server.on('PATCH', '/api/settings', ({ body }) => {
      const auto = (body as { schedule: { auto_run: boolean } }).schedule.auto_run;
      server.on('GET', '/api/bot/status', {
        body: makeStatus({
          auto_run: makeAutoRun({ enabled: auto, next_run_at: auto ? '2025-06-11T08:30:00.000Z' : null }),
        }),
      });
      return { body: { ...SETTINGS, schedule: { ...SETTINGS.schedule, auto_run: auto } } };
    });
    renderPage();
    await user.click(await screen.findByRole('button', { name: "Reprendre l'exécution automatique" }));
    await waitFor(() =>
      expect(server.callsTo('PATCH', '/api/settings')[0]?.body).toEqual({ schedule: { auto_run: true } }),
    );
    expect(await screen.findByText('Exécution automatique reprise')).toBeInTheDocument();
    const pause = await screen.findByRole('button', { name: "Mettre en pause l'exécution automatique" });
    await waitFor(() => expect(screen.queryByText('Mode manuel uniquement')).not.toBeInTheDocument());

    await user.click(pause);
    await waitFor(() =>
      expect(server.callsTo('PATCH', '/api/settings')[1]?.body).toEqual({ schedule: { auto_run: false } }),
    );
    expect(await screen.findByText('Exécution automatique en pause')).toBeInTheDocument();
    expect(await screen.findByText('Mode manuel uniquement')).toBeInTheDocument();
  });
});
