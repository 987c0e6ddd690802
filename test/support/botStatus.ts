/**
 * `GET /api/bot/status` as a test expects or fakes it, typed by the contract the server and
 * the dashboard share: the server's route tests compare against it, the dashboard's component
 * tests answer with it (web/src/testing/fixtures.ts). Plain TypeScript, no React.
 */
import type { z } from 'zod';
import type { botStatusSchema } from '../../src/contract/api.ts';
import { DEFAULT_SETTINGS } from '../../src/contract/settings.ts';

export type BotStatusFixture = z.infer<typeof botStatusSchema>;

/** The auto-run part: the default schedule, no run planned. */
export function makeAutoRun(over: Partial<BotStatusFixture['auto_run']> = {}): BotStatusFixture['auto_run'] {
  const { auto_run, window_start, window_end, timezone } = DEFAULT_SETTINGS.schedule;
  return { enabled: auto_run, next_run_at: null, window_start, window_end, timezone, ...over };
}

/** A fresh server's status: idle, nothing run yet, no LinkedIn session, one embedded worker. */
export function makeBotStatus(over: Partial<BotStatusFixture> = {}): BotStatusFixture {
  return {
    running: false,
    state: 'idle',
    active_jobs: [],
    queued_jobs: [],
    worker: { mode: 'embedded', status: 'online', count: 1 },
    auto_run: makeAutoRun(),
    last_run: null,
    linkedin: { session: 'missing', checked_at: null },
    safety_pause: null,
    ...over,
  };
}
