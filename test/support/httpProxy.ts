/**
 * A tiny forwarding proxy for tests: plain-HTTP requests (absolute URLs) are forwarded,
 * CONNECT opens a tunnel, optional Basic authentication (407 without the right credentials).
 * It keeps every request it got and every credential it was sent. Its outgoing connections
 * leave from `localAddress` (any 127.x.y.z on Linux), so an IP echo behind it sees one
 * address per proxy: a test changes its exit IP by changing proxies. `refuse` answers 403
 * to everything, as a proxy that will not serve this client.
 */
import http from 'node:http';
import net from 'node:net';

export interface TestProxyOptions {
  username?: string;
  password?: string;
  localAddress?: string;
  refuse?: boolean;
}

export interface TestProxyRequest {
  method: string;
  /** The absolute URL of a plain request, `host:port` of a CONNECT. */
  target: string;
  /** Passed authentication (always, without credentials configured) and was served. */
  served: boolean;
}

export interface TestProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: TestProxyRequest[];
  /** Decoded `username:password` of every Proxy-Authorization header received. */
  credentials: string[];
  close(): Promise<void>;
}

export async function startTestProxy(opts: TestProxyOptions = {}): Promise<TestProxy> {
  const requests: TestProxyRequest[] = [];
  const credentials: string[] = [];
  const sockets = new Set<net.Socket>();
  const expected =
    opts.username === undefined
      ? null
      : `Basic ${Buffer.from(`${opts.username}:${opts.password ?? ''}`).toString('base64')}`;

  /** Notes the request; the status to refuse it with, or null to serve it. */
  const admit = (req: http.IncomingMessage): number | null => {
    const auth = req.headers['proxy-authorization'];
    if (auth?.startsWith('Basic ')) credentials.push(Buffer.from(auth.slice(6), 'base64').toString());
    const refusal = opts.refuse ? 403 : expected !== null && auth !== expected ? 407 : null;
    requests.push({ method: req.method ?? '?', target: req.url ?? '', served: refusal === null });
    return refusal;
  };
  const challenge = { 'proxy-authenticate': 'Basic realm="test"' };

  const server = http.createServer((req, res) => {
    const refusal = admit(req);
    if (refusal !== null) return void res.writeHead(refusal, refusal === 407 ? challenge : {}).end();
    const target = new URL(req.url ?? '');
    const { 'proxy-authorization': _auth, 'proxy-connection': _conn, ...headers } = req.headers;
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port || 80,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers,
        localAddress: opts.localAddress,
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(upstream);
  });

  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const refusal = admit(req);
    if (refusal !== null) {
      const extra = refusal === 407 ? 'Proxy-Authenticate: Basic realm="test"\r\n' : '';
      return void client.end(`HTTP/1.1 ${refusal} ${http.STATUS_CODES[refusal]}\r\n${extra}\r\n`);
    }
    const { hostname, port } = new URL(`http://${req.url}`);
    const upstream = net.connect(
      { host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 443), localAddress: opts.localAddress },
      () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      },
    );
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    credentials,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
