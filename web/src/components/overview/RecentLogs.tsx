import { ArrowDown, ArrowRight } from 'lucide-react';
import { useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { LogLine } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { buttonClass, Card, FOCUS } from '../../ui/index.ts';

const LEVEL_CLASS: Record<LogLine['level'], string> = {
  debug: 'text-slate-400',
  info: 'text-sky-300',
  warn: 'text-amber-300',
  error: 'text-red-400',
};

/** Lines within this many pixels of the bottom count as "at the bottom". */
const STICK_PX = 24;
export const RECENT_LOG_LINES = 20;

/**
 * The last log lines, console style, oldest first (newest at the bottom). New lines scroll into view
 * unless the user scrolled up to read; "jump to latest" resumes following.
 */
export function RecentLogs({ logs }: { logs: LogLine[] | undefined }) {
  const { t, time } = useI18n();
  const boxRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const lines = (logs ?? []).slice(0, RECENT_LOG_LINES).reverse();
  const newest = lines.at(-1)?.id;

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the newest line changes
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (box && follow) box.scrollTop = box.scrollHeight;
  }, [newest, follow]);

  const onScroll = () => {
    const box = boxRef.current;
    if (!box) return;
    setFollow(box.scrollHeight - box.scrollTop - box.clientHeight <= STICK_PX);
  };

  return (
    <Card
      id="overview-logs"
      title={t('overview.logs.title')}
      className="md:col-span-2"
      actions={
        <Link
          to="/logs"
          className={`inline-flex items-center gap-1 rounded text-sm font-medium text-sky-700 hover:underline dark:text-sky-400 ${FOCUS}`}
        >
          {t('overview.logs.viewMore')}
          <ArrowRight className="h-4 w-4" aria-hidden />
        </Link>
      }
    >
      <div
        ref={boxRef}
        role="log"
        aria-label={t('overview.logs.label')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
        onScroll={onScroll}
        className={`h-72 overflow-y-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-relaxed text-slate-100 ${FOCUS}`}
      >
        {lines.length === 0 ? (
          <p className="text-slate-400">{t('overview.logs.empty')}</p>
        ) : (
          <ol>
            {lines.map((line) => (
              <li key={line.id} className="break-words whitespace-pre-wrap" data-level={line.level}>
                <time dateTime={line.ts} className="text-slate-400">
                  {time(line.ts)}
                </time>{' '}
                <span className={`font-semibold uppercase ${LEVEL_CLASS[line.level]}`}>
                  {line.level.padEnd(5)}
                </span>{' '}
                <span
                  className={
                    line.level === 'error' ? 'text-red-300' : line.level === 'warn' ? 'text-amber-100' : ''
                  }
                >
                  {line.message}
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
      {!follow && (
        <div className="mt-2 flex items-center justify-between gap-2 text-xs text-slate-600 dark:text-slate-400">
          <span role="status">{t('overview.logs.paused')}</span>
          <button
            type="button"
            className={`${buttonClass.secondary} py-1 text-xs`}
            onClick={() => setFollow(true)}
          >
            <ArrowDown className="h-3 w-3" aria-hidden />
            {t('overview.logs.resume')}
          </button>
        </div>
      )}
    </Card>
  );
}
