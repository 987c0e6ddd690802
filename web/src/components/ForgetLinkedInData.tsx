import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { ApiError, api } from '../api/client.ts';
import type { ForgetAnswer } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Alert, ConfirmButton } from '../ui/index.ts';

/**
 * The settings page's danger zone: forgets what the bots recorded about the account's
 * LinkedIn contacts (POST /api/privacy/forget), after a confirmation. The limits' counts stay.
 */
export function ForgetLinkedInData() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const forget = useMutation({
    mutationFn: () => api<ForgetAnswer>('POST', '/api/privacy/forget', { confirm: true }),
    onSuccess: ({ forgotten }) => {
      toast.success(
        t('privacy.forget.done', {
          contacts: forgotten.contacts,
          outcomes: forgotten.outcomes,
          screenshots: forgotten.screenshots + forgotten.doctor_reports,
        }),
      );
      void queryClient.invalidateQueries();
    },
  });
  const failure =
    forget.error instanceof ApiError && forget.error.code === 'already_running'
      ? t('privacy.forget.running')
      : forget.error
        ? forget.error.message
        : null;

  return (
    <section
      aria-labelledby="danger-zone"
      className="rounded-lg border border-red-300 bg-white p-4 shadow-sm md:p-5 dark:border-red-900 dark:bg-slate-900"
    >
      <h2 id="danger-zone" className="text-lg font-semibold text-red-800 dark:text-red-300">
        {t('privacy.dangerZone')}
      </h2>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{t('privacy.forget.intro')}</p>
      <Alert look="banner" message={failure} />
      <div className="mt-3">
        <ConfirmButton
          title={t('privacy.forget.confirmTitle')}
          description={t('privacy.forget.confirmBody')}
          confirmLabel={t('privacy.forget.confirm')}
          onConfirm={() => forget.mutate()}
          disabled={forget.isPending}
        >
          {forget.isPending ? t('privacy.forget.working') : t('privacy.forget.button')}
        </ConfirmButton>
      </div>
    </section>
  );
}
