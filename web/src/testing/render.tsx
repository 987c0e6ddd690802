/**
 * Rendering for component tests: every provider of the app (react-query, i18n, router, toasts), a
 * fake `EventSource` tests push events into, and the browser APIs jsdom lacks. Only imported by tests.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import { Toaster, toast } from 'sonner';
import { afterEach, vi } from 'vitest';
import { useLiveEvents } from '../api/events.ts';
import { I18nProvider, type Locale } from '../i18n/i18n.tsx';

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
  /** 0 connecting, 1 open, 2 closed: the browser gave up (the server refused the stream). */
  readyState = 0;
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
    this.readyState = 1;
    act(() => this.onopen?.(new Event('open')));
  }
  /** The connection dropped: the browser reconnects by itself. */
  fail(): void {
    this.readyState = 0;
    act(() => this.onerror?.(new Event('error')));
  }
  /** The server answered other than 200 (401, 429): the browser gives this source up. */
  refuse(): void {
    this.readyState = 2;
    act(() => this.onerror?.(new Event('error')));
  }
  /** Sends an event; `id` is its SSE `id:` (the MessageEvent's lastEventId). */
  emit(type: string, data: unknown, id?: number): void {
    act(() => {
      for (const fn of this.listeners.get(type) ?? [])
        fn(
          new MessageEvent(type, {
            data: JSON.stringify(data),
            lastEventId: id === undefined ? '' : String(id),
          }),
        );
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

/**
 * Registers the component tests' teardown: unmount, drop the stubbed globals (`fetch`,
 * `EventSource`), clear sonner's toasts (a module-level store: they would outlive the test).
 */
export function cleanupAfterEach(): void {
  afterEach(() => {
    toast.dismiss();
    cleanup();
    vi.unstubAllGlobals();
  });
}

/**
 * A clipboard that records what is copied: its `writeText` mock. Call it after
 * `userEvent.setup()`, which installs a clipboard of its own.
 */
export function stubClipboard() {
  const writeText = vi.fn(async (_text: string) => {});
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  return writeText;
}

/** Renders routes inside the app's providers; returns the query client too. */
function renderRoutes(
  routes: ReactNode,
  { locale, route, staleTime }: { locale: Locale; route: string; staleTime?: number },
) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime }, mutations: { retry: false } },
  });
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale}>
        <MemoryRouter initialEntries={[route]}>
          <Toaster />
          <Routes>{routes}</Routes>
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { ...utils, queryClient };
}

/** A page at its route (`path`), opened at `route`. */
export function renderPage(
  ui: ReactElement,
  { path = '/', route = path, locale = 'en' }: { path?: string; route?: string; locale?: Locale } = {},
) {
  return renderRoutes(<Route path={path} element={ui} />, { locale, route });
}

/** Layout's part that matters here: the live connection, passed through `<Outlet context>`. */
function LiveOutlet() {
  const connection = useLiveEvents(true);
  return <Outlet context={{ connection }} />;
}

export function renderWithApp(page: ReactElement, { locale = 'fr' as Locale, path = '/' } = {}) {
  return renderRoutes(
    <Route element={<LiveOutlet />}>
      <Route index element={page} />
      <Route path="/overview" element={page} />
      <Route path="/session" element={<p>SESSION PAGE</p>} />
      <Route path="/runs/:id" element={<p>RUN PAGE</p>} />
      <Route path="/logs" element={<p>LOGS PAGE</p>} />
    </Route>,
    { locale, route: path, staleTime: 10_000 },
  );
}
