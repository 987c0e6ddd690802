import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, ImageIcon, Stethoscope } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { ApiError, api, get } from '../api/client.ts';
import type { DoctorReport, DoctorStep } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { buttonClass, Card, ErrorAlert, messageOf, StatusBadge } from '../ui/index.ts';
import { DoctorFingerprint } from './DoctorFingerprint.tsx';

export const DOCTOR_BUNDLE_URL = '/api/linkedin/doctor/latest/bundle';

/** The latest report; null when none was made yet (404). */
async function latestReport(): Promise<DoctorReport | null> {
  try {
    return await get<DoctorReport>('/api/linkedin/doctor/latest');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

function stepStatus(step: DoctorStep): 'ok' | 'failed' | 'skipped' {
  if (step.skipped) return 'skipped';
  return step.ok ? 'ok' : 'failed';
}

/** Tone of each status (StatusBadge colours by a run's status names). */
const TONE = { ok: 'succeeded', failed: 'failed', skipped: 'skipped' } as const;

/**
 * The page check ("doctor"), shown while a session is stored: a button that walks the
 * LinkedIn pages with it (read-only), and the latest report: each step ok, failed or skipped, a "fallback" badge
 * where only a fallback selector found an element, its screenshot, and the report to
 * download for a bug report.
 */
export function SessionDoctor() {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const latest = useQuery({ queryKey: ['linkedin-doctor'], queryFn: latestReport });
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const report = await api<DoctorReport>('POST', '/api/linkedin/doctor');
      queryClient.setQueryData(['linkedin-doctor'], report);
      // The walk's session step updates the session's status.
      void queryClient.invalidateQueries({ queryKey: ['linkedin-session'] });
      void queryClient.invalidateQueries({ queryKey: ['status'] });
      if (report.ok) toast.success(t('pages.doctor.allOk'));
      else toast.error(t('pages.doctor.someFailed'));
    } catch (error) {
      toast.error(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const report = latest.data;
  return (
    <Card title={t('pages.doctor.title')}>
      <div className="space-y-4">
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('pages.doctor.intro')}</p>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={run}
            disabled={busy}
            aria-busy={busy}
          >
            <Stethoscope className={`h-4 w-4 ${busy ? 'animate-pulse' : ''}`} aria-hidden />
            {busy ? t('pages.doctor.running') : t('pages.doctor.run')}
          </button>
        </div>
        {latest.isError && <ErrorAlert error={latest.error} />}
        {report && (
          <div className="space-y-3" aria-live="polite">
            <p className="text-sm">
              <StatusBadge
                status={report.ok ? 'succeeded' : 'failed'}
                label={report.ok ? t('pages.doctor.allOk') : t('pages.doctor.someFailed')}
              />{' '}
              <span className="text-slate-600 dark:text-slate-400">
                {t('pages.doctor.lastRun', { time: dateTime(report.at) })}
              </span>
            </p>
            <ul
              aria-label={t('pages.doctor.steps')}
              className="divide-y divide-slate-100 dark:divide-slate-800"
            >
              {report.steps.map((step) => {
                const status = stepStatus(step);
                const name = t(`pages.doctor.step.${step.name}` as MessageKey);
                return (
                  <li key={step.name} className="flex flex-wrap items-start gap-x-3 gap-y-1 py-2 text-sm">
                    <span className="w-40 shrink-0 font-medium">{name}</span>
                    <StatusBadge status={TONE[status]} label={t(`pages.doctor.${status}` as MessageKey)} />
                    {step.strategy === 'fallback' && (
                      <StatusBadge
                        status="has_errors"
                        label={t('pages.doctor.fallback')}
                        title={t('pages.doctor.fallbackTitle')}
                      />
                    )}
                    <span className="min-w-0 flex-1 break-words text-slate-700 dark:text-slate-300">
                      {step.error && !step.skipped ? (
                        <>
                          <code className="font-mono text-xs">{step.error.code}</code> {step.error.message}
                        </>
                      ) : (
                        step.detail
                      )}
                    </span>
                    {step.screenshot && (
                      <a
                        href={step.screenshot}
                        target="_blank"
                        rel="noopener noreferrer"
                        aria-label={t('pages.doctor.screenshotOf', { step: name })}
                        className="inline-flex items-center gap-1 text-sky-700 underline hover:text-sky-900 dark:text-sky-400"
                      >
                        <ImageIcon className="h-4 w-4" aria-hidden />
                        {t('pages.doctor.screenshot')}
                      </a>
                    )}
                  </li>
                );
              })}
            </ul>
            {report.fingerprint && <DoctorFingerprint fingerprint={report.fingerprint} />}
            <div className="flex flex-wrap items-center gap-3">
              <a href={DOCTOR_BUNDLE_URL} download className={buttonClass.secondary}>
                <Download className="h-4 w-4" aria-hidden />
                {t('pages.doctor.download')}
              </a>
              <span className="text-xs text-slate-600 dark:text-slate-400">
                {t('pages.doctor.downloadHint')}
              </span>
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}
