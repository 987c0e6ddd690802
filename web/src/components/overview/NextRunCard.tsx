import { CalendarClock, Hand } from 'lucide-react';
import type { BotStatus } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { BADGE, Card } from '../../ui/index.ts';

/** The next planned run ("manual only" while auto-run is off), the auto-run state and the daily window. */
export function NextRunCard({ autoRun }: { autoRun: BotStatus['auto_run'] }) {
  const { t, dateTime } = useI18n();
  return (
    <Card
      id="overview-next-run"
      title={t('overview.nextRun.title')}
      actions={
        <span
          className={`${BADGE} ${autoRun.enabled ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100' : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300'}`}
        >
          {t('overview.nextRun.autoRun')} :{' '}
          {t(autoRun.enabled ? 'overview.nextRun.autoRunOn' : 'overview.nextRun.autoRunOff')}
        </span>
      }
    >
      {autoRun.enabled ? (
        <p className="flex items-center gap-2">
          <CalendarClock className="h-5 w-5 text-sky-600" aria-hidden />
          {autoRun.next_run_at ? (
            <span>
              <span className="text-sm text-slate-600 dark:text-slate-400">
                {t('overview.nextRun.plannedAt')}{' '}
              </span>
              <time dateTime={autoRun.next_run_at} className="text-lg font-semibold">
                {dateTime(autoRun.next_run_at)}
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
