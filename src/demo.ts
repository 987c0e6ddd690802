import { type Config, loadConfig } from './config/env.ts';
import { loadSettings, saveSettings } from './config/settingsStore.ts';
import { DEFAULT_ACCOUNT_ID } from './domain.ts';
import { ConfigError } from './errors.ts';
import {
  encryptSessionCookies,
  LINKEDIN_COOKIE_DOMAIN,
  type SessionCookie,
} from './linkedin/sessionCookies.ts';
import type { DomVariant } from './sandbox/faults.ts';
import { type SandboxHandle, startSandbox } from './sandbox/server.ts';
import type { AppContext } from './server/context.ts';

/** The demo's login unless ADMIN_PASSWORD is set: the demo listens on 127.0.0.1 over fake data. */
export const DEMO_ADMIN_PASSWORD = 'demo-admin';

/** The demo's sandbox population: enough to see every part of the product work. */
export const DEMO_SANDBOX = { seed: 42, contacts: 300, today: 12, late: 5, invitations: 40 } as const;

/** The sandbox's page designs: `sdui` is LinkedIn's new one, `default` and `alt` the older shapes. */
export const SANDBOX_VARIANTS: readonly DomVariant[] = ['default', 'alt', 'sdui'];

/** SANDBOX_VARIANT: the design the demo's sandbox shows (default `sdui`). */
export function demoVariant(env: NodeJS.ProcessEnv): DomVariant {
  const value = (env.SANDBOX_VARIANT ?? '').trim();
  if (value === '') return 'sdui';
  const variant = SANDBOX_VARIANTS.find((v) => v === value);
  if (!variant) {
    throw new ConfigError([
      `SANDBOX_VARIANT: must be one of ${SANDBOX_VARIANTS.join(', ')} (got "${value}")`,
    ]);
  }
  return variant;
}

/**
 * `demo`: the sandbox on SANDBOX_PORT and the server pointed at it, with its own data
 * directory (`./data-demo` unless DATA_DIR is set) so a real installation is never touched.
 * The sandbox shows the design SANDBOX_VARIANT names (its `dom_variant` fault).
 */
export async function prepareDemo(
  env: NodeJS.ProcessEnv,
): Promise<{ config: Config; sandbox: SandboxHandle; variant: DomVariant }> {
  const base = loadConfig(env);
  const variant = demoVariant(env);
  const sandbox = await startSandbox({
    port: base.sandboxPort,
    ...DEMO_SANDBOX,
    faults: { dom_variant: variant },
  });
  const config = loadConfig({
    ...env,
    DATA_DIR: env.DATA_DIR || './data-demo',
    ADMIN_PASSWORD: env.ADMIN_PASSWORD || DEMO_ADMIN_PASSWORD,
    LINKEDIN_BASE_URL: sandbox.url,
  });
  return { config, sandbox, variant };
}

/** Stores the sandbox's session as the account's LinkedIn session, and demo-friendly settings. */
export async function seedDemo(ctx: AppContext, sandbox: SandboxHandle): Promise<void> {
  const now = ctx.clock.now();
  const cookies: SessionCookie[] = [
    { name: 'li_at', value: sandbox.state.sessionToken, httpOnly: true },
    { name: 'JSESSIONID', value: sandbox.state.jsessionId, httpOnly: false },
  ].map((c) => ({
    ...c,
    domain: LINKEDIN_COOKIE_DOMAIN,
    path: '/',
    expires: -1,
    secure: false,
    sameSite: 'Lax',
  }));
  await ctx.store.linkedinSessions.put({
    account_id: DEFAULT_ACCOUNT_ID,
    encrypted: encryptSessionCookies(cookies, ctx.secretKey),
    status: 'valid',
    checked_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  const current = await loadSettings(ctx.store, DEFAULT_ACCOUNT_ID);
  // Short delays so a run is watchable; a window covering the day so "start" works any time.
  const settings = {
    ...current,
    delays: { min_seconds: 1, max_seconds: 3 },
    schedule: { ...current.schedule, window_start: '00:00', window_end: '23:59' },
  };
  await saveSettings(ctx.store, DEFAULT_ACCOUNT_ID, settings, now.toISOString());
  await ctx.scheduler.replan(DEFAULT_ACCOUNT_ID);
}
