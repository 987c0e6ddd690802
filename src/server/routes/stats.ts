import { loadSettings } from '../../config/settingsStore.ts';
import type { StatsWindowName } from '../../contract/api.ts';
import { DEFAULT_ACCOUNT_ID, type RunCounters } from '../../domain.ts';
import { dayBoundsUtc, localDateOf } from '../../planner.ts';
import { historyRangeUtc } from '../../stats/history.ts';
import type { RunTypeTotals } from '../../store/interfaces.ts';
import type { App, AppContext } from '../context.ts';
import { statsSchema } from '../dto.ts';

export interface StatsWindow {
  messages_sent: number;
  profiles_visited: number;
  invitations_withdrawn: number;
  errors: number;
  runs: number;
}

const WINDOW_DAYS = { last_7_days: 7, last_30_days: 30, last_90_days: 90 } as const;

function windowOf(totals: RunCounters & { runs: number }): StatsWindow {
  return {
    messages_sent: totals.messages_sent,
    profiles_visited: totals.profiles_visited,
    invitations_withdrawn: totals.invitations_withdrawn,
    errors: totals.errors,
    runs: totals.runs,
  };
}

function zeroTotals(type: string): RunTypeTotals {
  return {
    type,
    runs: 0,
    messages_sent: 0,
    skipped: 0,
    errors: 0,
    profiles_visited: 0,
    invitations_withdrawn: 0,
  };
}

/** Every type's rows summed: the window's figures over all bots (types tests register too). */
function sumOf(rows: RunTypeTotals[]): RunTypeTotals {
  const sum = zeroTotals('*');
  for (const row of rows) {
    for (const key of [
      'runs',
      'messages_sent',
      'skipped',
      'errors',
      'profiles_visited',
      'invitations_withdrawn',
    ] as const) {
      sum[key] += row[key];
    }
  }
  return sum;
}

/** Each bot's own figures for one window. */
function botsOf(rows: RunTypeTotals[]) {
  const of = (type: string) => rows.find((r) => r.type === type) ?? zeroTotals(type);
  const birthday = of('birthday');
  const visitor = of('visitor');
  const invitations = of('invitations');
  return {
    birthday: {
      runs: birthday.runs,
      messages_sent: birthday.messages_sent,
      skipped: birthday.skipped,
      errors: birthday.errors,
    },
    visitor: { runs: visitor.runs, profiles_visited: visitor.profiles_visited, errors: visitor.errors },
    invitations: {
      runs: invitations.runs,
      invitations_withdrawn: invitations.invitations_withdrawn,
      errors: invitations.errors,
    },
  };
}

type Bots = ReturnType<typeof botsOf>;
type PerWindow<T> = Record<StatsWindowName, T>;

export async function statsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/stats',
    {
      schema: {
        tags: ['runs'],
        summary:
          'Counts today / last 7, 30 and 90 local days / all time, all bots and per bot, and message quota use',
        response: { 200: statsSchema },
      },
    },
    async () => {
      const accountId = DEFAULT_ACCOUNT_ID;
      const settings = await loadSettings(ctx.store, accountId);
      const { timezone } = settings.schedule;
      const now = ctx.clock.now();
      // Same windows as GET /api/history?days=N: local days in the settings timezone, today included.
      const todayFrom = dayBoundsUtc(localDateOf(now, timezone), timezone).from;
      const weekFrom = historyRangeUtc(7, now, timezone).from;
      const froms: PerWindow<string | undefined> = {
        today: todayFrom,
        last_7_days: weekFrom,
        last_30_days: historyRangeUtc(WINDOW_DAYS.last_30_days, now, timezone).from,
        last_90_days: historyRangeUtc(WINDOW_DAYS.last_90_days, now, timezone).from,
        all_time: undefined,
      };
      const names = Object.keys(froms) as StatsWindowName[];
      const { runs, birthdayMessages } = ctx.store;
      const [perType, sentToday, sentWeek] = await Promise.all([
        Promise.all(names.map((name) => runs.totalsByType(accountId, froms[name]))),
        // Quota use counts what the limits count: confirmed wishes, dry runs excluded.
        birthdayMessages.countSent(accountId, todayFrom),
        birthdayMessages.countSent(accountId, weekFrom),
      ]);
      const windows = {} as PerWindow<StatsWindow>;
      const byWindow = {} as PerWindow<Bots>;
      names.forEach((name, i) => {
        windows[name] = windowOf(sumOf(perType[i]!));
        byWindow[name] = botsOf(perType[i]!);
      });
      const bot = <K extends keyof Bots>(key: K) =>
        Object.fromEntries(names.map((name) => [name, byWindow[name][key]])) as PerWindow<Bots[K]>;
      return {
        ...windows,
        bots: { birthday: bot('birthday'), visitor: bot('visitor'), invitations: bot('invitations') },
        quota: {
          daily: { used: sentToday, limit: settings.limits.daily },
          weekly: { used: sentWeek, limit: settings.limits.weekly },
        },
      };
    },
  );
}
