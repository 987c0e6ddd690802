import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { get } from '../api/client.ts';
import type { Run } from '../api/types.ts';
import {
  HasErrorsBadge,
  RUN_STATUSES,
  RUN_TYPES,
  RunStatusBadge,
  runDuration,
  useRunErrorLabel,
  useRunTypeLabel,
  useStatusLabel,
} from '../components/pages/runs.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import {
  buttonClass,
  Card,
  ErrorAlert,
  inputClass,
  Loading,
  PageHeader,
  TableScroll,
  tdClass,
  thClass,
} from '../ui/index.ts';

export const RUNS_PAGE_SIZE = 20;

function runsUrl(type: string, status: string, before?: string): string {
  const params = new URLSearchParams({ limit: String(RUNS_PAGE_SIZE) });
  if (type) params.set('type', type);
  if (status) params.set('status', status);
  if (before) params.set('before', before);
  return `/api/runs?${params}`;
}

/** Run history, newest first, filterable by type and status, paged with `before`. */
export function RunsPage() {
  const { t, dateTime, number, duration } = useI18n();
  const statusLabel = useStatusLabel();
  const typeLabel = useRunTypeLabel();
  const errorLabel = useRunErrorLabel();
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? '';
  const status = params.get('status') ?? '';

  const runs = useInfiniteQuery({
    queryKey: ['runs', 'list', { type, status }],
    queryFn: ({ pageParam }) => get<{ runs: Run[] }>(runsUrl(type, status, pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.runs.length < RUNS_PAGE_SIZE ? undefined : last.runs.at(-1)?.id),
  });

  const setFilter = (name: 'type' | 'status', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const list = runs.data?.pages.flatMap((p) => p.runs) ?? [];

  return (
    <div className="space-y-4">
      <PageHeader title={t('pages.runs.title')} description={t('pages.runs.description')} />
      <Card>
        <search aria-label={t('pages.runs.filters')} className="flex flex-wrap gap-3">
          <div className="space-y-1">
            <label htmlFor="runs-type" className="block text-sm font-medium">
              {t('pages.runs.type')}
            </label>
            <select
              id="runs-type"
              value={type}
              onChange={(e) => setFilter('type', e.target.value)}
              className={`${inputClass} w-44`}
            >
              <option value="">{t('pages.runs.allTypes')}</option>
              {RUN_TYPES.map((v) => (
                <option key={v} value={v}>
                  {typeLabel(v)}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="runs-status" className="block text-sm font-medium">
              {t('pages.runs.status')}
            </label>
            <select
              id="runs-status"
              value={status}
              onChange={(e) => setFilter('status', e.target.value)}
              className={`${inputClass} w-44`}
            >
              <option value="">{t('pages.runs.allStatuses')}</option>
              {RUN_STATUSES.map((v) => (
                <option key={v} value={v}>
                  {statusLabel(v)}
                </option>
              ))}
            </select>
          </div>
        </search>
      </Card>
      {runs.isPending ? (
        <Loading />
      ) : runs.isError ? (
        <ErrorAlert error={runs.error} />
      ) : list.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('pages.runs.empty')}</p>
      ) : (
        <Card>
          <TableScroll label={t('pages.runs.table')}>
            <table className="w-full min-w-[760px] border-collapse">
              <caption className="sr-only">{t('pages.runs.table')}</caption>
              <thead>
                <tr>
                  <th scope="col" className={thClass}>
                    {t('pages.runs.queuedAt')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('pages.runs.type')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('pages.runs.status')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('pages.runs.trigger')}
                  </th>
                  <th scope="col" className={`${thClass} text-right`}>
                    {t('pages.counter.messages_sent')}
                  </th>
                  <th scope="col" className={`${thClass} text-right`}>
                    {t('pages.counter.skipped')}
                  </th>
                  <th scope="col" className={`${thClass} text-right`}>
                    {t('pages.counter.errors')}
                  </th>
                  <th scope="col" className={`${thClass} text-right`}>
                    {t('pages.counter.profiles_visited')}
                  </th>
                  <th scope="col" className={`${thClass} text-right`}>
                    {t('pages.counter.invitations_withdrawn')}
                  </th>
                  <th scope="col" className={`${thClass} text-right`}>
                    {t('pages.runs.duration')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((run) => {
                  const ms = runDuration(run);
                  return (
                    <tr key={run.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                      <td className={`${tdClass} whitespace-nowrap`}>
                        <Link
                          to={`/runs/${encodeURIComponent(run.id)}`}
                          className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
                        >
                          {dateTime(run.queued_at)}
                        </Link>
                      </td>
                      <td className={tdClass}>
                        {typeLabel(run.type)}
                        {run.dry_run && (
                          <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">
                            {t('pages.runs.dryRun')}
                          </span>
                        )}
                      </td>
                      <td className={tdClass}>
                        <span className="flex flex-wrap items-center gap-1">
                          <RunStatusBadge status={run.status} />
                          <HasErrorsBadge run={run} />
                        </span>
                        {run.error && (
                          <span
                            className="mt-1 block text-xs text-slate-600 dark:text-slate-400"
                            title={run.error.message}
                          >
                            {errorLabel(run.error.code) ?? run.error.code}
                          </span>
                        )}
                      </td>
                      <td className={tdClass}>{t(`pages.trigger.${run.trigger}`)}</td>
                      <td className={`${tdClass} text-right tabular-nums`}>{number(run.messages_sent)}</td>
                      <td className={`${tdClass} text-right tabular-nums`}>{number(run.skipped)}</td>
                      <td className={`${tdClass} text-right tabular-nums`}>{number(run.errors)}</td>
                      <td className={`${tdClass} text-right tabular-nums`}>{number(run.profiles_visited)}</td>
                      <td className={`${tdClass} text-right tabular-nums`}>
                        {number(run.invitations_withdrawn)}
                      </td>
                      <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>
                        {ms === null ? '—' : duration(ms)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        </Card>
      )}
      {runs.hasNextPage && (
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={() => void runs.fetchNextPage()}
          disabled={runs.isFetchingNextPage}
        >
          {runs.isFetchingNextPage ? t('common.loading') : t('pages.loadMore')}
        </button>
      )}
    </div>
  );
}
