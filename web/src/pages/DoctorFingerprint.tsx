import type { DoctorReport } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { StatusBadge } from '../ui/index.ts';

type Fingerprint = NonNullable<DoctorReport['fingerprint']>;

/**
 * The page check's fingerprint step in full: each automation tell LinkedIn could see,
 * named, what a server cannot hide, and what the bot's browser showed.
 */
export function DoctorFingerprint({ fingerprint }: { fingerprint: Fingerprint }) {
  const { t } = useI18n();
  const { tells, notes, presented: p } = fingerprint;
  const title = t('pages.doctor.fingerprint.title');
  const rows: [MessageKey, string][] = [
    ['pages.doctor.fingerprint.userAgent', p.user_agent],
    ['pages.doctor.fingerprint.platform', p.platform],
    ['pages.doctor.fingerprint.languages', p.languages.join(', ')],
    ['pages.doctor.fingerprint.timezone', p.timezone],
    ['pages.doctor.fingerprint.screen', p.screen],
    ['pages.doctor.fingerprint.window', p.window],
    ['pages.doctor.fingerprint.hardware', `${p.hardware_concurrency} / ${p.device_memory ?? '?'} GB`],
    ['pages.doctor.fingerprint.gpu', p.webgl_renderer ?? '—'],
  ];
  return (
    <section aria-label={title} className="space-y-2 text-sm">
      <h3 className="font-medium">{title}</h3>
      {tells.length === 0 ? (
        <p>
          <StatusBadge status="succeeded" label={t('pages.doctor.ok')} />{' '}
          {t('pages.doctor.fingerprint.clean')}
        </p>
      ) : (
        <ul aria-label={t('pages.doctor.fingerprint.tells')} className="space-y-1">
          {tells.map((tell) => (
            <li key={tell.code} className="flex flex-wrap items-start gap-x-2">
              <StatusBadge status="failed" label={tell.code} />
              <span>{t(`pages.doctor.tell.${tell.code}` as MessageKey)}</span>
              <span className="break-words text-slate-600 dark:text-slate-400">{tell.message}</span>
            </li>
          ))}
        </ul>
      )}
      {notes.length > 0 && (
        <ul aria-label={t('pages.doctor.fingerprint.notes')} className="space-y-1">
          {notes.map((note) => (
            <li key={note.code} className="flex flex-wrap items-start gap-x-2">
              <StatusBadge status="skipped" label={note.code} />
              <span>{t(`pages.doctor.note.${note.code}` as MessageKey)}</span>
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
          {t('pages.doctor.fingerprint.presented')}
        </summary>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-600 dark:text-slate-400">{t(label)}</dt>
              <dd className="break-all font-mono text-xs">{value}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
