/**
 * Test helpers for the overview: a fake HTTP server behind `fetch`, a fake `EventSource` you can push
 * events into, fixtures, and a renderer with the app's providers and Layout's `<Outlet context>`.
 * Only imported by tests.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import { Toaster } from 'sonner';
import { useLiveEvents } from '../../api/events.ts';
import type { BotStatus, History, LogLine, Run, Settings, Stats } from '../../api/types.ts';
import { I18nProvider, type Locale } from '../../i18n/i18n.tsx';

export interface FakeResponse {
  status?: number;
  body?: unknown;
}
export type Handler = (body: unknown) => FakeResponse | Promise<FakeResponse>;
export interface Call {
  method: string;
  url: string;
  body: unknown;
}

/** A fake API keyed by "METHOD /url"; unknown routes answer 404. */
export class FakeServer {
  routes = new Map<string, Handler>();
  calls: Call[] = [];

  on(method: string, url: string, handler: Handler | FakeResponse): this {
    this.routes.set(`${method} ${url}`, typeof handler === 'function' ? handler : () => handler);
    return this;
  }

  callsTo(method: string, url: string): Call[] {
    return this.calls.filter((c) => c.method === method && c.url === url);
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    this.calls.push({ method, url, body });
    const handler = this.routes.get(`${method} ${url}`);
    const res = handler
      ? await handler(body)
      : { status: 404, body: { error: { code: 'not_found', message: `No route ${method} ${url}` } } };
    const status = res.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(res.body ?? {}), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

/** A fake EventSource: tests push `status`, `run`, `log` events and open / drop the connection. */
export class FakeEventSource {
  static instances: FakeEventSource[] = [];
  static last(): FakeEventSource {
    const es = FakeEventSource.instances.at(-1);
    if (!es) throw new Error('no EventSource opened');
    return es;
  }
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((e: Event) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, fn: (e: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  removeEventListener(type: string, fn: (e: Event) => void): void {
    this.listeners.set(
      type,
      (this.listeners.get(type) ?? []).filter((f) => f !== fn),
    );
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    act(() => this.onopen?.(new Event('open')));
  }
  fail(): void {
    act(() => this.onerror?.(new Event('error')));
  }
  emit(type: string, data: unknown): void {
    act(() => {
      for (const fn of this.listeners.get(type) ?? [])
        fn(new MessageEvent(type, { data: JSON.stringify(data) }));
    });
  }
}

/** Browser APIs jsdom lacks, used by Radix and sonner. */
export function installDomPolyfills(): void {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener() {},
    removeListener() {},
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
  Element.prototype.scrollIntoView ??= () => {};
  Element.prototype.hasPointerCapture ??= () => false;
  Element.prototype.releasePointerCapture ??= () => {};
}

export const NOW = '2025-06-10T12:00:00.000Z';

export function makeRun(over: Partial<Run> = {}): Run {
  return {
    // Derived by the server from `errors`, as it does.
    has_errors: (over.errors ?? 0) > 0,
    id: 'run-1',
    account_id: 'default',
    type: 'birthday',
    status: 'succeeded',
    trigger: 'manual',
    dry_run: false,
    queued_at: '2025-06-10T08:59:58.000Z',
    started_at: '2025-06-10T09:00:00.000Z',
    ended_at: '2025-06-10T09:02:05.000Z',
    messages_sent: 7,
    skipped: 2,
    errors: 0,
    profiles_visited: 0,
    invitations_withdrawn: 0,
    error: null,
    stopped_by: null,
    options: {},
    heartbeat_at: null,
    schedule_date: null,
    progress: {},
    ...over,
  };
}

export function makeStatus(over: Partial<BotStatus> = {}): BotStatus {
  return {
    running: false,
    state: 'idle',
    active_jobs: [],
    queued_jobs: [],
    worker: { mode: 'embedded', status: 'online', count: 1 },
    auto_run: {
      enabled: false,
      next_run_at: null,
      window_start: '07:00',
      window_end: '19:00',
      timezone: 'Europe/Paris',
    },
    last_run: makeRun(),
    linkedin: { session: 'valid', checked_at: '2025-06-10T08:00:00.000Z' },
    ...over,
  };
}

/** A status with one active (running) run. */
export function runningStatus(run: Partial<Run> = {}, over: Partial<BotStatus> = {}): BotStatus {
  const active = makeRun({
    id: 'run-2',
    status: 'running',
    ended_at: null,
    messages_sent: 3,
    skipped: 1,
    errors: 1,
    progress: { found: 10, step: 'sending' },
    ...run,
  });
  return makeStatus({ running: true, state: 'running', active_jobs: [active], ...over });
}

export const SETTINGS: Settings = {
  dry_run: false,
  limits: { per_run: 15, daily: 15, weekly: 100, visits_per_run: 15, withdrawals_per_run: 20 },
  delays: { min_seconds: 90, max_seconds: 180 },
  schedule: { auto_run: false, window_start: '07:00', window_end: '19:00', timezone: 'Europe/Paris' },
  birthday: { process_today: true, process_late: true, max_days_late: 10, avoid_repetition_years: 2 },
  visitor: { keywords: [], location: '' },
  invitations: { withdraw_after_days: 30 },
};

export const HISTORY: History = {
  days: ['04', '05', '06', '07', '08', '09', '10'].map((d, i) => ({
    date: `2025-06-${d}`,
    messages_sent: i,
    profiles_visited: i * 2,
    invitations_withdrawn: 0,
    errors: i === 3 ? 1 : 0,
  })),
  totals: { messages_sent: 21, profiles_visited: 42, invitations_withdrawn: 0, errors: 1 },
};

const WINDOW = { messages_sent: 0, profiles_visited: 0, invitations_withdrawn: 0, errors: 0, runs: 0 };

export const STATS: Stats = {
  today: WINDOW,
  last_7_days: WINDOW,
  last_30_days: WINDOW,
  all_time: WINDOW,
  quota: { daily: { used: 6, limit: 15 }, weekly: { used: 21, limit: 100 } },
};

export function makeLogs(n: number, startId = 1): LogLine[] {
  // Newest first, as the API answers.
  return Array.from({ length: n }, (_, i) => {
    const id = startId + n - 1 - i;
    return {
      id,
      ts: new Date(Date.parse(NOW) - (n - i) * 1000).toISOString(),
      level: id % 7 === 0 ? 'error' : id % 5 === 0 ? 'warn' : 'info',
      run_id: null,
      message: `line ${id}`,
    } satisfies LogLine;
  });
}

/** A server answering every overview endpoint with the fixtures above. */
export function defaultServer(status: BotStatus = makeStatus()): FakeServer {
  return new FakeServer()
    .on('GET', '/api/bot/status', { body: status })
    .on('GET', '/api/settings', { body: SETTINGS })
    .on('GET', '/api/history?days=7', { body: HISTORY })
    .on('GET', '/api/stats', { body: STATS })
    .on('GET', '/api/logs?limit=20', { body: { logs: makeLogs(20) } });
}

/** Layout's part that matters here: the live connection, passed through `<Outlet context>`. */
function LiveOutlet() {
  const connection = useLiveEvents(true);
  return <Outlet context={{ connection }} />;
}

export function renderWithApp(page: ReactElement, { locale = 'fr' as Locale, path = '/' } = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 10_000 }, mutations: { retry: false } },
  });
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale}>
        <MemoryRouter initialEntries={[path]}>
          <Toaster />
          <Routes>
            <Route element={<LiveOutlet />}>
              <Route index element={page} />
              <Route path="/overview" element={page} />
              <Route path="/session" element={<p>SESSION PAGE</p>} />
              <Route path="/runs/:id" element={<p>RUN PAGE</p>} />
              <Route path="/logs" element={<p>LOGS PAGE</p>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { ...utils, queryClient };
}
