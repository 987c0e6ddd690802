import { useInfiniteQuery } from '@tanstack/react-query';
import { get } from '../api/client.ts';
import { ACTOR_TYPES } from '../api/contract.ts';
import type { AuditEntry } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  buttonClass,
  Card,
  ErrorAlert,
  Loading,
  PageHeader,
  TableScroll,
  tdClass,
  thClass,
} from '../ui/index.ts';

export const AUDIT_PAGE_SIZE = 50;

function auditUrl(before?: number): string {
  const params = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  if (before !== undefined) params.set('before', String(before));
  return `/api/audit?${params}`;
}

const KNOWN_ACTORS = new Set<string>(ACTOR_TYPES);

/** Who did what, newest first, paged with `before`. */
export function AuditPage() {
  const { t, dateTime } = useI18n();
  const audit = useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) => get<{ entries: AuditEntry[] }>(auditUrl(pageParam)),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.entries.length < AUDIT_PAGE_SIZE ? undefined : last.entries.at(-1)?.id),
  });

  const actorLabel = (e: AuditEntry) => {
    const type = KNOWN_ACTORS.has(e.actor_type)
      ? t(`pages.actor.${e.actor_type}` as MessageKey)
      : e.actor_type;
    return e.actor_type === 'user' ? `${type} ${e.actor_id}` : type;
  };

  const entries = audit.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <div className="space-y-4">
      <PageHeader title={t('pages.audit.title')} description={t('pages.audit.description')} />
      {audit.isPending ? (
        <Loading />
      ) : audit.isError ? (
        <ErrorAlert error={audit.error} />
      ) : entries.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('pages.audit.empty')}</p>
      ) : (
        <Card>
          <TableScroll label={t('pages.audit.table')}>
            <table className="w-full min-w-[720px] border-collapse">
              <caption className="sr-only">{t('pages.audit.table')}</caption>
              <thead>
                <tr>
                  <th scope="col" className={thClass}>
                    {t('pages.audit.time')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('pages.audit.actor')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('pages.audit.action')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('pages.audit.target')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('pages.audit.details')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td className={`${tdClass} whitespace-nowrap`}>
                      <time dateTime={e.ts}>{dateTime(e.ts)}</time>
                    </td>
                    <td className={`${tdClass} whitespace-nowrap`}>{actorLabel(e)}</td>
                    <td className={tdClass}>
                      <code className="text-xs">{e.action}</code>
                    </td>
                    <td className={`${tdClass} break-all`}>{e.target ?? '—'}</td>
                    <td className={`${tdClass} max-w-md`}>
                      {e.details && Object.keys(e.details).length > 0 ? (
                        <details>
                          <summary className="cursor-pointer text-xs text-sky-700 dark:text-sky-400">
                            {t('pages.audit.show')}
                          </summary>
                          <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-800">
                            {JSON.stringify(e.details, null, 2)}
                          </pre>
                        </details>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Card>
      )}
      {audit.hasNextPage && (
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={() => void audit.fetchNextPage()}
          disabled={audit.isFetchingNextPage}
        >
          {audit.isFetchingNextPage ? t('common.loading') : t('pages.loadMore')}
        </button>
      )}
    </div>
  );
}
