import * as Switch from '@radix-ui/react-switch';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Loader2, Pause, Play, Rocket, Square } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { toast } from 'sonner';
import { ApiError, api } from '../../api/client.ts';
import type { BotStatus, Run, Settings, StartAnswer, StopAnswer } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { buttonClass, Card, ConfirmDialog, FOCUS, inputClass } from '../../ui/index.ts';
import { RUN_TYPES, useRunLabels } from '../runs.tsx';
import { FINAL_STATUSES, isBusy, liveRuns } from './botStatus.ts';
import { useSettings } from './hooks.ts';

type BotType = (typeof RUN_TYPES)[number];

interface StartVars {
  type: BotType;
  dryRun: boolean;
  force: boolean;
}

/** Each bot's start button, dry-run switch and "queued" words (the birthday bot's are the overview's own). */
const START_WORDS: Record<BotType, { start: MessageKey; dryRun: MessageKey; queued: MessageKey }> = {
  birthday: {
    start: 'overview.actions.start',
    dryRun: 'overview.actions.dryRun',
    queued: 'overview.actions.startedDescription',
  },
  visitor: {
    start: 'run.start.visitor',
    dryRun: 'run.start.dryRun.visitor',
    queued: 'run.start.queued.visitor',
  },
  invitations: {
    start: 'run.start.invitations',
    dryRun: 'run.start.dryRun.invitations',
    queued: 'run.start.queued.invitations',
  },
};

const KEPT_WORDS: Record<string, MessageKey> = {
  birthday: 'run.stopConfirm.kept.birthday',
  visitor: 'run.stopConfirm.kept.visitor',
  invitations: 'run.stopConfirm.kept.invitations',
};

/** What a stop leaves done, for the run types being stopped (messages, visits, withdrawals). */
function stopWords(t: (key: MessageKey) => string, runs: Pick<Run, 'type'>[]): string {
  const kept = [...new Set(runs.map((r) => KEPT_WORDS[r.type] ?? 'run.stopConfirm.kept.other'))];
  return [t('run.stopConfirm.body'), ...kept.map((key) => t(key))].join(' ');
}

/**
 * Start a birthday run (with a dry-run switch and the outside-window confirmation; off while the
 * bots are paused after LinkedIn pushed back), pause or resume auto-run, stop the current run (confirmed, loading until the live status says it has stopped).
 * Everything follows the live status, so a run started from another tab disables "start" here too.
 */
export function QuickActions({ status }: { status: BotStatus }) {
  const { t } = useI18n();
  const labels = useRunLabels();
  const queryClient = useQueryClient();
  const settings = useSettings();
  const dryRunId = useId();
  const botId = useId();
  const [bot, setBot] = useState<BotType>('birthday');
  const words = START_WORDS[bot];
  const startRef = useRef<HTMLButtonElement>(null);
  const [dryRunChoice, setDryRunChoice] = useState<boolean | null>(null);
  const dryRun = dryRunChoice ?? settings.data?.dry_run ?? false;
  const [outsideWindow, setOutsideWindow] = useState(false);
  const [stopIds, setStopIds] = useState<string[] | null>(null);

  const busy = isBusy(status);
  // LinkedIn pushed back: the server refuses every start until the bots are resumed.
  const paused = status.safety_pause;
  const targets = liveRuns(status);
  const errorMessage = (err: unknown) => t('overview.actions.failed', { message: (err as Error).message });

  const start = useMutation({
    mutationFn: ({ type, dryRun, force }: StartVars) =>
      api<StartAnswer>('POST', '/api/bot/action', {
        action: 'start',
        job_type: type,
        dry_run: dryRun,
        ...(force ? { options: { force: true } } : {}),
      }),
    onSuccess: ({ run }, vars) => {
      // Until the live status arrives, the new run counts as queued: start stays disabled.
      queryClient.setQueryData<BotStatus>(['status'], (old) =>
        old && !liveRuns(old).some((r) => r.id === run.id)
          ? { ...old, queued_jobs: [...old.queued_jobs, run] }
          : old,
      );
      toast.success(t(vars.dryRun ? 'overview.actions.startedDry' : 'overview.actions.started'), {
        description: t(START_WORDS[vars.type].queued),
      });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'outside_window') {
        setOutsideWindow(true);
        return;
      }
      if (err instanceof ApiError && err.code === 'already_running') {
        toast.info(t('overview.actions.alreadyRunning'));
      } else if (err instanceof ApiError && err.code === 'account_paused') {
        // Paused since this page last heard: the status refetched below shows why.
        toast.error(t('overview.pause.title'));
      } else {
        toast.error(errorMessage(err));
      }
      void queryClient.invalidateQueries({ queryKey: ['status'] });
    },
  });

  const autoRun = useMutation({
    mutationFn: (enabled: boolean) =>
      api<Settings>('PATCH', '/api/settings', { schedule: { auto_run: enabled } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings'], saved);
      queryClient.setQueryData<BotStatus>(['status'], (old) =>
        old ? { ...old, auto_run: { ...old.auto_run, enabled: saved.schedule.auto_run } } : old,
      );
      // The server computes the next run time: fetch it.
      void queryClient.invalidateQueries({ queryKey: ['status'] });
      toast.success(
        t(saved.schedule.auto_run ? 'overview.actions.autoRunResumed' : 'overview.actions.autoRunPaused'),
      );
    },
    onError: (err) => toast.error(errorMessage(err)),
  });

  const stop = useMutation({
    mutationFn: (runId: string | undefined) =>
      api<StopAnswer>('POST', '/api/bot/action', {
        action: 'stop',
        ...(runId ? { run_id: runId } : {}),
      }),
    onSuccess: ({ stopping }) => {
      toast.info(t('overview.actions.stopRequested'), {
        description: t('overview.actions.stopRequestedDescription'),
      });
      setStopIds(stopping.length > 0 ? stopping : null);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'no_active_run')
        toast.info(t('overview.actions.noActiveRun'));
      else toast.error(errorMessage(err));
      void queryClient.invalidateQueries({ queryKey: ['status'] });
    },
  });

  // The outcome of a stop: once none of the runs asked to stop is queued or active any more.
  useEffect(() => {
    if (!stopIds) return;
    if (liveRuns(status).some((r) => stopIds.includes(r.id))) return;
    setStopIds(null);
    const last = status.last_run;
    if (
      last &&
      stopIds.includes(last.id) &&
      FINAL_STATUSES.includes(last.status) &&
      last.status !== 'stopped'
    ) {
      toast.info(t('overview.actions.stopEnded', { status: labels.status(last.status) }));
    } else {
      toast.success(t('overview.actions.stopDone'));
    }
  }, [status, stopIds, t, labels]);

  const stopping = stop.isPending || stopIds !== null || status.state === 'stopping';
  const target = status.active_jobs[0] ?? status.queued_jobs[0];

  return (
    <Card id="overview-actions" title={t('overview.actions.title')} className="md:col-span-2 xl:col-span-3">
      <div className="flex flex-col gap-4 lg:flex-row lg:flex-wrap lg:items-center">
        <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-center">
          <div className="flex items-center gap-2">
            <label htmlFor={botId} className="text-sm whitespace-nowrap">
              {t('run.start.bot')}
            </label>
            <select
              id={botId}
              value={bot}
              onChange={(e) => setBot(e.target.value as BotType)}
              disabled={start.isPending}
              className={`${inputClass} w-auto min-w-0`}
            >
              {RUN_TYPES.map((type) => (
                <option key={type} value={type}>
                  {labels.type(type)}
                </option>
              ))}
            </select>
          </div>
          <button
            ref={startRef}
            type="button"
            className={buttonClass.primary}
            disabled={busy || !!paused || start.isPending}
            aria-describedby={busy ? `${dryRunId}-busy` : paused ? `${dryRunId}-paused` : undefined}
            onClick={() => start.mutate({ type: bot, dryRun, force: false })}
          >
            {start.isPending ? (
              <Loader2 className="h-4 w-4 animate-spin motion-reduce:animate-none" aria-hidden />
            ) : (
              <Rocket className="h-4 w-4" aria-hidden />
            )}
            {start.isPending ? t('overview.actions.starting') : t(words.start)}
          </button>
          <div className="flex items-center gap-2">
            <Switch.Root
              id={dryRunId}
              checked={dryRun}
              onCheckedChange={setDryRunChoice}
              className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full bg-slate-300 transition-colors data-[state=checked]:bg-violet-600 dark:bg-slate-700 dark:data-[state=checked]:bg-violet-500 ${FOCUS}`}
            >
              <Switch.Thumb className="block h-5 w-5 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[1.375rem]" />
            </Switch.Root>
            <label htmlFor={dryRunId} className="text-sm">
              {t(words.dryRun)}
            </label>
          </div>
          {busy && (
            <p id={`${dryRunId}-busy`} className="text-xs text-slate-600 dark:text-slate-400">
              {t('overview.actions.startDisabledHint')}
            </p>
          )}
          {!busy && paused && (
            <p id={`${dryRunId}-paused`} className="text-xs text-red-700 dark:text-red-400">
              {t('overview.actions.pausedHint', { reason: t(`overview.pause.reason.${paused.reason}`) })}
            </p>
          )}
        </div>

        <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap lg:ml-auto">
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={autoRun.isPending}
            onClick={() => autoRun.mutate(!status.auto_run.enabled)}
          >
            {autoRun.isPending ? (
              <Loader2 className="h-4 w-4 animate-spin motion-reduce:animate-none" aria-hidden />
            ) : status.auto_run.enabled ? (
              <Pause className="h-4 w-4" aria-hidden />
            ) : (
              <Play className="h-4 w-4" aria-hidden />
            )}
            {t(status.auto_run.enabled ? 'overview.actions.pauseAutoRun' : 'overview.actions.resumeAutoRun')}
          </button>

          <ConfirmDialog
            trigger={
              <button
                type="button"
                className={buttonClass.danger}
                disabled={targets.length === 0 || stopping}
                aria-busy={stopping || undefined}
              >
                {stopping ? (
                  <Loader2 className="h-4 w-4 animate-spin motion-reduce:animate-none" aria-hidden />
                ) : (
                  <Square className="h-4 w-4" aria-hidden />
                )}
                {stopping ? t('overview.actions.stopping') : t('overview.actions.stop')}
              </button>
            }
            title={t('overview.actions.stopConfirm.title')}
            description={stopWords(t, target ? [target] : targets)}
            confirmLabel={t('overview.actions.stopConfirm.confirm')}
            cancelLabel={t('overview.actions.cancel')}
            destructive
            onConfirm={() => stop.mutate(target?.id)}
          />
        </div>
      </div>

      <ConfirmDialog
        open={outsideWindow}
        onOpenChange={setOutsideWindow}
        returnFocusRef={startRef}
        title={t('overview.actions.outsideWindow.title')}
        description={t('overview.actions.outsideWindow.body', {
          start: status.auto_run.window_start,
          end: status.auto_run.window_end,
          timezone: status.auto_run.timezone,
        })}
        confirmLabel={t('overview.actions.outsideWindow.confirm')}
        cancelLabel={t('overview.actions.cancel')}
        onConfirm={() => start.mutate({ type: bot, dryRun, force: true })}
      />
    </Card>
  );
}
