import { z } from 'zod';
import { DEFAULT_ACCOUNT_ID, LOG_LEVELS } from '../../domain.ts';
import type { App, AppContext } from '../context.ts';
import { logsPageSchema } from '../dto.ts';
import { beforeRowId, pageLimit } from '../querySchemas.ts';

const logsQuery = z.object({
  limit: pageLimit(500, 20),
  before: beforeRowId('A log id: older lines only'),
  level: z.enum(LOG_LEVELS).optional(),
  run_id: z.string().trim().min(1).max(100).optional(),
});

export async function logsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/logs',
    {
      schema: {
        tags: ['runs'],
        summary: 'Log lines, newest first',
        querystring: logsQuery,
        response: { 200: logsPageSchema },
      },
    },
    async (request) => {
      const { limit, before, level, run_id } = request.query;
      const lines = await ctx.store.logs.list({
        account_id: DEFAULT_ACCOUNT_ID,
        limit,
        before,
        level,
        run_id,
      });
      return {
        logs: lines.map(({ id, ts, level, run_id, message }) => ({ id, ts, level, run_id, message })),
      };
    },
  );
}
