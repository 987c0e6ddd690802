import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ShieldAlert } from 'lucide-react';
import { api, get } from '../api/client.ts';
import type { RiskNotice as RiskNoticeAnswer } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Alert, buttonClass } from '../ui/index.ts';

const MEASURES: MessageKey[] = [
  'risk.measure.limits',
  'risk.measure.rhythm',
  'risk.measure.identity',
  'risk.measure.proxy',
  'risk.measure.pause',
];

/**
 * Says the risk plainly, once per user: LinkedIn forbids automated access, and what the bot
 * does to limit it. Shown above every page after login until the user acknowledges it (kept
 * by the server, so another browser does not ask again).
 */
export function RiskNotice() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const notice = useQuery({
    queryKey: ['risk-notice'],
    queryFn: () => get<RiskNoticeAnswer>('/api/risk-notice'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const acknowledge = useMutation({
    mutationFn: () => api<RiskNoticeAnswer>('POST', '/api/risk-notice'),
    onSuccess: (saved) => queryClient.setQueryData(['risk-notice'], saved),
  });
  if (!notice.data || notice.data.acknowledged_at) return null;

  return (
    <section
      aria-labelledby="risk-notice-title"
      className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
      data-testid="risk-notice"
    >
      <h2 id="risk-notice-title" className="flex items-center gap-2 text-base font-semibold">
        <ShieldAlert className="h-5 w-5 shrink-0" aria-hidden />
        {t('risk.title')}
      </h2>
      <p className="mt-2">{t('risk.forbidden')}</p>
      <p className="mt-2 font-medium">{t('risk.measures')}</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {MEASURES.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <p className="mt-2">{t('risk.residual')}</p>
      <Alert
        className="mt-2"
        message={
          acknowledge.isError ? t('risk.acknowledgeFailed', { message: acknowledge.error.message }) : null
        }
      />
      <button
        type="button"
        className={`mt-3 ${buttonClass.primary}`}
        disabled={acknowledge.isPending}
        onClick={() => acknowledge.mutate()}
      >
        {t('risk.acknowledge')}
      </button>
    </section>
  );
}
