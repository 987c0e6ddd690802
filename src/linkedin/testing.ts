/**
 * Test harness for the driver: the real sandbox on a free port, its admin API, and its
 * session as the app stores it (cookies on `.linkedin.com`, set by the driver for the
 * sandbox's host).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '../sandbox/server.ts';
import { type PlaywrightClientOptions, PlaywrightLinkedInClient } from './playwrightClient.ts';
import { parseSessionInput, type SessionCookie } from './sessionCookies.ts';

export interface SandboxResetOptions {
  seed?: number;
  contacts?: number;
  today?: number;
  late?: number;
  invitations?: number;
  locale?: 'en' | 'fr';
}

export interface SandboxFaults {
  session_expired?: boolean;
  rate_limited?: boolean;
  latency_ms?: number;
  dom_variant?: 'default' | 'alt' | 'sdui';
  overlay?: 'main' | 'shadow' | 'iframe' | 'dialog' | 'page';
  send_fails?: number;
  wrong_recipient?: number;
  send_stall_ms?: number;
  redirect_loop?: boolean;
  account_picker?: boolean;
  break_primary?: boolean;
  blocked?: boolean;
  checkpoint?: boolean;
  captcha?: boolean;
}

/** Small numbers keep browser tests fast. */
export const SMALL_SANDBOX: SandboxResetOptions = { contacts: 40, today: 3, late: 2, invitations: 6 };

export interface SandboxStateContact {
  slug: string;
  name: string;
  first_name: string;
  birthday_days_late: number | null;
  headline: string;
  location: string;
  geo_urn: string;
  profile_url: string;
}

export interface TestSandbox {
  url: string;
  reset(opts?: SandboxResetOptions): Promise<void>;
  faults(faults: SandboxFaults): Promise<void>;
  get<T>(path: string): Promise<T>;
  /** The sandbox's current session, normalised as `PUT /api/linkedin/session` stores it. */
  cookies(): Promise<SessionCookie[]>;
  contacts(): Promise<SandboxStateContact[]>;
  messages(): Promise<{ to: string; text: string; at: string }[]>;
  close(): Promise<void>;
}

export async function startTestSandbox(): Promise<TestSandbox> {
  const handle = await startSandbox({ port: 0 });
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${handle.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    url: handle.url,
    reset: async (opts = SMALL_SANDBOX) => {
      await call('POST', '/__sandbox/reset', opts);
    },
    faults: async (faults) => {
      await call('POST', '/__sandbox/faults', faults);
    },
    get: (path) => call('GET', path),
    cookies: async () => {
      const state = await call<{ cookies: { name: string; value: string }[] }>('GET', '/__sandbox/session');
      // The sandbox answers cookies for its own host; the app stores them for linkedin.com.
      const parsed = parseSessionInput(
        Object.fromEntries(state.cookies.map((c) => [c.name, c.value])),
        new Date(),
      );
      if (!parsed.ok) throw new Error(`sandbox session not accepted: ${JSON.stringify(parsed.fields)}`);
      return parsed.cookies;
    },
    contacts: async () =>
      (await call<{ contacts: SandboxStateContact[] }>('GET', '/__sandbox/state')).contacts,
    messages: async () =>
      (await call<{ messages: { to: string; text: string; at: string }[] }>('GET', '/__sandbox/messages'))
        .messages,
    close: () => handle.close(),
  };
}

/** The driver over the sandbox: one browser for a whole test file, screenshots in a temp dir. */
export interface DriverHarness {
  sandbox: TestSandbox;
  client: PlaywrightLinkedInClient;
  /** Where failed steps' screenshots go. */
  shots: string;
  /** Resets the sandbox (new session) and gives the client the new cookies. */
  fresh(reset?: SandboxResetOptions, faults?: SandboxFaults): Promise<void>;
  /** Closes all; fails when the browser tried to reach linkedin.com. */
  close(): Promise<void>;
}

export async function startDriverHarness(
  reset: SandboxResetOptions,
  options: Partial<PlaywrightClientOptions> = {},
): Promise<DriverHarness> {
  const sandbox = await startTestSandbox();
  await sandbox.reset(reset);
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-driver-'));
  const client = await PlaywrightLinkedInClient.launch({
    baseUrl: sandbox.url,
    cookies: await sandbox.cookies(),
    screenshotDir: shots,
    timeoutMs: 5000,
    ...options,
  });
  return {
    sandbox,
    client,
    shots,
    async fresh(next = reset, faults) {
      await sandbox.reset(next);
      if (faults) await sandbox.faults(faults);
      // A reset issues a new session token.
      await client.replaceCookies(await sandbox.cookies());
    },
    async close() {
      const blocked = [...client.blockedRequests];
      await client.close();
      await sandbox.close();
      fs.rmSync(shots, { recursive: true, force: true });
      if (blocked.length > 0)
        throw new Error(`the browser tried to reach linkedin.com: ${blocked.join(', ')}`);
    },
  };
}
