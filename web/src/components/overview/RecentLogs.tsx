import { ArrowDown, ArrowRight } from 'lucide-react';
import { useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { LogLine } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { buttonClass, Card, FOCUS } from '../../ui/index.ts';
import { LogConsole } from '../logs.tsx';
import { atLeast, DEFAULT_MIN_LEVEL } from '../pages/logs.tsx';

/** Lines within this many pixels of the bottom count as "at the bottom". */
const STICK_PX = 24;
export const RECENT_LOG_LINES = 20;

/**
 * The last log lines, info and above (live lines of every level arrive here too), console style,
 * oldest first (newest at the bottom). New lines scroll into view unless the user scrolled up to
 * read; "jump to latest" resumes following.
 */
export function RecentLogs({ logs }: { logs: LogLine[] | undefined }) {
  const { t } = useI18n();
  const boxRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const lines = (logs ?? [])
    .filter((line) => atLeast(line.level, DEFAULT_MIN_LEVEL))
    .slice(0, RECENT_LOG_LINES)
    .reverse();
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
      <LogConsole
        ref={boxRef}
        lines={lines}
        label={t('overview.logs.label')}
        empty={t('overview.logs.empty')}
        stamp="time"
        showRun={false}
        onScroll={onScroll}
        className="h-72"
      />
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
