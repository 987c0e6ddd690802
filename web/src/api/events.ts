import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { BotStatus, LogLine, Run } from './types.ts';

export type ConnectionState = 'connecting' | 'open' | 'lost';

/**
 * Live updates: one EventSource on /api/events feeds the query cache (status, runs, logs),
 * so every view updates without polling. EventSource reconnects by itself; while it is
 * down the UI says so.
 */
export function useLiveEvents(enabled: boolean): ConnectionState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/events');
    source.onopen = () => setState('open');
    source.onerror = () => setState('lost');
    source.addEventListener('status', (e) => {
      setState('open');
      const next = JSON.parse((e as MessageEvent).data) as BotStatus;
      const previous = queryClient.getQueryData<BotStatus>(['status']);
      queryClient.setQueryData(['status'], next);
      // A session stored or checked elsewhere (`connect`, another tab): the session page refreshes.
      if (previous && JSON.stringify(previous.linkedin) !== JSON.stringify(next.linkedin)) {
        void queryClient.invalidateQueries({ queryKey: ['linkedin-session'] });
      }
    });
    source.addEventListener('run', (e) => onRun(queryClient, JSON.parse((e as MessageEvent).data) as Run));
    source.addEventListener('log', (e) =>
      onLog(queryClient, JSON.parse((e as MessageEvent).data) as LogLine),
    );
    return () => source.close();
  }, [enabled, queryClient]);
  return state;
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

/** Recent-log views keep their newest-first list; a live line goes on top. */
function onLog(queryClient: QueryClient, line: LogLine): void {
  queryClient.setQueriesData({ queryKey: ['logs', 'recent'] }, (old: { logs: LogLine[] } | undefined) =>
    old && !old.logs.some((l) => l.id === line.id) ? { logs: [line, ...old.logs].slice(0, 500) } : old,
  );
}
