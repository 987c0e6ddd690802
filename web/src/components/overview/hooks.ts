import { useQuery } from '@tanstack/react-query';
import { useOutletContext } from 'react-router';
import { get } from '../../api/client.ts';
import type { ConnectionState } from '../../api/events.ts';
import type { BotStatus, History, LogLine, Settings, Stats } from '../../api/types.ts';
import { DEFAULT_MIN_LEVEL } from '../pages/logs.tsx';

/** Polling interval used only while the live event stream is down (the seed's 5 s refresh). */
export const FALLBACK_POLL_MS = 5_000;

/** The live connection state Layout passes through `<Outlet context>`; 'open' outside a Layout. */
export function useConnection(): ConnectionState {
  const ctx = useOutletContext<{ connection?: ConnectionState } | undefined>();
  return ctx?.connection ?? 'open';
}

/** Bot status: kept fresh by the `status` SSE event; polled only while the stream is down. */
export function useBotStatus(connection: ConnectionState) {
  return useQuery({
    queryKey: ['status'],
    queryFn: () => get<BotStatus>('/api/bot/status'),
    refetchInterval: connection === 'open' ? false : FALLBACK_POLL_MS,
  });
}

export function useSettings() {
  return useQuery({ queryKey: ['settings'], queryFn: () => get<Settings>('/api/settings') });
}

export function useWeekHistory() {
  return useQuery({ queryKey: ['history', 7], queryFn: () => get<History>('/api/history?days=7') });
}

export function useStats() {
  return useQuery({ queryKey: ['stats'], queryFn: () => get<Stats>('/api/stats') });
}

/**
 * The newest-first recent log lines, info and above; live `log` events (every level) are
 * prepended into this key by events.ts, so RecentLogs drops the debug ones.
 */
export function useRecentLogs(connection: ConnectionState) {
  return useQuery({
    queryKey: ['logs', 'recent'],
    queryFn: () => get<{ logs: LogLine[] }>(`/api/logs?limit=20&min_level=${DEFAULT_MIN_LEVEL}`),
    refetchInterval: connection === 'open' ? false : FALLBACK_POLL_MS,
  });
}
