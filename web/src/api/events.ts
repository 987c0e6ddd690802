import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { atLeast, DEFAULT_MIN_LEVEL, type LogFilters } from '../components/pages/logs.tsx';
import { get } from './client.ts';
import type { BotStatus, LogLine, Run } from './types.ts';

export type ConnectionState = 'connecting' | 'open' | 'lost';

/** `EventSource.CLOSED`: the browser gave up on the stream (the server refused it). */
const CLOSED = 2;
/** First wait before reopening a refused stream; doubled at each refusal, up to a minute. */
const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/**
 * Live updates: one EventSource on /api/events feeds the query cache (status, runs, logs),
 * so every view updates without polling. EventSource reconnects by itself after a drop;
 * while it is down the UI says so. Events missed meanwhile (a reconnection, or a gap in the
 * events' ids) are caught up by refetching what the views show. A refused stream (its
 * session ended, or too many open) is not retried by the browser: an ended session goes to
 * the login page, anything else is reopened later, ever more slowly.
 */
export function useLiveEvents(enabled: boolean): ConnectionState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let refusals = 0;
    let stopped = false;
    let lost = false;
    let lastId: number | null = null;
    const counts = liveCounts(queryClient);
    const refused = async () => {
      source?.close();
      // A 401 here sends the user to the login page (the client's unauthorized handler).
      await get('/api/auth/me').catch(() => {});
      if (stopped) return;
      refusals++;
      retry = setTimeout(connect, Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (refusals - 1)));
    };
    /** Each event's id follows the previous one's; a gap means events were missed. */
    const follow = (e: Event) => {
      const id = Number((e as MessageEvent).lastEventId);
      if (!Number.isInteger(id) || id <= 0) return;
      if (lastId !== null && id !== lastId + 1) refetchAll(queryClient);
      lastId = id;
    };
    const connect = () => {
      const es = new EventSource('/api/events');
      source = es;
      es.onopen = () => {
        refusals = 0;
        setState('open');
        if (lost) refetchAll(queryClient);
        lost = false;
        // A new stream counts its ids from 1 again.
        lastId = null;
      };
      es.onerror = () => {
        lost = true;
        setState('lost');
        if (es.readyState === CLOSED) void refused();
      };
      es.addEventListener('status', (e) => {
        follow(e);
        setState('open');
        const next = JSON.parse((e as MessageEvent).data) as BotStatus;
        const previous = queryClient.getQueryData<BotStatus>(['status']);
        queryClient.setQueryData(['status'], next);
        // A session stored or checked elsewhere (`connect`, another tab): the session page refreshes.
        if (previous && JSON.stringify(previous.linkedin) !== JSON.stringify(next.linkedin)) {
          void queryClient.invalidateQueries({ queryKey: ['linkedin-session'] });
        }
      });
      es.addEventListener('run', (e) => {
        follow(e);
        const run = JSON.parse((e as MessageEvent).data) as Run;
        onRun(queryClient, run);
        counts.onRun(run);
      });
      es.addEventListener('log', (e) => {
        follow(e);
        onLog(queryClient, JSON.parse((e as MessageEvent).data) as LogLine);
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      counts.stop();
      source?.close();
    };
  }, [enabled, queryClient]);
  return state;
}

/** What the live events keep fresh, fetched again (the views on screen refetch at once). */
function refetchAll(queryClient: QueryClient): void {
  for (const key of ['status', 'runs', 'run', 'history', 'stats', 'logs']) {
    void queryClient.invalidateQueries({ queryKey: [key] });
  }
}

function onRun(queryClient: QueryClient, run: Run): void {
  queryClient.setQueryData(['run', run.id], (old: Record<string, unknown> | undefined) =>
    old ? { ...old, ...run } : old,
  );
  if (['succeeded', 'failed', 'stopped', 'interrupted'].includes(run.status)) {
    void queryClient.invalidateQueries({ queryKey: ['history'] });
    void queryClient.invalidateQueries({ queryKey: ['stats'] });
    void queryClient.invalidateQueries({ queryKey: ['runs'] });
  }
}

/** How often at most the day figures are fetched again while a run's counters move. */
export const LIVE_COUNTS_MS = 2_000;

const COUNTERS = ['messages_sent', 'skipped', 'errors', 'profiles_visited', 'invitations_withdrawn'] as const;

/**
 * The 7-day summary and the statistics follow a run as it goes: when an active run's counters
 * move, history and stats are fetched again — the figures stay the database's, nothing is
 * added up here. At most once per LIVE_COUNTS_MS (a fast run sends many events); the last
 * change is never dropped. A run's end refetches them anyway (onRun).
 */
function liveCounts(queryClient: QueryClient) {
  const seen = new Map<string, string>();
  let cooling: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const refresh = () => {
    pending = false;
    void queryClient.invalidateQueries({ queryKey: ['history'] });
    void queryClient.invalidateQueries({ queryKey: ['stats'] });
    cooling = setTimeout(() => {
      cooling = undefined;
      if (pending) refresh();
    }, LIVE_COUNTS_MS);
  };
  return {
    onRun(run: Run) {
      if (run.status !== 'running' && run.status !== 'stopping') {
        seen.delete(run.id);
        return;
      }
      const now = COUNTERS.map((key) => run[key]).join(',');
      const before = seen.get(run.id) ?? COUNTERS.map(() => 0).join(',');
      seen.set(run.id, now);
      if (now === before) return;
      if (cooling) pending = true;
      else refresh();
    },
    stop() {
      clearTimeout(cooling);
    },
  };
}

/**
 * Recent-log views keep their newest-first list; a live line goes on top unless it is below
 * the view's level (the overview's bare key is info and above), so a burst of debug lines
 * never pushes the lines a view shows out of its 500.
 */
function onLog(queryClient: QueryClient, line: LogLine): void {
  for (const [key, old] of queryClient.getQueriesData<{ logs: LogLine[] }>({
    queryKey: ['logs', 'recent'],
  })) {
    const filters = (key[2] ?? { min_level: DEFAULT_MIN_LEVEL }) as LogFilters;
    if (filters.min_level && !atLeast(line.level, filters.min_level)) continue;
    if (filters.level && line.level !== filters.level) continue;
    if (!old || old.logs.some((l) => l.id === line.id)) continue;
    queryClient.setQueryData(key, { logs: [line, ...old.logs].slice(0, 500) });
  }
}
