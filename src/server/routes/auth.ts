import { z } from 'zod';
import { SESSION_COOKIE } from '../../auth/authService.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, DeviceCookies } from '../../auth/deviceCookie.ts';
import { type LockoutScope, LoginLimiter } from '../../auth/loginLimiter.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { tooManyRequests, unauthorized } from '../../errors.ts';
import type { User } from '../../store/interfaces.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import { loginAnswerSchema, meSchema } from '../dto.ts';

const loginBody = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) })
  .strict();

/** Who writes the login limiter's audit entries: nobody is logged in yet. */
const LOGIN_GUARD = { type: 'system', id: 'login' } as const;

export async function authRoutes(app: App, ctx: AppContext): Promise<void> {
  const now = () => ctx.clock.now().getTime();
  const limiter = new LoginLimiter(now);
  const devices = new DeviceCookies(ctx.secretKey, now);

  /** Failures and lockouts go to the audit log and the server log: username and address, never the password. */
  const reportFailure = async (username: string, address: string, lockouts: LockoutScope[]) => {
    ctx.logger.warn({ username, ip: address }, 'failed login');
    await ctx.audit.record(DEFAULT_ACCOUNT_ID, LOGIN_GUARD, 'auth.login_failed', username, { ip: address });
    for (const scope of lockouts) {
      ctx.logger.warn({ username, ip: address, scope }, 'login attempts limited');
      await ctx.audit.record(DEFAULT_ACCOUNT_ID, LOGIN_GUARD, 'auth.login_limited', username, {
        ip: address,
        scope,
      });
    }
  };

  app.post(
    '/api/auth/login',
    { config: { auth: 'open' }, schema: { body: loginBody, response: { 200: loginAnswerSchema } } },
    async (request, reply) => {
      const { username, password } = request.body;
      const address = request.ip;
      const device = devices.deviceFor(request.cookies[DEVICE_COOKIE], username);
      const admission = limiter.admit({ username, address, device });
      if (!admission.admitted) {
        const wait = admission.retryAfterSeconds;
        request.log.debug({ username, ip: address, scope: admission.scope }, 'login refused by the limiter');
        throw tooManyRequests(`Too many failed logins: try again in ${wait} s`, wait);
      }
      const { attempt } = admission;
      let user: User | null;
      try {
        user = await attempt.check(() => ctx.auth.verifyCredentials(username, password));
      } catch (err) {
        attempt.abandoned();
        throw err;
      }
      if (!user) {
        await reportFailure(username, address, attempt.failed());
        throw unauthorized('Wrong username or password');
      }
      attempt.succeeded();
      // The session and its audit entry are saved together.
      const session = await ctx.audit.change(
        (tx) => ctx.auth.openSession(user, tx),
        () => ({
          accountId: user.account_id,
          actor: { type: 'user', id: user.username },
          action: 'auth.login',
          target: user.username,
          details: { ip: address, known_device: attempt.knownDevice },
        }),
      );
      // X-Forwarded-Proto counts only from a trusted proxy (request.protocol follows TRUST_PROXY).
      const secure = request.protocol === 'https' || ctx.config.publicUrl?.startsWith('https:') === true;
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure,
        path: '/',
        expires: session.expiresAt,
      });
      // This browser is now a known device for this user: a stranger's burst never slows it.
      reply.setCookie(DEVICE_COOKIE, devices.issue(user.username), {
        httpOnly: true,
        sameSite: 'strict',
        secure,
        path: '/api/auth',
        maxAge: DEVICE_COOKIE_MAX_AGE_S,
      });
      return { user: { username: user.username, account_id: user.account_id } };
    },
  );

  app.post('/api/auth/logout', async (request, reply) => {
    const actor = actorOf(request);
    const ended = await ctx.audit.change(
      (tx) => ctx.auth.closeSession(request.cookies[SESSION_COOKIE], tx),
      () => ({ accountId: DEFAULT_ACCOUNT_ID, actor, action: 'auth.logout', target: actor.id }),
    );
    // Committed: the session's event streams end now.
    if (ended) ctx.auth.announceEnded(ended);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/auth/me', { schema: { response: { 200: meSchema } } }, async (request) => {
    const actor = actorOf(request);
    return { actor: { type: actor.type, id: actor.id }, account_id: DEFAULT_ACCOUNT_ID };
  });
}
