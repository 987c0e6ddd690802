import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SafeHtml } from './html.ts';
import { birthdayBatch, birthdaysPage, NEXT_BATCH } from './pages/birthdays.ts';
import { feedPage, networkPage } from './pages/feed.ts';
import { invitationList, invitationsPage, withdrawDialog } from './pages/invitations.ts';
import { pageContext } from './pages/layout.ts';
import { accountPickerPage, authwallPage, checkpointPage, loginPage } from './pages/login.ts';
import { conversation, messageItem, messagingIndex, threadPage } from './pages/messaging.ts';
import { notFoundPage, profilePage } from './pages/profile.ts';
import { catchUpCards, SDUI_NEXT_BATCH, sduiBatch, sduiBirthdaysPage } from './pages/sdui/birthdays.ts';
import { sduiInvitationList, sduiInvitationsPage, sduiWithdrawDialog } from './pages/sdui/invitations.ts';
import {
  sduiComposePage,
  sduiConversation,
  sduiMessageDialog,
  sduiMessageItem,
  sduiMessagingIndex,
  sduiPreloadPage,
} from './pages/sdui/messaging.ts';
import {
  sduiAccountPickerPage,
  sduiAuthwallPage,
  sduiCheckpointPage,
  sduiFeedPage,
  sduiLoginPage,
  sduiNetworkPage,
  sduiNotFoundPage,
  sduiProfilePage,
  sduiSearchPage,
  sduiSettingsPage,
} from './pages/sdui/pages.ts';
import { searchPage, searchResults } from './pages/search.ts';
import { searchContacts } from './peopleSearch.ts';
import { clearCookieHeaders, isLoggedIn, safeRedirect, setCookieHeaders } from './session.ts';
import type { SandboxState } from './state.ts';

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

const OVERLAY_PLACEMENTS = ['main', 'shadow', 'iframe', 'dialog'] as const;

/** Where the `checkpoint` fault sends pages (LinkedIn's challenge ids are opaque). */
const CHECKPOINT_CHALLENGE = '/checkpoint/challenge/AgFsandboxChallenge0001';

export async function linkedinRoutes(app: FastifyInstance, opts: { state: SandboxState }): Promise<void> {
  const { state } = opts;
  /** Ends `send_stall_ms` waits when the sandbox closes. */
  const closing = new AbortController();
  app.addHook('preClose', async () => closing.abort());

  app.addHook('onRequest', async () => {
    const latency = state.faults.latency_ms;
    if (latency > 0) await sleep(latency);
  });

  const sdui = () => state.variant === 'sdui';

  /**
   * Pages: logged out → 302 to the login page, remembering where the browser was going.
   * `redirect_loop` sends every page to /authwall (which sends to /login, and back);
   * `account_picker` sends every page to /login (which shows the picker); `blocked`
   * answers LinkedIn's bare 999 page; `checkpoint` sends every page to a security check,
   * `captcha` shows a captcha in its place.
   */
  const page = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (state.faults.blocked) {
      // What LinkedIn answers a session it throttles: a bare page, no `main`, status 999.
      // Fastify refuses status codes above 599: answer on the raw response.
      reply.hijack();
      reply.raw.writeHead(999, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      reply.raw.end(
        '<!doctype html><html><head><title>LinkedIn</title></head><body><h1>Request denied</h1><p>Too many requests. Please slow down and try again later.</p></body></html>',
      );
      return false;
    }
    if (state.faults.checkpoint) {
      // LinkedIn's security check: a challenge page under /checkpoint/, its id opaque.
      void reply.redirect(`${CHECKPOINT_CHALLENGE}?ut=${encodeURIComponent(request.url)}`, 302);
      return false;
    }
    if (state.faults.captcha) {
      // The captcha challenge in place of the page asked for (its URL unchanged).
      void sendHtml(
        reply,
        sdui() ? sduiCheckpointPage(pageContext(state)) : checkpointPage(pageContext(state)),
      );
      return false;
    }
    if (state.faults.redirect_loop) {
      void reply.redirect('/authwall', 302);
      return false;
    }
    if (!state.faults.account_picker && isLoggedIn(state, request)) return true;
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
    if (state.faults.redirect_loop) return reply.redirect('/authwall', 302);
    const query = request.query as Record<string, unknown>;
    const redirect = safeRedirect(first(query.session_redirect));
    const ctx = pageContext(state);
    if (state.faults.account_picker && first(query.another_account) !== 'true') {
      const another = `/login?another_account=true&session_redirect=${encodeURIComponent(redirect)}`;
      return sendHtml(reply, sdui() ? sduiAccountPickerPage(ctx, another) : accountPickerPage(ctx, another));
    }
    if (!state.faults.account_picker && isLoggedIn(state, request)) return reply.redirect('/feed/', 302);
    return sendHtml(reply, sdui() ? sduiLoginPage(ctx, redirect, null) : loginPage(ctx, redirect, null));
  };
  app.get('/login', showLogin);
  app.get('/uas/login', showLogin);
  app.post('/login', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const redirect = safeRedirect(first(body.session_redirect));
    if (state.faults.session_expired) {
      const ctx = pageContext(state);
      const error = ctx.t.genericError;
      return sendHtml(
        reply,
        sdui() ? sduiLoginPage(ctx, redirect, error) : loginPage(ctx, redirect, error),
        401,
      );
    }
    return reply.header('set-cookie', setCookieHeaders(state)).redirect(redirect, 302);
  });
  app.get('/m/logout', async (_request, reply) =>
    reply.header('set-cookie', clearCookieHeaders()).redirect('/login', 302),
  );
  app.get('/authwall', async (_request, reply) => {
    if (state.faults.redirect_loop) return reply.redirect('/login', 302);
    const ctx = pageContext(state);
    return sendHtml(reply, sdui() ? sduiAuthwallPage(ctx) : authwallPage(ctx));
  });
  app.get('/checkpoint/*', async (_request, reply) => {
    const ctx = pageContext(state);
    return sendHtml(reply, sdui() ? sduiCheckpointPage(ctx) : checkpointPage(ctx));
  });

  // ---- Logged-in pages.
  app.get('/', async (request, reply) => {
    if (state.faults.redirect_loop) return reply.redirect('/authwall', 302);
    return reply.redirect(isLoggedIn(state, request) ? '/feed/' : '/login', 302);
  });

  app.get('/feed/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    const ctx = pageContext(state);
    const authors = state.world.contacts.slice(0, 5);
    return sendHtml(reply, sdui() ? sduiFeedPage(ctx, authors) : feedPage(ctx, authors));
  });

  app.get('/mynetwork/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    const ctx = pageContext(state);
    return sendHtml(reply, sdui() ? sduiNetworkPage(ctx) : networkPage(ctx));
  });

  app.get('/mynetwork/catch-up/birthday/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    const ctx = pageContext(state);
    if (sdui()) {
      return sendHtml(reply, sduiBirthdaysPage(ctx, catchUpCards(state.birthdays(), state.world.catchUp)));
    }
    return sendHtml(reply, birthdaysPage(ctx, state.birthdays()));
  });

  // sdui-only pages: in the other designs they are unknown pages, as before sdui existed.
  const notInThisDesign = (request: FastifyRequest, reply: FastifyReply) =>
    sendHtml(reply, notFoundPage(pageContext(state), isLoggedIn(state, request)), 404);

  app.get('/mypreferences/*', async (request, reply) => {
    if (!sdui()) return notInThisDesign(request, reply);
    if (!page(request, reply)) return reply;
    return sendHtml(reply, sduiSettingsPage(pageContext(state)));
  });

  /** The interop iframe's document (`overlay: "iframe"`). */
  app.get('/preload/', async (request, reply) => {
    if (!sdui()) return notInThisDesign(request, reply);
    if (!page(request, reply)) return reply;
    return sendHtml(reply, sduiPreloadPage(pageContext(state)));
  });

  app.get('/mynetwork/invitation-manager/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    return reply.redirect('/mynetwork/invitation-manager/sent/', 302);
  });

  app.get('/mynetwork/invitation-manager/sent/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    const ctx = pageContext(state);
    const pending = state.pendingInvitations();
    return sendHtml(reply, sdui() ? sduiInvitationsPage(ctx, pending) : invitationsPage(ctx, pending));
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
    const ctx = pageContext(state);
    const results = searchResults(matches, current, keywords);
    return sendHtml(reply, sdui() ? sduiSearchPage(ctx, results) : searchPage(ctx, results));
  });

  app.get<{ Params: { slug: string } }>('/in/:slug/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    const person = state.person(request.params.slug);
    const ctx = pageContext(state);
    if (!person) return sendHtml(reply, sdui() ? sduiNotFoundPage(ctx, true) : notFoundPage(ctx, true), 404);
    state.recordVisit(person.slug);
    const contact = state.contact(person.slug);
    return sendHtml(
      reply,
      sdui() ? sduiProfilePage(ctx, person, contact) : profilePage(ctx, person, contact !== undefined),
    );
  });

  app.get('/messaging/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    const threads = state.world.contacts.flatMap((contact) => {
      const messages = state.thread(contact.slug);
      const last = messages.at(-1);
      return last ? [{ contact, last }] : [];
    });
    threads.sort((a, b) => b.last.at.localeCompare(a.last.at));
    const ctx = pageContext(state);
    return sendHtml(reply, sdui() ? sduiMessagingIndex(ctx, threads) : messagingIndex(ctx, threads));
  });

  /** `recipient` is a slug or a profile id (`ACoAA…`); sdui shows the box as a page, pre-filled with `body`. */
  app.get('/messaging/compose/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    const query = request.query as Record<string, unknown>;
    const contact = state.contactByRef(first(query.recipient));
    const ctx = pageContext(state);
    if (!contact) return sendHtml(reply, sdui() ? sduiNotFoundPage(ctx, true) : notFoundPage(ctx, true), 404);
    if (sdui()) {
      const body = first(query.body).slice(0, 8000);
      return sendHtml(reply, sduiComposePage(ctx, contact, state.thread(contact.slug), body));
    }
    return reply.redirect(`/messaging/thread/${contact.slug}/`, 302);
  });

  app.get<{ Params: { slug: string } }>('/messaging/thread/:slug/', async (request, reply) => {
    if (!page(request, reply)) return reply;
    const contact = state.contact(request.params.slug);
    const ctx = pageContext(state);
    if (!contact) return sendHtml(reply, sdui() ? sduiNotFoundPage(ctx, true) : notFoundPage(ctx, true), 404);
    const messages = state.thread(contact.slug);
    return sendHtml(
      reply,
      sdui() ? sduiComposePage(ctx, contact, messages, '') : threadPage(ctx, contact, messages),
    );
  });

  // ---- Internal actions (what the pages' scripts call).
  app.get('/voyager/api/birthdays', async (request, reply) => {
    if (!action(request, reply)) return reply;
    const start = Number.parseInt(first((request.query as Record<string, unknown>).start), 10);
    const from = Number.isFinite(start) && start >= 0 ? start : 0;
    const ctx = pageContext(state);
    const batch = sdui()
      ? sduiBatch(ctx, catchUpCards(state.birthdays(), state.world.catchUp), from, SDUI_NEXT_BATCH)
      : birthdayBatch(ctx, state.birthdays(), from, NEXT_BATCH);
    return { html: batch.html.value, next: batch.next };
  });

  /**
   * The conversation a message control opens. `slug` may also be a profile id; `from=birthday`
   * (a birthday card) is where `wrong_recipient` strikes; sdui: `placement` and `body`.
   */
  app.get<{ Params: { slug: string } }>(
    '/voyager/api/messaging/conversations/:slug/overlay',
    async (request, reply) => {
      if (!action(request, reply)) return reply;
      const query = request.query as Record<string, unknown>;
      const asked = state.contactByRef(request.params.slug);
      if (!asked) return apiError(reply, 404, 'not_found', 'No such conversation');
      const contact = first(query.from) === 'birthday' ? state.recipientFromBirthdayCard(asked) : asked;
      const ctx = pageContext(state);
      const messages = state.thread(contact.slug);
      if (!sdui()) return { html: conversation(ctx, contact, messages).value };
      const body = first(query.body).slice(0, 8000);
      const asPlacement = first(query.placement);
      const placement = OVERLAY_PLACEMENTS.find((p) => p === asPlacement) ?? 'main';
      if (placement === 'dialog') return { html: sduiMessageDialog(ctx, contact, body).value };
      return { html: sduiConversation(ctx, contact, messages, { body, placement }).value };
    },
  );

  app.post('/voyager/api/messaging/send', async (request, reply) => {
    if (!action(request, reply)) return reply;
    const parsed = sendBody.safeParse(request.body);
    if (!parsed.success) return apiError(reply, 400, 'invalid_input', 'A recipient and a text are required');
    const ctx = pageContext(state);
    const contact = state.contact(parsed.data.to);
    const result = state.send(parsed.data.to, parsed.data.text);
    // send_stall_ms: whatever happened is stored; the page just hears nothing for a while.
    const stall = state.faults.send_stall_ms;
    if (stall > 0) await sleep(stall, undefined, { signal: closing.signal }).catch(() => undefined);
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
      html: (sdui() ? sduiMessageItem : messageItem)(ctx, contact, result.message).value,
      message: { to: contact.slug, text: result.message.text, at: result.message.at },
    };
  });

  app.get<{ Params: { id: string } }>(
    '/voyager/api/relationships/invitations/:id/withdraw-dialog',
    async (request, reply) => {
      if (!action(request, reply)) return reply;
      const ctx = pageContext(state);
      const invitation = state.pendingInvitations().find((i) => i.id === request.params.id);
      const list = sdui() ? sduiInvitationList : invitationList;
      if (!invitation) {
        return apiError(reply, 404, 'not_found', ctx.t.genericError, {
          list: list(ctx, state.pendingInvitations()).value,
        });
      }
      return { html: (sdui() ? sduiWithdrawDialog : withdrawDialog)(ctx, invitation).value };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/voyager/api/relationships/invitations/:id/withdraw',
    async (request, reply) => {
      if (!action(request, reply)) return reply;
      const ctx = pageContext(state);
      const result = state.withdraw(request.params.id);
      const list = () =>
        (sdui() ? sduiInvitationList : invitationList)(ctx, state.pendingInvitations()).value;
      if (!result.ok && result.reason === 'rate_limited') {
        return apiError(reply, 429, 'rate_limited', ctx.t.rateLimited);
      }
      if (!result.ok) return apiError(reply, 404, 'not_found', ctx.t.genericError, { list: list() });
      return { withdrawn: { id: result.withdrawal.id }, list: list() };
    },
  );
}
