import { SESSION_COOKIE, type SessionRef } from '../../auth/authService.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { tooManyRequests, unauthorized } from '../../errors.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import { runDto } from '../dto.ts';
import { LiveStreams } from '../liveStreams.ts';
import { buildStatus } from '../status.ts';
import { StatusFeed } from '../statusFeed.ts';

/** setTimeout's longest delay (about 24.8 days); a later expiry is caught by the re-check. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Server-Sent Events: `status` (the whole status object, on connect and on every change),
 * `run` (a run changed) and `log` (a new log line), pushed from the event bus. Each event
 * has an `id:` counting from 1 per stream, so a client can tell a new stream or a gap. When
 * events may have been missed (`resync`: the Redis bridge reconnected), every stream gets
 * a fresh status and its active runs from the store.
 * A stream ends with its session (logout, password change, expiry) and each session or
 * address holds at most a few (LiveStreams).
 */
export async function eventsRoutes(app: App, ctx: AppContext): Promise<void> {
  // Read here rather than at import, so that a test can shorten it for one app.
  const keepAliveMs = Number(process.env.LBB_SSE_KEEPALIVE_MS ?? 15_000);
  const feed = new StatusFeed(ctx);
  const streams = new LiveStreams();
  const offEnded = ctx.auth.onSessionsEnded((ended) => streams.sessionsEnded(ended));
  app.addHook('onClose', async () => {
    offEnded();
    feed.close();
  });

  app.get(
    '/api/events',
    { schema: { hide: false, description: 'Server-Sent Events stream' } },
    async (request, reply) => {
      const accountId = DEFAULT_ACCOUNT_ID;
      let session: SessionRef | null = null;
      if (actorOf(request).type === 'user') {
        session = await ctx.auth.sessionForToken(request.cookies[SESSION_COOKIE]);
        if (!session) throw unauthorized();
      }
      const slot = streams.open({
        tokenHash: session?.tokenHash ?? null,
        userId: session?.userId ?? null,
        address: request.ip,
      });
      if (!slot) throw tooManyRequests('Too many open event streams: close a dashboard tab', 30);
      const res = reply.raw;
      // Whatever the stream took is given back once, whenever its connection closes.
      const cleanups: (() => void)[] = [slot.release];
      let closed = false;
      const release = () => {
        if (closed) return;
        closed = true;
        for (const cleanup of cleanups) cleanup();
      };
      request.raw.once('close', release);
      res.once('close', release);
      let initial: Awaited<ReturnType<typeof buildStatus>>;
      try {
        initial = await buildStatus(ctx, accountId);
      } catch (err) {
        release();
        throw err;
      }
      reply.hijack();
      if (closed) return;
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

      cleanups.push(
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
      );
      // The end of its session ends the stream: the client sees it end, its reconnection gets 401.
      const end = () => res.end();
      slot.signal.addEventListener('abort', end, { once: true });
      cleanups.push(() => slot.signal.removeEventListener('abort', end));
      // Ended while its first status was being built: no abort is coming any more.
      if (slot.signal.aborted) end();
      if (session) {
        const expiry = setTimeout(
          end,
          Math.min(session.expiresAt.getTime() - ctx.clock.now().getTime(), MAX_TIMER_MS),
        );
        cleanups.push(() => clearTimeout(expiry));
      }
      // Sessions ended by another process (`user set-password`) are seen at the next beat.
      const tokenHash = session?.tokenHash;
      const keepAlive = setInterval(() => {
        if (res.writableEnded) return;
        res.write(': keep-alive\n\n');
        if (!tokenHash) return;
        ctx.auth
          .sessionByHash(tokenHash)
          .then((live) => live || end())
          .catch((err) => ctx.logger.warn({ err }, 'event stream: session re-check failed'));
      }, keepAliveMs);
      cleanups.push(() => clearInterval(keepAlive));
    },
  );
}
