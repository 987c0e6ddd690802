import type { Ref } from 'react';
import { Link } from 'react-router';
import type { LogLevel, LogLine } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FOCUS } from '../ui/index.ts';

const LEVEL_CLASS: Record<LogLevel, string> = {
  debug: 'text-slate-400',
  info: 'text-sky-300',
  warn: 'text-amber-300',
  error: 'text-red-400',
};

/** Errors and warnings stand out in the message too. */
const MESSAGE_CLASS: Partial<Record<LogLevel, string>> = {
  warn: 'text-amber-100',
  error: 'text-red-300',
};

/**
 * Log lines, console style (the overview's recent lines, the logs page, a run's log): a dark
 * scrolling `role="log"` box, one line per entry: time (`stamp`), coloured level, the run's short
 * id as a link to it (`showRun`), the message. `className` sizes the box.
 */
export function LogConsole({
  lines,
  label,
  empty,
  stamp = 'dateTime',
  showRun = true,
  className = 'max-h-[70vh]',
  ref,
  onScroll,
}: {
  lines: LogLine[];
  label: string;
  /** What to say when there is no line. */
  empty?: string;
  stamp?: 'time' | 'dateTime';
  showRun?: boolean;
  className?: string;
  ref?: Ref<HTMLDivElement>;
  onScroll?: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div
      ref={ref}
      role="log"
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the console scrolls; keyboard users need to reach it
      tabIndex={0}
      onScroll={onScroll}
      className={`overflow-auto rounded-lg border border-slate-800 bg-slate-950 p-3 font-mono text-xs leading-relaxed text-slate-100 ${FOCUS} ${className}`}
    >
      {lines.length === 0 ? (
        <p className="text-slate-400">{empty ?? t('pages.logs.empty')}</p>
      ) : (
        <ol>
          {lines.map((line) => (
            <li key={line.id} className="flex gap-2 whitespace-pre-wrap break-words" data-level={line.level}>
              <time dateTime={line.ts} className="shrink-0 text-slate-400">
                {i18n[stamp](line.ts)}
              </time>
              <span className={`w-12 shrink-0 font-semibold uppercase ${LEVEL_CLASS[line.level] ?? ''}`}>
                {line.level}
              </span>
              {showRun && line.run_id && (
                <Link
                  to={`/runs/${encodeURIComponent(line.run_id)}`}
                  className="shrink-0 text-violet-300 underline-offset-2 hover:underline"
                  title={t('pages.logs.openRun')}
                >
                  {line.run_id.slice(0, 8)}
                </Link>
              )}
              <span className={`min-w-0 flex-1 ${MESSAGE_CLASS[line.level] ?? ''}`}>{line.message}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
