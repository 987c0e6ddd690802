import { Link, useSearchParams } from 'react-router';
import type { Run } from '../api/types.ts';
import {
  HasErrorsBadge,
  RUN_STATUSES,
  RUN_TYPES,
  RunFiguresInline,
  RunStatusBadge,
  runDurationMs,
  useRunLabels,
} from '../components/runs.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Card, FilterSelect, PagedTable, PageHeader, usePagedList } from '../ui/index.ts';

export const RUNS_PAGE_SIZE = 20;

/** Run history, newest first, filterable by type and status, paged with `before`. */
export function RunsPage() {
  const { t, dateTime, duration } = useI18n();
  const labels = useRunLabels();
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? '';
  const status = params.get('status') ?? '';

  const runs = usePagedList<'runs', Run>({
    queryKey: ['runs', 'list', { type, status }],
    path: '/api/runs',
    key: 'runs',
    pageSize: RUNS_PAGE_SIZE,
    filters: { type, status },
  });

  const setFilter = (name: 'type' | 'status', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const filters = [
    { name: 'type', value: type, all: t('pages.runs.allTypes'), values: RUN_TYPES, labelOf: labels.type },
    {
      name: 'status',
      value: status,
      all: t('pages.runs.allStatuses'),
      values: RUN_STATUSES,
      labelOf: labels.status,
    },
  ] as const;

  return (
    <div className="space-y-4">
      <PageHeader title={t('pages.runs.title')} description={t('pages.runs.description')} />
      <Card>
        <search aria-label={t('pages.runs.filters')} className="flex flex-wrap gap-3">
          {filters.map((filter) => (
            <FilterSelect
              key={filter.name}
              label={t(`pages.runs.${filter.name}`)}
              value={filter.value}
              onChange={(v) => setFilter(filter.name, v)}
              className="w-44"
              all={filter.all}
              values={filter.values}
              labelOf={filter.labelOf}
            />
          ))}
        </search>
      </Card>
      <PagedTable
        list={runs}
        empty={t('pages.runs.empty')}
        label={t('pages.runs.table')}
        minWidth="min-w-[720px]"
        rowClassName="hover:bg-slate-50 dark:hover:bg-slate-800/50"
        columns={[
          {
            header: t('pages.runs.queuedAt'),
            className: 'whitespace-nowrap',
            cell: (run) => (
              <Link
                to={`/runs/${encodeURIComponent(run.id)}`}
                className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
              >
                {dateTime(run.queued_at)}
              </Link>
            ),
          },
          {
            header: t('pages.runs.type'),
            cell: (run) => (
              <>
                {labels.type(run.type)}
                {run.dry_run && (
                  <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">
                    {t('run.dryRun')}
                  </span>
                )}
              </>
            ),
          },
          {
            header: t('pages.runs.status'),
            cell: (run) => (
              <>
                <span className="flex flex-wrap items-center gap-1">
                  <RunStatusBadge status={run.status} />
                  <HasErrorsBadge run={run} />
                </span>
                {run.error && (
                  <span
                    className="mt-1 block text-xs text-slate-600 dark:text-slate-400"
                    title={run.error.message}
                  >
                    {labels.error(run.error.code) ?? run.error.code}
                  </span>
                )}
              </>
            ),
          },
          { header: t('pages.runs.trigger'), cell: (run) => labels.trigger(run.trigger) },
          // One column of the run type's own figures: a visit run shows visits, not messages.
          { header: t('run.result'), cell: (run) => <RunFiguresInline run={run} /> },
          {
            header: t('run.duration'),
            numeric: true,
            className: 'whitespace-nowrap',
            cell: (run) => {
              const ms = runDurationMs(run);
              return ms === null ? '—' : duration(ms);
            },
          },
        ]}
      />
    </div>
  );
}
