import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpReceiver, startHttpReceiver } from '../../../test/support/httpReceiver.ts';
import type { WebhookBody } from '../../contract/notifications.ts';
import { VERSION } from '../../version.ts';
import { sampleMessage } from '../testing.ts';
import { createWebhookAdapter, signWebhookBody, verifyWebhookSignature } from './webhook.ts';

const SECRET = 'a-webhook-secret-of-32-characters';
const NOW = new Date('2026-12-02T08:31:00.000Z');
const adapter = createWebhookAdapter({ timeoutMs: 1_000, clock: { now: () => NOW } });

const receivers: HttpReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

/**
 * A receiver as the README tells users to write one: it checks the signature over the raw
 * body before trusting anything, then answers with the statuses it is given in turn (the
 * last one repeats).
 */
async function webhookReceiver(statuses: number[] = [200]) {
  let answered = 0;
  const verdicts: boolean[] = [];
  const r = await startHttpReceiver((req, res) => {
    const valid = verifyWebhookSignature(
      req.body,
      req.headers['x-lbb-signature'] as string | undefined,
      SECRET,
    );
    verdicts.push(valid);
    if (!valid) return void res.writeHead(401).end('bad signature');
    const status = statuses[Math.min(answered++, statuses.length - 1)]!;
    res.writeHead(status, { 'Content-Type': 'text/plain' }).end(`answer ${status}`);
  });
  receivers.push(r);
  return { ...r, verdicts };
}

describe('webhook channel', () => {
  it('posts the signed JSON body with the documented headers', async () => {
    const r = await webhookReceiver();
    const message = sampleMessage({ data: { account_id: 'default', reason: 'login_wall', n: 3 } });
    const result = await adapter.send(message, { url: `${r.origin}/hooks/lbb` }, { secret: SECRET });

    expect(result).toEqual({ ok: true, status: 200, response: 'answer 200', error: null, retryable: false });
    expect(r.verdicts).toEqual([true]);
    const request = r.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/hooks/lbb');
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'x-lbb-event': 'session_expired',
      'x-lbb-delivery': message.deliveryId,
      'x-lbb-timestamp': String(NOW.getTime() / 1000),
      'user-agent': `linkedin-birthday-bot/${VERSION}`,
    });
    // The HMAC-SHA256 of the raw bytes received, as any receiver computes it.
    expect(request.headers['x-lbb-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`,
    );
    const body = JSON.parse(request.body.toString('utf8')) as WebhookBody;
    expect(body).toEqual({
      id: message.deliveryId,
      event: 'session_expired',
      at: message.at,
      sent_at: NOW.toISOString(),
      account_id: 'default',
      text: 'Session LinkedIn expirée',
      content: 'Session LinkedIn expirée',
      data: { account_id: 'default', reason: 'login_wall', n: 3 },
    });
  });

  it('is refused by a receiver that holds another secret', async () => {
    const r = await webhookReceiver();
    const result = await adapter.send(
      sampleMessage(),
      { url: r.origin },
      { secret: 'another-secret-of-enough-length' },
    );
    expect(r.verdicts).toEqual([false]);
    expect(result).toMatchObject({ ok: false, status: 401, response: 'bad signature', retryable: false });
  });

  it('reports a 5xx as retryable; the retry keeps the id and `at` but carries its own signed sent_at', async () => {
    const r = await webhookReceiver([500, 200]);
    let now = NOW;
    const moving = createWebhookAdapter({ timeoutMs: 1_000, clock: { now: () => now } });
    const message = sampleMessage();
    const first = await moving.send(message, { url: r.origin }, { secret: SECRET });
    expect(first).toEqual({
      ok: false,
      status: 500,
      response: 'answer 500',
      error: 'The receiver answered HTTP 500',
      retryable: true,
    });
    now = new Date(NOW.getTime() + 60_000);
    const second = await moving.send(message, { url: r.origin }, { secret: SECRET });
    expect(second).toMatchObject({ ok: true, status: 200 });
    expect(r.verdicts).toEqual([true, true]);
    expect(r.requests.map((q) => q.headers['x-lbb-delivery'])).toEqual([
      message.deliveryId,
      message.deliveryId,
    ]);
    const bodies = r.requests.map((q) => JSON.parse(q.body.toString('utf8')) as WebhookBody);
    expect(bodies.map((b) => [b.id, b.at, b.sent_at])).toEqual([
      [message.deliveryId, message.at, NOW.toISOString()],
      [message.deliveryId, message.at, '2026-12-02T08:32:00.000Z'],
    ]);
    expect(r.requests.map((q) => q.headers['x-lbb-timestamp'])).toEqual([
      String(Date.parse(bodies[0]!.sent_at) / 1000),
      String(Date.parse(bodies[1]!.sent_at) / 1000),
    ]);
  });

  it('signs sent_at: a replay made to look fresh no longer verifies', async () => {
    const r = await webhookReceiver();
    await adapter.send(sampleMessage(), { url: r.origin }, { secret: SECRET });
    const request = r.requests[0]!;
    const raw = request.body.toString('utf8');
    const signature = request.headers['x-lbb-signature'] as string;
    expect(verifyWebhookSignature(raw, signature, SECRET)).toBe(true);
    const refreshed = raw.replace(NOW.toISOString(), '2026-12-03T08:31:00.000Z');
    expect(refreshed).not.toBe(raw);
    expect(verifyWebhookSignature(refreshed, signature, SECRET)).toBe(false);
  });

  it.each([
    [408, true],
    [429, true],
    [502, true],
    [400, false],
    [404, false],
    [410, false],
  ])('reports HTTP %i as retryable: %s', async (status, retryable) => {
    const r = await webhookReceiver([status]);
    const result = await adapter.send(sampleMessage(), { url: r.origin }, { secret: SECRET });
    expect(result).toMatchObject({ ok: false, status, retryable });
  });

  it('reports a receiver that never answers as a retryable timeout', async () => {
    const r = await startHttpReceiver(() => {});
    receivers.push(r);
    const result = await createWebhookAdapter({ timeoutMs: 300 }).send(
      sampleMessage(),
      { url: r.origin },
      { secret: SECRET },
    );
    expect(result).toMatchObject({ ok: false, status: null, response: null, retryable: true });
    expect(result.error).toContain('300 ms');
  });

  it('never puts the secret in what it reports', async () => {
    // A receiver that echoes everything it got, the signature header included.
    const r = await startHttpReceiver(
      (req, res) => void res.writeHead(400).end(`${SECRET} ${req.body.toString()}`),
    );
    receivers.push(r);
    const result = await adapter.send(sampleMessage(), { url: r.origin }, { secret: SECRET });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result.response).toContain('***');
  });
});

describe('verifyWebhookSignature', () => {
  const raw = Buffer.from('{"id":"d1","text":"Session LinkedIn expirée"}');

  it('accepts the signature of these exact bytes with this secret only', () => {
    const header = signWebhookBody(raw, SECRET);
    expect(verifyWebhookSignature(raw, header, SECRET)).toBe(true);
    expect(verifyWebhookSignature(raw.toString('utf8'), header, SECRET)).toBe(true);
    expect(verifyWebhookSignature(raw, header, `${SECRET}x`)).toBe(false);
    expect(verifyWebhookSignature(Buffer.from(`${raw.toString()} `), header, SECRET)).toBe(false);
    expect(verifyWebhookSignature(raw, header.replace('sha256=', 'sha1='), SECRET)).toBe(false);
    expect(verifyWebhookSignature(raw, header.slice(0, -2), SECRET)).toBe(false);
    expect(verifyWebhookSignature(raw, undefined, SECRET)).toBe(false);
  });
});
