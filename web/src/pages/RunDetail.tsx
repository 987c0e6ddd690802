import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, Square } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { toast } from 'sonner';
import { ApiError, api, get } from '../api/client.ts';
import type { RunWithOutcomes } from '../api/types.ts';
import { OutcomeActions } from '../components/birthdays/OutcomeActions.tsx';
import { LogConsole } from '../components/logs.tsx';
import { DEFAULT_MIN_LEVEL, useLogLines } from '../components/pages/logs.tsx';
import { OutcomesTable } from '../components/runOutcomes.tsx';
import {
  HasErrorsBadge,
  RunStatusBadge,
  runDurationMs,
  runFigures,
  useRunLabels,
} from '../components/runs.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import {
  Banner,
  buttonClass,
  Card,
  ConfirmButton,
  Detail,
  ErrorAlert,
  Loading,
  LoadMore,
  mutedText,
  PageHeader,
  QueryFallback,
} from '../ui/index.ts';

/** One run: counters, status, error, who stopped it, per-contact outcomes, its log; Stop while active. */
export function RunDetailPage() {
  const { id = '' } = useParams();
  const { t, dateTime, number, duration } = useI18n();
  const labels = useRunLabels();
  const queryClient = useQueryClient();

  const run = useQuery({
    queryKey: ['run', id],
    queryFn: () => get<RunWithOutcomes>(`/api/runs/${encodeURIComponent(id)}`),
    // Live `run` events update the counters; outcomes come from here while it runs.
    refetchInterval: (query) => (isActive(query.state.data?.status) ? 5000 : false),
  });
  const logs = useLogLines({ run_id: id, min_level: DEFAULT_MIN_LEVEL });

  const stop = async () => {
    try {
      await api('POST', '/api/bot/action', { action: 'stop', run_id: id });
      toast.success(t('pages.run.stopRequested'));
    } catch (err) {
      toast.error(
        err instanceof ApiError && err.code === 'no_active_run' ? t('pages.run.notActive') : String(err),
      );
    }
    void queryClient.invalidateQueries({ queryKey: ['run', id] });
    void queryClient.invalidateQueries({ queryKey: ['status'] });
  };

  if (run.isPending) return <Loading />;
  if (run.isError) {
    return (
      <div className="space-y-4">
        <BackLink />
        {run.error instanceof ApiError && run.error.status === 404 ? (
          <p role="alert">{t('pages.run.notFound')}</p>
        ) : (
          <ErrorAlert error={run.error} />
        )}
      </div>
    );
  }

  const data = run.data;
  const ms = runDurationMs(data);
  const canStop = data.status === 'queued' || data.status === 'running';
  const active = isActive(data.status);
  const errorName = data.error ? labels.error(data.error.code) : null;

  return (
    <div className="space-y-4">
      <BackLink />
      <PageHeader
        title={t('run.detail.title', {
          type: labels.type(data.type),
          date: dateTime(data.started_at ?? data.queued_at),
        })}
        description={t('run.detail.id', { id: data.id.slice(0, 8) })}
        actions={
          canStop && (
            <ConfirmButton
              title={t('pages.run.stopConfirmTitle')}
              description={t('pages.run.stopConfirmText')}
              confirmLabel={t('pages.run.stop')}
              onConfirm={stop}
            >
              <Square className="h-4 w-4" aria-hidden />
              {t('pages.run.stop')}
            </ConfirmButton>
          )
        }
      />
      <Card title={t('pages.run.summary')}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Detail label={t('pages.runs.status')}>
            <span aria-live="polite" className="inline-flex flex-wrap items-center gap-1">
              <RunStatusBadge status={data.status} />
              <HasErrorsBadge run={data} />
            </span>
          </Detail>
          <Detail label={t('pages.runs.trigger')}>
            {labels.trigger(data.trigger)}
            {data.dry_run && ` · ${t('run.dryRun')}`}
          </Detail>
          <Detail label={t('pages.runs.queuedAt')}>{dateTime(data.queued_at)}</Detail>
          <Detail label={t('pages.run.startedAt')}>
            {data.started_at ? dateTime(data.started_at) : '—'}
          </Detail>
          <Detail label={t('pages.run.endedAt')}>{data.ended_at ? dateTime(data.ended_at) : '—'}</Detail>
          <Detail label={t('run.duration')}>{ms === null ? '—' : duration(ms)}</Detail>
          {/* The step is news only while the run goes on: a finished run says how it ended. */}
          {active && data.progress?.step && <Detail label={t('pages.run.step')}>{data.progress.step}</Detail>}
          {data.progress?.found !== undefined && (
            <Detail label={t('pages.run.found')}>{number(data.progress.found)}</Detail>
          )}
          {data.stopped_by && <Detail label={t('pages.run.stoppedBy')}>{data.stopped_by}</Detail>}
        </dl>
        {!active && ms !== null && (
          <p className="mt-3 text-sm" data-testid="run-finished">
            {t('run.detail.finished', { status: labels.status(data.status), duration: duration(ms) })}
          </p>
        )}
        {data.error && (
          <Banner role="alert" tone="danger" className="mt-4">
            <p className="font-semibold">
              {t('pages.run.error')}:{' '}
              {errorName ? (
                <>
                  {errorName} (<code>{data.error.code}</code>)
                </>
              ) : (
                <code>{data.error.code}</code>
              )}
            </p>
            <p className="mt-1">{data.error.message}</p>
          </Banner>
        )}
      </Card>
      <ul aria-label={t('run.figures')} className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        {runFigures(data).map((f) => (
          <li
            key={f.counter}
            className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
          >
            <span className="block text-xs text-slate-600 dark:text-slate-400">
              {t(`run.counter.${f.counter}`)}
            </span>
            <span
              className={`text-2xl font-semibold tabular-nums ${f.tone === 'error' ? 'text-red-700 dark:text-red-400' : ''}`}
            >
              {number(f.value)}
            </span>
          </li>
        ))}
      </ul>
      <Card title={t('pages.run.outcomes')}>
        {data.outcomes.length === 0 ? (
          <p className={mutedText}>{t('pages.run.noOutcomes')}</p>
        ) : (
          <OutcomesTable
            label={t('pages.run.outcomes')}
            outcomes={data.outcomes}
            extraColumns={[
              {
                header: t('preview.actions'),
                cell: (o) => <OutcomeActions outcome={o} runType={data.type} />,
              },
            ]}
          />
        )}
      </Card>
      <Card title={t('pages.run.logs')}>
        {!logs.recent.isSuccess ? (
          <QueryFallback query={logs.recent} />
        ) : (
          <LogConsole lines={logs.lines} label={t('pages.run.logs')} showRun={false} />
        )}
        <LoadMore
          pager={logs.older}
          label={t('pages.logs.loadOlder')}
          className={`mt-3 ${buttonClass.link}`}
        />
      </Card>
    </div>
  );
}

function isActive(status: string | undefined): boolean {
  return status === 'queued' || status === 'running' || status === 'stopping';
}

function BackLink() {
  const { t } = useI18n();
  return (
    <Link
      to="/runs"
      className="inline-flex items-center gap-1 text-sm text-sky-700 hover:underline dark:text-sky-400"
    >
      <ArrowLeft className="h-4 w-4" aria-hidden />
      {t('pages.run.back')}
    </Link>
  );
}
