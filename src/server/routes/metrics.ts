import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { App, AppContext } from '../context.ts';

const ACTIONS = ['messages_sent', 'profiles_visited', 'invitations_withdrawn', 'errors'] as const;

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
  // Counted in the store at each scrape, not from events: in distributed mode a run that
  // ends while the server is cut off from Redis (its event never relayed) still counts.
  new Counter({
    name: 'lbb_runs_finished_total',
    help: 'Runs that reached a final status',
    labelNames: ['type', 'status'],
    registers: [register],
    async collect() {
      this.reset();
      for (const row of await ctx.store.runs.finishedByTypeAndStatus()) {
        this.inc({ type: row.type, status: row.status }, row.runs);
      }
    },
  });
  new Counter({
    name: 'lbb_run_actions_total',
    help: 'Messages sent, profiles visited, invitations withdrawn and errors of finished runs',
    labelNames: ['type', 'counter'],
    registers: [register],
    async collect() {
      this.reset();
      const sums = new Map<string, Record<(typeof ACTIONS)[number], number>>();
      for (const row of await ctx.store.runs.finishedByTypeAndStatus()) {
        const sum = sums.get(row.type) ?? {
          messages_sent: 0,
          profiles_visited: 0,
          invitations_withdrawn: 0,
          errors: 0,
        };
        for (const key of ACTIONS) sum[key] += row[key];
        sums.set(row.type, sum);
      }
      for (const [type, sum] of sums) {
        for (const key of ACTIONS) if (sum[key]) this.inc({ type, counter: key }, sum[key]);
      }
    },
  });

  app.get('/metrics', { config: { auth: 'key' }, schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', register.contentType);
    return register.metrics();
  });
}
