import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SafeHtml } from './html.ts';
import { birthdayBatch, birthdaysPage, NEXT_BATCH } from './pages/birthdays.ts';
import { feedPage, networkPage } from './pages/feed.ts';
import { invitationList, invitationsPage, withdrawDialog } from './pages/invitations.ts';
import { pageContext } from './pages/layout.ts';
import { authwallPage, checkpointPage, loginPage } from './pages/login.ts';
import { conversation, messageItem, messagingIndex, threadPage } from './pages/messaging.ts';
import { notFoundPage, profilePage } from './pages/profile.ts';
import { searchPage } from './pages/search.ts';
import { clearCookieHeaders, isLoggedIn, safeRedirect, setCookieHeaders } from './session.ts';
import { type SandboxState, searchContacts } from './state.ts';

/**
 * The LinkedIn look-alike pages and the internal (`/voyager/api/…`) actions their scripts
 * call. Every one of them honours the faults: latency first, then the login check.
 */

export function sendHtml(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(page.value);
}

function apiError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  extra = {},
): FastifyReply {
  return reply.code(status).send({ error: { code, message }, ...extra });
}

/** The first value of a query parameter that may be repeated. */
function first(value: unknown): string {
  if (Array.isArray(value)) return first(value[0]);
  return typeof value === 'string' ? value : '';
}

const sendBody = z.object({
  to: z.string().min(1).max(200),
  text: z.string().trim().min(1).max(8000),
});

export async function linkedinRoutes(app: FastifyInstance, opts: { state: SandboxState }): Promise<void> {
  const { state } = opts;

  app.addHook('onRequest', async () => {
    const latency = state.faults.latency_ms;
    if (latency > 0) await sleep(latency);
  });

  /** Pages: logged out → 302 to the login page, remembering where the browser was going. */
  const page = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (isLoggedIn(state, request)) return true;
    void reply.redirect(`/login?session_redirect=${encodeURIComponent(request.url)}`, 302);
    return false;
  };
  /** Internal actions: logged out → 401 (the page script then goes to the login page). */
  const action = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (isLoggedIn(state, request)) return true;
    void apiError(reply, 401, 'unauthorized', 'Session expired: sign in again');
    return false;
  };

  // ---- Logged-out pages.
  const showLogin = async (request: FastifyRequest, reply: FastifyReply) => {
    if (isLoggedIn(state, request)) return reply.redirect('/feed/', 302);
    const query = request.query as Record<string, unknown>;
    return sendHtml(reply, loginPage(pageContext(state), safeRedirect(first(query.session_redirect)), null));
  };
  app.get('/login', showLogin);
  app.get('/uas/login', showLogin);
  app.post('/login', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const redirect = safeRedirect(first(body.session_redirect));
    if (state.faults.session_expired) {
      const ctx = pageContext(state);
      return sendHtml(reply, loginPage(ctx, redirect, ctx.t.genericError), 401);
    }
    return reply.header('set-cookie', setCookieHeaders(state)).redirect(redirect, 302);
  });
  app.get('/m/logout', async (_request, reply) =>
    reply.header('set-cookie', clearCookieHeaders()).redirect('/login', 302),
  );
  app.get('/authwall', async (_request, reply) => sendHtml(reply, authwallPage(pageContext(state))));
  app.get('/checkpoint/*', async (_request, reply) => sendHtml(reply, checkpointPage(pageContext(state))));

  // ---- Logged-in pages.
  app.get('/', async (request, reply) =>
    reply.redirect(isLoggedIn(state, request) ? '/feed/' : '/login', 302),
  );

  app.get('/feed/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    return sendHtml(reply, feedPage(pageContext(state), state.world.contacts.slice(0, 5)));
  });

  app.get('/mynetwork/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    return sendHtml(reply, networkPage(pageContext(state)));
  });

  app.get('/mynetwork/catch-up/birthday/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    return sendHtml(reply, birthdaysPage(pageContext(state), state.birthdays()));
  });

  app.get('/mynetwork/invitation-manager/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    return reply.redirect('/mynetwork/invitation-manager/sent/', 302);
  });

  app.get('/mynetwork/invitation-manager/sent/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    return sendHtml(reply, invitationsPage(pageContext(state), state.pendingInvitations()));
  });

  app.get('/search/results/people/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    const query = request.query as Record<string, unknown>;
    const keywords = first(query.keywords);
    const geoUrns = first(query.geoUrn).match(/\d+/g) ?? [];
    const pageNumber = Number.parseInt(first(query.page), 10);
    const matches = searchContacts(state.world.contacts, {
      keywords,
      geoUrns,
      location: first(query.location),
    });
    const current = Number.isFinite(pageNumber) && pageNumber >= 1 ? Math.min(pageNumber, 10_000) : 1;
    return sendHtml(reply, searchPage(pageContext(state), matches, current, keywords));
  });

  app.get<{ Params: { slug: string } }>('/in/:slug/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    const person = state.person(request.params.slug);
    const ctx = pageContext(state);
    if (!person) return sendHtml(reply, notFoundPage(ctx, true), 404);
    state.recordVisit(person.slug);
    return sendHtml(reply, profilePage(ctx, person, state.contact(person.slug) !== undefined));
  });

  app.get('/messaging/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    const threads = state.world.contacts.flatMap((contact) => {
      const messages = state.thread(contact.slug);
      const last = messages.at(-1);
      return last ? [{ contact, last }] : [];
    });
    threads.sort((a, b) => b.last.at.localeCompare(a.last.at));
    return sendHtml(reply, messagingIndex(pageContext(state), threads));
  });

  app.get('/messaging/compose/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    const recipient = first((request.query as Record<string, unknown>).recipient);
    const contact = state.contact(recipient);
    if (!contact) return sendHtml(reply, notFoundPage(pageContext(state), true), 404);
    return reply.redirect(`/messaging/thread/${contact.slug}/`, 302);
  });

  app.get<{ Params: { slug: string } }>('/messaging/thread/:slug/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    const contact = state.contact(request.params.slug);
    const ctx = pageContext(state);
    if (!contact) return sendHtml(reply, notFoundPage(ctx, true), 404);
    return sendHtml(reply, threadPage(ctx, contact, state.thread(contact.slug)));
  });

  // ---- Internal actions (what the pages' scripts call).
  app.get('/voyager/api/birthdays', async (request, reply) => {
    if (!action(request, reply)) return reply;
    const start = Number.parseInt(first((request.query as Record<string, unknown>).start), 10);
    const batch = birthdayBatch(
      pageContext(state),
      state.birthdays(),
      Number.isFinite(start) && start >= 0 ? start : 0,
      NEXT_BATCH,
    );
    return { html: batch.html.value, next: batch.next };
  });

  app.get<{ Params: { slug: string } }>(
    '/voyager/api/messaging/conversations/:slug/overlay',
    async (request, reply) => {
      if (!action(request, reply)) return reply;
      const contact = state.contact(request.params.slug);
      if (!contact) return apiError(reply, 404, 'not_found', 'No such conversation');
      return { html: conversation(pageContext(state), contact, state.thread(contact.slug)).value };
    },
  );

  app.post('/voyager/api/messaging/send', async (request, reply) => {
    if (!action(request, reply)) return reply;
    const parsed = sendBody.safeParse(request.body);
    if (!parsed.success) return apiError(reply, 400, 'invalid_input', 'A recipient and a text are required');
    const ctx = pageContext(state);
    const contact = state.contact(parsed.data.to);
    const result = state.send(parsed.data.to, parsed.data.text);
    if (!result.ok || !contact) {
      if (result.ok === false && result.reason === 'rate_limited') {
        return apiError(reply, 429, 'rate_limited', ctx.t.rateLimited);
      }
      if (result.ok === false && result.reason === 'send_failed') {
        return apiError(reply, 500, 'send_failed', ctx.t.sendFailed);
      }
      return apiError(reply, 404, 'not_found', 'No such conversation');
    }
    return {
      html: messageItem(ctx, contact, result.message).value,
      message: { to: contact.slug, text: result.message.text, at: result.message.at },
    };
  });

  app.get<{ Params: { id: string } }>(
    '/voyager/api/relationships/invitations/:id/withdraw-dialog',
    async (request, reply) => {
      if (!action(request, reply)) return reply;
      const ctx = pageContext(state);
      const invitation = state.pendingInvitations().find((i) => i.id === request.params.id);
      if (!invitation) {
        return apiError(reply, 404, 'not_found', ctx.t.genericError, {
          list: invitationList(ctx, state.pendingInvitations()).value,
        });
      }
      return { html: withdrawDialog(ctx, invitation).value };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/voyager/api/relationships/invitations/:id/withdraw',
    async (request, reply) => {
      if (!action(request, reply)) return reply;
      const ctx = pageContext(state);
      const result = state.withdraw(request.params.id);
      const list = () => invitationList(ctx, state.pendingInvitations()).value;
      if (!result.ok && result.reason === 'rate_limited') {
        return apiError(reply, 429, 'rate_limited', ctx.t.rateLimited);
      }
      if (!result.ok) return apiError(reply, 404, 'not_found', ctx.t.genericError, { list: list() });
      return { withdrawn: { id: result.withdrawal.id }, list: list() };
    },
  );
}
