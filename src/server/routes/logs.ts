import { z } from 'zod';
import { DEFAULT_ACCOUNT_ID, LOG_LEVELS } from '../../domain.ts';
import type { App, AppContext } from '../context.ts';
import { logsPageSchema } from '../dto.ts';
import { beforeRowId, pageLimit } from '../querySchemas.ts';

/** The start of a run id (a UUID), as the dashboard shows it: 8 hex digits or more. */
const RUN_ID_PREFIX = /^[0-9a-f]{8}[0-9a-f-]{0,27}$/i;
const FULL_RUN_ID_LENGTH = 36;

const logsQuery = z.object({
  limit: pageLimit(500, 20),
  before: beforeRowId('A log id: older lines only'),
  level: z.enum(LOG_LEVELS).optional().describe('This level only'),
  min_level: z.enum(LOG_LEVELS).optional().describe('This level and above (debug < info < warn < error)'),
  run_id: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("A run's id, or its first 8 characters or more (the short id the dashboard shows)"),
});

export async function logsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/logs',
    {
      schema: {
        tags: ['runs'],
        summary: 'Log lines, newest first',
        description:
          'Each line has its English `message`, and the `code` and `params` the dashboard shows it from ' +
          "in the reader's language (both null on lines written before codes existed).",
        querystring: logsQuery,
        response: { 200: logsPageSchema },
      },
    },
    async (request) => {
      const { limit, before, level, min_level, run_id } = request.query;
      const prefix = run_id !== undefined && run_id.length < FULL_RUN_ID_LENGTH && RUN_ID_PREFIX.test(run_id);
      const lines = await ctx.store.logs.list({
        account_id: DEFAULT_ACCOUNT_ID,
        limit,
        before,
        level,
        min_level,
        ...(prefix ? { run_id_prefix: run_id.toLowerCase() } : { run_id }),
      });
      return {
        logs: lines.map(({ id, ts, level, run_id, message, code, params }) => ({
          id,
          ts,
          level,
          run_id,
          message,
          code,
          params,
        })),
      };
    },
  );
}
