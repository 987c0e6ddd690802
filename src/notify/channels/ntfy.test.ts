import { afterEach, describe, expect, it } from 'vitest';
import { type HttpReceiver, startHttpReceiver } from '../../../test/support/httpReceiver.ts';
import { sampleMessage } from '../testing.ts';
import { createNtfyAdapter } from './ntfy.ts';

const TOKEN = 'tk_7eevizlsiwf9yi4uxsrs83r4352o0';
const adapter = createNtfyAdapter({ timeoutMs: 1_000 });

const receivers: HttpReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

/**
 * An ntfy server's JSON publishing: POST / with `{topic,…}`; the topic `private` needs the
 * bearer token. It answers with the published message, as ntfy does.
 */
async function fakeNtfy() {
  const r = await startHttpReceiver((req, res) => {
    const json = (status: number, answer: object) =>
      void res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    if (req.url !== '/') return json(404, { code: 40401, http: 404, error: 'page not found' });
    const body = JSON.parse(req.body.toString('utf8')) as { topic: string };
    if (body.topic === 'private' && req.headers.authorization !== `Bearer ${TOKEN}`)
      return json(403, { code: 40301, http: 403, error: 'forbidden' });
    json(200, { id: 'abc', event: 'message', ...body });
  });
  receivers.push(r);
  return r;
}

describe('ntfy channel', () => {
  it('publishes the title in UTF-8 and the body as JSON, with the token', async () => {
    const ntfy = await fakeNtfy();
    const message = sampleMessage();
    const result = await adapter.send(
      message,
      { server_url: ntfy.origin, topic: 'private' },
      { token: TOKEN },
    );

    expect(result).toMatchObject({ ok: true, status: 200, error: null });
    const request = ntfy.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(request.body.toString('utf8'))).toEqual({
      topic: 'private',
      title: 'Session LinkedIn expirée',
      message: message.body,
      priority: 4,
      tags: ['key'],
    });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('sends no Authorization without a token, and a routine event at the default priority', async () => {
    const ntfy = await fakeNtfy();
    const result = await adapter.send(
      sampleMessage({
        event: 'run_succeeded',
        text: 'Exécution terminée',
        body: '3 anniversaires souhaités',
      }),
      { server_url: ntfy.origin, topic: 'public_topic' },
      {},
    );
    expect(result.ok).toBe(true);
    const request = ntfy.requests[0]!;
    expect(request.headers.authorization).toBeUndefined();
    expect(JSON.parse(request.body.toString('utf8'))).toMatchObject({
      title: 'Exécution terminée',
      priority: 3,
    });
  });

  it.each(['session_expired', 'rate_limited', 'run_failed', 'worker_offline'] as const)(
    'rings %s with a high priority',
    async (event) => {
      const ntfy = await fakeNtfy();
      await adapter.send(sampleMessage({ event }), { server_url: ntfy.origin, topic: 't' }, {});
      expect(JSON.parse(ntfy.requests[0]!.body.toString('utf8')).priority).toBe(4);
    },
  );

  it('reports a refused token as not retryable', async () => {
    const ntfy = await fakeNtfy();
    const result = await adapter.send(
      sampleMessage(),
      { server_url: ntfy.origin, topic: 'private' },
      { token: 'tk_wrong' },
    );
    expect(result).toMatchObject({ ok: false, status: 403, retryable: false });
    expect(result.response).toContain('forbidden');
  });

  it('reports a rate limit as retryable', async () => {
    const r = await startHttpReceiver(
      (_req, res) => void res.writeHead(429).end('{"code":42901,"http":429}'),
    );
    receivers.push(r);
    const result = await adapter.send(sampleMessage(), { server_url: r.origin, topic: 't' }, {});
    expect(result).toMatchObject({ ok: false, status: 429, retryable: true });
  });
});
