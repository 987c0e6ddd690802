/**
 * What the birthday bot records for each contact: an outcome row (sent, skipped with its
 * reason, error with its screenshot), the run's counters and one log line.
 */
import { coded } from '../contract/logCodes.ts';
import type { OutcomeReason } from '../domain.ts';
import type {
  BirthdayContact,
  LinkedInClient,
  LinkedInError,
  SendConfirmation,
} from '../linkedin/interfaces.ts';
import {
  classifyFailure,
  errorCodeOf,
  errorMessageOf,
  failRun,
  type ResolvedDeps,
  recordOutcome,
  screenshotOf,
  stepName,
} from './common.ts';
import type { RunContext } from './runContext.ts';

/** Each one has a human text in the dashboard (OUTCOME_REASONS). */
export type BirthdaySkipReason = Extract<
  OutcomeReason,
  | 'blacklisted'
  | 'already_wished'
  | 'limit'
  | 'outside_window'
  | 'dry_run'
  | 'auth_required'
  | 'rate_limited'
  | 'browser_crashed'
  | 'proxy_failed'
  | 'unconfirmed_sends'
  | 'not_listed'
>;

/**
 * Why a contact was left when a stop hit while it was being handled: before its message
 * could go out, or after Send may have been pressed (its intent stays pending: the next run
 * reads the conversation before anything is sent again).
 */
export type BirthdayInterruptReason = Extract<OutcomeReason, 'stopped_before_send' | 'stopped_after_send'>;

export interface BirthdayBotResult {
  /** Contacts selected for this run (today's and/or late ones within max_days_late). */
  found: number;
  sent: number;
  skipped: number;
  errors: number;
}

/** What became of one contact: go on with the next, or end the run (stopped). */
export type Next = 'next' | 'stop';

export function lateLabel(daysLate: number | null): string {
  if (daysLate === null) return 'belated';
  if (daysLate === 0) return 'today';
  return daysLate === 1 ? '1 day late' : `${daysLate} days late`;
}

export class BirthdayOutcomes {
  constructor(
    private readonly ctx: RunContext,
    private readonly client: LinkedInClient,
    private readonly d: ResolvedDeps,
    private readonly result: BirthdayBotResult,
    /** The run's contacts in order: after a fatal failure, the remaining ones are recorded too. */
    private readonly contacts: readonly BirthdayContact[],
  ) {}

  async sent(contact: BirthdayContact, confirmation: SendConfirmation): Promise<void> {
    const { ctx } = this;
    this.result.sent++;
    ctx.count('messages_sent');
    await recordOutcome(ctx, this.d, {
      status: 'sent',
      contact_name: contact.name,
      profile_url: contact.profileUrl,
      reason: confirmation === 'thread' ? 'confirmed_in_thread' : 'confirmed_dialog_closed',
    });
    ctx.log(
      'info',
      `Wished ${contact.name} (${lateLabel(contact.daysLate)})` +
        (confirmation === 'thread' ? '' : ': confirmed by the message box closing without an error'),
      coded(confirmation === 'thread' ? 'birthday.wished' : 'birthday.wished_box_closed', {
        name: contact.name,
        days_late: contact.daysLate,
      }),
    );
  }

  async skip(contact: BirthdayContact, reason: BirthdaySkipReason, why?: string): Promise<void> {
    await this.recordSkipped(contact, reason);
    this.ctx.log(
      'info',
      `Skipped ${contact.name}: ${why ?? reason.replace(/_/g, ' ')}`,
      coded('birthday.skipped', { name: contact.name, reason }),
    );
  }

  /**
   * The contact being handled when the run was stopped: recorded, so the run's outcomes name
   * it. Counts nothing (it was neither skipped nor failed) and leaves the ledger as it is.
   */
  async interrupted(contact: BirthdayContact, reason: BirthdayInterruptReason): Promise<void> {
    await recordOutcome(this.ctx, this.d, {
      status: 'interrupted',
      reason,
      contact_name: contact.name,
      profile_url: contact.profileUrl,
    });
    this.ctx.log(
      reason === 'stopped_after_send' ? 'warn' : 'info',
      reason === 'stopped_after_send'
        ? `Stopped while wishing ${contact.name}, after Send may have been pressed: the next run checks the conversation`
        : `Stopped while handling ${contact.name}: nothing was sent to them`,
      coded(reason === 'stopped_after_send' ? 'birthday.stopped_after_send' : 'birthday.stopped_while', {
        name: contact.name,
      }),
    );
  }

  async recordSkipped(contact: BirthdayContact, reason: BirthdaySkipReason): Promise<void> {
    await recordOutcome(this.ctx, this.d, {
      status: 'skipped',
      reason,
      contact_name: contact.name,
      profile_url: contact.profileUrl,
    });
    this.result.skipped++;
  }

  /**
   * A failure while handling a contact: an error outcome (with a screenshot) unless the run
   * was stopped; says how the run goes on. Anything not a LinkedIn failure is rethrown.
   */
  async failed(
    contact: BirthdayContact,
    err: unknown,
    mayHaveSent = false,
  ): Promise<'stopped' | 'item' | 'fatal'> {
    const { ctx } = this;
    const kind = classifyFailure(ctx, err);
    if (kind === 'stopped') {
      await this.interrupted(contact, mayHaveSent ? 'stopped_after_send' : 'stopped_before_send');
      return 'stopped';
    }
    if (kind === 'unexpected') throw err;
    const code = errorCodeOf(err);
    await recordOutcome(ctx, this.d, {
      status: 'error',
      contact_name: contact.name,
      profile_url: contact.profileUrl,
      error_code: code,
      reason: errorMessageOf(err),
      screenshot: await screenshotOf(this.client, err, stepName('birthday', contact.slug)),
    });
    this.result.errors++;
    ctx.log(
      kind === 'fatal' ? 'error' : 'warn',
      `Could not wish ${contact.name}: ${code} (${errorMessageOf(err)})`,
      coded('birthday.wish_failed', {
        name: contact.name,
        error_code: code,
        error_message: errorMessageOf(err),
      }),
    );
    return kind;
  }

  /** Records the remaining contacts (after index `from`) as skipped for a fatal reason. */
  async skipRemaining(from: number, reason: BirthdaySkipReason): Promise<void> {
    for (const contact of this.contacts.slice(from)) await this.recordSkipped(contact, reason);
  }

  /**
   * A LinkedIn failure while handling contact `index`: 'stop' when the run was stopped,
   * 'next' for a per-contact error (recorded); throws (RunFailure) for fatal ones.
   * `mayHaveSent`: Send may have been pressed for this contact (said if a stop hit).
   */
  async onFailure(err: unknown, index: number, contact: BirthdayContact, mayHaveSent = false): Promise<Next> {
    const kind = await this.failed(contact, err, mayHaveSent);
    if (kind === 'stopped') return 'stop';
    if (kind === 'item') return 'next';
    await this.skipRemaining(index + 1, errorCodeOf(err) as BirthdaySkipReason);
    return failRun(this.ctx, this.d, err as LinkedInError);
  }
}
