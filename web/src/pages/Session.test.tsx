// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderPage } from '../components/pages/testing.tsx';
import { SessionPage } from './Session.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const MISSING = { status: 'missing', checked_at: null, updated_at: null, cookie_names: [] };
const STORED = {
  status: 'unchecked',
  checked_at: null,
  updated_at: '2025-03-01T09:00:00.000Z',
  cookie_names: ['li_at', 'JSESSIONID'],
};

describe('SessionPage', () => {
  it('saves cookies, shows the status and never renders a cookie value', async () => {
    const { calls } = mockFetch({
      'GET /api/linkedin/session': { body: MISSING },
      'PUT /api/linkedin/session': { body: STORED },
      'POST /api/linkedin/session/check': {
        body: { ...STORED, status: 'valid', checked_at: '2025-03-01T09:01:00.000Z' },
      },
    });
    const user = userEvent.setup();
    const { container } = renderPage(<SessionPage />);

    expect(await screen.findByText('Missing')).toBeInTheDocument();
    await user.type(screen.getByLabelText('li_at cookie'), 'AQEDAsecret-li-at');
    await user.type(screen.getByLabelText('JSESSIONID cookie'), 'ajax:secret-jsession');
    await user.click(screen.getByRole('button', { name: 'Save session' }));

    expect(await screen.findByText('Not checked')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      cookies: { li_at: 'AQEDAsecret-li-at', JSESSIONID: 'ajax:secret-jsession' },
    });
    expect(screen.getByText('li_at, JSESSIONID')).toBeInTheDocument();
    expect(screen.getByLabelText('li_at cookie')).toHaveValue('');
    expect(screen.getByLabelText('JSESSIONID cookie')).toHaveValue('');
    expect(container.innerHTML).not.toContain('secret');
    expect(document.body.innerHTML).not.toContain('secret');

    await user.click(screen.getByRole('button', { name: 'Check now' }));
    expect(await screen.findByText('Valid')).toBeInTheDocument();
    expect(await screen.findByText('The session is valid')).toBeInTheDocument();
  });

  it('uploads a Playwright storage state as is', async () => {
    const state = {
      cookies: [{ name: 'li_at', value: 'file-secret', domain: '.linkedin.com', path: '/' }],
      origins: [],
    };
    const { calls } = mockFetch({
      'GET /api/linkedin/session': { body: MISSING },
      'PUT /api/linkedin/session': { body: STORED },
    });
    const user = userEvent.setup();
    renderPage(<SessionPage />);
    const input = await screen.findByLabelText('Playwright storage state (JSON file)');
    await user.upload(input, new File([JSON.stringify(state)], 'state.json', { type: 'application/json' }));
    await waitFor(() => expect(screen.getByLabelText('li_at cookie')).toBeDisabled());
    await user.click(screen.getByRole('button', { name: 'Save session' }));
    await screen.findByText('Not checked');
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual(state);
    expect(document.body.innerHTML).not.toContain('file-secret');
  });

  it('deletes the session after confirmation', async () => {
    const { calls } = mockFetch({
      'GET /api/linkedin/session': { body: { ...STORED, status: 'expired' } },
      'DELETE /api/linkedin/session': { status: 204 },
    });
    const user = userEvent.setup();
    renderPage(<SessionPage />);
    expect(await screen.findByText('Expired')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete session' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete session' }),
    );
    expect(await screen.findByText('Missing')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(true);
  });
});
