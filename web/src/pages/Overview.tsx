import { BirthdayPreviewCard } from '../components/overview/BirthdayPreviewCard.tsx';
import {
  useBotStatus,
  useConnection,
  useRecentLogs,
  useStats,
  useWeekHistory,
} from '../components/overview/hooks.ts';
import { LastRunCard } from '../components/overview/LastRunCard.tsx';
import { NextRunCard } from '../components/overview/NextRunCard.tsx';
import { QuickActions } from '../components/overview/QuickActions.tsx';
import { RecentLogs } from '../components/overview/RecentLogs.tsx';
import { SafetyPauseBanner } from '../components/overview/SafetyPauseBanner.tsx';
import { SelectorNotice } from '../components/overview/SelectorNotice.tsx';
import { SessionBadge, SessionBanner } from '../components/overview/SessionBadge.tsx';
import { StatusCard } from '../components/overview/StatusCard.tsx';
import { WeekSummary } from '../components/overview/WeekSummary.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { LoadError } from '../ui/index.ts';

/** "Vue d'ensemble": live bot status, last and next run, quick actions, 7-day summary, recent logs. */
export function OverviewPage() {
  const { t } = useI18n();
  const connection = useConnection();
  const status = useBotStatus(connection);
  const history = useWeekHistory();
  const stats = useStats();
  const logs = useRecentLogs(connection);

  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t('overview.title')}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('overview.subtitle')}</p>
        </div>
        {status.data && <SessionBadge linkedin={status.data.linkedin} />}
      </header>

      {status.data?.safety_pause && <SafetyPauseBanner pause={status.data.safety_pause} />}
      {status.data && <SessionBanner linkedin={status.data.linkedin} />}
      {status.data && <SelectorNotice status={status.data} />}

      {status.isError && (
        <LoadError
          message={t('overview.loadError', { message: status.error.message })}
          onRetry={() => void status.refetch()}
          retryLabel={t('overview.retry')}
        />
      )}
      {status.isPending && <p className="text-sm">{t('common.loading')}</p>}

      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        {status.data && (
          <>
            <StatusCard status={status.data} connection={connection} />
            <LastRunCard run={status.data.last_run} />
            <NextRunCard autoRun={status.data.auto_run} />
            <QuickActions status={status.data} />
          </>
        )}
        <WeekSummary history={history.data} stats={stats.data} />
        <BirthdayPreviewCard />
        <RecentLogs logs={logs.data?.logs} />
      </div>
    </div>
  );
}
