import type { Config } from '../config/env.ts';

/**
 * The names this server answers to (DNS rebinding defence) and the origins it takes writes
 * from: loopback on the listen port, the host of PUBLIC_URL, and PUBLIC_HOSTS.
 */

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

interface HostPort {
  /** Lower-cased; IPv6 addresses keep their brackets (`[::1]`), as in a Host header. */
  name: string;
  /** Absent when the header names none (the scheme's default port). */
  port?: string;
}

/** `name[:port]` as a Host header or a PUBLIC_HOSTS entry writes it; null when malformed. */
export function parseHostPort(value: string): HostPort | null {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value.trim().toLowerCase());
  if (!m?.[1]) return null;
  return m[2] === undefined ? { name: m[1] } : { name: m[1], port: String(Number(m[2])) };
}

export interface OwnHosts {
  /** The port the request came in on (see `ownHostsFor`). */
  listenPort: number;
  publicUrl?: URL;
  publicHosts: HostPort[];
}

export function ownHostsOf(config: Pick<Config, 'publicUrl' | 'publicHosts'>, listenPort: number): OwnHosts {
  return {
    listenPort,
    publicUrl: config.publicUrl ? new URL(config.publicUrl) : undefined,
    publicHosts: config.publicHosts.map(parseHostPort).filter((h): h is HostPort => h !== null),
  };
}

/**
 * Whether a Host header names this server.
 * - Loopback names on the listen port (another port only as PUBLIC_URL or PUBLIC_HOSTS say).
 * - PUBLIC_URL's name, without a port or with PUBLIC_URL's own port.
 * - A PUBLIC_HOSTS entry with a port on that port only; one without a port on any port (the
 *   name is what DNS rebinding forges, and a proxy or NAT may expose any port).
 */
export function isOwnHost(
  value: string | undefined,
  own: OwnHosts,
  /** Origins: a PUBLIC_HOSTS entry without a port names the listen port only. */
  opts: { exactPorts?: boolean } = {},
): boolean {
  if (!value) return false;
  const host = parseHostPort(value);
  if (!host) return false;
  const { name, port } = host;
  if (LOOPBACK_NAMES.has(name)) {
    const listenPort = String(own.listenPort);
    if (port === undefined ? Object.values(DEFAULT_PORTS).includes(listenPort) : port === listenPort)
      return true;
    // Another port (an SSH tunnel, a container's mapped port): only as PUBLIC_URL or PUBLIC_HOSTS say.
  }
  const pub = own.publicUrl;
  if (pub && name === pub.hostname) {
    if (port === undefined || port === (pub.port || DEFAULT_PORTS[pub.protocol])) return true;
  }
  return own.publicHosts.some((entry) => {
    if (entry.name !== name) return false;
    if (entry.port === undefined) return !opts.exactPorts || port === String(own.listenPort);
    return entry.port === port || (port === undefined && Object.values(DEFAULT_PORTS).includes(entry.port));
  });
}

/**
 * Whether an `Origin` is this server's own: PUBLIC_URL's origin; the very host and port the
 * request was sent to (its Host, an accepted one); or another of our names with an exact
 * port (loopback on the listen port, a PUBLIC_HOSTS entry's port, else the listen port).
 * The scheme is the request's (`https` behind a proxy with TRUST_PROXY) or PUBLIC_URL's.
 * Ports are compared exactly, whatever the Host check allows: `http://bot.lan:8081` is
 * another site than `http://bot.lan:8080`, though `bot.lan` is accepted on any port.
 */
export function isOwnOrigin(
  origin: string,
  requestScheme: string,
  requestHost: string,
  own: OwnHosts,
): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // `null` (sandboxed frames, file:) and garbage
  }
  if (own.publicUrl && url.origin === own.publicUrl.origin) return true;
  const schemes = new Set([`${requestScheme}:`, own.publicUrl?.protocol]);
  if (!schemes.has(url.protocol)) return false;
  const port = url.port || DEFAULT_PORTS[url.protocol];
  const host = parseHostPort(requestHost);
  const sameAuthority =
    host !== null && url.hostname === host.name && port === (host.port ?? DEFAULT_PORTS[url.protocol]);
  if (sameAuthority) return isOwnHost(requestHost, own);
  return isOwnHost(`${url.hostname}:${port}`, own, { exactPorts: true });
}

/** True for 127.0.0.0/8, ::1 and localhost: nothing outside this machine can connect. */
export function isLoopbackBind(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * The line the server prints at start when it listens beyond this machine but would refuse
 * every name other than loopback (null when nothing is missing).
 */
export function missingHostsHint(config: Pick<Config, 'host' | 'publicUrl' | 'publicHosts'>): string | null {
  if (isLoopbackBind(config.host) || config.publicUrl || config.publicHosts.length > 0) return null;
  return `  HOST=${config.host} listens beyond this machine, but only 127.0.0.1, localhost and [::1] are accepted as names (421 for others): set PUBLIC_HOSTS to the names or LAN addresses you open the dashboard at (e.g. PUBLIC_HOSTS=bot.lan,192.168.1.20), or PUBLIC_URL to the address behind your reverse proxy.`;
}
