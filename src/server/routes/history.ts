import { z } from 'zod';
import { loadSettings } from '../../config/settingsStore.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import {
  buildHistory,
  daysSince,
  HISTORY_MAX_DAYS,
  type History,
  type HistoryRow,
  planHistory,
} from '../../stats/history.ts';
import type { App, AppContext } from '../context.ts';
import { historySchema } from '../dto.ts';

const historyQuery = z.object({
  days: z
    .union([z.literal('all'), z.coerce.number().int().min(1).max(HISTORY_MAX_DAYS)])
    .default(7)
    .describe(
      `Local days ending with today (1–${HISTORY_MAX_DAYS}), or "all": from the first run's day (7 days at least). ` +
        'Up to 92 days one entry a day, up to 731 one a week (from Monday), beyond one a month.',
    ),
});

/** Since the epoch: "all" reads every run up to today, then starts at the first one's day. */
const ALL_TIME_FROM = new Date(0).toISOString();
/** "all" is never shorter than the default week: a chart of one or two days says little. */
const ALL_TIME_MIN_DAYS = 7;

/**
 * History changes only when a run changes: answers are cached per (account, days, range)
 * and dropped on every run event. The range is in the key, so a new local day is a new key.
 */
class HistoryCache {
  private readonly entries = new Map<string, Promise<History>>();

  constructor(ctx: AppContext) {
    ctx.bus.on('run', () => this.entries.clear());
  }

  get(key: string, compute: () => Promise<History>): Promise<History> {
    let hit = this.entries.get(key);
    if (!hit) {
      hit = compute();
      this.entries.set(key, hit);
      hit.catch(() => this.entries.delete(key));
    }
    return hit;
  }
}

export async function historyRoutes(app: App, ctx: AppContext): Promise<void> {
  const cache = new HistoryCache(ctx);
  // The range only moves at local midnight: reuse it while "now" is still inside today.
  const ranges = new Map<string, { from: string; to: string; todayFrom: string }>();
  const rangeFor = (days: number, now: Date, timezone: string) => {
    const key = `${days}|${timezone}`;
    const iso = now.toISOString();
    let range = ranges.get(key);
    if (!range || iso < range.todayFrom || iso >= range.to) {
      const { from, to } = planHistory(days, now, timezone);
      range = { from, to, todayFrom: planHistory(1, now, timezone).from };
      ranges.set(key, range);
    }
    return range;
  };

  app.get(
    '/api/history',
    {
      schema: {
        tags: ['runs'],
        summary: 'Activity per local day, week or month (settings timezone), zero-filled, oldest first',
        querystring: historyQuery,
        response: { 200: historySchema },
      },
    },
    async (request) => {
      const { days } = request.query;
      const accountId = DEFAULT_ACCOUNT_ID;
      const { timezone } = (await loadSettings(ctx.store, accountId)).schedule;
      const now = ctx.clock.now();
      if (days === 'all') {
        const { to } = rangeFor(1, now, timezone);
        return cache.get(`${accountId}|all|${timezone}|${to}`, async () => {
          const rows = await ctx.store.runs.activity(accountId, ALL_TIME_FROM, to);
          return buildHistory({ days: daysSinceFirst(rows, now, timezone), now, timezone, rows });
        });
      }
      const { from, to } = rangeFor(days, now, timezone);
      return cache.get(`${accountId}|${days}|${timezone}|${from}|${to}`, async () => {
        const rows = await ctx.store.runs.activity(accountId, from, to);
        return buildHistory({ days, now, timezone, rows });
      });
    },
  );
}

/** Local days from the first row's day through today, at least ALL_TIME_MIN_DAYS. */
function daysSinceFirst(rows: readonly HistoryRow[], now: Date, timezone: string): number {
  let first: string | null = null;
  for (const row of rows) {
    const at = new Date(row.at).toISOString();
    if (first === null || at < first) first = at;
  }
  return Math.max(ALL_TIME_MIN_DAYS, first === null ? 1 : daysSince(first, now, timezone));
}
