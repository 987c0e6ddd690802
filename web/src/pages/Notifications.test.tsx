// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_EVENTS } from '../../../src/contract/notifications.ts';
import type { Channel, Delivery, TestAnswer } from '../api/notifications.ts';
import { apiError, type FetchCall, mockFetch } from '../testing/fakeApi.ts';
import { SETTINGS } from '../testing/fixtures.ts';
import { cleanupAfterEach, installDomPolyfills, renderPage, stubClipboard } from '../testing/render.tsx';
import { NotificationsPage } from './Notifications.tsx';

cleanupAfterEach();
beforeAll(installDomPolyfills);

const AT = '2025-06-10T09:00:00.000Z';

function channel(over: Partial<Channel> = {}): Channel {
  return {
    id: 'ch-1',
    type: 'webhook',
    name: 'Slack ops',
    enabled: true,
    events: [...DEFAULT_CHANNEL_EVENTS],
    account_ids: null,
    language: 'en',
    config: { url: 'https://hooks.example.test/T0/B0' },
    secrets: { secret: true },
    created_at: AT,
    updated_at: AT,
    ...over,
  };
}

function delivery(over: Partial<Delivery> = {}): Delivery {
  return {
    id: 'dl-1',
    channel_id: 'ch-1',
    account_id: 'default',
    event: 'session_expired',
    status: 'delivered',
    attempts: 1,
    next_attempt_at: null,
    last_error: null,
    response_status: 200,
    response_body: 'ok',
    text: 'The LinkedIn session expired',
    created_at: AT,
    updated_at: AT,
    delivered_at: AT,
    ...over,
  };
}

/** A 400 as the server answers it: English sentences and their codes. */
function invalid(fields: Record<string, [string, Record<string, unknown>]>) {
  return apiError(400, 'invalid_input', 'Invalid input', {
    fields: Object.fromEntries(Object.entries(fields).map(([path, [message]]) => [path, message])),
    field_errors: Object.fromEntries(Object.entries(fields).map(([path, [, code]]) => [path, code])),
  });
}

/** The API with these channels and deliveries; writes change them as the server would. */
function server(initial: Channel[], deliveries: Delivery[] = []) {
  let channels = initial;
  const routes = mockFetch({
    'GET /api/notifications/channels': () => ({ body: { channels } }),
    'GET /api/notifications/deliveries': (call: FetchCall) => ({
      body: {
        deliveries: deliveries
          .filter((d) => d.channel_id === call.query.get('channel'))
          .slice(0, Number(call.query.get('limit'))),
      },
    }),
    'GET /api/settings': { body: SETTINGS },
  });
  const update = (id: string, body: Partial<Channel>) => {
    channels = channels.map((c) => (c.id === id ? { ...c, ...body, config: { ...c.config } } : c));
    return channels.find((c) => c.id === id);
  };
  return {
    ...routes,
    update,
    set: (next: Channel[]) => {
      channels = next;
    },
  };
}

describe('NotificationsPage', () => {
  it('lists the channels with their type, events and last delivery, and turns one off', async () => {
    const { api, calls, update } = server(
      [
        channel(),
        channel({ id: 'ch-2', type: 'ntfy', name: 'Phone', config: { topic: 'lbb-alerts' }, secrets: {} }),
      ],
      [delivery({ status: 'failed', attempts: 9, last_error: 'HTTP 500' })],
    );
    api.on('PATCH', '/api/notifications/channels/ch-1', (call) => ({
      body: update('ch-1', call.body as Partial<Channel>),
    }));
    const user = userEvent.setup();
    renderPage(<NotificationsPage />, { locale: 'fr' });

    const table = await screen.findByRole('table', { name: 'Canaux de notification' });
    const slack = within(table).getByRole('row', { name: /Slack ops/ });
    expect(slack).toHaveTextContent('hooks.example.test');
    expect(slack).toHaveTextContent('Webhook');
    expect(slack).toHaveTextContent('Session LinkedIn expirée');
    expect(slack).not.toHaveTextContent('Exécution réussie');
    expect(await within(slack).findByText('Échec')).toBeInTheDocument();
    const phone = within(table).getByRole('row', { name: /Phone/ });
    expect(phone).toHaveTextContent('lbb-alerts');
    expect(await within(phone).findByText('Jamais')).toBeInTheDocument();

    const toggle = within(slack).getByRole('switch', { name: 'Activer Slack ops' });
    expect(toggle).toBeChecked();
    await user.click(toggle);
    await screen.findByText('Slack ops désactivé');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ enabled: false });
    expect(within(slack).getByRole('switch', { name: 'Activer Slack ops' })).not.toBeChecked();
  });

  it('adds a webhook with a secret made in the browser, shown once with a copy button', async () => {
    const { api, calls, set } = server([]);
    api.on('POST', '/api/notifications/channels', (call) => {
      const body = call.body as { config: Record<string, unknown> } & Partial<Channel>;
      const { secret: _secret, ...config } = body.config;
      const created = channel({ ...body, id: 'ch-9', config, secrets: { secret: true } });
      set([created]);
      return { status: 201, body: created };
    });
    const user = userEvent.setup();
    renderPage(<NotificationsPage />);
    await screen.findByText(/No channel yet/);

    await user.click(screen.getByRole('button', { name: 'Add a channel' }));
    expect(screen.getByLabelText('Channel type')).toHaveValue('webhook');
    const secret = screen.getByLabelText('Signing secret') as HTMLInputElement;
    expect(secret.value).toMatch(/^[0-9a-f]{64}$/);
    expect(screen.getByText(/it is never shown again/)).toBeVisible();
    const clipboard = stubClipboard();
    await user.click(screen.getByRole('button', { name: 'Copy the secret' }));
    expect(clipboard).toHaveBeenCalledWith(secret.value);

    // Another secret on demand, not the same.
    const first = secret.value;
    await user.click(screen.getByRole('button', { name: 'Generate a new secret' }));
    expect(secret.value).toMatch(/^[0-9a-f]{64}$/);
    expect(secret.value).not.toBe(first);

    await user.type(screen.getByLabelText('Name'), 'Discord');
    await user.type(screen.getByLabelText('Webhook URL'), 'https://discord.example.test/api/webhooks/1');
    // The defaults: everything but the noisy run_succeeded, each with its explanation.
    expect(screen.getByRole('checkbox', { name: 'Run succeeded' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'LinkedIn session expired' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Daily digest' })).toHaveAccessibleDescription(
      /Once a day at the chosen time/,
    );
    await user.click(screen.getByRole('checkbox', { name: 'LinkedIn changed a page' }));
    await user.click(screen.getByRole('button', { name: 'Add the channel' }));

    await screen.findByText('Channel added');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      type: 'webhook',
      name: 'Discord',
      enabled: true,
      events: DEFAULT_CHANNEL_EVENTS.filter((e) => e !== 'selectors_fallback'),
      language: 'en',
      config: { url: 'https://discord.example.test/api/webhooks/1', secret: secret.value },
    });
    // The form is gone, and with it the secret: the list shows the channel.
    expect(screen.queryByLabelText('Signing secret')).toBeNull();
    expect(await screen.findByRole('row', { name: /Discord/ })).toBeInTheDocument();
  });

  it("shows the server's field errors next to their fields, in French", async () => {
    const { api } = server([]);
    api.on('POST', '/api/notifications/channels', () =>
      invalid({
        'config.chat_id': ['must be a chat id or @channel', { code: 'invalid_chat_id' }],
        'config.bot_token': ['must be a Telegram bot token', { code: 'invalid_bot_token' }],
        name: ['Too small', { code: 'too_small', origin: 'string', minimum: 1 }],
      }),
    );
    const user = userEvent.setup();
    renderPage(<NotificationsPage />, { locale: 'fr' });
    await user.click(await screen.findByRole('button', { name: 'Ajouter un canal' }));
    await user.selectOptions(screen.getByLabelText('Type de canal'), 'telegram');
    // No generated secret for Telegram: the token comes from @BotFather.
    expect(screen.getByLabelText('Jeton du bot')).toHaveValue('');
    expect(screen.queryByRole('button', { name: 'Copier le secret' })).toBeNull();
    await user.type(screen.getByLabelText('Jeton du bot'), 'nope');
    await user.type(screen.getByLabelText('Identifiant de la discussion'), 'chat');
    await user.click(screen.getByRole('button', { name: 'Ajouter le canal' }));

    const chat = screen.getByLabelText('Identifiant de la discussion');
    await waitFor(() => expect(chat).toHaveAttribute('aria-invalid', 'true'));
    expect(chat).toHaveAccessibleDescription(
      expect.stringContaining('Doit être un identifiant de discussion (un nombre) ou @canal'),
    );
    expect(screen.getByLabelText('Jeton du bot')).toHaveAccessibleDescription(
      expect.stringContaining('Doit être un jeton de bot Telegram'),
    );
    expect(screen.getByLabelText('Nom')).toHaveAccessibleDescription(
      expect.stringContaining('Ne doit pas être vide'),
    );
    expect(screen.queryByText(/must be a chat id/)).toBeNull();
  });

  it('edits an e-mail channel: stored password kept when left empty, removed on demand', async () => {
    const email = channel({
      id: 'ch-3',
      type: 'email',
      name: 'Ops mail',
      config: {
        host: 'smtp.example.test',
        port: 587,
        tls: 'starttls',
        user: 'bot',
        from: 'bot@example.test',
        to: ['a@example.test'],
      },
      secrets: { password: true },
    });
    const { api, calls, update } = server([email]);
    api.on('PATCH', '/api/notifications/channels/ch-3', (call) => ({
      body: update('ch-3', { name: (call.body as Channel).name }),
    }));
    const user = userEvent.setup();
    renderPage(<NotificationsPage />);
    await user.click(await screen.findByRole('button', { name: 'Edit Ops mail' }));

    expect(screen.queryByLabelText('Channel type')).toBeNull();
    expect(screen.getByLabelText('SMTP server')).toHaveValue('smtp.example.test');
    expect(screen.getByLabelText('Port')).toHaveValue('587');
    const password = screen.getByLabelText('SMTP password (optional)');
    expect(password).toHaveValue('');
    expect(screen.getByTestId('secret-stored-password')).toHaveTextContent('Stored');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('leave empty to keep it'));

    const to = screen.getByLabelText('Recipients');
    await user.clear(to);
    await user.type(to, 'a@example.test, b@example.test');
    await user.click(screen.getByRole('button', { name: 'Save the channel' }));
    await screen.findByText('Channel saved');
    const first = calls.filter((c) => c.method === 'PATCH')[0]?.body as { config: Record<string, unknown> };
    expect(first.config).toEqual({
      host: 'smtp.example.test',
      port: 587,
      tls: 'starttls',
      user: 'bot',
      from: 'bot@example.test',
      to: ['a@example.test', 'b@example.test'],
    });

    await user.click(screen.getByRole('button', { name: 'Edit Ops mail' }));
    await user.clear(screen.getByLabelText('SMTP user name (optional)'));
    await user.click(
      screen.getByRole('button', { name: 'Remove the stored value: SMTP password (optional)' }),
    );
    expect(screen.getByText('Will be removed when you save.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Save the channel' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(2));
    const second = calls.filter((c) => c.method === 'PATCH')[1]?.body as { config: object } | undefined;
    // Emptied: removed (null), as the API's merge takes it.
    expect(second?.config).toMatchObject({ password: null, user: null });
  });

  it("sends a test and shows the receiver's answer, then the delivery in the log", async () => {
    const deliveries: Delivery[] = [];
    const { api } = server([channel()], deliveries);
    api.on('POST', '/api/notifications/channels/ch-1/test', () => {
      const sent = delivery({
        id: 'dl-test',
        event: 'test',
        status: 'failed',
        response_status: 503,
        last_error: 'HTTP 503',
      });
      deliveries.unshift(sent);
      return {
        body: {
          delivery: sent,
          ok: false,
          status: 503,
          response: '{"error":"maintenance"}',
          error: 'HTTP 503',
        } satisfies TestAnswer,
      };
    });
    const user = userEvent.setup();
    renderPage(<NotificationsPage />, { locale: 'fr' });
    await user.click(await screen.findByRole('button', { name: 'Envoyer un test — Slack ops' }));

    const panel = await screen.findByRole('region', { name: 'Test de Slack ops' });
    expect(within(panel).getByTestId('test-outcome')).toHaveTextContent('Échec');
    expect(within(panel).getByTestId('test-status')).toHaveTextContent('503');
    expect(within(panel).getByTestId('test-response')).toHaveTextContent('{"error":"maintenance"}');
    expect(panel).toHaveTextContent('HTTP 503');

    const log = await screen.findByRole('table', { name: 'Envois de Slack ops' });
    expect(within(log).getByRole('row', { name: /Test/ })).toHaveTextContent('Échec');
  });

  it('shows the delivery log in words and resends a finished delivery', async () => {
    const deliveries = [
      delivery({
        id: 'dl-3',
        event: 'daily_digest',
        status: 'pending',
        attempts: 2,
        last_error: 'timeout',
        response_status: null,
        next_attempt_at: '2025-06-10T09:04:00.000Z',
      }),
      delivery({
        id: 'dl-2',
        event: 'run_failed',
        status: 'failed',
        attempts: 9,
        last_error: 'connection refused',
        response_status: null,
      }),
      delivery({ id: 'dl-1', event: 'session_expired', status: 'delivered' }),
    ];
    const { api, calls } = server([channel()], deliveries);
    api.on('POST', '/api/notifications/deliveries/dl-2/resend', () => {
      deliveries[1] = { ...deliveries[1]!, status: 'pending', attempts: 0 };
      return { body: { delivery: deliveries[1] } };
    });
    const user = userEvent.setup();
    renderPage(<NotificationsPage />, { locale: 'fr' });

    const log = await screen.findByRole('table', { name: 'Envois de Slack ops' });
    const [, digest, failed, sent] = within(log).getAllByRole('row');
    expect(digest).toHaveTextContent('Résumé quotidien');
    expect(digest).toHaveTextContent('En attente');
    expect(digest).toHaveTextContent('Prochaine tentative');
    expect(within(digest!).queryByRole('button', { name: /Renvoyer/ })).toBeNull();
    expect(failed).toHaveTextContent('Exécution en échec');
    expect(failed).toHaveTextContent('connection refused');
    expect(failed).toHaveTextContent('9');
    expect(sent).toHaveTextContent('Délivrée');
    expect(within(sent!).getByRole('button', { name: /Renvoyer/ })).toBeEnabled();

    await user.click(within(failed!).getByRole('button', { name: /Renvoyer/ }));
    await screen.findByText('Envoi remis en file');
    expect(
      calls.some((c) => c.method === 'POST' && c.path === '/api/notifications/deliveries/dl-2/resend'),
    ).toBe(true);
    await waitFor(() => expect(screen.getByTestId('delivery-status-dl-2')).toHaveTextContent('En attente'));
  });

  it('deletes a channel after one confirmation', async () => {
    const { api, calls, set } = server([channel()]);
    api.on('DELETE', '/api/notifications/channels/ch-1', () => {
      set([]);
      return { status: 204 };
    });
    const user = userEvent.setup();
    renderPage(<NotificationsPage />);
    await user.click(await screen.findByRole('button', { name: 'Delete Slack ops' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete the channel Slack ops?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await screen.findByText('Channel deleted');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
    expect(await screen.findByText(/No channel yet/)).toBeInTheDocument();
  });

  it("saves the account's notification language and digest time", async () => {
    const { api, calls } = server([]);
    api.on('PATCH', '/api/settings', (call) => ({
      body: { ...SETTINGS, ...(call.body as object) },
    }));
    const user = userEvent.setup();
    renderPage(<NotificationsPage />, { locale: 'fr' });
    const language = await screen.findByLabelText('Les notifications sont écrites en');
    expect(language).toHaveValue('');
    expect(screen.getByRole('option', { name: 'Langue propre à chaque canal' })).toBeInTheDocument();
    await user.selectOptions(language, 'en');
    await user.selectOptions(screen.getByLabelText('Heure du résumé quotidien (heures)'), '07');
    await user.selectOptions(screen.getByLabelText('Heure du résumé quotidien (minutes)'), '45');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Réglages des notifications enregistrés');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      notifications: { language: 'en', digest_time: '07:45' },
    });
  });
});
