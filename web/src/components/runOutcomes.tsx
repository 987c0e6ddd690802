import { useState } from 'react';
import type { RunOutcome } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { type Column, DataTable } from '../ui/index.ts';
import { RunStatusBadge, useRunLabels } from './runs.tsx';

/**
 * A run's per-contact outcomes: who, what became of them and why in words, the message the
 * run sent them, the failure screenshot as an image. Each cell is its own small component, so
 * a page can add a column (row actions) through `extraColumns`.
 */
export function OutcomesTable({
  label,
  outcomes,
  extraColumns = [],
}: {
  label: string;
  outcomes: RunOutcome[];
  extraColumns?: Column<RunOutcome>[];
}) {
  const { t, time } = useI18n();
  const columns: Column<RunOutcome>[] = [
    {
      header: t('pages.outcome.time'),
      className: 'whitespace-nowrap',
      cell: (o) => <time dateTime={o.ts}>{time(o.ts)}</time>,
    },
    { header: t('pages.outcome.contact'), cell: (o) => <OutcomeContact outcome={o} /> },
    {
      header: t('pages.runs.status'),
      className: 'whitespace-nowrap',
      cell: (o) => <RunStatusBadge status={o.status} />,
    },
    { header: t('pages.outcome.reason'), className: 'min-w-48', cell: (o) => <OutcomeReason outcome={o} /> },
    { header: t('run.outcome.details'), className: 'min-w-56', cell: (o) => <OutcomeDetails outcome={o} /> },
    ...extraColumns,
  ];
  return <DataTable label={label} rows={outcomes} rowKey={(o) => o.id} columns={columns} />;
}

export function OutcomeContact({ outcome: o }: { outcome: RunOutcome }) {
  if (!o.profile_url) return <>{o.contact_name ?? '—'}</>;
  return (
    <a
      href={o.profile_url}
      target="_blank"
      rel="noreferrer noopener"
      className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
    >
      {o.contact_name ?? o.profile_url}
    </a>
  );
}

/** The reason in words; an error's text in words with LinkedIn's message and code below. */
export function OutcomeReason({ outcome: o }: { outcome: RunOutcome }) {
  const labels = useRunLabels();
  if (o.status === 'error') {
    const named = o.error_code ? labels.errorCode(o.error_code) : null;
    return (
      <>
        <span className="block">{named ?? o.reason ?? '—'}</span>
        {named && o.reason && (
          <span className="mt-0.5 block break-words text-xs text-slate-600 dark:text-slate-400">
            {o.reason}
          </span>
        )}
        {o.error_code && <code className="mt-0.5 block text-xs">{o.error_code}</code>}
      </>
    );
  }
  if (!o.reason) return <>—</>;
  return <>{labels.reason(o.reason) ?? o.reason}</>;
}

/** The message the run sent (or may have sent) to the contact, and the failure screenshot. */
export function OutcomeDetails({ outcome: o }: { outcome: RunOutcome }) {
  const { t } = useI18n();
  if (!o.message_text && !o.screenshot_url) return <>—</>;
  const maybe = o.status !== 'sent';
  return (
    <div className="space-y-2">
      {o.message_text && (
        <figure>
          <figcaption className="text-xs text-slate-600 dark:text-slate-400">
            {t(maybe ? 'run.outcome.messageMaybe' : 'run.outcome.message')}
          </figcaption>
          <blockquote className="mt-0.5 whitespace-pre-wrap break-words border-l-2 border-slate-300 pl-2 text-sm dark:border-slate-600">
            {o.message_text}
          </blockquote>
        </figure>
      )}
      {o.screenshot_url && <OutcomeScreenshot url={o.screenshot_url} name={o.contact_name} />}
    </div>
  );
}

/**
 * A failure screenshot, linked to its full size. The URL comes from the stored name without
 * touching the disk (retention may have removed the file since): one that no longer loads is
 * left out rather than shown broken.
 */
function OutcomeScreenshot({ url, name }: { url: string; name: string | null }) {
  const { t } = useI18n();
  const [gone, setGone] = useState(false);
  if (gone) return null;
  return (
    <a
      href={url}
      target="_blank"
      rel="noreferrer noopener"
      // relative: the screen-reader text stays inside the table's scroll area.
      className="relative inline-block"
      title={t('run.outcome.screenshotOpen')}
    >
      <img
        src={url}
        alt={t('run.outcome.screenshotAlt', { name: name ?? t('run.outcome.unknownContact') })}
        loading="lazy"
        onError={() => setGone(true)}
        className="h-20 w-auto max-w-40 rounded border border-slate-200 object-cover object-top dark:border-slate-700"
      />
      <span className="sr-only">{t('run.outcome.screenshotOpen')}</span>
    </a>
  );
}
