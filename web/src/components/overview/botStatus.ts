import { FINAL_RUN_STATUSES } from '../../api/contract.ts';
import type { BotStatus, Run, RunStatus } from '../../api/types.ts';

export const FINAL_STATUSES: readonly RunStatus[] = FINAL_RUN_STATUSES;

/** Runs queued or active, the ones a stop would target. */
export function liveRuns(status: BotStatus | undefined): Run[] {
  return status ? [...status.active_jobs, ...status.queued_jobs] : [];
}

/** True while anything runs or waits: start must not be offered. */
export function isBusy(status: BotStatus | undefined): boolean {
  return !!status && (status.running || status.state !== 'idle' || liveRuns(status).length > 0);
}
