import { VERSION } from '../../version.ts';
import type { App, AppContext } from '../context.ts';

export async function healthRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/health', { config: { auth: 'open' }, schema: { hide: true } }, async (_request, reply) => {
    const [db, queue] = await Promise.all([
      ctx.store.ping().then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
      ctx.queue.workers().then(
        (w) => (w.status === 'online' ? ('ok' as const) : ('down' as const)),
        () => 'down' as const,
      ),
    ]);
    const ok = db === 'ok' && queue === 'ok';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', db, queue, version: VERSION });
  });
}
