import { z } from 'zod';
import { lineText } from './text.ts';

/**
 * The `network` settings group (README, "Account safety"): the account's optional proxy and
 * the URL that tells which address LinkedIn sees. The proxy's password is write-only: the
 * document says only whether one is stored (`password_set`); the server keeps it encrypted
 * beside the settings (src/config/proxySettings.ts).
 */

/** What Chromium's `--proxy-server` takes. */
export const PROXY_SCHEMES = ['http', 'https', 'socks5'] as const;

/** A public IP echo answering `{"ip":"…"}`. */
export const DEFAULT_IP_CHECK_URL = 'https://api.ipify.org?format=json';

const SOCKS_CREDENTIALS_PROBLEM =
  'Chromium cannot authenticate to a SOCKS proxy: use socks5:// without username and password, or an http:// or https:// proxy with them';

const PROXY_URL_PROBLEMS = {
  invalid_proxy_url: 'must be a URL such as http://proxy.example.com:3128',
  proxy_scheme: 'must start with http://, https:// or socks5:// (the proxies Chromium supports)',
  proxy_credentials_in_url: 'must not contain credentials: give them as username and password instead',
  proxy_host: 'must name the proxy host',
  proxy_path: 'must be only scheme://host:port, without a path or a query',
} as const;

/** Why `text` is not a proxy address Chromium can use (its field error code), or null. */
function proxyUrlProblemCode(text: string): keyof typeof PROXY_URL_PROBLEMS | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'invalid_proxy_url';
  }
  if (!(PROXY_SCHEMES as readonly string[]).includes(url.protocol.slice(0, -1))) return 'proxy_scheme';
  if (url.username || url.password) return 'proxy_credentials_in_url';
  if (!url.hostname) return 'proxy_host';
  if ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) return 'proxy_path';
  return null;
}

/** Why `text` is not a proxy address Chromium can use, or null. */
export function proxyUrlProblem(text: string): string | null {
  const code = proxyUrlProblemCode(text);
  return code ? PROXY_URL_PROBLEMS[code] : null;
}

function isSocksProxy(url: string): boolean {
  return url.trim().toLowerCase().startsWith('socks5:');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Printable, no `:` (HTTP Basic authentication separates the two with it). */
const username = z
  .string()
  .min(1)
  .max(256)
  .refine((text) => !CONTROL.test(text) && !text.includes(':'), {
    message: 'must be printable and must not contain ":"',
    params: { code: 'invalid_username' },
  });

/** What `PATCH /api/settings` accepts as `network.proxy.password` (null clears it). */
export const proxyPasswordSchema = z
  .string()
  .min(1)
  .max(256)
  .refine((text) => !CONTROL.test(text), {
    message: 'must not contain control characters',
    params: { code: 'control_characters' },
  })
  .nullable();

const proxySchema = z
  .object({
    url: lineText()
      .trim()
      .max(2048)
      .superRefine((url, ctx) => {
        const problem = proxyUrlProblemCode(url);
        if (problem) {
          ctx.addIssue({ code: 'custom', message: PROXY_URL_PROBLEMS[problem], params: { code: problem } });
        }
      })
      .describe('http://host:port, https://host:port or socks5://host:port; never with credentials'),
    username: username.nullable().default(null),
    password_set: z
      .boolean()
      .default(false)
      .describe('Read-only: whether a password is stored. Set it with "password" (a string; null clears it)'),
  })
  .strict()
  .superRefine((proxy, ctx) => {
    if (isSocksProxy(proxy.url) && (proxy.username || proxy.password_set)) {
      ctx.addIssue({
        code: 'custom',
        path: [proxy.username ? 'username' : 'password'],
        message: SOCKS_CREDENTIALS_PROBLEM,
        params: { code: 'socks_credentials' },
      });
    } else if (proxy.password_set && !proxy.username) {
      // Chromium would never send a password without a username.
      ctx.addIssue({
        code: 'custom',
        path: ['username'],
        message: 'is needed with a password',
        params: { code: 'needs_username' },
      });
    }
  });

export const networkSettingsSchema = z
  .object({
    proxy: proxySchema
      .nullable()
      .describe(
        'The browser goes through it for every run, session check and page check; null: direct. The password is write-only',
      ),
    ip_check_url: lineText()
      .trim()
      .max(2048)
      .refine(
        (text) => {
          try {
            return ['http:', 'https:'].includes(new URL(text).protocol);
          } catch {
            return false;
          }
        },
        { message: 'must be an http:// or https:// URL', params: { code: 'invalid_url' } },
      )
      .describe(
        'Fetched by the browser before each run: its answer ({"ip":"…"} or the address as plain text) is the exit IP LinkedIn sees',
      ),
  })
  .strict();

export type NetworkSettings = z.infer<typeof networkSettingsSchema>;
export type ProxySettings = NonNullable<NetworkSettings['proxy']>;

export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = { proxy: null, ip_check_url: DEFAULT_IP_CHECK_URL };
