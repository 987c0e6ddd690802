// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, Link, RouterProvider } from 'react-router';
import { Toaster } from 'sonner';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../api/types.ts';
import { fr } from '../i18n/fr.ts';
import { I18nProvider, type Locale } from '../i18n/i18n.tsx';
import { apiError, fieldsError, mockFetch } from '../testing/fakeApi.ts';
import { SETTINGS as DEFAULTS } from '../testing/fixtures.ts';
import { cleanupAfterEach, installDomPolyfills, renderPage } from '../testing/render.tsx';
import { SettingsPage } from './Settings.tsx';

installDomPolyfills();

/** The page in a data router, as main.tsx mounts the app (the leave guard needs one), with a page to leave for. */
function renderInDataRouter(locale: Locale = 'fr') {
  const router = createMemoryRouter(
    [
      {
        path: '/settings',
        element: (
          <>
            <Link to="/runs">RUNS LINK</Link>
            <SettingsPage />
          </>
        ),
      },
      { path: '/runs', element: <p>RUNS PAGE</p> },
    ],
    { initialEntries: ['/settings'] },
  );
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale}>
        <Toaster />
        <RouterProvider router={router} />
      </I18nProvider>
    </QueryClientProvider>,
  );
  return router;
}

/** The server's defaults, with a keyword. */
const SETTINGS: Settings = { ...DEFAULTS, visitor: { ...DEFAULTS.visitor, keywords: ['cto'] } };
/** The birthday fields this form saves: all but the wish language. */
const { language: _wishLanguage, ...BIRTHDAY_FORM } = SETTINGS.birthday;

cleanupAfterEach();

describe('SettingsPage', () => {
  it('shows a 400 field error next to its field and keeps what was typed', async () => {
    const { calls } = mockFetch({
      'GET /api/settings': { body: SETTINGS },
      'PATCH /api/settings': fieldsError({ 'limits.daily': 'Too big: expected number to be <=1000' }),
    });
    const user = userEvent.setup();
    renderPage(<SettingsPage />);

    const daily = await screen.findByLabelText('Messages per day');
    await user.clear(daily);
    await user.type(daily, '5000');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByText('Too big: expected number to be <=1000');
    expect(daily).toHaveAttribute('aria-invalid', 'true');
    expect(daily).toHaveAccessibleDescription(
      expect.stringContaining('Too big: expected number to be <=1000'),
    );
    expect(daily).toHaveValue(5000);
    // Other fields are not marked.
    expect(screen.getByLabelText('Messages per week')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('alert')).toHaveTextContent('Some fields are invalid');
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
  });

  it('saves the whole form with one PATCH and confirms', async () => {
    const { calls } = mockFetch({
      'GET /api/settings': { body: SETTINGS },
      'PATCH /api/settings': (call) => ({ body: call.body }),
    });
    const user = userEvent.setup();
    renderPage(<SettingsPage />);

    const keywords = await screen.findByLabelText('Search keywords');
    expect(keywords).toHaveValue('cto');
    await user.clear(keywords);
    await user.type(keywords, 'cto, founder ,, growth');
    await user.click(screen.getByLabelText('Dry run (do everything but press “Send”)'));
    const perRun = screen.getByLabelText('Messages per run');
    await user.clear(perRun);
    await user.type(perRun, '12');
    await user.clear(screen.getByLabelText('Time zone'));
    await user.type(screen.getByLabelText('Time zone'), 'Europe/London');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByText('Settings saved');
    const patch = calls.find((c) => c.method === 'PATCH');
    // The proxy has its own form on the session page.
    expect(patch?.body).not.toHaveProperty('network');
    // Notifications have their own page.
    expect(patch?.body).not.toHaveProperty('notifications');
    // The wish language is the templates page's: a save here leaves it as it is.
    expect(patch?.body).not.toHaveProperty('birthday.language');
    expect(patch?.body).toEqual({
      ...SETTINGS,
      network: undefined,
      notifications: undefined,
      birthday: BIRTHDAY_FORM,
      dry_run: true,
      limits: { ...SETTINGS.limits, per_run: 12 },
      schedule: { ...SETTINGS.schedule, timezone: 'Europe/London' },
      visitor: { keywords: ['cto', 'founder', 'growth'], location: '' },
    });
    await waitFor(() => expect(screen.getByLabelText('Search keywords')).toHaveValue('cto, founder, growth'));
  });

  it('edits the rhythm profile and the warm-up', async () => {
    const { calls } = mockFetch({
      'GET /api/settings': { body: SETTINGS },
      'PATCH /api/settings': (call) => ({ body: call.body }),
    });
    const user = userEvent.setup();
    renderPage(<SettingsPage />);

    const rhythm = await screen.findByLabelText('Rhythm in the browser');
    expect(rhythm).toHaveValue('human');
    await user.selectOptions(rhythm, 'Fast: for the sandbox and tests only');
    const warmUp = screen.getByLabelText('Warm up a new account (lower limits during its first week)');
    expect(warmUp).toBeChecked();
    await user.click(warmUp);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      ...SETTINGS,
      network: undefined,
      notifications: undefined,
      birthday: BIRTHDAY_FORM,
      limits: { ...SETTINGS.limits, warm_up: false },
      delays: { ...SETTINGS.delays, profile: 'fast' },
    });
  });

  it('forgets the LinkedIn data after a confirmation, and edits the retention', async () => {
    const { calls } = mockFetch({
      'GET /api/settings': { body: SETTINGS },
      'PATCH /api/settings': (call) => ({ body: call.body }),
      'POST /api/privacy/forget': {
        body: {
          forgotten: {
            contacts: 3,
            outcomes: 5,
            ledger_texts: 3,
            ledger_keys: 0,
            run_errors: 0,
            profile_visits: 0,
            invitation_withdrawals: 0,
            log_lines: 9,
            notifications: 0,
            screenshots: 2,
            doctor_reports: 1,
          },
        },
      },
    });
    const user = userEvent.setup();
    renderPage(<SettingsPage />);

    const screenshots = await screen.findByLabelText('Keep page screenshots for (days)');
    expect(screenshots).toHaveValue(30);
    expect(screen.getByLabelText('Keep contacts, run outcomes and sent texts for (days)')).toHaveValue(365);
    await user.clear(screenshots);
    await user.type(screenshots, '7');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({
      retention: { screenshots_days: 7, outcomes_days: 365 },
    });

    await user.click(screen.getByRole('button', { name: 'Forget LinkedIn data' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('This cannot be undone.');
    expect(calls.some((c) => c.path === '/api/privacy/forget')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Forget' }));
    await screen.findByText('Forgotten: 3 contacts, 5 outcomes, 3 screenshots and checks');
    expect(calls.find((c) => c.path === '/api/privacy/forget')).toMatchObject({
      method: 'POST',
      body: { confirm: true },
    });
  });

  it('words the API field errors in French from their codes, never its English sentences', async () => {
    const { calls } = mockFetch({
      'GET /api/settings': { body: SETTINGS },
      'PATCH /api/settings': apiError(400, 'invalid_input', 'Invalid input', {
        fields: {
          'limits.daily': 'Too big: expected number to be <=1000',
          'delays.max_seconds': 'max_seconds must be >= min_seconds',
          'visitor.location': 'Too big: expected string to have <=100 characters',
          'limits.weekly': 'Invalid input: expected number, received null',
          'schedule.window_end': 'window_end must be after window_start',
        },
        field_errors: {
          'limits.daily': { code: 'too_big', maximum: 1000, inclusive: true, origin: 'number' },
          'delays.max_seconds': { code: 'max_below_min' },
          'visitor.location': { code: 'too_big', maximum: 100, inclusive: true, origin: 'string' },
          'limits.weekly': { code: 'required' },
          'schedule.window_end': { code: 'window_end_before_start' },
        },
      }),
    });
    const user = userEvent.setup();
    renderPage(<SettingsPage />, { locale: 'fr' });

    const daily = await screen.findByLabelText('Messages par jour');
    await user.clear(daily);
    await user.type(daily, '5000');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    await screen.findByText('Doit être inférieur ou égal à 1000');
    expect(daily).toHaveAccessibleDescription(expect.stringContaining('Doit être inférieur ou égal à 1000'));
    expect(screen.getByLabelText('Maximum (secondes)')).toHaveAccessibleDescription(
      'Doit être supérieur ou égal au minimum',
    );
    expect(screen.getByLabelText('Lieu')).toHaveAccessibleDescription(
      expect.stringContaining('100 caractères au maximum'),
    );
    expect(screen.getByLabelText('Messages par semaine')).toHaveAccessibleDescription(
      expect.stringContaining('Obligatoire'),
    );
    expect(screen.getByText('Doit être après le début de la plage')).toBeInTheDocument();
    const text = document.body.textContent ?? '';
    for (const english of ['Too big', 'max_seconds', 'expected', 'window_end', 'Invalid']) {
      expect(text).not.toContain(english);
    }
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
  });

  it('groups the settings per bot: the visitor and invitation bots have theirs', async () => {
    mockFetch({ 'GET /api/settings': { body: SETTINGS } });
    renderPage(<SettingsPage />, { locale: 'fr' });

    const visitor = await screen.findByRole('group', { name: 'Bot de visite de profils' });
    expect(within(visitor).getByLabelText('Mots-clés de recherche')).toHaveValue('cto');
    expect(within(visitor).getByLabelText('Lieu')).toBeInTheDocument();
    expect(within(visitor).getByLabelText(fr['pages.settings.limits.visits_per_run'])).toHaveValue(15);
    const invitations = screen.getByRole('group', { name: 'Bot de nettoyage des invitations' });
    expect(within(invitations).getByLabelText('Retirer les invitations de plus de (jours)')).toHaveValue(30);
    expect(within(invitations).getByLabelText(fr['pages.settings.limits.withdrawals_per_run'])).toHaveValue(
      20,
    );
    const birthday = screen.getByRole('group', { name: 'Bot des anniversaires' });
    expect(within(birthday).getByLabelText('Messages par jour')).toHaveValue(15);
    expect(within(birthday).queryByLabelText('Lieu')).toBeNull();
  });

  it('edits the window as 24-hour times with two selects, hours and minutes', async () => {
    const { calls } = mockFetch({
      'GET /api/settings': { body: SETTINGS },
      'PATCH /api/settings': (call) => ({ body: call.body }),
    });
    const user = userEvent.setup();
    renderPage(<SettingsPage />, { locale: 'fr' });

    const endHours = await screen.findByLabelText('Fin de la plage (heures)');
    expect(endHours).toHaveValue('19');
    expect(
      within(endHours)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')));
    expect(screen.getByRole('group', { name: 'Début de la plage' })).toBeInTheDocument();
    await user.selectOptions(endHours, '23');
    await user.selectOptions(screen.getByLabelText('Fin de la plage (minutes)'), '45');
    await user.selectOptions(screen.getByLabelText('Début de la plage (heures)'), '00');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({
      schedule: { window_start: '00:00', window_end: '23:45' },
    });
  });

  it('asks before leaving with unsaved changes: "stay" keeps them, "leave" goes', async () => {
    mockFetch({ 'GET /api/settings': { body: SETTINGS } });
    const user = userEvent.setup();
    const router = renderInDataRouter('fr');

    const location = await screen.findByLabelText('Lieu');
    // Nothing edited: leaving asks nothing.
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(false);

    await user.type(location, 'Lyon');
    expect(screen.getByText('Modifications non enregistrées')).toBeInTheDocument();
    const unloadDirty = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unloadDirty);
    expect(unloadDirty.defaultPrevented).toBe(true);

    await user.click(screen.getByText('RUNS LINK'));
    const dialog = await screen.findByRole('alertdialog', { name: 'Quitter sans enregistrer ?' });
    await user.click(within(dialog).getByRole('button', { name: 'Rester sur la page' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(router.state.location.pathname).toBe('/settings');
    expect(screen.getByLabelText('Lieu')).toHaveValue('Lyon');

    await user.click(screen.getByText('RUNS LINK'));
    const again = await screen.findByRole('alertdialog');
    await user.click(within(again).getByRole('button', { name: 'Quitter sans enregistrer' }));
    await screen.findByText('RUNS PAGE');
    expect(router.state.location.pathname).toBe('/runs');
  });

  it('leaves without asking once the changes are saved or discarded', async () => {
    mockFetch({
      'GET /api/settings': { body: SETTINGS },
      'PATCH /api/settings': (call) => ({ body: call.body }),
    });
    const user = userEvent.setup();
    renderInDataRouter('en');

    await user.type(await screen.findByLabelText('Location'), 'Lyon');
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(screen.getByLabelText('Location')).toHaveValue('');
    await user.type(screen.getByLabelText('Location'), 'Nice');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Settings saved');
    await user.click(screen.getByText('RUNS LINK'));
    await screen.findByText('RUNS PAGE');
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
