import { z } from 'zod';
import { removeAccountBrowserDir } from '../../bots/browserCache.ts';
import { sessionCookieOf } from '../../bots/storedCookies.ts';
import { DecryptionError } from '../../crypto.ts';
import { DEFAULT_ACCOUNT_ID, type LinkedInSessionStatus } from '../../domain.ts';
import { AppError, badRequest, notFound } from '../../errors.ts';
import {
  decryptSessionCookies,
  encryptSessionCookies,
  parseSessionInput,
  SESSION_COOKIE_NAME,
} from '../../linkedin/sessionCookies.ts';
import { type BrowserVersion, browserOf } from '../../linkedin/userAgent.ts';
import { SessionCheckError } from '../../runner/sessionCheck.ts';
import type { ExitIp, StoredLinkedInSession } from '../../store/interfaces.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import { linkedinSessionSchema } from '../dto.ts';
import { onStoredSession } from '../storedSessionTask.ts';

export interface LinkedInSessionView {
  status: LinkedInSessionStatus;
  checked_at: string | null;
  updated_at: string | null;
  /** Names only: stored values never leave the server. */
  cookie_names: string[];
  /** `navigator.userAgent` of the browser the cookies come from (`connect`); null when unknown. */
  user_agent: string | null;
  /** The user agent's browser family and major version ("Chrome", 131). */
  browser: BrowserVersion | null;
  /** The address LinkedIn last saw the account come from, and whether it changed since the run before. */
  exit_ip: (ExitIp & { changed: boolean }) | null;
}

const putBody = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown())])
  .describe(
    '{"cookies":{"li_at":"…","JSESSIONID":"…"}}, {"li_at":"…",…}, a Playwright storage state {"cookies":[…],"origins":[…]}, or a list of cookies; the object forms may carry "user_agent" (the browser\'s navigator.userAgent, as `connect` sends it)',
  );

/** Why a check failed, as the client may see it (no server paths, no cookie). */
function checkFailure(err: SessionCheckError): AppError {
  const why: Record<string, string> = {
    timeout: 'LinkedIn did not answer in time',
    browser_crashed: 'the browser failed',
    auth_required: err.message,
    proxy_failed: err.message,
  };
  return new AppError(
    503,
    'session_check_failed',
    `The LinkedIn session check could not complete (${why[err.reason] ?? err.reason}): try again later`,
    { reason: err.reason, ...(err.screenshot ? { screenshot: err.screenshot } : {}) },
  );
}

export async function linkedinSessionRoutes(app: App, ctx: AppContext): Promise<void> {
  const view = async (
    accountId: string,
    session: StoredLinkedInSession | null,
  ): Promise<LinkedInSessionView> => {
    const exitIp = await ctx.store.exitIps.get(accountId);
    const exit_ip = exitIp
      ? { ...exitIp, changed: exitIp.previous_ip !== null && exitIp.previous_ip !== exitIp.ip }
      : null;
    if (!session) {
      return {
        exit_ip,
        status: 'missing',
        checked_at: null,
        updated_at: null,
        cookie_names: [],
        user_agent: null,
        browser: null,
      };
    }
    let cookieNames: string[] = [];
    try {
      cookieNames = [...new Set(decryptSessionCookies(session.encrypted, ctx.secretKey).map((c) => c.name))];
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      ctx.logger.warn('the stored LinkedIn session cannot be decrypted with this SECRET_KEY: store it again');
    }
    return {
      exit_ip,
      status: session.status,
      checked_at: session.checked_at,
      updated_at: session.updated_at,
      cookie_names: cookieNames,
      user_agent: session.user_agent,
      browser: session.user_agent ? browserOf(session.user_agent) : null,
    };
  };

  app.get(
    '/api/linkedin/session',
    {
      schema: {
        tags: ['linkedin'],
        summary: 'Status of the stored LinkedIn session (never the cookies)',
        response: { 200: linkedinSessionSchema },
      },
    },
    async () => view(DEFAULT_ACCOUNT_ID, await ctx.store.linkedinSessions.get(DEFAULT_ACCOUNT_ID)),
  );

  app.put(
    '/api/linkedin/session',
    {
      schema: {
        tags: ['linkedin'],
        summary:
          'Stores LinkedIn session cookies (encrypted; needs a non-empty li_at) and the user agent of their browser',
        body: putBody,
        response: { 200: linkedinSessionSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const accountId = DEFAULT_ACCOUNT_ID;
      const now = ctx.clock.now();
      const parsed = parseSessionInput(request.body, now);
      if (!parsed.ok) {
        throw badRequest('Invalid input', { fields: parsed.fields, field_errors: parsed.field_errors });
      }
      const session: StoredLinkedInSession = {
        account_id: accountId,
        encrypted: encryptSessionCookies(parsed.cookies, ctx.secretKey),
        status: 'unchecked',
        checked_at: null,
        updated_at: now.toISOString(),
        user_agent: parsed.userAgent,
      };
      const browser = parsed.userAgent ? browserOf(parsed.userAgent) : null;
      const previous = await ctx.audit.change(
        async (tx) => {
          const before = await tx.linkedinSessions.get(accountId);
          await tx.linkedinSessions.put(session);
          return before;
        },
        // The browser family and major version only, not the whole user agent.
        () => ({
          accountId,
          actor,
          action: 'linkedin_session.update',
          target: 'linkedin_session',
          details: {
            format: parsed.format,
            cookie_names: [...new Set(parsed.cookies.map((c) => c.name))],
            ...(browser ? { browser } : {}),
          },
        }),
      );
      // Another li_at is another login, maybe another member: the browser state goes
      // (the store's went with the put; the cache folder here).
      const liAt = parsed.cookies.find((c) => c.name === SESSION_COOKIE_NAME)?.value;
      if (!previous || sessionCookieOf(previous.encrypted, ctx.secretKey) !== liAt) {
        removeAccountBrowserDir(ctx.config.dataDir, accountId);
      }
      const result = await view(accountId, session);
      ctx.bus.emit('status', accountId);
      return result;
    },
  );

  app.delete(
    '/api/linkedin/session',
    {
      schema: {
        tags: ['linkedin'],
        summary: 'Forgets the stored LinkedIn session and its browser state (local storage, cache)',
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const accountId = DEFAULT_ACCOUNT_ID;
      const deleted = await ctx.audit.change(
        (tx) => tx.linkedinSessions.delete(accountId),
        (gone) =>
          gone ? { accountId, actor, action: 'linkedin_session.delete', target: 'linkedin_session' } : null,
      );
      // The browser state goes with the session: the store's with its row, the cache folder here.
      removeAccountBrowserDir(ctx.config.dataDir, accountId);
      if (!deleted) throw notFound('No LinkedIn session is stored');
      ctx.bus.emit('status', accountId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/linkedin/session/check',
    {
      schema: {
        tags: ['linkedin'],
        summary: 'Opens LinkedIn with the stored session and records whether it works',
        description:
          'Runs in a browser process of its own, one check at a time per account (concurrent calls share the check in flight). 503 session_check_failed when it cannot tell: details.reason, and details.screenshot (relative to DATA_DIR) when the page could be captured.',
        response: { 200: linkedinSessionSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const accountId = DEFAULT_ACCOUNT_ID;
      const { result, setStatus } = await onStoredSession(ctx, request, accountId, {
        name: 'LinkedIn session check',
        code: 'session_check_failed',
        run: () => ctx.sessionChecker.check(accountId),
        explain: (err) => (err instanceof SessionCheckError ? checkFailure(err) : null),
      });
      await ctx.audit.change(
        (tx) => setStatus(result, ctx.clock.now().toISOString(), tx),
        (current) => ({
          accountId,
          actor,
          action: 'linkedin_session.check',
          target: 'linkedin_session',
          details: { result, ...(current ? {} : { stale: true }) },
        }),
      );
      ctx.bus.emit('status', accountId);
      return view(accountId, await ctx.store.linkedinSessions.get(accountId));
    },
  );
}
