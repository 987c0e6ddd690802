/**
 * The birthday bot's sends, exactly once per birthday: a wish an earlier run left pending is
 * settled against the conversation before anything is sent again, and a new wish has its
 * intent row written just before Send is pressed and confirmed once LinkedIn confirms it.
 */
import { coded } from '../contract/logCodes.ts';
import { isActiveStatus } from '../domain.ts';
import {
  type BirthdayContact,
  type LinkedInClient,
  LinkedInError,
  type SendConfirmation,
} from '../linkedin/interfaces.ts';
import type { BirthdayMessage } from '../store/interfaces.ts';
import { IntentHeldError, threadContains } from '../rules/birthdayKeys.ts';
import type { BirthdayOutcomes, Next } from './birthdayOutcomes.ts';
import type { BirthdayQuota } from '../rules/birthdayQuota.ts';
import type { ResolvedDeps } from './common.ts';
import { type RunContext, RunFailure } from './runContext.ts';

/** Unconfirmed sends in a row after which a run stops (LinkedIn may be failing silently). */
const MAX_UNCONFIRMED_IN_A_ROW = 3;

export class BirthdaySender {
  /** Whether this run pressed Send yet: the human-like pause comes between two sends. */
  attempted = false;
  /** Sends in a row that LinkedIn never confirmed: past a few, the run stops sending blind. */
  private unconfirmedInARow = 0;
  private readonly account: string;

  constructor(
    private readonly ctx: RunContext,
    private readonly client: LinkedInClient,
    private readonly d: ResolvedDeps,
    private readonly outcomes: BirthdayOutcomes,
    private readonly quota: BirthdayQuota,
  ) {
    this.account = ctx.run.account_id;
  }

  private get ledger() {
    return this.ctx.store.birthdayMessages;
  }

  private nowIso(): string {
    return this.d.now().toISOString();
  }

  /**
   * An intent nobody confirmed: a run died between "Send" and the confirmation, a send was
   * never confirmed, or another run is wishing this contact right now. The conversation
   * decides: the wish is there (confirmed, not sent again), or it is not (sent now).
   */
  async settlePendingWish(
    contact: BirthdayContact,
    index: number,
    existing: BirthdayMessage,
  ): Promise<Next | 'send'> {
    const { ctx, quota } = this;
    if (existing.run_id !== ctx.run.id) {
      const owner = await ctx.store.runs.get(existing.run_id);
      if (owner && isActiveStatus(owner.status)) {
        await this.outcomes.skip(contact, 'already_wished', `already being wished by run ${existing.run_id}`);
        return 'next';
      }
    }
    let thread: string[];
    try {
      thread = await this.client.readConversation(contact, { signal: ctx.signal });
    } catch (err) {
      // An earlier run may have pressed Send: a stop here must not claim nothing was sent.
      return this.outcomes.onFailure(err, index, contact, true);
    }
    if (threadContains(thread, existing.text)) {
      await this.ledger.confirm(existing.id, this.nowIso());
      quota.countConfirmed(existing);
      ctx.log(
        'info',
        `Confirmed a pending wish to ${contact.name}: found in the conversation, not sent again`,
        coded('birthday.pending_confirmed', { name: contact.name }),
      );
      await this.outcomes.skip(contact, 'already_wished');
      return 'next';
    }
    await this.ledger.discardIntent(existing.id);
    ctx.log(
      'info',
      `A pending wish to ${contact.name} (run ${existing.run_id}) never reached the conversation: sending again`,
      coded('birthday.pending_resend', { name: contact.name, run_id: existing.run_id }),
    );
    return 'send';
  }

  /**
   * Sends the wish: the intent is written just before Send is pressed, confirmed once
   * LinkedIn confirms the send. An unconfirmed send keeps its intent (the next run checks
   * the conversation); only a send LinkedIn refused frees it.
   */
  async send(
    contact: BirthdayContact,
    index: number,
    message: { birthdayDate: string; template: string; text: string },
  ): Promise<Next> {
    const { ctx } = this;
    const { signal } = ctx;
    const pending: { intent: BirthdayMessage | null; held: boolean } = { intent: null, held: false };
    const newIntent = () =>
      this.ledger.createIntent({
        account_id: this.account,
        contact_slug: contact.slug,
        birthday_date: message.birthdayDate,
        run_id: ctx.run.id,
        template: message.template,
        text: message.text,
        dry_run: false,
        created_at: this.nowIso(),
      });
    this.attempted = true;
    let confirmation: SendConfirmation;
    try {
      confirmation = await this.client.sendMessage(contact, message.text, {
        signal,
        beforeSend: async () => {
          pending.intent = await newIntent();
          if (!pending.intent) {
            pending.held = true;
            throw new IntentHeldError(contact.slug);
          }
        },
      });
    } catch (err) {
      if (pending.held || err instanceof IntentHeldError) {
        await this.outcomes.skip(contact, 'already_wished', 'already wished (recorded by another run)');
        return 'next';
      }
      if (pending.intent && err instanceof LinkedInError && err.code === 'send_failed' && !signal.aborted) {
        // LinkedIn said it was not sent: free the key so a later run can retry.
        await this.ledger.discardIntent(pending.intent.id);
      } else if (pending.intent && !signal.aborted) {
        // Send was pressed and nothing confirmed it (a timeout, a crash of the page): it may
        // have been delivered. The intent stays; the next run reads the conversation first.
        ctx.log(
          'warn',
          `${contact.name}: no confirmation after Send; the wish is kept as pending and checked in the conversation before any resend`,
          coded('birthday.unconfirmed', { name: contact.name }),
        );
        this.unconfirmedInARow++;
      }
      const next = await this.outcomes.onFailure(err, index, contact, pending.intent !== null);
      if (next === 'next' && this.unconfirmedInARow >= MAX_UNCONFIRMED_IN_A_ROW) {
        const message = `LinkedIn confirmed none of the last ${this.unconfirmedInARow} sends: stopped rather than sending blind (each is checked in its conversation by the next run)`;
        ctx.log('error', message, coded('birthday.unconfirmed_in_a_row', { count: this.unconfirmedInARow }));
        await this.outcomes.skipRemaining(index + 1, 'unconfirmed_sends');
        throw new RunFailure('unconfirmed_sends', message);
      }
      // A stop after the intent was written is recorded (and logged) as interrupted: stopped_after_send.
      return next;
    }

    let intent = pending.intent as BirthdayMessage | null;
    if (!intent) {
      // The driver did not call beforeSend: record the message now.
      ctx.log(
        'warn',
        `${contact.name}: the message was sent without an intent row; recording it now`,
        coded('birthday.intent_missing', { name: contact.name }),
      );
      intent = await newIntent();
    }
    if (process.env.LBB_TEST_KILL_BEFORE_CONFIRM === '1' && ctx.config.testRuns) {
      // Test-only: die between Send and the confirmation, like a crash would.
      process.kill(process.pid, 'SIGKILL');
      await new Promise<never>(() => {});
    }
    if (intent) await this.ledger.confirm(intent.id, this.nowIso());
    this.unconfirmedInARow = 0;
    await this.recordSent(contact, confirmation);
    return 'next';
  }

  private async recordSent(contact: BirthdayContact, confirmation: SendConfirmation): Promise<void> {
    this.quota.usedThisRun++;
    await this.outcomes.sent(contact, confirmation);
  }
}
