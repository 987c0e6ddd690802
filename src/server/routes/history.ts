import { z } from 'zod';
import { loadSettings } from '../../config/settingsStore.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { buildHistory, type History, historyRangeUtc } from '../../stats/history.ts';
import type { App, AppContext } from '../context.ts';
import { historySchema } from '../dto.ts';

const historyQuery = z.object({
  days: z.coerce.number().int().min(1).max(90).default(7).describe('Local days ending with today'),
});

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
      range = { ...historyRangeUtc(days, now, timezone), todayFrom: historyRangeUtc(1, now, timezone).from };
      ranges.set(key, range);
    }
    return range;
  };

  app.get(
    '/api/history',
    {
      schema: {
        tags: ['runs'],
        summary: 'Activity per local day (settings timezone), zero-filled, oldest first',
        querystring: historyQuery,
        response: { 200: historySchema },
      },
    },
    async (request) => {
      const { days } = request.query;
      const accountId = DEFAULT_ACCOUNT_ID;
      const { timezone } = (await loadSettings(ctx.store, accountId)).schedule;
      const now = ctx.clock.now();
      const { from, to } = rangeFor(days, now, timezone);
      return cache.get(`${accountId}|${days}|${timezone}|${from}|${to}`, async () => {
        const rows = await ctx.store.runs.activity(accountId, from, to);
        return buildHistory({ days, now, timezone, rows });
      });
    },
  );
}
