import fs from 'node:fs';
import path from 'node:path';
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
  opts: { reset?: boolean } = {},
): Promise<{ config: Config; sandbox: SandboxHandle; variant: DomVariant }> {
  const base = loadConfig(env);
  const variant = demoVariant(env);
  // Checked before anything starts: a refused reset leaves everything as it was.
  const resetDir = opts.reset ? demoResetDir(env) : null;
  const sandbox = await startSandbox({
    port: base.sandboxPort,
    ...DEMO_SANDBOX,
    faults: { dom_variant: variant },
  });
  // After the sandbox took its port: a demo still running holds it, so its data is not
  // deleted under it (this start fails first).
  if (resetDir) fs.rmSync(resetDir, { recursive: true, force: true });
  const config = loadConfig({
    ...env,
    DATA_DIR: env.DATA_DIR || DEMO_DATA_DIR,
    ADMIN_PASSWORD: env.ADMIN_PASSWORD || DEMO_ADMIN_PASSWORD,
    LINKEDIN_BASE_URL: sandbox.url,
  });
  return { config, sandbox, variant };
}

/** The demo's default data directory, relative to where it is started. */
export const DEMO_DATA_DIR = './data-demo';

/**
 * `demo --reset`: the folder to delete so the demo starts afresh (runs, contacts, "already
 * wished", settings, login). Only the demo's own `./data-demo`: with DATA_DIR pointing
 * elsewhere (maybe a real installation) it refuses rather than delete that folder.
 */
export function demoResetDir(env: NodeJS.ProcessEnv, cwd = process.cwd()): string {
  const own = path.resolve(cwd, DEMO_DATA_DIR);
  const dir = env.DATA_DIR ? path.resolve(cwd, env.DATA_DIR) : own;
  if (dir !== own) {
    throw new ConfigError([
      `demo --reset deletes only ${DEMO_DATA_DIR}; DATA_DIR is ${env.DATA_DIR}: delete that folder yourself if you mean it`,
    ]);
  }
  // With DATABASE_URL the runs and contacts live in that database, which a reset cannot empty.
  if (env.DATABASE_URL) {
    throw new ConfigError([
      'demo --reset empties only ./data-demo, not the database DATABASE_URL names: unset DATABASE_URL for the demo',
    ]);
  }
  return dir;
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
  // Short delays so a run is watchable, at the sandbox's fast rhythm and without the new
  // account's warm-up (the demo shows the bots at work); a window covering the day so
  // "start" works any time.
  const settings = {
    ...current,
    limits: { ...current.limits, warm_up: false },
    delays: { min_seconds: 1, max_seconds: 3, profile: 'fast' as const },
    schedule: { ...current.schedule, window_start: '00:00', window_end: '23:59' },
  };
  await saveSettings(ctx.store, DEFAULT_ACCOUNT_ID, settings, now.toISOString());
  await ctx.scheduler.replan(DEFAULT_ACCOUNT_ID);
}
