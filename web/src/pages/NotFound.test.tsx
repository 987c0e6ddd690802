// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import { mockFetch } from '../testing/fakeApi.ts';
import { cleanupAfterEach, FakeEventSource, installDomPolyfills, renderPage } from '../testing/render.tsx';

/** The app's routes, signed in, opened at `route`. */
function openApp(route: string, locale: 'en' | 'fr' = 'en') {
  mockFetch({
    'GET /api/auth/me': { body: { actor: { type: 'user', id: 'admin' }, account_id: 'default' } },
    'GET /api/risk-notice': { body: { acknowledged_at: '2025-06-10T12:00:00.000Z' } },
  });
  return renderPage(<App />, { path: '/*', route, locale });
}

beforeEach(() => {
  installDomPolyfills();
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});
cleanupAfterEach();

describe('an unknown dashboard address', () => {
  it('shows a not-found page naming the address, with a link back to the overview', async () => {
    const user = userEvent.setup();
    openApp('/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('There is no page at /no/such/page.')).toBeInTheDocument();
    const back = screen.getByRole('link', { name: 'Back to the overview' });
    expect(back).toHaveAttribute('href', '/');
    await user.click(back);
    await waitFor(() =>
      expect(screen.queryByRole('heading', { name: 'Page not found' })).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  });

  it('is said in French', async () => {
    openApp('/nimporte-quoi', 'fr');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page introuvable' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Retour à la vue d’ensemble' })).toHaveAttribute('href', '/');
  });

  it('leaves / and /overview to the overview', async () => {
    for (const route of ['/', '/overview']) {
      const { unmount } = openApp(route);
      expect(await screen.findByRole('link', { name: 'Overview' })).toBeInTheDocument();
      expect(screen.queryByRole('heading', { name: 'Page not found' })).not.toBeInTheDocument();
      unmount();
    }
  });
});
