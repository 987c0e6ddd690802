import { ArrowRight } from 'lucide-react';
import { Link } from 'react-router';
import type { Run, RunCounter } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { buttonClass, Card, Stat } from '../../ui/index.ts';
import { HasErrorsBadge, RunStatusBadge, runDurationMs, runFigures, useRunLabels } from '../runs.tsx';

/** The latest run: when, counters, duration, final status in its semantic colour, link to its detail. */
export function LastRunCard({ run }: { run: Run | null }) {
  const { t, dateTime, duration } = useI18n();
  const labels = useRunLabels();
  if (!run) {
    return (
      <Card id="overview-last-run" title={t('overview.lastRun.title')}>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('overview.lastRun.none')}</p>
      </Card>
    );
  }
  const ms = runDurationMs(run);
  const errorLabel = run.error ? labels.error(run.error.code) : null;
  return (
    <Card
      id="overview-last-run"
      title={t('overview.lastRun.title')}
      actions={
        <span className="flex flex-wrap items-center gap-1">
          <RunStatusBadge status={run.status} testId="last-run-status" />
          <HasErrorsBadge run={run} testId="last-run-has-errors" />
        </span>
      }
    >
      <p className="text-sm">
        <span className="text-slate-600 dark:text-slate-400">{t('overview.lastRun.startedAt')} </span>
        <time dateTime={run.started_at ?? run.queued_at} className="font-medium">
          {dateTime(run.started_at ?? run.queued_at)}
        </time>
      </p>
      <p className="mt-1 flex flex-wrap gap-x-2 text-xs text-slate-600 dark:text-slate-400">
        <span>{labels.type(run.type)}</span>
        <span>· {labels.trigger(run.trigger)}</span>
        {run.dry_run && <span>· {t('run.dryRun')}</span>}
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-4">
        <RunCountStats run={run} />
        <Stat
          label={t('run.duration')}
          value={ms === null ? '—' : run.ended_at ? duration(ms) : t('overview.lastRun.inProgress')}
        />
      </dl>
      {run.error && (
        <p
          role="note"
          className="mt-3 rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {errorLabel
            ? t('overview.lastRun.errorNamed', {
                label: errorLabel,
                code: run.error.code,
                message: run.error.message,
              })
            : t('overview.lastRun.error', { code: run.error.code, message: run.error.message })}
        </p>
      )}
      {run.status === 'stopped' && run.stopped_by && (
        <p className="mt-3 text-sm text-amber-800 dark:text-amber-300">
          {t('overview.lastRun.stoppedBy', { who: run.stopped_by })}
        </p>
      )}
      <Link to={`/runs/${encodeURIComponent(run.id)}`} className={`mt-3 ${buttonClass.link}`}>
        {t('overview.viewRun')}
        <ArrowRight className="h-4 w-4" aria-hidden />
      </Link>
    </Card>
  );
}

/** A run's own figures (sent, visited or withdrawn; skipped; errors in red when there are any). */
export function RunCountStats({ run }: { run: Pick<Run, 'type' | RunCounter> }) {
  const { t, number } = useI18n();
  return (
    <>
      {runFigures(run).map((f) => (
        <Stat key={f.counter} label={t(`run.counter.${f.counter}`)} value={number(f.value)} tone={f.tone} />
      ))}
    </>
  );
}
