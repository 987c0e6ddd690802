import { Link } from 'react-router';
import type { AuditEntry } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Readable audit entries: what the action was, what it was done to, and its details. */

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The actions whose target is a blacklist entry's id, a user name. */
const BLACKLIST_ACTIONS = new Set(['blacklist.add', 'blacklist.remove']);
const USER_ACTIONS = new Set([
  'auth.login',
  'auth.logout',
  'auth.login_failed',
  'auth.login_limited',
  'user.set_password',
]);
/** The actions whose target is a contact's profile slug. */
const CONTACT_ACTIONS = new Set(['contact.language']);
/** Targets that name a thing of the product (settings, templates…), labelled `audit.target.<name>`. */
const NAMED_TARGETS = new Set(['settings', 'templates', 'linkedin_session', 'linkedin_risk']);

/** The 8 first characters of a run id: what the pages show. */
export const shortId = (id: string) => id.slice(0, 8);

function useLabel() {
  const { t } = useI18n();
  return (key: string, fallback: string, vars?: Record<string, string | number>) => {
    const label = t(key as MessageKey, vars);
    return label === key ? fallback : label;
  };
}

/** The action's label in the user's language; the code itself when the catalogue lacks it. */
export function AuditAction({ action }: { action: string }) {
  const label = useLabel();
  const text = label(`audit.action.${action}`, action);
  // No tooltip with the code: it is English, and the label says it.
  return text === action ? <code className="text-xs">{action}</code> : text;
}

/** A link to a run's page, named by its short id. */
export function RunLink({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <Link
      to={`/runs/${encodeURIComponent(id)}`}
      title={id}
      className="whitespace-nowrap font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
    >
      {t('audit.target.run', { id: shortId(id) })}
    </Link>
  );
}

/** What the entry was about: runs as links, blacklist entries by name, product parts by their name. */
export function AuditTarget({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const label = useLabel();
  const { target, action } = entry;
  if (!target) return <>—</>;
  const ids = target.split(',');
  if (ids.every((id) => RUN_ID.test(id))) {
    return (
      <span className="flex flex-wrap gap-x-2 max-md:justify-end">
        {ids.map((id) => (
          <RunLink key={id} id={id} />
        ))}
      </span>
    );
  }
  if (BLACKLIST_ACTIONS.has(action)) {
    const name = entry.details?.name ?? entry.details?.profile_url;
    return (
      <>
        {t('audit.target.blacklist', { id: target })}
        {typeof name === 'string' && <span className="block text-slate-600 dark:text-slate-400">{name}</span>}
      </>
    );
  }
  if (USER_ACTIONS.has(action)) return <>{t('audit.target.user', { name: target })}</>;
  if (CONTACT_ACTIONS.has(action))
    return <span className="break-all">{t('audit.target.contact', { slug: target })}</span>;
  if (NAMED_TARGETS.has(target)) return <>{label(`audit.target.${target}`, target)}</>;
  return <span className="break-all">{target}</span>;
}

/** One value of the details, readable: yes/no, lists, run links, times, small objects as `key: value`. */
function DetailValue({ name, value }: { name: string; value: unknown }) {
  const { t, dateTime } = useI18n();
  const label = useLabel();
  // A contact's wish language (contact.language): none means the account's.
  if (name === 'language' || name === 'previous') {
    if (value === null) return <>{t('audit.language.account')}</>;
    if (typeof value === 'string') return <>{label(`messageLanguage.${value}`, value)}</>;
  }
  if (value === null || value === undefined || value === '') return <>—</>;
  if (typeof value === 'boolean') return <>{t(value ? 'audit.yes' : 'audit.no')}</>;
  if (name === 'run_ids' && Array.isArray(value)) {
    return (
      <span className="inline-flex flex-wrap gap-x-2">
        {value.map((id) => (
          <RunLink key={String(id)} id={String(id)} />
        ))}
      </span>
    );
  }
  if (name === 'scope' && typeof value === 'string') return <>{label(`audit.scope.${value}`, value)}</>;
  if (name === 'type' && typeof value === 'string') return <>{label(`run.type.${value}`, value)}</>;
  if (name === 'trigger' && typeof value === 'string') return <>{label(`run.trigger.${value}`, value)}</>;
  if (
    typeof value === 'string' &&
    /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value) &&
    !Number.isNaN(Date.parse(value))
  ) {
    return <time dateTime={value}>{dateTime(value)}</time>;
  }
  if (Array.isArray(value))
    return <>{value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}</>;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return <>—</>;
    return (
      <ul className="space-y-0.5">
        {entries.map(([key, v]) => (
          <li key={key}>
            <span className="font-mono text-xs">{key}</span>: {change(v)}
          </li>
        ))}
      </ul>
    );
  }
  return <>{String(value)}</>;
}

/** A settings change `{ old, new }` as "old → new"; anything else as compact JSON. */
function change(value: unknown): string {
  const json = (v: unknown) =>
    v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
  if (value && typeof value === 'object' && 'old' in value && 'new' in value) {
    return `${json(value.old)} → ${json(value.new)}`;
  }
  return json(value);
}

/** The entry's details as a list of "label: value" (the changed paths are said once, with their values). */
export function AuditDetails({ details }: { details: AuditEntry['details'] }) {
  const label = useLabel();
  const shown = Object.entries(details ?? {}).filter(
    ([key, value]) => value !== undefined && !(key === 'changed' && details && 'changes' in details),
  );
  if (shown.length === 0) return <>—</>;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 gap-y-0.5 text-left text-xs">
      {shown.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-medium text-slate-600 dark:text-slate-400">
            {label(`audit.detail.${key}`, key)}
          </dt>
          <dd className="min-w-0 [overflow-wrap:anywhere]">
            <DetailValue name={key} value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
