/**
 * A TCP proxy in front of a real service (Redis), so a test can stage an outage without
 * ever stopping the machine's service: `cut()` drops every connection and refuses new
 * ones, `restore()` lets them through again.
 */
import net from 'node:net';

export interface TcpProxy {
  /** `127.0.0.1:<port>` of the proxy. */
  readonly port: number;
  /** The proxy's address as a URL of `scheme` (`redis` → `redis://127.0.0.1:<port>`). */
  url(scheme: string): string;
  /** Destroys every open connection and refuses new ones until `restore()`. */
  cut(): void;
  restore(): void;
  /** Connections accepted since the start (clients reconnecting show here). */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  const host = target.host ?? '127.0.0.1';
  const sockets = new Set<net.Socket>();
  let down = false;
  let accepted = 0;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    accepted += 1;
    const upstream = net.connect(target.port, host);
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    url: (scheme) => `${scheme}://127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      down = false;
    },
    async close() {
      down = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
