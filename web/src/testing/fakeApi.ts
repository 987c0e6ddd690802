import { vi } from 'vitest';

/**
 * The one fake HTTP API of the component tests: it answers `fetch` by "METHOD /url" (the URL with
 * its query) or else by "METHOD /path", records every call, and answers 404 to anything else.
 */

export interface FetchCall {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface Reply {
  status?: number;
  body?: unknown;
}
export type Handler = (call: FetchCall) => Reply | Promise<Reply>;

export class FakeApi {
  readonly routes = new Map<string, Handler>();
  readonly calls: FetchCall[] = [];

  on(method: string, url: string, handler: Handler | Reply): this {
    this.routes.set(`${method} ${url}`, typeof handler === 'function' ? handler : () => handler);
    return this;
  }

  callsTo(method: string, url: string): FetchCall[] {
    return this.calls.filter((c) => c.method === method && (c.url === url || c.path === url));
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const parsed = new URL(url, 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const call: FetchCall = {
      method,
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    this.calls.push(call);
    const handler = this.routes.get(`${method} ${url}`) ?? this.routes.get(`${method} ${call.path}`);
    const reply = handler
      ? await handler(call)
      : { status: 404, body: { error: { code: 'not_found', message: `No route ${method} ${url}` } } };
    const status = reply.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(reply.body ?? {}), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };

  /** Makes it the global `fetch` (undone by `vi.unstubAllGlobals()`). */
  install(): this {
    vi.stubGlobal('fetch', this.fetch);
    return this;
  }
}

/** A fake API from a route table, installed as `fetch`. */
export function mockFetch(routes: Record<string, Handler | Reply>) {
  const api = new FakeApi();
  for (const [key, handler] of Object.entries(routes)) {
    const [method = 'GET', url = '/'] = key.split(' ');
    api.on(method, url, handler);
  }
  api.install();
  return { calls: api.calls, api };
}

/** An error answer in the server's shape: `{ error: { code, message, details } }`. */
export function apiError(status: number, code: string, message: string, details?: object): Reply {
  return { status, body: { error: { code, message, ...(details ? { details } : {}) } } };
}

/** A 400 with per-field messages, as the server answers an invalid form. */
export function fieldsError(fields: Record<string, string>): Reply {
  return apiError(400, 'invalid_input', 'Invalid input', { fields });
}
