import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { get } from '../../api/client.ts';
import { LOG_LEVELS } from '../../api/contract.ts';
import type { LogLevel, LogLine } from '../../api/types.ts';
import type { I18n } from '../../i18n/i18n.tsx';
import { type Pager, pageUrl } from '../../ui/index.ts';
import { logText } from '../logText.ts';

export type { LogLevel };
export { LOG_LEVELS };

export interface LogFilters {
  /** This level only. */
  level?: LogLevel;
  /** This level and above. */
  min_level?: LogLevel;
  /** A run's id, or its first 8 characters or more. */
  run_id?: string;
}

/** What user views show unless asked for more: no driver chatter. */
export const DEFAULT_MIN_LEVEL: LogLevel = 'info';

/** Whether `level` is `min` or above (debug < info < warn < error). */
export function atLeast(level: LogLevel, min: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(min);
}

/** Whether a line belongs to the run the filter names (its whole id, or the start the dashboard shows). */
export function ofRun(runId: string | null, filter: string): boolean {
  if (!runId) return false;
  const wanted = filter.toLowerCase();
  return runId === filter || (wanted.length >= 8 && runId.toLowerCase().startsWith(wanted));
}

export const RECENT_LIMIT = 200;
export const OLDER_LIMIT = 200;

export function logsUrl(filters: LogFilters, limit: number, before?: number): string {
  return pageUrl(
    '/api/logs',
    limit,
    { min_level: filters.min_level, level: filters.level, run_id: filters.run_id },
    before,
  );
}

/** Live lines arrive unfiltered: the same filters as the server's, applied here. */
function matches(line: LogLine, filters: LogFilters): boolean {
  return (
    (!filters.level || line.level === filters.level) &&
    (!filters.min_level || atLeast(line.level, filters.min_level)) &&
    (!filters.run_id || ofRun(line.run_id, filters.run_id))
  );
}

/**
 * Newest-first log lines: the recent ones live under `['logs','recent', filters]` (the live
 * `log` events prepend there, so lines that do not match the filters are dropped here),
 * plus older pages fetched on demand with `before`.
 */
export function useLogLines({ level, min_level, run_id }: LogFilters) {
  // A sub-key of ['logs','recent'] (live lines land there too) that does not share its
  // cache with the overview's short list.
  const recent = useQuery({
    queryKey: ['logs', 'recent', { level, min_level, run_id }],
    queryFn: () => get<{ logs: LogLine[] }>(logsUrl({ level, min_level, run_id }, RECENT_LIMIT)),
  });
  const [older, setOlder] = useState<LogLine[]>([]);
  const [olderDone, setOlderDone] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<unknown>(null);

  // New filters: start again from the recent lines.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a change of filters only
  useEffect(() => {
    setOlder([]);
    setOlderDone(false);
    setOlderError(null);
  }, [level, min_level, run_id]);

  const lines = useMemo(() => {
    const seen = new Set<number>();
    const out: LogLine[] = [];
    for (const line of [...(recent.data?.logs ?? []), ...older]) {
      if (seen.has(line.id) || !matches(line, { level, min_level, run_id })) continue;
      seen.add(line.id);
      out.push(line);
    }
    return out;
  }, [recent.data, older, level, min_level, run_id]);

  const loadOlder = async () => {
    const oldest = lines.reduce<number | undefined>(
      (min, l) => (min === undefined || l.id < min ? l.id : min),
      undefined,
    );
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const page = await get<{ logs: LogLine[] }>(logsUrl({ level, min_level, run_id }, OLDER_LIMIT, oldest));
      setOlder((prev) => [...prev, ...page.logs]);
      if (page.logs.length < OLDER_LIMIT) setOlderDone(true);
    } catch (err) {
      setOlderError(err);
    } finally {
      setLoadingOlder(false);
    }
  };

  const recentCount = recent.data?.logs.length ?? 0;
  const hasOlder = !olderDone && recent.isSuccess && (older.length > 0 || recentCount > 0);
  const olderPager: Pager = {
    hasNextPage: hasOlder,
    isFetchingNextPage: loadingOlder,
    fetchNextPage: loadOlder,
  };
  return { recent, lines, older: olderPager, olderError };
}

/**
 * The lines as the log console shows them, for the clipboard: time, level badge, the run's
 * short id and the text, all in the reader's language (the stored English text only for a
 * line whose code the dashboard does not know, as on screen).
 */
export function formatLogLines(lines: LogLine[], i18n: Pick<I18n, 't' | 'dateTime'>): string {
  const { t } = i18n;
  const badges = LOG_LEVELS.map((level) => t(`log.badge.${level}`));
  const width = Math.max(...badges.map((b) => b.length));
  return lines
    .map((l) =>
      [
        i18n.dateTime(l.ts),
        t(`log.badge.${l.level}`).padEnd(width),
        ...(l.run_id ? [l.run_id.slice(0, 8)] : []),
        logText(l, t),
      ].join(' '),
    )
    .join('\n');
}
