import { TriangleAlert } from 'lucide-react';
import { useMemo } from 'react';
import {
  BOT_JOB_TYPES,
  NAMED_RUN_ERRORS,
  OUTCOME_STATUSES,
  RUN_COUNTERS,
  RUN_STATUSES,
} from '../api/contract.ts';
import type { Run } from '../api/types.ts';
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
