import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Ban, RotateCcw, Send } from 'lucide-react';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import type { z } from 'zod';
import type { birthdayPreviewSchema, wishNowAnswerSchema } from '../../../../src/contract/birthdays.ts';
import {
  isMessageLanguage,
  MESSAGE_LANGUAGES,
  type MessageLanguage,
} from '../../../../src/contract/messageLanguages.ts';
import { ApiError, api, get } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { buttonClass, ConfirmButton, ConfirmDialog, messageOf } from '../../ui/index.ts';

export type BirthdayPreview = z.infer<typeof birthdayPreviewSchema>;
export type PreviewContact = BirthdayPreview['contacts'][number];
type WishAnswer = z.infer<typeof wishNowAnswerSchema>;

export const PREVIEW_QUERY_KEY = ['birthday-preview'] as const;

/** The profile slug of a LinkedIn profile link (`…/in/<slug>`), or null. */
export function slugOfProfileUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const match = /\/in\/([^/?#]+)/.exec(url);
  return match ? match[1]! : null;
}

const small = 'px-2.5 py-1.5 text-xs';

/**
 * "Wish now" (or "Retry"): a birthday run for this contact alone. Outside the daily window it
 * asks first, as the overview's start does, then starts with `force`.
 */
export function WishNowButton({
  slug,
  name,
  retry = false,
}: {
  slug: string;
  name: string;
  retry?: boolean;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [outside, setOutside] = useState(false);
  const wish = useMutation({
    mutationFn: (force: boolean) =>
      api<WishAnswer>('POST', `/api/birthdays/${encodeURIComponent(slug)}/wish`, force ? { force } : {}),
    onSuccess: () => {
      toast.success(t('preview.wishStarted', { name }));
      void queryClient.invalidateQueries({ queryKey: ['status'] });
    },
    onError: (err) => {
      const code = err instanceof ApiError ? err.code : null;
      if (code === 'outside_window') setOutside(true);
      else if (code === 'already_wished') toast.info(t('preview.alreadyWished', { name }));
      else if (code === 'blacklisted') toast.info(t('preview.isBlacklisted', { name }));
      else if (code === 'already_running') toast.info(t('preview.busy'));
      else if (code === 'unknown_contact') toast.error(t('preview.unknownContact'));
      else toast.error(t('preview.failed', { message: messageOf(err) }));
    },
  });
  const Icon = retry ? RotateCcw : Send;
  return (
    <>
      <button
        type="button"
        className={`${buttonClass.primary} ${small}`}
        aria-label={t(retry ? 'preview.retryLabel' : 'preview.wishNowLabel', { name })}
        disabled={wish.isPending}
        onClick={() => wish.mutate(false)}
      >
        <Icon className="h-3.5 w-3.5" aria-hidden />
        {t(retry ? 'preview.retry' : 'preview.wishNow')}
      </button>
      <ConfirmDialog
        open={outside}
        onOpenChange={setOutside}
        title={t('preview.outsideTitle')}
        description={t('preview.outsideDescription', { name })}
        confirmLabel={t('preview.outsideConfirm')}
        cancelLabel={t('preview.cancel')}
        onConfirm={() => wish.mutate(true)}
      />
    </>
  );
}

/** "Never wish": adds the contact to the blacklist (asks first); already there is said gently. */
export function NeverWishButton({ name, profileUrl }: { name: string; profileUrl: string | null }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const add = async () => {
    try {
      await api('POST', '/api/blacklist', { name, ...(profileUrl ? { profile_url: profileUrl } : {}) });
      toast.success(t('preview.neverWished', { name }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_blacklisted') {
        toast.info(t('preview.alreadyBlacklisted', { name }));
      } else {
        toast.error(t('preview.failed', { message: messageOf(err) }));
        return;
      }
    }
    void queryClient.invalidateQueries({ queryKey: PREVIEW_QUERY_KEY });
    void queryClient.invalidateQueries({ queryKey: ['blacklist'] });
  };
  return (
    <ConfirmButton
      label={t('preview.neverWishLabel', { name })}
      title={t('preview.neverWishTitle', { name })}
      description={t('preview.neverWishDescription', { name })}
      confirmLabel={t('preview.neverWishConfirm')}
      onConfirm={add}
      className={`${buttonClass.secondary} ${small}`}
    >
      <Ban className="h-3.5 w-3.5" aria-hidden />
      {t('preview.neverWish')}
    </ConfirmButton>
  );
}

const TONES: Record<PreviewContact['status'], string> = {
  will_wish:
    'bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-700',
  blacklisted: 'bg-red-100 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-700',
  already_wished: 'bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-700',
  pending:
    'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-700',
  limit:
    'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-700',
  too_late:
    'bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600',
  not_processed:
    'bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600',
};

/** What a run would do with a contact now, as a badge that never wraps. */
export function PreviewStatusBadge({
  status,
  testId,
}: {
  status: PreviewContact['status'];
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <span
      data-status={status}
      data-testid={testId}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status]}`}
    >
      {t(`preview.status.${status}`)}
    </span>
  );
}

/**
 * The language a contact's wishes are written in: the account's (empty choice) or one of
 * their own (`PATCH /api/contacts/:slug`).
 */
export function ContactLanguageSelect({
  slug,
  name,
  language,
}: {
  slug: string;
  name: string;
  /** Their own language, null for the account's; undefined when not known yet (loaded here). */
  language?: MessageLanguage | null;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const id = useId();
  const known = useQuery({
    queryKey: ['contact', slug],
    queryFn: () => get<{ language: MessageLanguage | null }>(`/api/contacts/${encodeURIComponent(slug)}`),
    enabled: language === undefined,
    retry: false,
  });
  const current = language === undefined ? known.data?.language : language;
  const save = useMutation({
    mutationFn: (next: MessageLanguage | null) =>
      api('PATCH', `/api/contacts/${encodeURIComponent(slug)}`, { language: next }),
    onSuccess: () => {
      toast.success(t('preview.languageSaved', { name }));
      void queryClient.invalidateQueries({ queryKey: PREVIEW_QUERY_KEY });
      void queryClient.invalidateQueries({ queryKey: ['contact', slug] });
    },
    onError: (err) => toast.error(t('preview.failed', { message: messageOf(err) })),
  });
  // A contact no run met has no language to set.
  if (language === undefined && !known.isSuccess) return null;
  return (
    <span className="inline-flex items-center gap-1 text-xs">
      <label htmlFor={id} className="sr-only">
        {t('preview.languageLabel', { name })}
      </label>
      <select
        id={id}
        value={current ?? ''}
        disabled={save.isPending}
        onChange={(e) => save.mutate(isMessageLanguage(e.target.value) ? e.target.value : null)}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
      >
        <option value="">{t('preview.languageAccount')}</option>
        {MESSAGE_LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`preview.language.${l}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
