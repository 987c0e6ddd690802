import { z } from 'zod';
import { DEFAULT_ACCOUNT_ID, RUN_STATUSES } from '../../domain.ts';
import { notFound } from '../../errors.ts';
import type { App, AppContext } from '../context.ts';
import { runDto, runSchema, runWithOutcomesSchema } from '../dto.ts';
import { pageLimit } from '../querySchemas.ts';

const listQuery = z.object({
  limit: pageLimit(100, 20),
  before: z.string().min(1).max(64).optional(),
  type: z.string().min(1).max(64).optional(),
  status: z.enum(RUN_STATUSES).optional(),
});

export async function runsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/runs',
    {
      schema: {
        description:
          'Runs, newest first. `has_errors` is true when a run had error outcomes, even if it succeeded; ' +
          'a real run that attempted actions and completed none is `failed` with error `nothing_delivered`.',
        querystring: listQuery,
        response: { 200: z.object({ runs: z.array(runSchema) }) },
      },
    },
    async (request) => {
      const runs = await ctx.store.runs.list({ account_id: DEFAULT_ACCOUNT_ID, ...request.query });
      const now = ctx.clock.now();
      return { runs: runs.map((r) => runDto(r, now)) };
    },
  );

  app.get(
    '/api/runs/latest',
    { schema: { description: 'The most recent run (any status)', response: { 200: runSchema } } },
    async () => {
      const run = await ctx.store.runs.latest(DEFAULT_ACCOUNT_ID);
      if (!run) throw notFound('No run yet', 'no_runs');
      return runDto(run, ctx.clock.now());
    },
  );

  app.get(
    '/api/runs/:id',
    {
      schema: {
        description: 'One run with its per-contact outcomes',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: runWithOutcomesSchema },
      },
    },
    async (request) => {
      const run = await ctx.store.runs.get(request.params.id);
      if (!run || run.account_id !== DEFAULT_ACCOUNT_ID) throw notFound('No such run', 'run_not_found');
      const outcomes = await ctx.store.outcomes.listForRun(run.id);
      return { ...runDto(run, ctx.clock.now()), outcomes };
    },
  );
}
