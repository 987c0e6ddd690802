import { CalendarClock, Hand } from 'lucide-react';
import type { BotStatus } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { BADGE, Card } from '../../ui/index.ts';
import { plannedWhen } from './plannedWhen.ts';

/** The next planned run ("manual only" while auto-run is paused), the auto-run state and the daily window. */
export function NextRunCard({ autoRun, now = new Date() }: { autoRun: BotStatus['auto_run']; now?: Date }) {
  const { t, tag } = useI18n();
  const when = autoRun.next_run_at ? plannedWhen(autoRun.next_run_at, now, autoRun.timezone, tag) : null;
  return (
    <Card
      id="overview-next-run"
      title={t('overview.nextRun.title')}
      actions={
        <span
          data-testid="auto-run-state"
          className={`${BADGE} ${autoRun.enabled ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100' : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300'}`}
        >
          {t(autoRun.enabled ? 'overview.nextRun.autoRunState.on' : 'overview.nextRun.autoRunState.paused')}
        </span>
      }
    >
      {autoRun.enabled ? (
        <p className="flex items-center gap-2">
          <CalendarClock className="h-5 w-5 text-sky-600" aria-hidden />
          {autoRun.next_run_at && when ? (
            <span>
              <span className="text-sm text-slate-600 dark:text-slate-400">
                {t('overview.nextRun.plannedAt')}{' '}
              </span>
              <time dateTime={autoRun.next_run_at} className="text-lg font-semibold">
                {when.day === 'today'
                  ? t('overview.nextRun.today', { time: when.time })
                  : when.day === 'tomorrow'
                    ? t('overview.nextRun.tomorrow', { time: when.time })
                    : t('overview.nextRun.onDate', { date: when.date, time: when.time })}
              </time>
            </span>
          ) : (
            <span className="text-lg font-semibold">{t('overview.nextRun.notPlanned')}</span>
          )}
        </p>
      ) : (
        <p className="flex items-center gap-2 text-lg font-semibold">
          <Hand className="h-5 w-5 text-slate-500" aria-hidden />
          {t('overview.nextRun.manualOnly')}
        </p>
      )}
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
        {t('overview.nextRun.window', {
          start: autoRun.window_start,
          end: autoRun.window_end,
          timezone: autoRun.timezone,
        })}
      </p>
    </Card>
  );
}
