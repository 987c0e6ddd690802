import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpReceiver, startHttpReceiver } from '../../test/support/httpReceiver.ts';
import { selfSignedCert } from '../../test/support/selfSignedCert.ts';
import { RESPONSE_BODY_LIMIT, SafeHttpError, safeHttpRequest, utf8Start } from './safeHttp.ts';

const receivers: HttpReceiver[] = [];
async function receiver(...args: Parameters<typeof startHttpReceiver>): Promise<HttpReceiver> {
  const started = await startHttpReceiver(...args);
  receivers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

const post = (url: string, body = '{"hello":"world"}') => ({
  method: 'POST' as const,
  url,
  headers: { 'Content-Type': 'application/json', 'X-Test': 'yes' },
  body,
});

/** The error `promise` rejects with, which must be a SafeHttpError. */
async function failureOf(promise: Promise<unknown>): Promise<SafeHttpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SafeHttpError);
  return error as SafeHttpError;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('safeHttpRequest', () => {
  it('sends the method, headers and body and returns the status and the answer', async () => {
    const r = await receiver((_req, res) => void res.writeHead(201, { 'X-Reply': 'yes' }).end('créé'));
    const response = await safeHttpRequest(post(`${r.origin}/hook?x=1`));
    expect(response).toMatchObject({ status: 201, body: 'créé', truncated: false });
    expect(response.headers['x-reply']).toBe('yes');
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]).toMatchObject({ method: 'POST', url: '/hook?x=1' });
    expect(r.requests[0]!.headers['x-test']).toBe('yes');
    expect(r.requests[0]!.body.toString()).toBe('{"hello":"world"}');
  });

  it('returns an error status as an answer, not a failure', async () => {
    const r = await receiver((_req, res) => void res.writeHead(503).end('busy'));
    expect(await safeHttpRequest(post(r.origin))).toMatchObject({ status: 503, body: 'busy' });
  });

  it.each([
    'ftp://127.0.0.1/x',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
    'http://user:pw@127.0.0.1/',
  ])('refuses %s without sending anything', async (url) => {
    const error = await failureOf(safeHttpRequest(post(url)));
    expect(error.code).toBe('invalid_url');
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain('pw');
  });

  it('follows redirects within the same origin, sending the same POST again', async () => {
    const r = await receiver((req, res) => {
      if (req.url === '/old') return void res.writeHead(301, { Location: '/moved' }).end();
      if (req.url === '/moved') return void res.writeHead(307, { Location: `${r.origin}/final` }).end();
      res.writeHead(200).end('final answer');
    });
    const response = await safeHttpRequest(post(`${r.origin}/old`, 'payload'));
    expect(response).toMatchObject({ status: 200, body: 'final answer' });
    expect(r.requests.map((q) => [q.method, q.url, q.body.toString()])).toEqual([
      ['POST', '/old', 'payload'],
      ['POST', '/moved', 'payload'],
      ['POST', '/final', 'payload'],
    ]);
  });

  it('gives up after 3 redirects', async () => {
    const r = await receiver((req, res) => {
      const n = Number(req.url.slice(1)) || 0;
      res.writeHead(302, { Location: `/${n + 1}` }).end();
    });
    const error = await failureOf(safeHttpRequest(post(`${r.origin}/0`)));
    expect(error.code).toBe('too_many_redirects');
    expect(error.retryable).toBe(false);
    // The first request and 3 redirects followed.
    expect(r.requests.map((q) => q.url)).toEqual(['/0', '/1', '/2', '/3']);
  });

  it('refuses a redirect to another origin (another port counts) and names it', async () => {
    const elsewhere = await receiver();
    const r = await receiver(
      (_req, res) => void res.writeHead(308, { Location: `${elsewhere.origin}/steal` }).end(),
    );
    const error = await failureOf(safeHttpRequest(post(`${r.origin}/hook`)));
    expect(error.code).toBe('redirect_refused');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`http://127.0.0.1:${elsewhere.port}`);
    expect(error.message).toContain('not followed');
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('refuses a redirect to another scheme on the same host', async () => {
    const r = await receiver((_req, res) => void res.writeHead(302, { Location: 'ftp://127.0.0.1/x' }).end());
    const error = await failureOf(safeHttpRequest(post(r.origin)));
    expect(error.code).toBe('redirect_refused');
    expect(r.requests).toHaveLength(1);
  });

  it('fails within the deadline when the receiver never answers, as a retryable timeout', async () => {
    const r = await receiver(() => {
      // Never answers.
    });
    const started = Date.now();
    const error = await failureOf(safeHttpRequest(post(r.origin), { timeoutMs: 400 }));
    const elapsed = Date.now() - started;
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('400 ms');
    expect(elapsed).toBeGreaterThanOrEqual(380);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('keeps the deadline across redirects', async () => {
    const r = await receiver((req, res) => {
      // Each hop answers after 150 ms: three of them pass a 300 ms deadline.
      setTimeout(() => void res.writeHead(302, { Location: `/${req.url.length}` }).end(), 150);
    });
    const error = await failureOf(safeHttpRequest(post(r.origin), { timeoutMs: 300 }));
    expect(error.code).toBe('timeout');
  });

  it("stops at once when the caller's signal aborts", async () => {
    const r = await receiver(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await failureOf(
      safeHttpRequest(post(r.origin), { signal: controller.signal, timeoutMs: 5_000 }),
    );
    expect(error.code).toBe('aborted');
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports a refused connection as a retryable network failure', async () => {
    const port = await closedPort();
    const error = await failureOf(safeHttpRequest(post(`http://127.0.0.1:${port}/`)));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('reads at most 1 KB of a 5 MB answer', async () => {
    const r = await receiver((_req, res) => void res.writeHead(200).end(Buffer.alloc(5 * 1024 * 1024, 'x')));
    const response = await safeHttpRequest(post(r.origin));
    expect(response.status).toBe(200);
    expect(response.truncated).toBe(true);
    expect(Buffer.byteLength(response.body)).toBe(RESPONSE_BODY_LIMIT);
  });

  it('stops reading an endless answer instead of waiting for its end', async () => {
    const r = await receiver((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 'y');
      const pump = () => {
        if (res.destroyed) return;
        res.write(chunk);
        setTimeout(pump, 5);
      };
      pump();
    });
    const started = Date.now();
    const response = await safeHttpRequest(post(r.origin), { timeoutMs: 3_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(response).toMatchObject({ status: 200, truncated: true });
    expect(response.body).toBe('y'.repeat(RESPONSE_BODY_LIMIT));
  });

  it('keeps the answer when the deadline passes while its body is still coming', async () => {
    const r = await receiver((_req, res) => {
      res.writeHead(200);
      res.write('accepted, more to come');
    });
    const response = await safeHttpRequest(post(r.origin), { timeoutMs: 300 });
    expect(response).toMatchObject({ status: 200, body: 'accepted, more to come' });
  });

  it('cuts the answer on a character boundary', async () => {
    // 'a' then 2-byte characters: byte 1024 falls in the middle of one.
    const text = `a${'é'.repeat(1000)}`;
    const r = await receiver((_req, res) => void res.writeHead(400).end(text));
    const response = await safeHttpRequest(post(r.origin));
    expect(response.body).toBe(`a${'é'.repeat(511)}`);
    expect(response.body).not.toContain('\uFFFD');
  });

  it('masks secrets and Telegram bot tokens in error texts', async () => {
    const port = await closedPort();
    const token = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345';
    const error = await failureOf(
      safeHttpRequest(post(`http://127.0.0.1:${port}/bot${token}/sendMessage`), { secrets: [token] }),
    );
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain('ABCdef');

    const elsewhere = await receiver();
    const r = await receiver(
      (_req, res) => void res.writeHead(302, { Location: `${elsewhere.origin}/bot${token}/x` }).end(),
    );
    const redirect = await failureOf(
      safeHttpRequest(post(`${r.origin}/bot${token}/sendMessage`), { secrets: [token] }),
    );
    expect(redirect.code).toBe('redirect_refused');
    expect(redirect.message).not.toContain('ABCdef');
  });

  it('masks secrets the receiver echoes in its answer', async () => {
    const r = await receiver(
      (req, res) => void res.writeHead(401).end(`bad token ${req.headers.authorization}`),
    );
    const response = await safeHttpRequest(
      { ...post(r.origin), headers: { Authorization: 'Bearer tk_secret_value' } },
      { secrets: ['tk_secret_value'] },
    );
    expect(response.body).toBe('bad token Bearer ***');
  });

  it('speaks HTTPS, verifying the certificate', async () => {
    const { key, cert } = selfSignedCert();
    const r = await receiver((_req, res) => void res.writeHead(200).end('secure'), { key, cert });
    expect(await safeHttpRequest(post(r.origin), { ca: cert })).toMatchObject({
      status: 200,
      body: 'secure',
    });
    const untrusted = await failureOf(safeHttpRequest(post(r.origin)));
    expect(untrusted.code).toBe('network');
    expect(r.requests).toHaveLength(1);
  });
});

describe('utf8Start', () => {
  it('keeps a short text whole and never splits a multi-byte character', () => {
    expect(utf8Start(Buffer.from('court'), 10)).toBe('court');
    expect(utf8Start(Buffer.from('😀😀'), 5)).toBe('😀');
    expect(utf8Start(Buffer.from('😀😀'), 3)).toBe('');
    expect(utf8Start(Buffer.from('ab€'), 4)).toBe('ab');
    expect(utf8Start(Buffer.from('ab€'), 5)).toBe('ab€');
  });
});
