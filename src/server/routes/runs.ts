import { z } from 'zod';
import { DEFAULT_ACCOUNT_ID, RUN_STATUSES } from '../../domain.ts';
import { notFound } from '../../errors.ts';
import type { App } from '../app.ts';
import type { AppContext } from '../context.ts';
import { runDto } from '../dto.ts';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.string().min(1).max(64).optional(),
  type: z.string().min(1).max(64).optional(),
  status: z.enum(RUN_STATUSES).optional(),
});

export async function runsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/runs', { schema: { querystring: listQuery } }, async (request) => {
    const runs = await ctx.store.runs.list({ account_id: DEFAULT_ACCOUNT_ID, ...request.query });
    const now = ctx.clock.now();
    return { runs: runs.map((r) => runDto(r, now)) };
  });

  app.get('/api/runs/latest', async () => {
    const run = await ctx.store.runs.latest(DEFAULT_ACCOUNT_ID);
    if (!run) throw notFound('No run yet', 'no_runs');
    return runDto(run, ctx.clock.now());
  });

  app.get(
    '/api/runs/:id',
    { schema: { params: z.object({ id: z.string().min(1).max(64) }) } },
    async (request) => {
      const run = await ctx.store.runs.get(request.params.id);
      if (!run || run.account_id !== DEFAULT_ACCOUNT_ID) throw notFound('No such run', 'run_not_found');
      const outcomes = await ctx.store.outcomes.listForRun(run.id);
      return { ...runDto(run, ctx.clock.now()), outcomes };
    },
  );
}
