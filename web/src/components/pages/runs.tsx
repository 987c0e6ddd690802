import {
  BOT_JOB_TYPES,
  NAMED_RUN_ERRORS as NAMED,
  OUTCOME_STATUSES,
  RUN_COUNTERS,
  RUN_STATUSES,
} from '../../api/contract.ts';
import type { Run } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { StatusBadge } from '../../ui/index.ts';
import { runDurationMs, succeededWithErrors } from '../overview/runs.ts';

export const RUN_TYPES = BOT_JOB_TYPES;
export { RUN_COUNTERS, RUN_STATUSES, runDurationMs };

const KNOWN_STATUSES = new Set<string>([...RUN_STATUSES, ...OUTCOME_STATUSES]);

/** A translated status label (run or outcome), the raw value when unknown. */
export function useStatusLabel() {
  const { t } = useI18n();
  return (status: string) =>
    KNOWN_STATUSES.has(status) ? t(`pages.status.${status}` as MessageKey) : status;
}

export function useRunTypeLabel() {
  const { t } = useI18n();
  return (type: string) =>
    (RUN_TYPES as readonly string[]).includes(type) ? t(`pages.type.${type}` as MessageKey) : type;
}

export function RunStatusBadge({ status }: { status: string }) {
  const label = useStatusLabel();
  return <StatusBadge status={status} label={label(status)} />;
}

/** The amber "with errors" badge of a succeeded run that had errors; nothing otherwise. */
export function HasErrorsBadge({ run }: { run: Pick<Run, 'status' | 'has_errors' | 'errors'> }) {
  const { t } = useI18n();
  if (!succeededWithErrors(run)) return null;
  return (
    <StatusBadge
      status="has_errors"
      label={t('pages.runs.withErrors')}
      title={t('pages.runs.withErrorsHint', { count: run.errors })}
    />
  );
}

/** Run error codes with a human text (others are shown as their code). */
const NAMED_RUN_ERRORS = new Set<string>(NAMED);

/** The human text of a run error code, null when it has none. */
export function useRunErrorLabel() {
  const { t } = useI18n();
  return (code: string) => (NAMED_RUN_ERRORS.has(code) ? t(`pages.runError.${code}` as MessageKey) : null);
}
