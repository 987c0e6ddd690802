// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/contract/settings.ts';
import type { LinkedInSession, Settings } from '../api/types.ts';
import { fieldsError, mockFetch } from '../testing/fakeApi.ts';
import { cleanupAfterEach, renderPage } from '../testing/render.tsx';
import { SessionNetwork } from './SessionNetwork.tsx';

cleanupAfterEach();

const ECHO = 'https://api.ipify.org?format=json';
const withProxy = (proxy: Settings['network']['proxy']): Settings => ({
  ...DEFAULT_SETTINGS,
  network: { proxy, ip_check_url: ECHO },
});
const AUTHENTICATED = withProxy({ url: 'http://proxy.example:3128', username: 'ada', password_set: true });
const EXIT_IP: NonNullable<LinkedInSession['exit_ip']> = {
  ip: '203.0.113.7',
  checked_at: '2025-03-02T09:00:00.000Z',
  run_id: 'run-2',
  previous_ip: '198.51.100.4',
  previous_checked_at: '2025-03-01T09:00:00.000Z',
  changed: true,
};

describe('SessionNetwork', () => {
  it('shows the exit IP and warns when it changed since the run before', async () => {
    mockFetch({ 'GET /api/settings': { body: DEFAULT_SETTINGS } });
    renderPage(<SessionNetwork exitIp={EXIT_IP} />);
    expect(await screen.findByText('203.0.113.7')).toBeInTheDocument();
    expect(
      screen.getByText(/The exit IP changed: the run before came from 198\.51\.100\.4/),
    ).toBeInTheDocument();
    cleanup();

    renderPage(<SessionNetwork exitIp={{ ...EXIT_IP, previous_ip: '203.0.113.7', changed: false }} />);
    expect(await screen.findByText('203.0.113.7')).toBeInTheDocument();
    expect(screen.queryByText(/exit IP changed/)).not.toBeInTheDocument();
    cleanup();

    renderPage(<SessionNetwork exitIp={null} />, { locale: 'fr' });
    expect(await screen.findByText(/Pas encore lue/)).toBeInTheDocument();
  });

  it('sends a new password once and never shows the stored one; an empty field keeps it', async () => {
    const { calls } = mockFetch({
      'GET /api/settings': { body: AUTHENTICATED },
      'PATCH /api/settings': { body: AUTHENTICATED },
    });
    const user = userEvent.setup();
    renderPage(<SessionNetwork exitIp={null} />);

    const password = await screen.findByLabelText('Proxy password');
    expect(password).toHaveValue('');
    expect(password).toHaveAttribute('type', 'password');
    expect(screen.getByText(/A password is stored \(never shown\)/)).toBeInTheDocument();
    expect(screen.getByLabelText('Proxy')).toHaveValue('http://proxy.example:3128');
    expect(screen.getByLabelText('Proxy username')).toHaveValue('ada');

    await user.type(password, 'n3w-secret');
    await user.click(screen.getByRole('button', { name: 'Save network settings' }));
    await screen.findByText('Network settings saved');
    expect(calls.filter((c) => c.method === 'PATCH').at(-1)?.body).toEqual({
      network: {
        proxy: { url: 'http://proxy.example:3128', username: 'ada', password: 'n3w-secret' },
        ip_check_url: ECHO,
      },
    });
    await waitFor(() => expect(screen.getByLabelText('Proxy password')).toHaveValue(''));

    await user.clear(screen.getByLabelText('Proxy username'));
    await user.type(screen.getByLabelText('Proxy username'), 'grace');
    await user.click(screen.getByRole('button', { name: 'Save network settings' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'PATCH').at(-1)?.body).toEqual({
      network: { proxy: { url: 'http://proxy.example:3128', username: 'grace' }, ip_check_url: ECHO },
    });
  });

  it('clears the password, and removes the proxy when its URL is emptied', async () => {
    const direct = withProxy(null);
    const { calls } = mockFetch({
      'GET /api/settings': { body: AUTHENTICATED },
      'PATCH /api/settings': (call) => ({
        body:
          (call.body as { network: { proxy: unknown } }).network.proxy === null
            ? direct
            : withProxy({ url: 'http://proxy.example:3128', username: 'ada', password_set: false }),
      }),
    });
    const user = userEvent.setup();
    renderPage(<SessionNetwork exitIp={null} />);

    await user.click(await screen.findByRole('button', { name: 'Clear password' }));
    await screen.findByText('No password stored.');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ network: { proxy: { password: null } } });
    expect(screen.queryByRole('button', { name: 'Clear password' })).not.toBeInTheDocument();

    await user.clear(screen.getByLabelText('Proxy'));
    await user.click(screen.getByRole('button', { name: 'Save network settings' }));
    await waitFor(() => expect(screen.getByLabelText('Proxy username')).toHaveValue(''));
    expect(calls.filter((c) => c.method === 'PATCH').at(-1)?.body).toEqual({
      network: { proxy: null, ip_check_url: ECHO },
    });
  });

  it('shows the server’s reason beside the field', async () => {
    mockFetch({
      'GET /api/settings': { body: withProxy(null) },
      'PATCH /api/settings': fieldsError({
        'network.proxy.username':
          'Chromium cannot authenticate to a SOCKS proxy: use socks5:// without username and password, or an http:// or https:// proxy with them',
      }),
    });
    const user = userEvent.setup();
    renderPage(<SessionNetwork exitIp={null} />);
    await user.type(await screen.findByLabelText('Proxy'), 'socks5://127.0.0.1:1080');
    await user.type(screen.getByLabelText('Proxy username'), 'ada');
    await user.click(screen.getByRole('button', { name: 'Save network settings' }));

    const username = screen.getByLabelText('Proxy username');
    await waitFor(() => expect(username).toHaveAttribute('aria-invalid', 'true'));
    // Beside the username only: the URL field shows its own errors.
    expect(screen.getByText(/Chromium cannot authenticate to a SOCKS proxy/)).toBeInTheDocument();
    expect(screen.getByLabelText('Proxy')).not.toHaveAttribute('aria-invalid');
    expect(username).toHaveValue('ada');
  });
});
