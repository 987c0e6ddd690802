/** Fixtures of the component tests: API answers as the server gives them (types of src/contract/). */
import { DEFAULT_SETTINGS } from '../../../src/contract/settings.ts';
import { makeAutoRun, makeBotStatus } from '../../../test/support/botStatus.ts';
import type { BotStatus, History, LogLine, Run, Settings, Stats } from '../api/types.ts';
import { FakeApi } from './fakeApi.ts';

export { makeAutoRun };

export const NOW = '2025-06-10T12:00:00.000Z';

export function makeRun(over: Partial<Run> = {}): Run {
  return {
    // Derived by the server from `errors`, as it does.
    has_errors: (over.errors ?? 0) > 0,
    id: 'run-1',
    account_id: 'default',
    type: 'birthday',
    status: 'succeeded',
    trigger: 'manual',
    dry_run: false,
    queued_at: '2025-06-10T08:59:58.000Z',
    started_at: '2025-06-10T09:00:00.000Z',
    ended_at: '2025-06-10T09:02:05.000Z',
    messages_sent: 7,
    skipped: 2,
    errors: 0,
    profiles_visited: 0,
    invitations_withdrawn: 0,
    error: null,
    stopped_by: null,
    options: {},
    heartbeat_at: null,
    schedule_date: null,
    progress: {},
    ...over,
  };
}

/** A status after a first run ({@link makeRun}), with a valid LinkedIn session. */
export function makeStatus(over: Partial<BotStatus> = {}): BotStatus {
  return makeBotStatus({
    last_run: makeRun(),
    linkedin: { session: 'valid', checked_at: '2025-06-10T08:00:00.000Z' },
    ...over,
  });
}

/** A status with one active (running) run. */
export function runningStatus(run: Partial<Run> = {}, over: Partial<BotStatus> = {}): BotStatus {
  const active = makeRun({
    id: 'run-2',
    status: 'running',
    ended_at: null,
    messages_sent: 3,
    skipped: 1,
    errors: 1,
    progress: { found: 10, step: 'sending' },
    ...run,
  });
  return makeStatus({ running: true, state: 'running', active_jobs: [active], ...over });
}

/** The server's defaults. */
export const SETTINGS: Settings = DEFAULT_SETTINGS;

export const HISTORY: History = {
  granularity: 'day',
  days: ['04', '05', '06', '07', '08', '09', '10'].map((d, i) => ({
    date: `2025-06-${d}`,
    messages_sent: i,
    profiles_visited: i * 2,
    invitations_withdrawn: 0,
    errors: i === 3 ? 1 : 0,
  })),
  totals: { messages_sent: 21, profiles_visited: 42, invitations_withdrawn: 0, errors: 1 },
};

/** The same figures in every window of GET /api/stats. */
export function perWindow<T>(figures: T) {
  return {
    today: figures,
    last_7_days: figures,
    last_30_days: figures,
    last_90_days: figures,
    all_time: figures,
  };
}

const WINDOW = { messages_sent: 0, profiles_visited: 0, invitations_withdrawn: 0, errors: 0, runs: 0 };

export const STATS: Stats = {
  today: WINDOW,
  last_7_days: WINDOW,
  last_30_days: WINDOW,
  last_90_days: WINDOW,
  all_time: WINDOW,
  bots: {
    birthday: perWindow({ runs: 0, messages_sent: 0, skipped: 0, errors: 0 }),
    visitor: perWindow({ runs: 0, profiles_visited: 0, errors: 0 }),
    invitations: perWindow({ runs: 0, invitations_withdrawn: 0, errors: 0 }),
  },
  quota: { daily: { used: 6, limit: 15 }, weekly: { used: 21, limit: 100 } },
};

export function makeLogs(n: number, startId = 1): LogLine[] {
  // Newest first, as the API answers.
  return Array.from({ length: n }, (_, i) => {
    const id = startId + n - 1 - i;
    return {
      id,
      ts: new Date(Date.parse(NOW) - (n - i) * 1000).toISOString(),
      level: id % 7 === 0 ? 'error' : id % 5 === 0 ? 'warn' : 'info',
      run_id: null,
      message: `line ${id}`,
      code: null,
      params: null,
    } satisfies LogLine;
  });
}

/** A server answering every overview endpoint with the fixtures above. */
export function defaultServer(status: BotStatus = makeStatus()): FakeApi {
  return new FakeApi()
    .on('GET', '/api/bot/status', { body: status })
    .on('GET', '/api/settings', { body: SETTINGS })
    .on('GET', '/api/history?days=7', { body: HISTORY })
    .on('GET', '/api/stats', { body: STATS })
    .on('GET', '/api/logs?limit=20&min_level=info', { body: { logs: makeLogs(20) } });
}
