/**
 * Ending an account's safety pause: a user resumes the bots that LinkedIn's pushback paused.
 * A pause that began today (in the account's timezone) is resumed only when confirmed, as
 * LinkedIn's limits and checks rarely clear within the day.
 */
import type { AuditLog } from '../audit.ts';
import type { Clock } from '../clock.ts';
import { loadSettings } from '../config/settingsStore.ts';
import { type AccountPause, type Actor, describePauseReason } from '../domain.ts';
import { confirmationRequired, conflict } from '../errors.ts';
import type { EventBus } from '../events.ts';
import { localDateOf } from '../planner.ts';
import type { Store } from '../store/interfaces.ts';
import type { Scheduler } from './scheduler.ts';

export interface ResumeDeps {
  store: Store;
  audit: AuditLog;
  clock: Clock;
  bus: EventBus;
  scheduler: Pick<Scheduler, 'replan'>;
}

export interface ResumeInput {
  accountId: string;
  actor: Actor;
  /** Required when the pause began the same calendar day. */
  confirm: boolean;
}

/** Ends the pause (audited `bot.resume`) and lets auto-run plan again; returns the pause ended. */
export async function resumeBots(deps: ResumeDeps, input: ResumeInput): Promise<AccountPause> {
  const { store, audit, clock, bus, scheduler } = deps;
  const pause = await store.accountPauses.get(input.accountId);
  if (!pause) throw conflict('not_paused', 'The bots of this account are not paused');
  const { timezone } = (await loadSettings(store, input.accountId)).schedule;
  const sameDay = localDateOf(new Date(pause.since), timezone) === localDateOf(clock.now(), timezone);
  if (sameDay && !input.confirm) {
    throw confirmationRequired(
      `The bots were paused today (${pause.since}): ${describePauseReason(pause.reason)}. Resuming the same day risks LinkedIn restricting the account: confirm with "confirm": true`,
      { reason: pause.reason, since: pause.since, run_id: pause.run_id, timezone },
    );
  }
  // Only the pause just checked: a newer one (another run's) would need its own decision.
  const ended = await audit.change(
    (tx) => tx.accountPauses.resume(input.accountId, pause.since),
    (resumed) =>
      resumed && {
        accountId: input.accountId,
        actor: input.actor,
        action: 'bot.resume',
        target: pause.run_id,
        details: { reason: pause.reason, since: pause.since, confirmed: input.confirm },
      },
  );
  if (!ended) throw conflict('not_paused', 'The bots of this account are not paused any more');
  bus.emit('status', input.accountId);
  await scheduler.replan(input.accountId);
  return ended;
}
