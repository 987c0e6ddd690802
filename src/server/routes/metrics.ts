import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { FINAL_RUN_STATUSES } from '../../domain.ts';
import type { App, AppContext } from '../context.ts';

/** Prometheus metrics (API key only): process defaults plus what the bot is doing. */
export async function metricsRoutes(app: App, ctx: AppContext): Promise<void> {
  const register = new Registry();
  collectDefaultMetrics({ register, prefix: 'lbb_' });

  new Gauge({
    name: 'lbb_runs_active',
    help: 'Runs queued, running or stopping',
    labelNames: ['status'],
    registers: [register],
    async collect() {
      this.reset();
      for (const run of await ctx.store.runs.listActive()) this.inc({ status: run.status });
    },
  });
  const finished = new Counter({
    name: 'lbb_runs_finished_total',
    help: 'Runs that reached a final status since the server started',
    labelNames: ['type', 'status'],
    registers: [register],
  });
  const counted = new Counter({
    name: 'lbb_run_actions_total',
    help: 'Messages sent, profiles visited, invitations withdrawn and errors of finished runs',
    labelNames: ['type', 'counter'],
    registers: [register],
  });
  const off = ctx.bus.on('run', (run) => {
    if (!(FINAL_RUN_STATUSES as readonly string[]).includes(run.status)) return;
    finished.inc({ type: run.type, status: run.status });
    for (const key of ['messages_sent', 'profiles_visited', 'invitations_withdrawn', 'errors'] as const) {
      if (run[key]) counted.inc({ type: run.type, counter: key }, run[key]);
    }
  });
  app.addHook('onClose', async () => off());

  app.get('/metrics', { config: { auth: 'key' }, schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', register.contentType);
    return register.metrics();
  });
}
