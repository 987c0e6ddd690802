import fs from 'node:fs/promises';
import { z } from 'zod';
import { DEFAULT_ACCOUNT_ID, RUN_STATUSES, type Run, type RunOutcome } from '../../domain.ts';
import { notFound } from '../../errors.ts';
import { slugFromProfileUrl } from '../../linkedin/text.ts';
import type { App, AppContext } from '../context.ts';
import { runDto, runSchema, runWithOutcomesSchema } from '../dto.ts';
import { pageLimit } from '../querySchemas.ts';
import { findRunScreenshot, screenshotUrl } from '../runScreenshots.ts';

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
      const run = await accountRun(request.params.id);
      const outcomes = await ctx.store.outcomes.listForRun(run.id);
      return { ...runDto(run, ctx.clock.now()), outcomes: await withDetails(run, outcomes) };
    },
  );

  app.get(
    '/api/runs/:id/screenshots/:name',
    {
      schema: {
        description:
          "A failure screenshot of the run (an outcome's `screenshot_url`): only image files of that run's own folder; " +
          'any other name is 404. They show LinkedIn pages as they were, contacts included.',
        params: z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(255) }),
      },
    },
    async (request, reply) => {
      const run = await accountRun(request.params.id);
      const shot = await findRunScreenshot(ctx.config.dataDir, run.id, request.params.name);
      if (!shot) throw notFound('No such screenshot in this run', 'screenshot_not_found');
      let body: Buffer;
      try {
        body = await fs.readFile(shot.file);
      } catch {
        throw notFound('No such screenshot in this run', 'screenshot_not_found');
      }
      reply.header('x-content-type-options', 'nosniff');
      // Not kept by the browser: retention or forgetting must make a screenshot go for good.
      reply.header('cache-control', 'private, no-store');
      return reply.type(shot.contentType).send(body);
    },
  );

  async function accountRun(id: string): Promise<Run> {
    const run = await ctx.store.runs.get(id);
    if (!run || run.account_id !== DEFAULT_ACCOUNT_ID) throw notFound('No such run', 'run_not_found');
    return run;
  }

  /** Each outcome with the URL of its screenshot and, for a wish, the text this run recorded for it. */
  async function withDetails(run: Run, outcomes: RunOutcome[]) {
    const texts = new Map<string, string>();
    if (run.type === 'birthday') {
      // A day of margin: the run process's clock (another host, maybe) wrote created_at.
      const from = new Date(Date.parse(run.queued_at) - 86_400_000).toISOString();
      const messages = await ctx.store.birthdayMessages.listForRun(run.account_id, run.id, from);
      for (const m of messages) texts.set(m.contact_slug, m.text);
    }
    return outcomes.map((o) => {
      const slug = o.profile_url ? slugFromProfileUrl(o.profile_url) : null;
      return {
        ...o,
        screenshot_url: screenshotUrl(run.id, o.screenshot),
        message_text: (slug !== null && texts.get(slug)) || null,
      };
    });
  }
}
