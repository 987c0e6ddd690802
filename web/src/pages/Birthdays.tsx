import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Eye, Loader2 } from 'lucide-react';
import { toast } from 'sonner';
import { ApiError, api } from '../api/client.ts';
import {
  ContactLanguageSelect,
  NeverWishButton,
  type PreviewContact,
  PreviewStatusBadge,
  WishNowButton,
} from '../components/birthdays/actions.tsx';
import { useBirthdayPreview } from '../components/birthdays/usePreview.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { buttonClass, Card, messageOf, mutedText, PageHeader, QueryFallback } from '../ui/index.ts';

/** "Anniversaires du jour": who a birthday run would wish now, with per-contact actions. */
export function BirthdaysPage() {
  const { t, dateTime } = useI18n();
  const { preview, busy } = useBirthdayPreview();
  const queryClient = useQueryClient();
  const look = useMutation({
    mutationFn: () =>
      api('POST', '/api/bot/action', { action: 'start', job_type: 'birthday', dry_run: true }),
    onSuccess: () => {
      toast.success(t('preview.lookStarted'));
      void queryClient.invalidateQueries({ queryKey: ['status'] });
    },
    onError: (err) =>
      err instanceof ApiError && err.code === 'already_running'
        ? toast.info(t('preview.busy'))
        : toast.error(t('preview.failed', { message: messageOf(err) })),
  });

  const data = preview.data;
  return (
    <div className="space-y-6">
      <PageHeader title={t('preview.title')} description={t('preview.description')} />
      <Card
        title={t('preview.list')}
        actions={
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={busy || look.isPending}
            onClick={() => look.mutate()}
            title={t('preview.lookNowHint')}
          >
            {busy || look.isPending ? (
              <Loader2 className="h-4 w-4 animate-spin motion-reduce:animate-none" aria-hidden />
            ) : (
              <Eye className="h-4 w-4" aria-hidden />
            )}
            {t('preview.lookNow')}
          </button>
        }
      >
        {!data ? (
          <QueryFallback query={preview} />
        ) : data.as_of === null ? (
          <p className={mutedText}>{t('preview.never')}</p>
        ) : (
          <div className="space-y-3">
            <p className={mutedText} data-testid="preview-as-of">
              {t('preview.asOf', { date: dateTime(data.as_of) })} ·{' '}
              {t('preview.remaining', { count: data.remaining })}
            </p>
            {data.seen_on !== data.today && (
              <p className="text-sm text-amber-800 dark:text-amber-300">{t('preview.stale')}</p>
            )}
            {data.contacts.length === 0 ? (
              <p className={mutedText}>{t('preview.empty')}</p>
            ) : (
              <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label={t('preview.list')}>
                {data.contacts.map((c) => (
                  <PreviewRow key={c.slug} contact={c} />
                ))}
              </ul>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}

export function whenLabel(t: ReturnType<typeof useI18n>['t'], c: Pick<PreviewContact, 'days_late'>): string {
  if (c.days_late === null) return t('preview.when.belated');
  return c.days_late === 0 ? t('preview.when.today') : t('preview.when.late', { count: c.days_late });
}

function PreviewRow({ contact: c }: { contact: PreviewContact }) {
  const { t, dayMonth } = useI18n();
  const canWish = c.status !== 'blacklisted' && c.status !== 'already_wished' && c.status !== 'pending';
  return (
    <li
      className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between"
      data-testid={`preview-${c.slug}`}
    >
      <div className="min-w-0 space-y-1 text-sm">
        <a
          href={c.profile_url}
          target="_blank"
          rel="noreferrer noopener"
          className="break-words font-medium text-sky-700 hover:underline dark:text-sky-400"
        >
          {c.name}
        </a>
        <p className="text-slate-600 dark:text-slate-400">
          {whenLabel(t, c)}
          {c.birthday_date && ` (${dayMonth(c.birthday_date)})`} · {t(`preview.template.${c.template_kind}`)}{' '}
          {t('preview.wishIn', { language: t(`preview.language.${c.wish_language}`) })}
        </p>
        <PreviewStatusBadge status={c.status} testId={`preview-status-${c.slug}`} />
      </div>
      <div className="flex flex-wrap gap-2 sm:justify-end">
        <ContactLanguageSelect slug={c.slug} name={c.name} language={c.language} />
        {canWish && <WishNowButton slug={c.slug} name={c.name} />}
        {c.status !== 'blacklisted' && <NeverWishButton name={c.name} profileUrl={c.profile_url} />}
      </div>
    </li>
  );
}
