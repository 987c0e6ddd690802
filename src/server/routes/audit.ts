import { z } from 'zod';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import type { App, AppContext } from '../context.ts';
import { auditPageSchema } from '../dto.ts';
import { beforeRowId, pageLimit } from '../querySchemas.ts';

const auditQuery = z.object({
  limit: pageLimit(200, 50),
  before: beforeRowId('An audit entry id: older entries only'),
  action: z.string().trim().min(1).max(100).optional().describe('e.g. settings.update, bot.stop'),
});

export async function auditRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Who did what, newest first',
        querystring: auditQuery,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      const { limit, before, action } = request.query;
      const entries = await ctx.store.audit.list({ account_id: DEFAULT_ACCOUNT_ID, limit, before, action });
      return { entries: entries.map(({ account_id: _account, ...entry }) => entry) };
    },
  );
}
