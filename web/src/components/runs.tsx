import { TriangleAlert } from 'lucide-react';
import { useMemo } from 'react';
import {
  BOT_JOB_TYPES,
  NAMED_RUN_ERRORS,
  OUTCOME_ERROR_CODES,
  OUTCOME_REASONS,
  OUTCOME_STATUSES,
  RUN_COUNTERS,
  RUN_STATUSES,
} from '../api/contract.ts';
import type { Run, RunCounter } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { StatusBadge } from '../ui/index.ts';

/** A run as the overview and the pages show it: its words (i18n `run.*`), duration and badges. */

export const RUN_TYPES = BOT_JOB_TYPES;
export { RUN_COUNTERS, RUN_STATUSES };

const KNOWN_STATUSES = new Set<string>([...RUN_STATUSES, ...OUTCOME_STATUSES]);
const KNOWN_TYPES = new Set<string>(RUN_TYPES);
/** Run error codes with a human text (others are shown as their code). */
const NAMED_ERRORS = new Set<string>(NAMED_RUN_ERRORS);
const KNOWN_REASONS = new Set<string>(OUTCOME_REASONS);
const KNOWN_ERROR_CODES = new Set<string>(OUTCOME_ERROR_CODES);

/** What each bot does, the first of its figures (other run types: messages). */
const DONE_COUNTER: Record<string, RunCounter> = {
  birthday: 'messages_sent',
  visitor: 'profiles_visited',
  invitations: 'invitations_withdrawn',
};

export interface RunFigure {
  counter: RunCounter;
  value: number;
  tone?: 'ok' | 'error';
}

/** A run's own figures: what its bot did (sent, visited or withdrawn), then skipped and errors. */
export function runFigures(run: Pick<Run, 'type' | RunCounter>): RunFigure[] {
  const done = DONE_COUNTER[run.type] ?? 'messages_sent';
  return [
    { counter: done, value: run[done], tone: 'ok' },
    { counter: 'skipped', value: run.skipped },
    { counter: 'errors', value: run.errors, tone: run.errors > 0 ? 'error' : undefined },
  ];
}

/** The run's figures in one line ("Profils visités 4 · Ignorés 1 · Erreurs 0"), for tables. */
export function RunFiguresInline({ run }: { run: Pick<Run, 'type' | RunCounter> }) {
  const { t, number } = useI18n();
  return (
    <dl className="flex flex-wrap gap-x-3 gap-y-0.5 text-sm">
      {runFigures(run).map((f) => (
        <div key={f.counter} className="whitespace-nowrap">
          <dt className="inline text-slate-600 dark:text-slate-400">{t(`run.counter.${f.counter}`)}</dt>{' '}
          <dd
            className={`inline font-semibold tabular-nums ${f.tone === 'error' ? 'text-red-700 dark:text-red-400' : ''}`}
          >
            {number(f.value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A run's words, translated: its status (or an outcome's) and its type, as they are when unknown;
 * its trigger; the human text of its error code, null when the code has none.
 */
export function useRunLabels() {
  const { t } = useI18n();
  return useMemo(
    () => ({
      status: (status: string) =>
        KNOWN_STATUSES.has(status) ? t(`run.status.${status}` as MessageKey) : status,
      type: (type: string) => (KNOWN_TYPES.has(type) ? t(`run.type.${type}` as MessageKey) : type),
      trigger: (trigger: Run['trigger']) => t(`run.trigger.${trigger}`),
      error: (code: string) => (NAMED_ERRORS.has(code) ? t(`run.error.${code}` as MessageKey) : null),
      /** An outcome's reason code in words; null for a free text (an error's message). */
      reason: (reason: string) =>
        KNOWN_REASONS.has(reason) ? t(`outcome.reason.${reason}` as MessageKey) : null,
      /** An error outcome's code in words; null when it has none. */
      errorCode: (code: string) =>
        KNOWN_ERROR_CODES.has(code) ? t(`outcome.error.${code}` as MessageKey) : null,
    }),
    [t],
  );
}

/** Run duration in ms: start → end, or → now while it runs; null before it starts. */
export function runDurationMs(run: Pick<Run, 'started_at' | 'ended_at'>, now = Date.now()): number | null {
  if (!run.started_at) return null;
  const end = run.ended_at ? Date.parse(run.ended_at) : now;
  return Math.max(0, end - Date.parse(run.started_at));
}

/** A succeeded run that still had errors: shown with an amber "with errors" badge. */
export function succeededWithErrors(run: Pick<Run, 'status' | 'has_errors'>): boolean {
  return run.status === 'succeeded' && run.has_errors;
}

/** A run's (or an outcome's) status in its colour. */
export function RunStatusBadge({ status, testId }: { status: string; testId?: string }) {
  const labels = useRunLabels();
  return <StatusBadge status={status} label={labels.status(status)} testId={testId} />;
}

/** The amber "with errors" badge of a succeeded run that had errors; nothing otherwise. */
export function HasErrorsBadge({
  run,
  testId,
}: {
  run: Pick<Run, 'status' | 'has_errors' | 'errors'>;
  testId?: string;
}) {
  const { t } = useI18n();
  if (!succeededWithErrors(run)) return null;
  return (
    <StatusBadge
      status="has_errors"
      label={t('run.withErrors')}
      title={t('run.withErrorsHint', { count: run.errors })}
      testId={testId}
    >
      <TriangleAlert className="h-3 w-3" aria-hidden />
    </StatusBadge>
  );
}
