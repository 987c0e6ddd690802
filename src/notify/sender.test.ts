/**
 * The outbox sender against real stores (SQLite and PostgreSQL) and a real webhook receiver
 * on loopback that checks each signature: retries, give-ups, routing to channels, resends,
 * one delivery per event across two senders, and deliveries that survive a dead sender.
 * Retries wait milliseconds here (`retryDelayMs`) instead of minutes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpReceiver } from '../../test/support/httpReceiver.ts';
import { addWebhookChannel } from '../../test/support/notificationChannels.ts';
import { sleep, waitFor } from '../../test/support/waitFor.ts';
import { loadSettings, saveSettings } from '../config/settingsStore.ts';
import type { NotificationEvent, WebhookBody } from '../contract/notifications.ts';
import { createLogger } from '../logger.ts';
import { createStore, dropPgSchema } from '../store/index.ts';
import type { NewNotificationChannel, NotificationDelivery, Store } from '../store/interfaces.ts';
import { createChannelAdapters } from './channels/index.ts';
import { verifyWebhookSignature } from './channels/webhook.ts';
import { renderMessage } from './render.ts';
import { NotificationSender, type NotificationSenderOptions, SENDER_LEASE } from './sender.ts';
import { wantsEvent } from './subscriptions.ts';

const SECRET_KEY = 'sender-test-secret-key-0123456789abcdef';
const WEBHOOK_SECRET = 'a-webhook-secret-of-32-characters';
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const silent = createLogger('silent');
const adapters = createChannelAdapters({ timeoutMs: 2_000 });

interface Engine {
  name: string;
  /** A fresh database; `open` gives another store instance on it (another process's). */
  create(): Promise<{ open: () => Promise<Store>; drop: () => Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'sqlite',
    async create() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-sender-'));
      const file = path.join(dir, 'store.db');
      return {
        open: () => createStore({ databaseUrl: file }),
        drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    async create() {
      const schema = `lbb_test_${process.pid}_sender_${randomBytes(4).toString('hex')}`;
      return {
        open: () => createStore({ databaseUrl: PG_URL, pgSchema: schema }),
        drop: () => dropPgSchema(PG_URL, schema),
      };
    },
  },
];

/** A receiver as users write one: it refuses a bad signature, then answers `statuses` in turn (the last repeats). */
async function webhookReceiver(statuses: number[] = [200]) {
  let answered = 0;
  const receiver = await startHttpReceiver((req, res) => {
    if (!verifyWebhookSignature(req.body, req.headers['x-lbb-signature'] as string, WEBHOOK_SECRET)) {
      return void res.writeHead(401).end('bad signature');
    }
    const status = statuses[Math.min(answered++, statuses.length - 1)]!;
    res.writeHead(status).end(`answer ${status}`);
  });
  const bodies = () => receiver.requests.map((r) => JSON.parse(r.body.toString('utf8')) as WebhookBody);
  const deliveryIds = () => receiver.requests.map((r) => r.headers['x-lbb-delivery'] as string);
  return { receiver, bodies, deliveryIds };
}

describe.each(engines)('notification sender ($name)', (engine) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    // Senders first, then stores, then databases and receivers (registered in that order).
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup() {
    const db = await engine.create();
    cleanups.push(db.drop);
    const open = async () => {
      const store = await db.open();
      cleanups.push(() => store.close());
      return store;
    };
    return { store: await open(), open };
  }

  async function receiverFor(statuses?: number[]) {
    const r = await webhookReceiver(statuses);
    cleanups.push(() => r.receiver.close());
    return r;
  }

  function startSender(store: Store, options: Partial<NotificationSenderOptions> = {}) {
    const sender = new NotificationSender({
      store,
      secretKey: SECRET_KEY,
      adapters,
      render: renderMessage,
      now: () => new Date(),
      logger: silent,
      pollIntervalMs: 50,
      retryDelayMs: () => 30,
      ...options,
    });
    sender.start();
    cleanups.push(() => sender.stop());
    return sender;
  }

  async function addChannel(store: Store, url: string, over: Partial<NewNotificationChannel> = {}) {
    const channel = await addWebhookChannel(store, {
      url,
      secret: WEBHOOK_SECRET,
      secretKey: SECRET_KEY,
      events: ['run_failed', 'session_expired'],
      language: 'fr',
      ...over,
    });
    return channel.id;
  }

  /** An event recorded with its cause, as the producers do. */
  async function recordEvent(store: Store, event: NotificationEvent = 'run_failed', accountId = 'default') {
    const id = randomUUID();
    const data = {
      run_id: `run-${id.slice(0, 8)}`,
      type: 'birthday',
      trigger: 'schedule',
      dry_run: false,
      status: 'failed',
      error_code: 'nothing_delivered',
      error_message: 'No message was delivered',
      counters: { sent: 0, skipped: 0, failed: 3 },
      started_at: '2026-12-02T08:00:00.000Z',
      finished_at: '2026-12-02T08:05:00.000Z',
      checked_at: '2026-12-02T08:05:00.000Z',
    };
    await store.transaction(async (tx) => {
      await tx.notifications.recordEvent({
        id,
        account_id: accountId,
        event,
        dedup_key: `${event}:${id}`,
        data,
        created_at: new Date().toISOString(),
      });
    });
    return id;
  }

  const deliveriesOf = (store: Store, channelId: string) =>
    store.notifications.listDeliveries({ channel_id: channelId, limit: 100 });

  async function settled(store: Store, channelId: string, count = 1): Promise<NotificationDelivery[]> {
    return waitFor(
      async () => {
        const deliveries = await deliveriesOf(store, channelId);
        return (
          deliveries.length === count &&
          deliveries.every((d) => d.status === 'delivered' || d.status === 'failed') &&
          deliveries
        );
      },
      { what: `${count} settled deliveries on ${channelId}` },
    );
  }

  it('retries a receiver that answers 500 twice and delivers once on the third attempt', async () => {
    const { store } = await setup();
    const { receiver, bodies, deliveryIds } = await receiverFor([500, 500, 200]);
    const channel = await addChannel(store, `${receiver.origin}/hook`);
    startSender(store);
    await recordEvent(store);

    const [delivery] = await settled(store, channel);
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 3,
      last_error: null,
      response_status: 200,
      response_body: 'answer 200',
    });
    expect(receiver.requests).toHaveLength(3);
    // The same delivery id each time: the receiver's key for de-duplication.
    expect(deliveryIds()).toEqual([delivery!.id, delivery!.id, delivery!.id]);
    expect(bodies().map((b) => b.id)).toEqual(deliveryIds());
    expect(bodies()[0]).toMatchObject({ event: 'run_failed', account_id: 'default' });
    expect(delivery!.text).toBe(bodies()[2]!.text);
    await sleep(200);
    expect(receiver.requests).toHaveLength(3);
  });

  it('fails at once on a 404, and after the last attempt on a receiver that keeps failing', async () => {
    const { store } = await setup();
    const gone = await receiverFor([404]);
    const down = await receiverFor([503]);
    const goneChannel = await addChannel(store, `${gone.receiver.origin}/hook`);
    const downChannel = await addChannel(store, `${down.receiver.origin}/hook`);
    startSender(store, { maxAttempts: 3 });
    await recordEvent(store);

    const [notFound] = await settled(store, goneChannel);
    expect(notFound).toMatchObject({ status: 'failed', attempts: 1, response_status: 404 });
    expect(notFound!.last_error).toContain('404');
    const [unavailable] = await settled(store, downChannel);
    expect(unavailable).toMatchObject({ status: 'failed', attempts: 3, response_status: 503 });
    await sleep(200);
    expect(gone.receiver.requests).toHaveLength(1);
    expect(down.receiver.requests).toHaveLength(3);
  });

  it('sends an event only to the enabled channels subscribed to it and open to its account', async () => {
    const { store } = await setup();
    const { receiver } = await receiverFor();
    const url = (name: string) => `${receiver.origin}/${name}`;
    const all = await addChannel(store, url('all'), { events: ['run_failed'] });
    const off = await addChannel(store, url('off'), { events: ['run_failed'], enabled: false });
    const sessions = await addChannel(store, url('sessions'), { events: ['session_expired'] });
    const other = await addChannel(store, url('other'), { events: ['run_failed'], account_ids: ['other'] });
    startSender(store);

    await recordEvent(store, 'run_failed', 'default');
    await recordEvent(store, 'run_failed', 'other');
    await settled(store, all, 2);
    await settled(store, other, 1);
    await sleep(200);
    const paths = receiver.requests.map((r) => r.url).sort();
    expect(paths).toEqual(['/all', '/all', '/other']);
    expect(await deliveriesOf(store, off)).toEqual([]);
    expect(await deliveriesOf(store, sessions)).toEqual([]);
    const toOther = await deliveriesOf(store, other);
    expect(toOther.map((d) => d.account_id)).toEqual(['other']);
  });

  it("writes in the account's notifications language, else in the channel's", async () => {
    const { store } = await setup();
    const { bodies, receiver } = await receiverFor();
    const channel = await addChannel(store, `${receiver.origin}/hook`, { language: 'fr' });
    startSender(store);

    await recordEvent(store, 'session_expired');
    const [french] = await settled(store, channel);
    const settings = structuredClone(await loadSettings(store, 'default'));
    settings.notifications.language = 'en';
    await saveSettings(store, 'default', settings, new Date().toISOString());
    await recordEvent(store, 'session_expired');
    const [english] = await settled(store, channel, 2);

    const wording = (language: 'fr' | 'en', d: NotificationDelivery) =>
      renderMessage({
        deliveryId: d.id,
        event: d.event,
        at: d.created_at,
        accountId: d.account_id,
        data: d.data,
        language,
      }).text;
    const [first, second] = bodies();
    expect(first!.text).toBe(wording('fr', french!));
    expect(second!.text).toBe(wording('en', english!));
    expect(second!.text).not.toBe(wording('fr', english!));
  });

  it('sends a resent delivery again under the same id', async () => {
    const { store } = await setup();
    const { receiver, deliveryIds } = await receiverFor();
    const channel = await addChannel(store, `${receiver.origin}/hook`);
    const sender = startSender(store, { pollIntervalMs: 60_000 });
    await recordEvent(store);
    sender.wake();
    const [delivered] = await settled(store, channel);

    expect(await store.notifications.resend(delivered!.id, new Date().toISOString())).not.toBeNull();
    sender.wake();
    await waitFor(
      async () =>
        (await store.notifications.getDelivery(delivered!.id))?.status === 'delivered' &&
        receiver.requests.length === 2,
      { what: 'the resend' },
    );
    expect(deliveryIds()).toEqual([delivered!.id, delivered!.id]);
    // A resend starts the retries afresh: this is the first attempt of its new round.
    expect((await store.notifications.getDelivery(delivered!.id))?.attempts).toBe(1);
  });

  it('fails a delivery whose channel was disabled meanwhile, and forgets one whose channel was deleted', async () => {
    const { store } = await setup();
    const first = await receiverFor([500]);
    const second = await receiverFor([500]);
    const disabled = await addChannel(store, `${first.receiver.origin}/hook`);
    const deleted = await addChannel(store, `${second.receiver.origin}/hook`);
    startSender(store, { retryDelayMs: () => 1_000 });
    await recordEvent(store);
    await waitFor(() => first.receiver.requests.length === 1 && second.receiver.requests.length === 1);

    await store.notifications.updateChannel(disabled, {
      enabled: false,
      updated_at: new Date().toISOString(),
    });
    expect(await store.notifications.deleteChannel(deleted)).toBe(true);
    const [failed] = await settled(store, disabled);
    expect(failed).toMatchObject({ status: 'failed', last_error: 'channel disabled', attempts: 2 });
    await sleep(200);
    expect(first.receiver.requests).toHaveLength(1);
    expect(second.receiver.requests).toHaveLength(1);
    expect(await deliveriesOf(store, deleted)).toEqual([]);
  });

  it('delivers an event recorded while no sender ran (a crash between the cause and the delivery)', async () => {
    const { store, open } = await setup();
    const { receiver, deliveryIds } = await receiverFor();
    const channel = await addChannel(store, `${receiver.origin}/hook`);
    await recordEvent(store);
    // The process died: its store is gone; another starts on the same database.
    await store.close();

    const restarted = await open();
    startSender(restarted);
    const [delivery] = await settled(restarted, channel);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(deliveryIds()).toEqual([delivery!.id]);
  });

  it('delivers a delivery left sending by a killed sender once its lease has passed', async () => {
    const { store, open } = await setup();
    const { receiver, deliveryIds } = await receiverFor();
    const channel = await addChannel(store, `${receiver.origin}/hook`);
    const eventId = await recordEvent(store);
    // What a sender does before it is killed mid-send: it holds the cluster lease, has
    // dispatched the event and claimed its delivery for 2 s.
    const now = new Date();
    const until = new Date(now.getTime() + 2_000).toISOString();
    expect(await store.leases.acquire(SENDER_LEASE, 'killed-sender', until, now.toISOString())).toBe(true);
    const deliveryId = randomUUID();
    await store.notifications.dispatchEvent(
      eventId,
      [
        {
          id: deliveryId,
          event_id: eventId,
          channel_id: channel,
          account_id: 'default',
          event: 'run_failed',
          data: { run_id: 'r1' },
          status: 'pending',
          next_attempt_at: now.toISOString(),
          created_at: now.toISOString(),
        },
      ],
      now.toISOString(),
    );
    expect(await store.notifications.claimDue(now.toISOString(), until, 10)).toHaveLength(1);
    await store.close();

    const next = await open();
    startSender(next);
    const [delivery] = await settled(next, channel);
    expect(delivery).toMatchObject({ id: deliveryId, status: 'delivered', attempts: 2 });
    // Not before the dead sender's leases passed.
    expect(delivery!.delivered_at! >= until).toBe(true);
    expect(deliveryIds()).toEqual([deliveryId]);
  });

  it('records an attempt cut short by stop as due again, and the next sender delivers it', async () => {
    const { store, open } = await setup();
    let hold = true;
    const receiver = await startHttpReceiver((_req, res) => {
      if (!hold) res.writeHead(200).end('ok');
      // Otherwise never answers: the send is in flight when the sender stops.
    });
    cleanups.push(() => receiver.close());
    const channel = await addChannel(store, `${receiver.origin}/hook`);
    const sender = startSender(store, { retryDelayMs: () => 60_000 });
    await recordEvent(store);
    await waitFor(() => receiver.requests.length === 1);
    await sender.stop();
    const [stopped] = await deliveriesOf(store, channel);
    expect(stopped).toMatchObject({ status: 'pending', attempts: 1 });

    hold = false;
    const next = await open();
    startSender(next);
    const [delivery] = await settled(next, channel);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(receiver.requests.map((r) => r.headers['x-lbb-delivery'])).toEqual([delivery!.id, delivery!.id]);
  });

  it.runIf(engine.name === 'postgres')(
    'two senders on one database deliver each of 20 events exactly once',
    async () => {
      const { store, open } = await setup();
      const other = await open();
      const { receiver, deliveryIds } = await receiverFor();
      const channel = await addChannel(store, `${receiver.origin}/hook`);
      const first = startSender(store, { holder: 'server-a' });
      startSender(other, { holder: 'server-b' });

      for (let i = 0; i < 10; i++) await recordEvent(i % 2 ? store : other);
      await settled(store, channel, 10);
      // Whichever held the lease, stopping one leaves the other to send the rest.
      await first.stop();
      for (let i = 0; i < 10; i++) await recordEvent(i % 2 ? store : other);
      const deliveries = await settled(other, channel, 20);

      await sleep(300);
      const ids = deliveryIds();
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
      expect(new Set(ids)).toEqual(new Set(deliveries.map((d) => d.id)));
      expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    },
  );
});

describe('which channels an event goes to', () => {
  const channel = (over: Partial<NewNotificationChannel>): NewNotificationChannel => ({
    id: 'c',
    type: 'webhook',
    name: 'c',
    enabled: true,
    events: ['run_failed', 'worker_offline'],
    account_ids: ['acme'],
    language: 'en',
    config: {},
    secrets_encrypted: null,
    created_by: null,
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:00:00.000Z',
    ...over,
  });
  const event = (name: NotificationEvent, account: string) => ({
    id: 'e',
    account_id: account,
    event: name,
    dedup_key: 'k',
    data: {},
    created_at: '2025-01-01T00:00:00.000Z',
    dispatched_at: null,
  });

  it("limits an account's events to its channels, but not the installation's workers", () => {
    expect(wantsEvent(channel({}), event('run_failed', 'acme'))).toBe(true);
    expect(wantsEvent(channel({}), event('run_failed', 'default'))).toBe(false);
    // worker_offline is recorded under `default`: workers belong to the installation.
    expect(wantsEvent(channel({}), event('worker_offline', 'default'))).toBe(true);
    expect(wantsEvent(channel({ enabled: false }), event('worker_offline', 'default'))).toBe(false);
    expect(wantsEvent(channel({ events: ['run_failed'] }), event('worker_offline', 'default'))).toBe(false);
  });
});
