/**
 * A real HTTP receiver on loopback for the notification channels' tests: it keeps every
 * request (raw body bytes included, as a signature check needs them) and answers with the
 * test's handler, by default 200 `ok`.
 */
import http from 'node:http';
import https from 'node:https';

export interface ReceivedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type ReceiverHandler = (request: ReceivedRequest, res: http.ServerResponse) => void;

export interface HttpReceiver {
  /** `http://127.0.0.1:<port>` (https for a TLS receiver). */
  origin: string;
  port: number;
  requests: ReceivedRequest[];
  /** Replaces the handler for the next requests. */
  handle(handler: ReceiverHandler): void;
  close(): Promise<void>;
}

const answerOk: ReceiverHandler = (_request, res) => void res.writeHead(200).end('ok');

/** Starts a receiver; with `tls` ({key, cert}) it speaks HTTPS. */
export async function startHttpReceiver(
  handler: ReceiverHandler = answerOk,
  tls?: { key: string; cert: string },
): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  let current = handler;
  const listener: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '?',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(request);
      current(request, res);
    });
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    handle: (next) => {
      current = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
