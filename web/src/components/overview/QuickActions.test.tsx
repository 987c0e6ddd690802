// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fr } from '../../i18n/fr.ts';
import { OverviewPage } from '../../pages/Overview.tsx';
import type { FakeApi } from '../../testing/fakeApi.ts';
import { defaultServer, makeRun, makeStatus, runningStatus } from '../../testing/fixtures.ts';
import {
  cleanupAfterEach,
  FakeEventSource,
  installDomPolyfills,
  renderWithApp,
} from '../../testing/render.tsx';

let server: FakeApi;

beforeEach(() => {
  installDomPolyfills();
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  server = defaultServer();
  vi.stubGlobal('fetch', server.fetch);
});

cleanupAfterEach();

const actions = () => screen.getByRole('region', { name: /Actions rapides|Quick actions/ });

describe('QuickActions: every bot from the overview', () => {
  it('starts a profile-visit run in dry run, with its own words (French)', async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/bot/action', {
      status: 202,
      body: {
        run: makeRun({ id: 'v-1', type: 'visitor', status: 'queued', started_at: null, ended_at: null }),
      },
    });
    renderWithApp(<OverviewPage />);
    await screen.findByTestId('bot-state');
    await waitFor(() => expect(server.callsTo('GET', '/api/settings')).toHaveLength(1));
    const bot = within(actions()).getByRole('combobox', { name: 'Bot à lancer' });
    expect(bot).toHaveValue('birthday');
    expect(
      within(actions()).getByRole('switch', { name: "Simulation (aucun message n'est envoyé)" }),
    ).toBeInTheDocument();

    await user.selectOptions(bot, 'visitor');
    const sw = within(actions()).getByRole('switch', { name: "Simulation (aucun profil n'est visité)" });
    await user.click(sw);
    await user.click(within(actions()).getByRole('button', { name: 'Lancer les visites de profils' }));
    await waitFor(() =>
      expect(server.callsTo('POST', '/api/bot/action')[0]?.body).toEqual({
        action: 'start',
        job_type: 'visitor',
        dry_run: true,
      }),
    );
    expect(await screen.findByText("Les visites de profils sont en file d'attente.")).toBeInTheDocument();
    // Like the birthday start: off while that run is queued or running.
    await waitFor(() =>
      expect(within(actions()).getByRole('button', { name: 'Lancer les visites de profils' })).toBeDisabled(),
    );
  });

  it('starts a real invitation cleanup (English)', async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/bot/action', {
      status: 202,
      body: { run: makeRun({ type: 'invitations', status: 'queued', started_at: null, ended_at: null }) },
    });
    renderWithApp(<OverviewPage />, { locale: 'en' });
    await screen.findByTestId('bot-state');
    await waitFor(() => expect(server.callsTo('GET', '/api/settings')).toHaveLength(1));
    await user.selectOptions(
      within(actions()).getByRole('combobox', { name: 'Bot to start' }),
      'invitations',
    );
    expect(
      within(actions()).getByRole('switch', { name: 'Dry run (no invitation is withdrawn)' }),
    ).not.toBeChecked();
    await user.click(within(actions()).getByRole('button', { name: 'Start the invitation cleanup' }));
    await waitFor(() =>
      expect(server.callsTo('POST', '/api/bot/action')[0]?.body).toEqual({
        action: 'start',
        job_type: 'invitations',
        dry_run: false,
      }),
    );
  });

  it('cannot start any bot while a run is active', async () => {
    const user = userEvent.setup();
    server.on('GET', '/api/bot/status', { body: runningStatus({ type: 'visitor' }) });
    renderWithApp(<OverviewPage />);
    await screen.findByTestId('bot-state');
    for (const type of ['birthday', 'visitor', 'invitations']) {
      await user.selectOptions(within(actions()).getByRole('combobox', { name: 'Bot à lancer' }), type);
      const start = within(actions())
        .getAllByRole('button')
        .find((b) => /^Lancer/.test(b.textContent ?? ''));
      expect(start, type).toBeDisabled();
    }
  });

  it.each([
    ['birthday', 'Les messages déjà envoyés le restent.', /profils|invitations/i],
    ['visitor', 'Les profils déjà visités le restent.', /messages|invitations/i],
    ['invitations', 'Les invitations déjà retirées le restent.', /messages|profils/i],
  ])('the stop dialog of a %s run says what stays done', async (type, kept, other) => {
    const user = userEvent.setup();
    server.on('GET', '/api/bot/status', { body: runningStatus({ type }) });
    renderWithApp(<OverviewPage />);
    await screen.findByTestId('bot-state');
    await user.click(within(actions()).getByRole('button', { name: fr['overview.actions.stop'] }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent(kept);
    expect(dialog.textContent).not.toMatch(other);
  });
});

describe('LastRunCard: the run type own figures', () => {
  it.each([
    [
      'invitations',
      { invitations_withdrawn: 4, messages_sent: 0 },
      'Invitations retirées',
      /envoyés|visités/i,
    ],
    ['visitor', { profiles_visited: 7, messages_sent: 0 }, 'Profils visités', /envoyés|retirées/i],
    ['birthday', { messages_sent: 3 }, 'Messages envoyés', /visités|retirées/i],
  ])('a %s run shows its own figure first', async (type, counters, label, notShown) => {
    server.on('GET', '/api/bot/status', {
      body: makeStatus({ last_run: makeRun({ type, skipped: 1, errors: 0, ...counters }) }),
    });
    renderWithApp(<OverviewPage />);
    const card = await screen.findByRole('region', { name: fr['overview.lastRun.title'] });
    const value = Object.values(counters)[0];
    expect(within(card).getByText(label).nextSibling).toHaveTextContent(String(value));
    expect(within(card).getByText('Ignorés').nextSibling).toHaveTextContent('1');
    expect(within(card).getByText('Erreurs').nextSibling).toHaveTextContent('0');
    expect(card.textContent).not.toMatch(notShown);
  });
});
