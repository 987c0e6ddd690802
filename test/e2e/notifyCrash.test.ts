/**
 * A real server process killed (SIGKILL) with a notification in flight, and restarted: the
 * outbox and the delivery's lease bring the notification to the receiver after the restart,
 * under the same delivery id; an event recorded while no server ran goes out too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../src/notify/channels/webhook.ts';
import { createStore } from '../../src/store/index.ts';
import type { NotificationDelivery } from '../../src/store/interfaces.ts';
import { type HttpReceiver, startHttpReceiver } from '../support/httpReceiver.ts';
import { addWebhookChannel, recordRunFailed } from '../support/notificationChannels.ts';
import { type SpawnedServer, startServer } from '../support/serverProcess.ts';
import { waitFor } from '../support/waitFor.ts';

const SECRET_KEY = 'notify-crash-secret-key-0123456789abcdef';
const WEBHOOK_SECRET = 'a-webhook-secret-of-32-characters';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(env: Record<string, string>): Promise<SpawnedServer> {
  const server = await startServer(env);
  cleanups.push(() => server.close());
  return server;
}

describe('notifications across a server crash', { timeout: 150_000 }, () => {
  it('delivers after a kill -9 with the send in flight, and an event recorded while the server was down', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-e2e-notify-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env = { DATA_DIR: dataDir, SECRET_KEY, ADMIN_PASSWORD: 'admin-password-1' };

    // The receiver keeps the first request unanswered: the server dies waiting for it.
    let answer = false;
    const receiver: HttpReceiver = await startHttpReceiver((req, res) => {
      if (!verifyWebhookSignature(req.body, req.headers['x-lbb-signature'] as string, WEBHOOK_SECRET)) {
        return void res.writeHead(401).end('bad signature');
      }
      if (answer) res.writeHead(200).end('ok');
    });
    cleanups.push(() => receiver.close());

    const first = await serve(env);
    const store = await createStore({ databaseUrl: path.join(dataDir, 'linkedin-bot.sqlite') });
    cleanups.push(() => store.close());
    await addWebhookChannel(store, {
      id: 'team-hook',
      name: 'Team hook',
      language: 'en',
      url: `${receiver.origin}/hook`,
      secret: WEBHOOK_SECRET,
      secretKey: SECRET_KEY,
    });

    const inFlight = await recordRunFailed(store);
    await waitFor(() => receiver.requests.length === 1, { timeoutMs: 30_000, what: 'the first send' });
    first.child.kill('SIGKILL');
    await waitFor(() => first.exit() !== null, { what: 'the server to die' });
    const [left] = await store.notifications.listDeliveries({ channel_id: 'team-hook', limit: 10 });
    expect(left).toMatchObject({ event_id: inFlight, status: 'sending', attempts: 1 });

    // While no server runs: the next cause.
    const whileDown = await recordRunFailed(store);
    answer = true;
    await serve(env);

    // The dead server's leases (30 s) pass, then the new one sends both.
    const delivered = await waitFor(
      async () => {
        const deliveries = await store.notifications.listDeliveries({ channel_id: 'team-hook', limit: 10 });
        return deliveries.length === 2 && deliveries.every((d) => d.status === 'delivered') && deliveries;
      },
      { timeoutMs: 90_000, what: 'both deliveries delivered after the restart' },
    );
    const byEvent = (eventId: string) =>
      delivered.find((d) => d.event_id === eventId) as NotificationDelivery;
    expect(byEvent(inFlight)).toMatchObject({ attempts: 2, response_status: 200 });
    expect(byEvent(whileDown)).toMatchObject({ attempts: 1, response_status: 200 });
    // At least once: the in-flight one came again under its id, for the receiver to drop.
    const ids = receiver.requests.map((r) => r.headers['x-lbb-delivery'] as string);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe(byEvent(inFlight).id);
    expect(ids.slice(1).sort()).toEqual([byEvent(inFlight).id, byEvent(whileDown).id].sort());
  });
});
