import { z } from 'zod';
import { DEFAULT_ACCOUNT_ID, type Run } from '../../domain.ts';
import { AppError, badRequest, notFound } from '../../errors.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import { jobTypeName, parseRunOptions } from './bot.ts';

/**
 * `/bot/*`: wire-compatible with the seed's Python backend, so its scripts and dashboard
 * keep working. API key only. A start without `dry_run` is a dry run: real sends must be
 * asked for explicitly.
 */

const job = (run: Run) => ({
  id: run.id,
  status: run.status,
  type: run.type,
  enqueued_at: run.queued_at,
  started_at: run.started_at,
});

const startConfig = z
  .object({
    dry_run: z.boolean().optional(),
    process_late: z.boolean().optional(),
    max_days_late: z.number().int().min(0).max(31).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

const actionBody = z
  .object({
    action: z.enum(['start', 'stop']),
    job_type: z.union([jobTypeName, z.literal('all')]).optional(),
    job_id: z.string().min(1).max(64).optional(),
    config: startConfig.optional(),
  })
  .strict();

const stopBody = z
  .object({ job_id: z.string().min(1).max(64).optional(), job_type: jobTypeName.optional() })
  .strict()
  .nullish();

const keyOnly = { auth: 'key' as const };

export async function legacyBotRoutes(app: App, ctx: AppContext): Promise<void> {
  async function start(actor: ReturnType<typeof actorOf>, type: string, config: z.infer<typeof startConfig>) {
    const { dry_run, ...rest } = config;
    const options = parseRunOptions(ctx, type, rest);
    const run = await ctx.runService.start({
      accountId: DEFAULT_ACCOUNT_ID,
      type,
      dryRun: dry_run ?? true,
      options,
      trigger: 'api',
      actor,
    });
    return { job_id: run.id, status: 'queued' as const };
  }

  async function stop(actor: ReturnType<typeof actorOf>, jobId?: string, jobType?: string) {
    try {
      const stopped = await ctx.runService.stop({
        accountId: DEFAULT_ACCOUNT_ID,
        runId: jobId,
        jobType: jobType === 'all' ? undefined : jobType,
        actor,
      });
      return { stopped };
    } catch (err) {
      // The seed answered a stop with nothing to stop as a success with nothing stopped.
      if (err instanceof AppError && err.code === 'no_active_run') return { stopped: [] as string[] };
      throw err;
    }
  }

  app.get('/bot/status', { config: keyOnly }, async () => {
    const [active, workers] = await Promise.all([
      ctx.store.runs.listActive(DEFAULT_ACCOUNT_ID),
      ctx.queue.workers(),
    ]);
    const running = active.filter((r) => r.status !== 'queued');
    return {
      active_jobs: running.map(job),
      queued_jobs: active.filter((r) => r.status === 'queued').map(job),
      worker_status: workers.status === 'offline' ? 'offline' : running.length > 0 ? 'working' : 'idle',
    };
  });

  app.post('/bot/action', { config: keyOnly, schema: { body: actionBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const { action, job_type, job_id, config } = request.body;
    if (action === 'stop') return reply.code(200).send(await stop(actor, job_id, job_type));
    if (!job_type || job_type === 'all') {
      throw badRequest('job_type is required to start', {
        fields: { job_type: 'birthday, visitor or invitations' },
      });
    }
    return reply.code(202).send(await start(actor, job_type, config ?? {}));
  });

  app.post(
    '/bot/start/birthday',
    { config: keyOnly, schema: { body: startConfig.omit({ limit: true }).nullish() } },
    async (request, reply) =>
      reply.code(202).send(await start(actorOf(request), 'birthday', request.body ?? {})),
  );

  app.post(
    '/bot/start/visitor',
    {
      config: keyOnly,
      schema: { body: startConfig.omit({ process_late: true, max_days_late: true }).nullish() },
    },
    async (request, reply) =>
      reply.code(202).send(await start(actorOf(request), 'visitor', request.body ?? {})),
  );

  app.post('/bot/stop', { config: keyOnly, schema: { body: stopBody } }, async (request) => {
    return stop(actorOf(request), request.body?.job_id, request.body?.job_type);
  });

  app.get(
    '/bot/jobs/:id',
    { config: keyOnly, schema: { params: z.object({ id: z.string().min(1).max(64) }) } },
    async (request) => {
      const run = await ctx.store.runs.get(request.params.id);
      if (!run || run.account_id !== DEFAULT_ACCOUNT_ID) throw notFound('No such job', 'job_not_found');
      return job(run);
    },
  );
}
