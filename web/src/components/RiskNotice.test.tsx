// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, FakeApi } from '../testing/fakeApi.ts';
import { cleanupAfterEach, FakeEventSource, installDomPolyfills, renderPage } from '../testing/render.tsx';
import { Layout } from './Layout.tsx';

/** The first screen after login: the frame of every page shows the risk notice until acknowledged. */

let server: FakeApi;
beforeEach(() => {
  installDomPolyfills();
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  server = new FakeApi().on('GET', '/api/risk-notice', { body: { acknowledged_at: null } });
  vi.stubGlobal('fetch', server.fetch);
});
cleanupAfterEach();

const notice = () =>
  screen.findByRole('region', { name: /the risk to your LinkedIn account|le risque pour votre compte/ });

describe('the risk notice', () => {
  it('says plainly that LinkedIn forbids automation and what the bot does, until the user acknowledges it', async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/risk-notice', { body: { acknowledged_at: '2025-06-10T12:00:00.000Z' } });
    renderPage(<Layout />);
    const region = await notice();
    expect(region).toHaveTextContent("LinkedIn's User Agreement forbids automated access to LinkedIn");
    expect(region).toHaveTextContent('can restrict or close accounts that use it');
    const measures = within(region)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(measures).toHaveLength(5);
    expect(measures.join(' ')).toMatch(/limits.*warm-up.*human rhythm.*browser identity.*proxy.*pauses/s);

    await user.click(within(region).getByRole('button', { name: 'I understand' }));
    await waitFor(() => expect(screen.queryByTestId('risk-notice')).not.toBeInTheDocument());
    expect(server.callsTo('POST', '/api/risk-notice')).toHaveLength(1);
  });

  it('is not shown once acknowledged', async () => {
    server.on('GET', '/api/risk-notice', { body: { acknowledged_at: '2025-06-01T08:00:00.000Z' } });
    renderPage(<Layout />);
    await waitFor(() => expect(server.callsTo('GET', '/api/risk-notice')).toHaveLength(1));
    expect(await screen.findByRole('navigation')).toBeInTheDocument();
    expect(screen.queryByTestId('risk-notice')).not.toBeInTheDocument();
  });

  it('speaks French, and stays with the error when the acknowledgement fails', async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/risk-notice', apiError(503, 'unavailable', 'Database down'));
    renderPage(<Layout />, { locale: 'fr' });
    const region = await notice();
    expect(region).toHaveTextContent(
      "Les conditions d'utilisation de LinkedIn (User Agreement) interdisent l'accès automatisé",
    );
    await user.click(within(region).getByRole('button', { name: "J'ai compris" }));
    expect(await within(region).findByRole('alert')).toHaveTextContent(
      "Impossible de l'enregistrer : Database down",
    );
    expect(screen.getByTestId('risk-notice')).toBeInTheDocument();
  });
});
