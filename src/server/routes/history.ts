import { z } from 'zod';
import { loadSettings } from '../../config/settingsStore.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { buildHistory, historyRangeUtc } from '../../stats/history.ts';
import type { App } from '../app.ts';
import type { AppContext } from '../context.ts';

const historyQuery = z.object({
  days: z.coerce.number().int().min(1).max(90).default(7).describe('Local days ending with today'),
});

export async function historyRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/history',
    {
      schema: {
        tags: ['runs'],
        summary: 'Activity per local day (settings timezone), zero-filled, oldest first',
        querystring: historyQuery,
      },
    },
    async (request) => {
      const { days } = request.query;
      const accountId = DEFAULT_ACCOUNT_ID;
      const { timezone } = (await loadSettings(ctx.store, accountId)).schedule;
      const now = ctx.clock.now();
      const { from, to } = historyRangeUtc(days, now, timezone);
      const rows = await ctx.store.runs.activity(accountId, from, to);
      return buildHistory({ days, now, timezone, rows });
    },
  );
}
