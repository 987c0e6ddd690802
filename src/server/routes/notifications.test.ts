import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type HttpReceiver, startHttpReceiver } from '../../../test/support/httpReceiver.ts';
import { useTestApp } from '../../../test/support/testApp.ts';
import { DEFAULT_CHANNEL_EVENTS, type WebhookBody } from '../../contract/notifications.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { openSecrets } from '../../notify/channelSecrets.ts';
import { verifyWebhookSignature } from '../../notify/channels/webhook.ts';
import { createStore, dropPgSchema } from '../../store/index.ts';
import type { NewNotificationDelivery } from '../../store/notificationInterfaces.ts';
import { startTestApp, type TestApp } from '../testing.ts';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECRET = 'whsec-0123456789-abcdefghij';
const BOT_TOKEN = '123456789:AAFakeTelegramTokenForTests_0123';
const NTFY_TOKEN = 'tk_ntfy-access-token-for-tests';
const SLACK_TOKEN = 'T000XXXX/B000YYYY/zzzSlackPathToken';
/**
 * A closed loopback port: the server's outbox sender runs during these tests, and whatever it
 * might send must reach no one.
 */
const NOWHERE = 'http://127.0.0.1:9';
/** Far ahead: deliveries the sender must leave alone while a test looks at them. */
const LATER = '2099-01-01T00:00:00.000Z';

/** Polls `check` until it holds (10 s at most). */
async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  const until = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const webhook = (over: Record<string, unknown> = {}, config: Record<string, unknown> = {}) => ({
  type: 'webhook',
  name: 'Ops hook',
  ...over,
  config: { url: `${NOWHERE}/services/${SLACK_TOKEN}`, secret: SECRET, ...config },
});

const telegram = (config: Record<string, unknown> = {}) => ({
  type: 'telegram',
  name: 'My phone',
  config: { chat_id: '-100123456', bot_token: BOT_TOKEN, api_url: NOWHERE, ...config },
});

const ntfy = (config: Record<string, unknown> = {}) => ({
  type: 'ntfy',
  name: 'ntfy',
  config: { server_url: NOWHERE, topic: 'lbb-alerts', token: NTFY_TOKEN, ...config },
});

describe('notifications routes', () => {
  const t = useTestApp();
  /** Every answer of the test, searched for secrets at the end of the ones that look. */
  const answers: LightMyRequestResponse[] = [];
  const receivers: HttpReceiver[] = [];
  afterEach(async () => {
    answers.length = 0;
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  const send = async (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ) => {
    const res = await t.request({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: { 'x-api-key': t.apiKey, ...headers },
    });
    answers.push(res);
    return res;
  };
  const create = (body: unknown, headers?: Record<string, string>) =>
    send('POST', '/api/notifications/channels', body, headers);
  const patch = (id: string, body: unknown) => send('PATCH', `/api/notifications/channels/${id}`, body);
  const list = async () => {
    const res = await send('GET', '/api/notifications/channels');
    expect(res.statusCode).toBe(200);
    return res.json().channels as Record<string, unknown>[];
  };
  const stored = async (id: string) => {
    const channel = await t.ctx.store.notifications.getChannel(id);
    if (!channel) throw new Error(`no channel ${id}`);
    return { channel, secrets: openSecrets(channel.secrets_encrypted, t.ctx.secretKey) };
  };
  const auditEntries = async (prefix = 'notification_') =>
    (await t.ctx.store.audit.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 100 })).filter((e) =>
      e.action.startsWith(prefix),
    );
  const expectNoSecretIn = async (...secrets: string[]) => {
    const texts = [
      ...answers.map((r) => r.body),
      JSON.stringify(await t.ctx.store.audit.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 500 })),
    ];
    expect(answers.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      for (const text of texts) expect(text).not.toContain(secret);
    }
  };
  const fieldErrors = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    return res.json().error.details.field_errors as Record<string, { code: string }>;
  };

  it('requires credentials on every notifications route', async () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/notifications'));
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'DELETE /api/notifications/channels/:id',
      'GET /api/notifications/channels',
      'GET /api/notifications/deliveries',
      'PATCH /api/notifications/channels/:id',
      'POST /api/notifications/channels',
      'POST /api/notifications/channels/:id/test',
      'POST /api/notifications/deliveries/:id/resend',
    ]);
    for (const route of routes) {
      for (const headers of [{}, { 'x-api-key': 'wrong-key' }]) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: route.url.replace(':id', 'x'),
          headers: { 'content-type': 'application/json', ...headers },
          payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}',
        });
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      }
    }
  });

  it('creates a webhook channel (201) that lists without its secret, with default events', async () => {
    expect(await list()).toEqual([]);
    const res = await create(webhook());
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json();
    expect(view).toEqual({
      id: expect.any(String),
      type: 'webhook',
      name: 'Ops hook',
      enabled: true,
      events: [...DEFAULT_CHANNEL_EVENTS],
      account_ids: null,
      language: 'en',
      config: { url: `${NOWHERE}/services/${SLACK_TOKEN}` },
      secrets: { secret: true },
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(view.events).not.toContain('run_succeeded');
    expect(await list()).toEqual([view]);
    // Sealed, not stored in the clear.
    const { channel, secrets } = await stored(view.id);
    expect(channel.secrets_encrypted).not.toContain(SECRET);
    expect(secrets).toEqual({ secret: SECRET });
    expect(channel.created_by).toBe('api_key');
    await expectNoSecretIn(SECRET);
  });

  it('takes the language from the body, else the Accept-Language (fr* → fr, anything else en)', async () => {
    const languageOf = async (headers: Record<string, string>, over: Record<string, unknown> = {}) => {
      const res = await create(webhook(over), headers);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().language;
    };
    expect(await languageOf({ 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' })).toBe('fr');
    expect(await languageOf({ 'accept-language': 'fr' })).toBe('fr');
    expect(await languageOf({ 'accept-language': 'en-US,fr;q=0.5' })).toBe('en');
    expect(await languageOf({ 'accept-language': 'de;q=0.3, fr-CA;q=0.8' })).toBe('fr');
    expect(await languageOf({ 'accept-language': 'frisian-x, de' })).toBe('en');
    expect(await languageOf({})).toBe('en');
    expect(await languageOf({ 'accept-language': 'fr-FR' }, { language: 'en' })).toBe('en');
  });

  it('creates telegram, ntfy and e-mail channels with their defaults and events, account limits', async () => {
    await t.ctx.store.accounts.ensure('second', 'Second', new Date().toISOString());
    // Disabled: these keep the public servers' defaults, and nothing may be sent there.
    const tg = await create({
      ...telegram({ api_url: undefined }),
      enabled: false,
      events: ['run_succeeded', 'session_expired', 'run_succeeded'],
    });
    expect(tg.statusCode, tg.body).toBe(201);
    expect(tg.json()).toMatchObject({
      config: { chat_id: '-100123456', api_url: 'https://api.telegram.org' },
      secrets: { bot_token: true },
      events: ['session_expired', 'run_succeeded'],
    });
    const nt = await create({
      ...ntfy({ token: null, server_url: undefined }),
      enabled: false,
      account_ids: ['second', DEFAULT_ACCOUNT_ID, 'second'],
    });
    expect(nt.statusCode, nt.body).toBe(201);
    expect(nt.json()).toMatchObject({
      config: { server_url: 'https://ntfy.sh', topic: 'lbb-alerts' },
      secrets: { token: false },
      account_ids: ['second', DEFAULT_ACCOUNT_ID],
    });
    const mail = await create({
      type: 'email',
      name: 'Mail',
      enabled: false,
      events: [],
      config: {
        host: 'smtp.example.test',
        port: 587,
        tls: 'starttls',
        user: 'bot',
        password: 'smtp-password-secret',
        from: 'bot@example.test',
        to: ['me@example.test'],
      },
    });
    expect(mail.statusCode, mail.body).toBe(201);
    expect(mail.json()).toMatchObject({ enabled: false, events: [], secrets: { password: true } });
    expect(mail.json().config).not.toHaveProperty('password');
    expect((await list()).map((c) => c.type)).toEqual(['telegram', 'ntfy', 'email']);
    await expectNoSecretIn(BOT_TOKEN, 'smtp-password-secret');
  });

  it('refuses invalid channels with field errors named config.<field>, and stores nothing', async () => {
    const cases: [unknown, string, string][] = [
      [webhook({}, { url: 'ftp://hooks.example.test/x' }), 'config.url', 'invalid_http_url'],
      [webhook({}, { url: 'https://user:pw@hooks.example.test/x' }), 'config.url', 'credentials_in_url'],
      [webhook({}, { url: 'not a url' }), 'config.url', 'invalid_http_url'],
      [webhook({}, { secret: undefined }), 'config.secret', 'required'],
      [webhook({}, { secret: null }), 'config.secret', 'required'],
      [webhook({}, { secret: 'short' }), 'config.secret', 'too_small'],
      [webhook({}, { extra: 1 }), 'config.extra', 'unknown_field'],
      [telegram({ chat_id: 'my chat' }), 'config.chat_id', 'invalid_chat_id'],
      [telegram({ bot_token: 'nope' }), 'config.bot_token', 'invalid_bot_token'],
      [telegram({ bot_token: undefined }), 'config.bot_token', 'required'],
      [ntfy({ topic: 'a/b' }), 'config.topic', 'invalid_topic'],
      [ntfy({ server_url: 'file:///etc/passwd' }), 'config.server_url', 'invalid_http_url'],
      [ntfy({ server_url: 'https://ntfy.sh/lbb-alerts' }), 'config.server_url', 'ntfy_server_path'],
      [ntfy({ server_url: 'https://ntfy.sh/?x=1' }), 'config.server_url', 'ntfy_server_path'],
      [{ ...webhook(), events: ['session_expired', 'birthday_party'] }, 'events.1', 'invalid_value'],
      [{ ...webhook(), account_ids: ['nobody'] }, 'account_ids', 'unknown_account'],
      [{ ...webhook(), type: 'pigeon' }, 'type', 'invalid_value'],
      [{ ...webhook(), name: '' }, 'name', 'too_small'],
    ];
    for (const [body, field, code] of cases) {
      const errors = fieldErrors(await create(body));
      expect(errors[field], `${JSON.stringify(body)}: ${JSON.stringify(errors)}`).toMatchObject({ code });
    }
    // Problems of the settings and of the secrets at once.
    const both = fieldErrors(await create(webhook({}, { url: 'ftp://x', secret: 'short' })));
    expect(Object.keys(both).sort()).toEqual(['config.secret', 'config.url']);
    expect(await list()).toEqual([]);
    expect(await auditEntries()).toEqual([]);
    // A refused secret is not echoed.
    await expectNoSecretIn('short', BOT_TOKEN);
  });

  it('PATCH merges settings, keeps an omitted secret, replaces a given one, removes a null one', async () => {
    const id = (await create(ntfy())).json().id as string;
    const renamed = await patch(id, { name: 'Renamed', config: { topic: 'other-topic' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: 'Renamed',
      config: { server_url: NOWHERE, topic: 'other-topic' },
      secrets: { token: true },
    });
    expect((await stored(id)).secrets).toEqual({ token: NTFY_TOKEN });

    const replaced = await patch(id, { config: { token: 'tk_the-new-token' } });
    expect(replaced.statusCode).toBe(200);
    expect((await stored(id)).secrets).toEqual({ token: 'tk_the-new-token' });

    const removed = await patch(id, { config: { token: null } });
    expect(removed.json().secrets).toEqual({ token: false });
    expect((await stored(id)).secrets).toEqual({});
    expect((await stored(id)).channel.secrets_encrypted).toBeNull();

    // Re-validated as a whole: a bad field is refused and nothing changes.
    expect(fieldErrors(await patch(id, { name: 'X', config: { topic: 'bad topic' } }))).toMatchObject({
      'config.topic': { code: 'invalid_topic' },
    });
    expect(fieldErrors(await patch(id, { config: { topic: null } }))).toMatchObject({
      'config.topic': { code: 'required' },
    });
    expect((await stored(id)).channel).toMatchObject({ name: 'Renamed', config: { topic: 'other-topic' } });

    const updates = await auditEntries('notification_channel.update');
    expect(updates).toHaveLength(3);
    expect(updates.at(-1)?.details).toMatchObject({ changed: ['name', 'config.topic'] });
    expect(updates[0]?.details).toMatchObject({ changed: ['config.token'] });
    await expectNoSecretIn(NTFY_TOKEN, 'tk_the-new-token');
  });

  it('refuses removing a secret the type requires (webhook secret, bot token)', async () => {
    const hook = (await create(webhook())).json().id as string;
    expect(fieldErrors(await patch(hook, { config: { secret: null } }))).toMatchObject({
      'config.secret': { code: 'required' },
    });
    expect(fieldErrors(await patch(hook, { config: { secret: 'too-short' } }))).toMatchObject({
      'config.secret': { code: 'too_small' },
    });
    const tg = (await create(telegram())).json().id as string;
    expect(fieldErrors(await patch(tg, { config: { bot_token: null } }))).toMatchObject({
      'config.bot_token': { code: 'required' },
    });
    expect((await stored(hook)).secrets).toEqual({ secret: SECRET });
    expect((await stored(tg)).secrets).toEqual({ bot_token: BOT_TOKEN });
    expect(await auditEntries('notification_channel.update')).toEqual([]);
  });

  it('forgets a stored token when the channel points at another server, unless given again', async () => {
    const tg = (await create({ ...telegram({ api_url: undefined }), enabled: false })).json().id as string;
    const moved = fieldErrors(await patch(tg, { config: { api_url: 'https://bots.example.test' } }));
    expect(moved['config.bot_token']).toMatchObject({ code: 'required', reason: 'server_changed' });
    const withToken = await patch(tg, {
      config: { api_url: 'https://bots.example.test', bot_token: BOT_TOKEN },
    });
    expect(withToken.statusCode, withToken.body).toBe(200);
    // The default written out is the same server: the token stays.
    const nt = (await create({ ...ntfy({ server_url: undefined }), enabled: false })).json().id as string;
    expect((await patch(nt, { config: { server_url: 'https://ntfy.sh/' } })).json().secrets).toEqual({
      token: true,
    });
    const elsewhere = await patch(nt, { config: { server_url: NOWHERE } });
    expect(elsewhere.json().secrets).toEqual({ token: false });
    expect((await stored(nt)).secrets).toEqual({});
    // The webhook secret only signs: it stays with a new URL.
    const hook = (await create(webhook())).json().id as string;
    expect((await patch(hook, { config: { url: 'https://other.example.test/h' } })).json().secrets).toEqual({
      secret: true,
    });
  });

  it('writes no audit entry for a PATCH that changes nothing; 404 for an unknown channel', async () => {
    const view = (await create(webhook())).json();
    const same = await patch(view.id, {
      name: 'Ops hook',
      enabled: true,
      events: [...DEFAULT_CHANNEL_EVENTS].reverse(),
      config: { url: view.config.url, secret: SECRET },
    });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toEqual(view);
    expect(await auditEntries('notification_channel.update')).toEqual([]);
    const missing = await patch('no-such-channel', { name: 'x' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    expect(fieldErrors(await patch(view.id, { type: 'email' }))).toMatchObject({
      type: { code: 'unknown_field' },
    });
  });

  it('audits creations, changes and removals with the actor, without secrets or URL tokens', async () => {
    const cookie = await t.login();
    const create1 = await t.request({
      method: 'POST',
      url: '/api/notifications/channels',
      payload: webhook(),
      headers: { cookie },
    });
    const id = create1.json().id as string;
    expect(
      (
        await t.request({
          method: 'PATCH',
          url: `/api/notifications/channels/${id}`,
          payload: {
            enabled: false,
            config: { secret: `${SECRET}-2`, url: `${NOWHERE}/services/${SLACK_TOKEN}-2` },
          },
          headers: { cookie },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await t.request({ method: 'DELETE', url: `/api/notifications/channels/${id}`, headers: { cookie } }))
        .statusCode,
    ).toBe(204);
    const entries = await auditEntries();
    expect(entries.map((e) => e.action)).toEqual([
      'notification_channel.delete',
      'notification_channel.update',
      'notification_channel.create',
    ]);
    for (const e of entries) expect(e).toMatchObject({ actor_type: 'user', actor_id: 'admin', target: id });
    expect(entries[2]?.details).toMatchObject({
      channel_type: 'webhook',
      name: 'Ops hook',
      config: { url: `${NOWHERE}/…` },
      secrets: ['secret'],
    });
    expect(entries[1]?.details).toMatchObject({
      changed: ['enabled', 'config.url', 'config.secret'],
      changes: {
        enabled: { old: true, new: false },
        'config.url': { old: `${NOWHERE}/…`, new: `${NOWHERE}/…` },
      },
    });
    const audit = JSON.stringify(entries);
    expect(audit).not.toContain(SECRET);
    expect(audit).not.toContain('zzzSlackPathToken');
  });

  const delivery = (
    id: string,
    channelId: string,
    minute: number,
    over: Partial<NewNotificationDelivery> = {},
  ) =>
    t.ctx.store.notifications.insertDelivery({
      id,
      event_id: null,
      channel_id: channelId,
      account_id: DEFAULT_ACCOUNT_ID,
      event: 'run_failed',
      data: { run_id: 'r1' },
      status: 'pending',
      next_attempt_at: LATER,
      created_at: new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString(),
      text: `delivery ${id}`,
      ...over,
    });

  it('deletes a channel (204) with its deliveries, then 404', async () => {
    const a = (await create(webhook())).json().id as string;
    const b = (await create(telegram())).json().id as string;
    await delivery('d1', a, 1);
    await delivery('d2', b, 2);
    expect((await send('DELETE', `/api/notifications/channels/${a}`)).statusCode).toBe(204);
    expect((await list()).map((c) => c.id)).toEqual([b]);
    expect(await t.ctx.store.notifications.getDelivery('d1')).toBeNull();
    expect(await t.ctx.store.notifications.getDelivery('d2')).not.toBeNull();
    const again = await send('DELETE', `/api/notifications/channels/${a}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('not_found');
    expect(await auditEntries('notification_channel.delete')).toHaveLength(1);
  });

  it('lists deliveries newest first, by channel, up to a limit', async () => {
    const a = (await create(webhook())).json().id as string;
    const b = (await create(ntfy())).json().id as string;
    for (let i = 1; i <= 6; i++) await delivery(`d${i}`, i % 2 === 0 ? b : a, i);
    const ids = async (query: string) => {
      const res = await send('GET', `/api/notifications/deliveries${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().deliveries as { id: string }[]).map((d) => d.id);
    };
    expect(await ids('')).toEqual(['d6', 'd5', 'd4', 'd3', 'd2', 'd1']);
    expect(await ids(`?channel=${a}`)).toEqual(['d5', 'd3', 'd1']);
    expect(await ids(`?channel=${b}&limit=2`)).toEqual(['d6', 'd4']);
    expect(await ids('?limit=200')).toHaveLength(6);
    const first = (await send('GET', '/api/notifications/deliveries?limit=1')).json().deliveries[0];
    expect(first).toEqual({
      id: 'd6',
      channel_id: b,
      account_id: DEFAULT_ACCOUNT_ID,
      event: 'run_failed',
      status: 'pending',
      attempts: 0,
      next_attempt_at: LATER,
      last_error: null,
      response_status: null,
      response_body: null,
      text: 'delivery d6',
      created_at: '2026-01-01T09:06:00.000Z',
      updated_at: '2026-01-01T09:06:00.000Z',
      delivered_at: null,
    });
    for (const bad of ['?limit=0', '?limit=201', '?limit=x']) {
      expect(fieldErrors(await send('GET', `/api/notifications/deliveries${bad}`))).toHaveProperty(['limit']);
    }
    expect(fieldErrors(await send('GET', '/api/notifications/deliveries?channel=nope'))).toMatchObject({
      channel: { code: 'unknown_channel' },
    });
  });

  it('resends a failed delivery through the sender with the same id; 409 while it is in flight, 404 unknown', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const r = await webhookReceiver(500, 'down for now');
    const id = (await create(webhook({}, { url: r.origin }))).json().id as string;
    const tested = (await send('POST', `/api/notifications/channels/${id}/test`)).json();
    expect(tested.delivery).toMatchObject({ status: 'failed', attempts: 1 });
    const deliveryId = tested.delivery.id as string;

    // The receiver now holds its answer: the resent delivery stays in flight meanwhile.
    r.handle((_req, res) => void held.then(() => res.writeHead(200).end('thanks')));
    const res = await send('POST', `/api/notifications/deliveries/${deliveryId}/resend`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().delivery).toMatchObject({
      id: deliveryId,
      status: 'pending',
      attempts: 0,
      last_error: expect.any(String),
    });
    expect(Math.abs(Date.parse(res.json().delivery.next_attempt_at) - Date.now())).toBeLessThan(60_000);
    const again = await send('POST', `/api/notifications/deliveries/${deliveryId}/resend`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('delivery_in_flight');

    // The sender, woken by the resend, sends it again under the same delivery id.
    await waitFor(() => r.requests.length === 2);
    release();
    await waitFor(
      async () => (await t.ctx.store.notifications.getDelivery(deliveryId))?.status === 'delivered',
    );
    expect(r.requests.map((q) => q.headers['x-lbb-delivery'])).toEqual([deliveryId, deliveryId]);
    // Afresh: the resend's first attempt.
    expect(await t.ctx.store.notifications.getDelivery(deliveryId)).toMatchObject({
      attempts: 1,
      response_status: 200,
      response_body: 'thanks',
    });

    const missing = await send('POST', '/api/notifications/deliveries/nope/resend');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const audited = await auditEntries('notification_delivery.resend');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      target: deliveryId,
      details: { channel_id: id, event: 'test', previous_status: 'failed' },
    });
  });

  /** A webhook receiver that checks the signature with SECRET and answers `status` and `body`. */
  async function webhookReceiver(status: number, body: string) {
    const verdicts: boolean[] = [];
    const r = await startHttpReceiver((req, res) => {
      const valid = verifyWebhookSignature(req.body, req.headers['x-lbb-signature'] as string, SECRET);
      verdicts.push(valid);
      if (!valid) return void res.writeHead(401).end('bad signature');
      res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
    });
    receivers.push(r);
    return { ...r, verdicts };
  }

  it("sends a signed test event and answers with the receiver's status and body (1 KB at most)", async () => {
    const r = await webhookReceiver(200, `accepted ${'x'.repeat(3000)}`);
    const view = (
      await create(webhook({ language: 'fr' }, { url: `${r.origin}/hooks/lbb?token=${SLACK_TOKEN}` }))
    ).json();
    const res = await send('POST', `/api/notifications/channels/${view.id}/test`);
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json();
    expect(answer).toMatchObject({ ok: true, status: 200, error: null });
    expect(answer.response.startsWith('accepted xxx')).toBe(true);
    expect(Buffer.byteLength(answer.response)).toBeLessThanOrEqual(1024);
    expect(r.verdicts).toEqual([true]);
    const body = JSON.parse(r.requests[0]!.body.toString('utf8')) as WebhookBody;
    expect(body).toMatchObject({ id: answer.delivery.id, event: 'test', account_id: DEFAULT_ACCOUNT_ID });
    expect(body.text).toBe(body.content);
    expect(r.requests[0]!.headers['x-lbb-delivery']).toBe(answer.delivery.id);
    expect(answer.delivery).toMatchObject({
      channel_id: view.id,
      event: 'test',
      status: 'delivered',
      attempts: 1,
      response_status: 200,
      text: body.text,
    });
    // In the delivery log.
    const log = (await send('GET', `/api/notifications/deliveries?channel=${view.id}`)).json().deliveries;
    expect(log).toEqual([answer.delivery]);
    const tests = await auditEntries('notification_channel.test');
    expect(tests).toHaveLength(1);
    expect(tests[0]).toMatchObject({
      target: view.id,
      details: { ok: true, status: 200, delivery_id: answer.delivery.id },
    });
    await expectNoSecretIn(SECRET);
    // The URL is a setting the API returns, but its token stays out of the audit log.
    expect(JSON.stringify(await auditEntries())).not.toContain(SLACK_TOKEN);
  });

  it('shows a refusing receiver as a failed test, and allows one test per channel every 2 s (429)', async () => {
    const r = await webhookReceiver(500, 'internal trouble');
    const a = (await create(webhook({}, { url: r.origin }))).json().id as string;
    const b = (await create(webhook({ name: 'B' }, { url: r.origin }))).json().id as string;
    const first = await send('POST', `/api/notifications/channels/${a}/test`);
    expect(first.json()).toMatchObject({
      ok: false,
      status: 500,
      response: 'internal trouble',
      error: expect.any(String),
      delivery: { status: 'failed', attempts: 1, response_status: 500, response_body: 'internal trouble' },
    });
    const soon = await send('POST', `/api/notifications/channels/${a}/test`);
    expect(soon.statusCode).toBe(429);
    expect(soon.json().error.code).toBe('rate_limited');
    expect(soon.headers['retry-after']).toBe('2');
    // Another channel is not held up.
    expect((await send('POST', `/api/notifications/channels/${b}/test`)).statusCode).toBe(200);
    expect(r.requests).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await send('POST', `/api/notifications/channels/${a}/test`)).statusCode).toBe(200);
    expect(r.requests).toHaveLength(3);
    expect((await send('POST', '/api/notifications/channels/nope/test')).statusCode).toBe(404);
    expect(await auditEntries('notification_channel.test')).toHaveLength(3);
  });

  it('describes every notifications route in the OpenAPI document', async () => {
    const spec = (await send('GET', '/docs/json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(spec.paths['/api/notifications/channels'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.paths['/api/notifications/channels/{id}'] ?? {}).sort()).toEqual([
      'delete',
      'patch',
    ]);
    expect(spec.paths['/api/notifications/channels/{id}/test']).toHaveProperty('post');
    expect(spec.paths['/api/notifications/deliveries']).toHaveProperty('get');
    expect(spec.paths['/api/notifications/deliveries/{id}/resend']).toHaveProperty('post');
  });
});

describe('notifications routes on PostgreSQL', () => {
  let t: TestApp;
  let pgSchema: string;
  beforeAll(async () => {
    pgSchema = `lbb_napi_${process.pid}_${randomBytes(4).toString('hex')}`;
    await (await createStore({ databaseUrl: PG_URL, pgSchema })).close();
    t = await startTestApp({
      env: { DATABASE_URL: `${PG_URL}?options=${encodeURIComponent(`-c search_path=${pgSchema}`)}` },
    });
  });
  afterAll(async () => {
    await t?.close();
    await dropPgSchema(PG_URL, pgSchema);
  });

  it('keeps every change of PATCHes sent at once (each one merges into the one before)', async () => {
    const patch = (id: string, payload: object) =>
      t.request({ method: 'PATCH', url: `/api/notifications/channels/${id}`, payload });
    const created = await t.request({ method: 'POST', url: '/api/notifications/channels', payload: ntfy() });
    const id = created.json().id as string;
    const answers = await Promise.all([
      patch(id, { name: 'Renamed' }),
      patch(id, { enabled: false }),
      patch(id, { config: { topic: 'new-topic' } }),
      patch(id, { events: ['run_failed'] }),
      patch(id, { language: 'fr' }),
      patch(id, { account_ids: [DEFAULT_ACCOUNT_ID] }),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await t.ctx.store.notifications.getChannel(id)).toMatchObject({
      name: 'Renamed',
      enabled: false,
      config: { topic: 'new-topic' },
      events: ['run_failed'],
      language: 'fr',
      account_ids: [DEFAULT_ACCOUNT_ID],
    });
    const audit = await t.ctx.store.audit.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 50 });
    expect(audit.filter((e) => e.action === 'notification_channel.update')).toHaveLength(6);
  });
});
