import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/support/waitFor.ts';
import { startTestApp, type TestApp } from './testing.ts';

/** One request over a raw keep-alive socket: the answer, and whether the server closed the socket. */
async function keepAliveRequest(port: number, request: string) {
  const socket = net.connect(port, '127.0.0.1');
  let answer = '';
  let closedByServer = false;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    answer += chunk;
  });
  socket.on('end', () => {
    closedByServer = true;
  });
  socket.write(request);
  try {
    await waitFor(() => /\r\n\r\n/.test(answer), { what: 'the answer' });
    await waitFor(() => closedByServer, { what: () => `the server to close the socket after:\n${answer}` });
    return answer;
  } finally {
    socket.destroy();
  }
}

describe('connections', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => t.close());

  it('closes the connection after a 401: a password guesser gets no kept-alive socket', async () => {
    const body = JSON.stringify({ username: 'admin', password: 'not-the-password' });
    const login = await keepAliveRequest(
      port,
      `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    expect(login).toMatch(/^HTTP\/1\.1 401 /);
    expect(login).toMatch(/\r\nconnection: close\r\n/i);

    const noKey = await keepAliveRequest(
      port,
      `GET /api/runs HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\nx-api-key: wrong-key-0123456789\r\n\r\n`,
    );
    expect(noKey).toMatch(/^HTTP\/1\.1 401 /);
    expect(noKey).toMatch(/\r\nconnection: close\r\n/i);
  });

  it('bounds its connections and how long a request may take to arrive, not how long an answer streams', () => {
    const server = t.app.server;
    expect(server.maxConnections).toBe(256);
    // Slow senders (slowloris) are cut once the headers or the request take too long.
    expect(server.headersTimeout).toBeGreaterThan(0);
    expect(server.headersTimeout).toBeLessThanOrEqual(15_000);
    expect(server.requestTimeout).toBeGreaterThan(0);
    expect(server.requestTimeout).toBeLessThanOrEqual(30_000);
    // No idle timeout on a socket: an event stream, or a page check's silent minute, stays.
    expect(server.timeout).toBe(0);
  });
});
