// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../api/types.ts';
import { fieldsError, mockFetch } from '../testing/fakeApi.ts';
import { SETTINGS as DEFAULTS } from '../testing/fixtures.ts';
import { cleanupAfterEach, renderPage } from '../testing/render.tsx';
import { SettingsPage } from './Settings.tsx';

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
    expect(daily).toHaveAccessibleDescription('Too big: expected number to be <=1000');
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
    // The wish language is the templates page's: a save here leaves it as it is.
    expect(patch?.body).not.toHaveProperty('birthday.language');
    expect(patch?.body).toEqual({
      ...SETTINGS,
      network: undefined,
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
});
