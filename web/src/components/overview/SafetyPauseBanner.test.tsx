// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SafetyPause } from '../../api/types.ts';
import { OverviewPage } from '../../pages/Overview.tsx';
import { apiError, type FakeApi, type Reply } from '../../testing/fakeApi.ts';
import { defaultServer, makeRun, makeStatus } from '../../testing/fixtures.ts';
import {
  cleanupAfterEach,
  FakeEventSource,
  installDomPolyfills,
  renderWithApp,
} from '../../testing/render.tsx';

/** The overview while LinkedIn's pushback holds the bots: the banner, the start button, the resume. */

const PAUSE: SafetyPause = { reason: 'rate_limited', since: '2025-06-10T09:02:05.000Z', run_id: 'run-1' };
const pausedStatus = (pause: Partial<SafetyPause> = {}) =>
  makeStatus({
    last_run: makeRun({
      status: 'failed',
      error: { code: 'rate_limited', message: 'LinkedIn shows its limit banner', pushback: 'rate_limited' },
    }),
    safety_pause: { ...PAUSE, ...pause },
  });
const localTime = (iso: string, tag: string) =>
  new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

let server: FakeApi;
beforeEach(() => {
  installDomPolyfills();
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  server = defaultServer(pausedStatus());
  vi.stubGlobal('fetch', server.fetch);
});
cleanupAfterEach();

const banner = () => screen.findByTestId('safety-pause');
const startButton = () =>
  screen.getByRole('button', { name: /Lancer une exécution anniversaires|Start a birthday run/ });
const resumeButton = (within_: HTMLElement) =>
  within(within_).getByRole('button', { name: /Reprendre les bots|Resume the bots/ });

/** The server's resume: `reply` to its body; once resumed, the status has no pause. */
function resumeAnswers(reply: (body: unknown) => Reply) {
  server.on('POST', '/api/bot/resume', ({ body }) => {
    const answer = reply(body);
    if ((answer.status ?? 200) === 200) server.on('GET', '/api/bot/status', { body: makeStatus() });
    return answer;
  });
}

describe('overview: the bots are paused after LinkedIn pushed back', () => {
  it('says why, since when (local time) and what to do; start is off with the reason; stop stays', async () => {
    renderWithApp(<OverviewPage />);
    const frame = await banner();
    expect(frame).toHaveAttribute('role', 'alert');
    expect(frame).toHaveTextContent(
      'Tous les bots de ce compte sont en pause, exécution automatique comprise',
    );
    expect(frame).toHaveTextContent('LinkedIn a affiché son avertissement de limite');
    expect(frame).toHaveTextContent(`En pause depuis le ${localTime(PAUSE.since, 'fr-FR')}`);
    expect(frame).toHaveTextContent(/baissez les limites quotidienne et hebdomadaire/);
    expect(within(frame).getByRole('link', { name: "Voir l'exécution" })).toHaveAttribute(
      'href',
      '/runs/run-1',
    );
    expect(resumeButton(frame)).toBeEnabled();

    expect(startButton()).toBeDisabled();
    expect(startButton()).toHaveAccessibleDescription(
      "Lancement impossible tant que les bots sont en pause (LinkedIn a affiché son avertissement de limite) : reprenez-les d'abord.",
    );
    expect(screen.getByRole('button', { name: "Arrêter l'exécution en cours" })).toBeInTheDocument();
  });

  it('names a checkpoint and a captcha in words, in English', async () => {
    for (const [reason, words] of [
      ['checkpoint', 'LinkedIn asked for a security check (checkpoint)'],
      ['captcha', 'LinkedIn showed a captcha'],
    ] as const) {
      server.on('GET', '/api/bot/status', { body: pausedStatus({ reason }) });
      const { unmount } = renderWithApp(<OverviewPage />, { locale: 'en' });
      const frame = await banner();
      expect(frame).toHaveTextContent(words);
      expect(frame).toHaveTextContent(/open LinkedIn in your own browser/);
      expect(startButton()).toHaveAccessibleDescription(
        new RegExp(`paused \\(${words.replace(/[()]/g, '\\$&')}\\)`),
      );
      unmount();
    }
  });

  it('a pause from an earlier day resumes in one click; the banner goes and start comes back', async () => {
    const user = userEvent.setup();
    resumeAnswers(() => ({ body: { resumed: PAUSE } }));
    renderWithApp(<OverviewPage />);
    await user.click(resumeButton(await banner()));
    expect(await screen.findByText('Bots repris : les exécutions peuvent repartir')).toBeInTheDocument();
    expect(server.callsTo('POST', '/api/bot/resume').map((c) => c.body)).toEqual([{}]);
    await waitFor(() => expect(screen.queryByTestId('safety-pause')).not.toBeInTheDocument());
    await waitFor(() => expect(startButton()).toBeEnabled());
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('a same-day resume asks for confirmation before sending confirm: true', async () => {
    const user = userEvent.setup();
    resumeAnswers((body) =>
      (body as { confirm?: boolean }).confirm
        ? { body: { resumed: PAUSE } }
        : apiError(409, 'confirmation_required', 'The bots were paused today', {
            ...PAUSE,
            timezone: 'Europe/Paris',
          }),
    );
    renderWithApp(<OverviewPage />);
    await user.click(resumeButton(await banner()));
    const dialog = await screen.findByRole('alertdialog', { name: 'Reprendre le jour même ?' });
    expect(dialog).toHaveTextContent(/LinkedIn a affiché son avertissement de limite aujourd'hui/);
    await user.click(within(dialog).getByRole('button', { name: 'Reprendre quand même' }));
    await waitFor(() =>
      expect(server.callsTo('POST', '/api/bot/resume').map((c) => c.body)).toEqual([{}, { confirm: true }]),
    );
    await waitFor(() => expect(screen.queryByTestId('safety-pause')).not.toBeInTheDocument());
  });

  it('cancelling the same-day confirmation keeps the bots paused and sends nothing more', async () => {
    const user = userEvent.setup();
    server.on(
      'POST',
      '/api/bot/resume',
      apiError(409, 'confirmation_required', 'The bots were paused today'),
    );
    renderWithApp(<OverviewPage />);
    const frame = await banner();
    await user.click(resumeButton(frame));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(server.callsTo('POST', '/api/bot/resume')).toHaveLength(1);
    expect(resumeButton(frame)).toHaveFocus();
    expect(startButton()).toBeDisabled();
  });

  it('a pause told by the live status shows at once and turns start off', async () => {
    server.on('GET', '/api/bot/status', { body: makeStatus() });
    renderWithApp(<OverviewPage />);
    await screen.findByTestId('bot-state');
    expect(startButton()).toBeEnabled();
    FakeEventSource.last().emit('status', pausedStatus({ reason: 'checkpoint' }));
    expect(await banner()).toHaveTextContent('LinkedIn a demandé une vérification de sécurité');
    expect(startButton()).toBeDisabled();
  });
});
