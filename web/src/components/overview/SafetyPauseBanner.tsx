import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Loader2, OctagonPause, Play } from 'lucide-react';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { ApiError, api } from '../../api/client.ts';
import type { BotStatus, ResumeAnswer, SafetyPause } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Banner, buttonClass, ConfirmDialog, FOCUS } from '../../ui/index.ts';

/**
 * LinkedIn pushed back (its limit warning, a checkpoint, a captcha): every bot of the account
 * is paused, auto-run included. Says why, since when and what to do, and resumes them; the
 * server asks for a confirmation when the pause began today, and the dialog gets it.
 */
export function SafetyPauseBanner({ pause }: { pause: SafetyPause }) {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const resumeRef = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);

  const resume = useMutation({
    mutationFn: (confirm: boolean) =>
      api<ResumeAnswer>('POST', '/api/bot/resume', confirm ? { confirm: true } : {}),
    onSuccess: () => {
      queryClient.setQueryData<BotStatus>(['status'], (old) => (old ? { ...old, safety_pause: null } : old));
      // Auto-run plans again: the server says when.
      void queryClient.invalidateQueries({ queryKey: ['status'] });
      toast.success(t('overview.pause.resumed'));
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'confirmation_required') {
        setConfirming(true);
        return;
      }
      if (!(err instanceof ApiError && err.code === 'not_paused')) {
        toast.error(t('overview.actions.failed', { message: err.message }));
      }
      void queryClient.invalidateQueries({ queryKey: ['status'] });
    },
  });

  return (
    <Banner role="alert" tone="danger" icon={OctagonPause} data-testid="safety-pause">
      <p className="font-semibold">{t('overview.pause.title')}</p>
      <p className="mt-1">
        {t(`overview.pause.reason.${pause.reason}`)}.{' '}
        {t('overview.pause.since', { when: dateTime(pause.since) })}
      </p>
      <p className="mt-1">{t(`overview.pause.todo.${pause.reason}`)}</p>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <button
          ref={resumeRef}
          type="button"
          className={buttonClass.secondary}
          disabled={resume.isPending}
          onClick={() => resume.mutate(false)}
        >
          {resume.isPending ? (
            <Loader2 className="h-4 w-4 animate-spin motion-reduce:animate-none" aria-hidden />
          ) : (
            <Play className="h-4 w-4" aria-hidden />
          )}
          {t(resume.isPending ? 'overview.pause.resuming' : 'overview.pause.resume')}
        </button>
        <Link
          to={`/runs/${encodeURIComponent(pause.run_id)}`}
          className={`rounded font-semibold underline ${FOCUS}`}
        >
          {t('overview.pause.viewRun')}
        </Link>
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        returnFocusRef={resumeRef}
        title={t('overview.pause.confirm.title')}
        description={t('overview.pause.confirm.body', { reason: t(`overview.pause.reason.${pause.reason}`) })}
        confirmLabel={t('overview.pause.confirm.confirm')}
        cancelLabel={t('overview.actions.cancel')}
        destructive
        onConfirm={() => resume.mutate(true)}
      />
    </Banner>
  );
}
