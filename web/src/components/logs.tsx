import type { Ref } from 'react';
import { Link } from 'react-router';
import type { LogLevel, LogLine } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FOCUS } from '../ui/index.ts';
import { logText } from './logText.ts';

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
 * scrolling `role="log"` box, one entry per line: time (`stamp`), coloured level, the run's short
 * id as a link to it (`showRun`), the message in the reader's language. On a phone the message
 * goes under its time and level, full width, so it stays readable. `className` sizes the box.
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
            <li
              key={line.id}
              className="flex flex-wrap items-baseline gap-x-2 border-b border-slate-800/60 py-1 last:border-b-0 sm:flex-nowrap sm:border-b-0 sm:py-0"
              data-level={line.level}
            >
              <time dateTime={line.ts} className="shrink-0 whitespace-nowrap text-slate-400">
                {i18n[stamp](line.ts)}
              </time>
              <span
                className={`w-14 shrink-0 whitespace-nowrap font-semibold ${LEVEL_CLASS[line.level] ?? ''}`}
                title={t(`pages.level.${line.level}`)}
              >
                {t(`log.badge.${line.level}`)}
              </span>
              {showRun && line.run_id && (
                <Link
                  to={`/runs/${encodeURIComponent(line.run_id)}`}
                  className="shrink-0 whitespace-nowrap text-violet-300 underline-offset-2 hover:underline"
                  title={t('pages.logs.openRun')}
                >
                  {line.run_id.slice(0, 8)}
                </Link>
              )}
              <span
                className={`min-w-0 basis-full whitespace-pre-wrap wrap-anywhere sm:basis-0 sm:flex-1 ${MESSAGE_CLASS[line.level] ?? ''}`}
              >
                {logText(line, t)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
