import { z } from 'zod';
import { SESSION_COOKIE } from '../../auth/authService.ts';
import { LoginLimiter } from '../../auth/loginLimiter.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { tooManyRequests, unauthorized } from '../../errors.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import { loginAnswerSchema, meSchema } from '../dto.ts';

const loginBody = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) })
  .strict();

export async function authRoutes(app: App, ctx: AppContext): Promise<void> {
  const limiter = new LoginLimiter(5, 60_000, () => ctx.clock.now().getTime());

  app.post(
    '/api/auth/login',
    { config: { auth: 'open' }, schema: { body: loginBody, response: { 200: loginAnswerSchema } } },
    async (request, reply) => {
      const ip = request.ip;
      const wait = limiter.retryAfter(ip);
      if (wait > 0) throw tooManyRequests('Too many failed logins: try again later', wait);
      const user = await ctx.auth.verifyCredentials(request.body.username, request.body.password);
      if (!user) {
        limiter.fail(ip);
        throw unauthorized('Wrong username or password');
      }
      limiter.succeed(ip);
      const session = await ctx.auth.openSession(user);
      const secure = request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure,
        path: '/',
        expires: session.expiresAt,
      });
      await ctx.audit.record(
        user.account_id,
        { type: 'user', id: user.username },
        'auth.login',
        user.username,
        { ip },
      );
      return { user: { username: user.username, account_id: user.account_id } };
    },
  );

  app.post('/api/auth/logout', async (request, reply) => {
    const actor = actorOf(request);
    await ctx.auth.closeSession(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    await ctx.audit.record(DEFAULT_ACCOUNT_ID, actor, 'auth.logout', actor.id);
    return reply.code(204).send();
  });

  app.get('/api/auth/me', { schema: { response: { 200: meSchema } } }, async (request) => {
    const actor = actorOf(request);
    return { actor: { type: actor.type, id: actor.id }, account_id: DEFAULT_ACCOUNT_ID };
  });
}
