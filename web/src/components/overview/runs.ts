import { FINAL_RUN_STATUSES, NAMED_RUN_ERRORS } from '../../api/contract.ts';
import type { BotStatus, Run, RunStatus } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/en.ts';

export const FINAL_STATUSES: readonly RunStatus[] = FINAL_RUN_STATUSES;

export function runStatusKey(status: RunStatus): MessageKey {
  return `overview.runStatus.${status}`;
}

export function runErrorKey(code: string): MessageKey | null {
  return (NAMED_RUN_ERRORS as readonly string[]).includes(code)
    ? (`overview.runError.${code}` as MessageKey)
    : null;
}

/** A succeeded run that still had errors: shown with an amber "with errors" badge. */
export function succeededWithErrors(run: Pick<Run, 'status' | 'has_errors'>): boolean {
  return run.status === 'succeeded' && run.has_errors;
}

export function runTypeKey(type: string): MessageKey | null {
  return type === 'birthday' || type === 'visitor' || type === 'invitations'
    ? `overview.runType.${type}`
    : null;
}

/** Run duration in ms: start → end, or → now while it runs; null before it starts. */
export function runDurationMs(run: Pick<Run, 'started_at' | 'ended_at'>, now = Date.now()): number | null {
  if (!run.started_at) return null;
  const end = run.ended_at ? Date.parse(run.ended_at) : now;
  return Math.max(0, end - Date.parse(run.started_at));
}

/** Runs queued or active, the ones a stop would target. */
export function liveRuns(status: BotStatus | undefined): Run[] {
  return status ? [...status.active_jobs, ...status.queued_jobs] : [];
}

/** True while anything runs or waits: start must not be offered. */
export function isBusy(status: BotStatus | undefined): boolean {
  return !!status && (status.running || status.state !== 'idle' || liveRuns(status).length > 0);
}
