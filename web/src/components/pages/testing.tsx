import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Toaster } from 'sonner';
import { vi } from 'vitest';
import { I18nProvider, type Locale } from '../../i18n/i18n.tsx';

/** Test helpers for the pages: a fake `fetch` answering by "METHOD /path", and a render with every provider. */

export interface FetchCall {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type Reply = { status?: number; body?: unknown };
type Handler = (call: FetchCall) => Reply | Promise<Reply>;

export function mockFetch(routes: Record<string, Handler | Reply>) {
  const calls: FetchCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const parsed = new URL(url, 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const call: FetchCall = {
      method,
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const route = routes[`${method} ${parsed.pathname}`];
    if (!route)
      return new Response(JSON.stringify({ error: { code: 'not_found', message: 'Not found' } }), {
        status: 404,
      });
    const reply = typeof route === 'function' ? await route(call) : route;
    const status = reply.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(reply.body ?? {}), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export function renderPage(
  ui: ReactElement,
  { path = '/', route = path, locale = 'en' }: { path?: string; route?: string; locale?: Locale } = {},
) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale}>
        <MemoryRouter initialEntries={[route]}>
          <Toaster />
          <Routes>
            <Route path={path} element={ui} />
          </Routes>
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}

export function fieldsError(fields: Record<string, string>): Reply {
  return {
    status: 400,
    body: { error: { code: 'invalid_input', message: 'Invalid input', details: { fields } } },
  };
}
