import type { Run, RunStatus } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { StatusBadge } from './ui.tsx';

export const RUN_TYPES = ['birthday', 'visitor', 'invitations'] as const;
export const RUN_STATUSES: RunStatus[] = [
  'queued',
  'running',
  'stopping',
  'succeeded',
  'failed',
  'stopped',
  'interrupted',
];
export const ACTIVE_STATUSES: RunStatus[] = ['queued', 'running', 'stopping'];

const KNOWN_STATUSES = new Set<string>([...RUN_STATUSES, 'sent', 'skipped', 'error', 'visited', 'withdrawn']);

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

/** Wall time of a run: start to end, or to now while it runs. */
export function runDuration(run: Pick<Run, 'started_at' | 'ended_at'>, now = Date.now()): number | null {
  if (!run.started_at) return null;
  const end = run.ended_at ? Date.parse(run.ended_at) : now;
  return end - Date.parse(run.started_at);
}
