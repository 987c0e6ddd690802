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
    expect(patch?.body).toEqual({
      ...SETTINGS,
      network: undefined,
      dry_run: true,
      limits: { ...SETTINGS.limits, per_run: 12 },
      schedule: { ...SETTINGS.schedule, timezone: 'Europe/London' },
      visitor: { keywords: ['cto', 'founder', 'growth'], location: '' },
    });
    await waitFor(() => expect(screen.getByLabelText('Search keywords')).toHaveValue('cto, founder, growth'));
  });
});
