import { loadSettings } from '../../config/settingsStore.ts';
import { DEFAULT_ACCOUNT_ID, type RunCounters } from '../../domain.ts';
import { dayBoundsUtc, localDateOf } from '../../planner.ts';
import { historyRangeUtc } from '../../stats/history.ts';
import type { App, AppContext } from '../context.ts';
import { statsSchema } from '../dto.ts';

export interface StatsWindow {
  messages_sent: number;
  profiles_visited: number;
  invitations_withdrawn: number;
  errors: number;
  runs: number;
}

function windowOf(totals: RunCounters & { runs: number }): StatsWindow {
  return {
    messages_sent: totals.messages_sent,
    profiles_visited: totals.profiles_visited,
    invitations_withdrawn: totals.invitations_withdrawn,
    errors: totals.errors,
    runs: totals.runs,
  };
}

export async function statsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/stats',
    {
      schema: {
        tags: ['runs'],
        summary: 'Counts today / last 7 and 30 local days / all time, and message quota use',
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
      const monthFrom = historyRangeUtc(30, now, timezone).from;
      const { runs, birthdayMessages } = ctx.store;
      const [today, week, month, all, sentToday, sentWeek] = await Promise.all([
        runs.totals(accountId, todayFrom),
        runs.totals(accountId, weekFrom),
        runs.totals(accountId, monthFrom),
        runs.totals(accountId),
        // Quota use counts what the limits count: confirmed wishes, dry runs excluded.
        birthdayMessages.countSent(accountId, todayFrom),
        birthdayMessages.countSent(accountId, weekFrom),
      ]);
      return {
        today: windowOf(today),
        last_7_days: windowOf(week),
        last_30_days: windowOf(month),
        all_time: windowOf(all),
        quota: {
          daily: { used: sentToday, limit: settings.limits.daily },
          weekly: { used: sentWeek, limit: settings.limits.weekly },
        },
      };
    },
  );
}
