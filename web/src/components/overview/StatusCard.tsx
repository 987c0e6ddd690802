import { Activity, Loader2, Server, WifiOff } from 'lucide-react';
import type { ConnectionState } from '../../api/events.ts';
import type { BotStatus, Run } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { BADGE, Card, Stat } from '../../ui/index.ts';
import { useRunLabels } from '../runs.tsx';
import { RunCountStats } from './LastRunCard.tsx';

/** Global bot status: Active / Idle, the live run's progress, the worker, the connection. */
export function StatusCard({ status, connection }: { status: BotStatus; connection: ConnectionState }) {
  const { t, number } = useI18n();
  const active = status.active_jobs[0] ?? null;
  const queued = status.queued_jobs.length;
  const isActive = status.running || status.active_jobs.length > 0 || queued > 0;
  const lost = connection === 'lost';
  const workerOnline = status.worker.status === 'online';

  return (
    <Card
      id="overview-status"
      title={t('overview.status.title')}
      muted={lost}
      actions={<StateBadge status={status} />}
    >
      {lost && (
        <p role="status" className="mb-3 flex items-start gap-2 text-sm text-amber-800 dark:text-amber-300">
          <WifiOff className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
          {t('overview.status.connectionLost')}
        </p>
      )}
      <p className="flex items-center gap-2 text-2xl font-bold" data-testid="bot-state">
        <span
          aria-hidden
          className={`inline-block h-3 w-3 rounded-full ${isActive ? 'bg-emerald-500' : 'bg-slate-400 dark:bg-slate-500'}`}
        />
        {isActive ? t('overview.status.active') : t('overview.status.idle')}
      </p>

      {active ? (
        <ActiveRun run={active} />
      ) : (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{t('overview.status.noActiveRun')}</p>
      )}
      {queued > 0 && (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          {t('overview.status.queuedRuns', { count: number(queued) })}
        </p>
      )}

      <p className="mt-4 flex flex-wrap items-center gap-2 text-sm">
        <Server className="h-4 w-4 text-slate-500" aria-hidden />
        <span className="font-medium">{t('overview.status.worker')}</span>
        <span
          className={`${BADGE} ${workerOnline ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100' : 'bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-100'}`}
        >
          {t('overview.status.worker.detail', {
            status: t(workerOnline ? 'overview.status.worker.online' : 'overview.status.worker.offline'),
            mode: t(
              status.worker.mode === 'bullmq'
                ? 'overview.status.worker.bullmq'
                : 'overview.status.worker.embedded',
            ),
            count: number(status.worker.count),
          })}
        </span>
      </p>
    </Card>
  );
}

function StateBadge({ status }: { status: BotStatus }) {
  const { t } = useI18n();
  if (status.state === 'stopping') {
    return (
      <span className={`${BADGE} bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100`}>
        <Loader2 className="h-3 w-3 animate-spin motion-reduce:animate-none" aria-hidden />
        {t('overview.status.badge.stopping')}
      </span>
    );
  }
  if (status.state === 'running' || status.active_jobs.length > 0) {
    return (
      <span className={`${BADGE} bg-sky-100 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100`}>
        <span className="relative flex h-2 w-2" aria-hidden>
          <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-sky-500 opacity-75 motion-reduce:animate-none" />
          <span className="relative inline-flex h-2 w-2 rounded-full bg-sky-600" />
        </span>
        {t('overview.status.badge.running')}
      </span>
    );
  }
  if (status.queued_jobs.length > 0) {
    return (
      <span className={`${BADGE} bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100`}>
        {t('overview.status.badge.queued')}
      </span>
    );
  }
  return (
    <span className={`${BADGE} bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300`}>
      {t('overview.status.badge.idle')}
    </span>
  );
}

/** Live counters of the active run, with a progress bar once the number of contacts is known. */
function ActiveRun({ run }: { run: Run }) {
  const { t, number } = useI18n();
  const found = run.progress?.found;
  const done = run.messages_sent + run.skipped + run.errors;
  const labels = useRunLabels();
  return (
    <div className="mt-3 rounded-md bg-slate-50 p-3 dark:bg-slate-800/60" data-testid="active-run">
      <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
        <Activity className="h-4 w-4 text-sky-600" aria-hidden />
        {t('overview.status.activeRun')}
        <span className="text-slate-600 dark:text-slate-400">· {labels.type(run.type)}</span>
        {run.dry_run && (
          <span
            className={`${BADGE} bg-violet-100 text-violet-900 dark:bg-violet-900/50 dark:text-violet-100`}
          >
            {t('run.dryRun')}
          </span>
        )}
      </p>
      <dl className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
        <RunCountStats run={run} />
        <Stat label={t('overview.stat.found')} value={found === undefined ? '—' : number(found)} />
      </dl>
      {found !== undefined && found > 0 && (
        <div className="mt-2">
          <div
            role="progressbar"
            aria-label={t('overview.status.progressLabel')}
            aria-valuemin={0}
            aria-valuemax={found}
            aria-valuenow={Math.min(done, found)}
            aria-valuetext={t('overview.status.progressText', { done: number(done), found: number(found) })}
            className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
          >
            <div className="h-full bg-sky-600" style={{ width: `${Math.min(100, (done / found) * 100)}%` }} />
          </div>
        </div>
      )}
      {run.progress?.step && (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          {t('overview.status.step', { step: run.progress.step })}
        </p>
      )}
    </div>
  );
}
