// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, FakeApi } from '../testing/fakeApi.ts';
import { cleanupAfterEach, FakeEventSource } from '../testing/render.tsx';
import { setUnauthorizedHandler } from './client.ts';
import { useLiveEvents } from './events.ts';

let server: FakeApi;
const toLogin = vi.fn();

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  server = new FakeApi().install();
  toLogin.mockReset();
  setUnauthorizedHandler(toLogin);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
  setUnauthorizedHandler(() => {});
});
cleanupAfterEach();

function renderLive(queryClient = new QueryClient()) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return renderHook(() => useLiveEvents(true), { wrapper });
}

/** Lets the timers run `ms` further, with React seeing what they do. */
const elapse = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe('useLiveEvents', () => {
  it('goes to the login page when its stream is refused because the session ended', async () => {
    server.on('GET', '/api/auth/me', apiError(401, 'unauthorized', 'Authentication required'));
    const { result } = renderLive();
    FakeEventSource.last().open();
    FakeEventSource.last().refuse();
    expect(result.current).toBe('lost');
    await elapse(0);
    expect(toLogin).toHaveBeenCalledTimes(1);
  });

  it('reopens a stream refused for too many open, later and ever more slowly, not in a loop', async () => {
    server.on('GET', '/api/auth/me', {
      body: { actor: { type: 'user', id: 'admin' }, account_id: 'default' },
    });
    renderLive();
    FakeEventSource.last().refuse();
    await elapse(1_000);
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(FakeEventSource.instances[0]?.closed).toBe(true);
    await elapse(1_000);
    expect(FakeEventSource.instances).toHaveLength(2);

    // Refused again: the next try waits twice as long.
    FakeEventSource.last().refuse();
    await elapse(3_000);
    expect(FakeEventSource.instances).toHaveLength(2);
    await elapse(1_000);
    expect(FakeEventSource.instances).toHaveLength(3);
    expect(toLogin).not.toHaveBeenCalled();
  });

  it('leaves a dropped stream to the browser’s own reconnection', async () => {
    renderLive();
    FakeEventSource.last().open();
    FakeEventSource.last().fail();
    await elapse(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(server.callsTo('GET', '/api/auth/me')).toHaveLength(0);
  });

  it('keeps live debug lines out of the views that show info and above, so a burst never pushes their lines out', async () => {
    server.on('GET', '/api/auth/me', {
      body: { actor: { type: 'user', id: 'admin' }, account_id: 'default' },
    });
    const queryClient = new QueryClient();
    const line = (id: number, level: string) => ({
      id,
      account_id: 'default',
      ts: '2026-12-01T08:00:00.000Z',
      level,
      run_id: null,
      message: `line ${id}`,
      code: null,
      params: null,
    });
    queryClient.setQueryData(['logs', 'recent'], { logs: [line(1, 'info')] });
    queryClient.setQueryData(['logs', 'recent', { min_level: 'debug' }], { logs: [] });
    renderLive(queryClient);
    FakeEventSource.last().open();
    for (let id = 2; id < 600; id++) FakeEventSource.last().emit('log', line(id, 'debug'), id);
    FakeEventSource.last().emit('log', line(600, 'warn'), 600);
    const overview = queryClient.getQueryData<{ logs: { id: number }[] }>(['logs', 'recent']);
    expect(overview?.logs.map((l) => l.id)).toEqual([600, 1]);
    const everything = queryClient.getQueryData<{ logs: { id: number }[] }>([
      'logs',
      'recent',
      { min_level: 'debug' },
    ]);
    expect(everything?.logs).toHaveLength(500);
    expect(everything?.logs[0]?.id).toBe(600);
  });
});
