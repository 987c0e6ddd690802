/** The sandbox's page loads, which rotate its JSESSIONID (see jsessionIds.ts). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLoggedIn, jsessionCookieHeader, parseCookies } from './session.ts';
import type { SandboxState } from './state.ts';

/** A browser loading a page (or a frame): not a script's fetch, not the admin API. */
function isPageLoad(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    !request.url.startsWith('/__sandbox/') &&
    (request.headers.accept ?? '').includes('text/html')
  );
}

/** Sets a new JSESSIONID on the page loads whose turn it is (logged-in ones only). */
export function rotateJsessionOnPageLoads(app: FastifyInstance, state: SandboxState): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isPageLoad(request) || !isLoggedIn(state, request)) return;
    const next = state.jsession.pageLoad({
      path: new URL(request.url, 'http://sandbox').pathname,
      value: parseCookies(request.headers.cookie).get('JSESSIONID') ?? null,
      at: state.now().toISOString(),
    });
    if (next) reply.header('set-cookie', jsessionCookieHeader(next));
  });
}
