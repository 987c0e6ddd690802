import { z } from 'zod';
import { loadSettings } from '../../config/settingsStore.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { badRequest } from '../../errors.ts';
import { resumeBots } from '../../jobs/resumeBots.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import { assertInDailyWindow } from '../dailyWindow.ts';
import {
  botActionAnswerSchema,
  botStatusSchema,
  resumeAnswerSchema,
  resumeBodySchema,
  runDto,
} from '../dto.ts';
import { invalidInput } from '../errors.ts';
import { buildStatus } from '../status.ts';

/** `visit` is the seed backend's name for the visitor bot. */
export const jobTypeName = z
  .string()
  .min(1)
  .max(64)
  .transform((t) => (t === 'visit' ? 'visitor' : t));

const actionBody = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('start'),
      job_type: jobTypeName.default('birthday'),
      dry_run: z.boolean().optional(),
      options: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal('stop'),
      run_id: z.string().min(1).max(64).optional(),
      /** The seed dashboard's name for run_id. */
      job_id: z.string().min(1).max(64).optional(),
      job_type: jobTypeName.optional(),
    })
    .strict(),
]);

/** Validates options against the job type's own schema; errors name `options.<field>`. */
export function parseRunOptions(ctx: AppContext, type: string, options: unknown): Record<string, unknown> {
  if (!ctx.registry.has(type)) {
    throw badRequest('Unknown job type', {
      fields: { job_type: `must be one of ${ctx.registry.types().join(', ')}` },
    });
  }
  try {
    return ctx.registry.parseOptions(type, options);
  } catch (err) {
    if (err instanceof z.ZodError) throw invalidInput(err, 'options');
    throw err;
  }
}

export async function botRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/bot/status',
    {
      schema: {
        description: 'Live status: active and queued runs, the last finished run, worker, auto-run, session',
        response: { 200: botStatusSchema },
      },
    },
    async () => buildStatus(ctx, DEFAULT_ACCOUNT_ID),
  );

  app.post(
    '/api/bot/action',
    { schema: { body: actionBody, response: { 202: botActionAnswerSchema } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      if (body.action === 'start') {
        const options = parseRunOptions(ctx, body.job_type, body.options);
        // A pause outranks the window: no confirmation would make a start possible.
        await ctx.runService.assertNotPaused(DEFAULT_ACCOUNT_ID);
        const settings = await loadSettings(ctx.store, DEFAULT_ACCOUNT_ID);
        const dryRun = body.dry_run ?? settings.dry_run;
        // Wishes outside the daily window need an explicit confirmation (`options.force`).
        if (body.job_type === 'birthday' && !dryRun && options.force !== true) {
          assertInDailyWindow(ctx.clock.now(), settings.schedule, 'options.force');
        }
        const run = await ctx.runService.start({
          accountId: DEFAULT_ACCOUNT_ID,
          type: body.job_type,
          dryRun,
          options,
          trigger: actor.type === 'api_key' ? 'api' : 'manual',
          actor,
        });
        return reply.code(202).send({ run: runDto(run) });
      }
      const stopping = await ctx.runService.stop({
        accountId: DEFAULT_ACCOUNT_ID,
        runId: body.run_id ?? body.job_id,
        jobType: body.job_type,
        actor,
      });
      return reply.code(202).send({ stopping });
    },
  );

  app.post(
    '/api/bot/resume',
    {
      schema: {
        description:
          'Ends the safety pause (LinkedIn pushed back on a run): the bots may start again and auto-run plans again. ' +
          'A pause that began today (settings timezone) needs "confirm": true, else 409 confirmation_required; ' +
          'no pause: 409 not_paused. Audited as bot.resume',
        body: resumeBodySchema.nullish(),
        response: { 200: resumeAnswerSchema },
      },
    },
    async (request) => {
      const { account_id: _account, ...resumed } = await resumeBots(ctx, {
        accountId: DEFAULT_ACCOUNT_ID,
        actor: actorOf(request),
        confirm: request.body?.confirm === true,
      });
      return { resumed };
    },
  );
}
