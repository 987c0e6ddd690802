import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import type { App, AppContext } from '../context.ts';
import { runDto } from '../dto.ts';
import { buildStatus } from '../status.ts';
import { StatusFeed } from '../statusFeed.ts';

const KEEP_ALIVE_MS = Number(process.env.LBB_SSE_KEEPALIVE_MS ?? 15_000);

/**
 * Server-Sent Events: `status` (the whole status object, on connect and on every change),
 * `run` (a run changed) and `log` (a new log line), pushed from the event bus.
 */
export async function eventsRoutes(app: App, ctx: AppContext): Promise<void> {
  const feed = new StatusFeed(ctx);
  app.addHook('onClose', async () => feed.close());

  app.get(
    '/api/events',
    { schema: { hide: false, description: 'Server-Sent Events stream' } },
    async (request, reply) => {
      const accountId = DEFAULT_ACCOUNT_ID;
      const initial = await buildStatus(ctx, accountId);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // Reverse proxies (nginx) must not buffer the stream.
        'x-accel-buffering': 'no',
      });
      const send = (event: string, data: unknown) => {
        if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      res.write('retry: 3000\n\n');
      send('status', initial);

      const offs = [
        feed.subscribe(accountId, (status) => send('status', status)),
        ctx.bus.on('run', (run) => {
          if (run.account_id === accountId) send('run', runDto(run));
        }),
        ctx.bus.on('log', (line) => {
          if (line.account_id !== accountId) return;
          const { account_id: _a, ...rest } = line;
          send('log', rest);
        }),
      ];
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      const release = () => {
        clearInterval(keepAlive);
        for (const off of offs) off();
      };
      request.raw.once('close', release);
      res.once('close', release);
    },
  );
}
