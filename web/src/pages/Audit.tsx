import { ACTOR_TYPES } from '../api/contract.ts';
import type { AuditEntry } from '../api/types.ts';
import { AuditAction, AuditDetails, AuditTarget } from '../components/audit.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { PagedTable, PageHeader, usePagedList } from '../ui/index.ts';

export const AUDIT_PAGE_SIZE = 50;

const KNOWN_ACTORS = new Set<string>(ACTOR_TYPES);

/** Who did what, newest first, paged with `before`. */
export function AuditPage() {
  const { t, dateTime } = useI18n();
  const audit = usePagedList<'entries', AuditEntry>({
    queryKey: ['audit'],
    path: '/api/audit',
    key: 'entries',
    pageSize: AUDIT_PAGE_SIZE,
  });

  const actorLabel = (e: AuditEntry) => {
    const type = KNOWN_ACTORS.has(e.actor_type)
      ? t(`pages.actor.${e.actor_type}` as MessageKey)
      : e.actor_type;
    return e.actor_type === 'user' ? `${type} ${e.actor_id}` : type;
  };

  return (
    <div className="space-y-4">
      <PageHeader title={t('pages.audit.title')} description={t('pages.audit.description')} />
      <PagedTable
        list={audit}
        empty={t('pages.audit.empty')}
        label={t('pages.audit.table')}
        columns={[
          {
            header: t('pages.audit.time'),
            className: 'whitespace-nowrap',
            cell: (e) => <time dateTime={e.ts}>{dateTime(e.ts)}</time>,
          },
          { header: t('pages.audit.actor'), className: 'whitespace-nowrap', cell: actorLabel },
          { header: t('pages.audit.action'), primary: true, cell: (e) => <AuditAction action={e.action} /> },
          { header: t('pages.audit.target'), cell: (e) => <AuditTarget entry={e} /> },
          {
            header: t('pages.audit.details'),
            className: 'min-w-56',
            cardStacked: true,
            cell: (e) => <AuditDetails details={e.details} />,
          },
        ]}
      />
    </div>
  );
}
