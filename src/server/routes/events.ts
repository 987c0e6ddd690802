import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import type { App, AppContext } from '../context.ts';
import { runDto } from '../dto.ts';
import { buildStatus } from '../status.ts';
import { StatusFeed } from '../statusFeed.ts';

const KEEP_ALIVE_MS = Number(process.env.LBB_SSE_KEEPALIVE_MS ?? 15_000);

/**
 * Server-Sent Events: `status` (the whole status object, on connect and on every change),
 * `run` (a run changed) and `log` (a new log line), pushed from the event bus. Each event
 * has an `id:` counting from 1 per stream, so a client can tell a new stream or a gap. When
 * events may have been missed (`resync`: the Redis bridge reconnected), every stream gets
 * a fresh status and its active runs from the store.
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
      let id = 0;
      const send = (event: string, data: unknown) => {
        if (res.writableEnded) return;
        id += 1;
        res.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const resync = async () => {
        const [status, active] = await Promise.all([
          buildStatus(ctx, accountId),
          ctx.store.runs.listActive(accountId),
        ]);
        send('status', status);
        // The last finished run too: one that ended meanwhile refreshes the lists that show it.
        if (status.last_run) send('run', status.last_run);
        for (const run of active) send('run', runDto(run));
      };
      res.write('retry: 3000\n\n');
      send('status', initial);

      const offs = [
        feed.subscribe(accountId, (status) => send('status', status)),
        ctx.bus.on('run', (run) => {
          if (run.account_id === accountId) send('run', runDto(run));
        }),
        ctx.bus.on('resync', () => {
          resync().catch((err) => ctx.logger.error({ err }, 'event stream resync failed'));
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
