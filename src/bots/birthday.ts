/**
 * The birthday bot: wishes happy birthday to today's (and late) birthdays on LinkedIn.
 *
 * Exactly-once: the ledger (`birthdayMessages`) is keyed by (account, contact, birthday
 * date). An intent row is written just before "Send" is pressed (from the driver's
 * `beforeSend`) and confirmed once the message shows in the thread. An intent left
 * unconfirmed by a run that died is checked against the conversation before anything is
 * sent again.
 */
import { DateTime } from 'luxon';
import { loadTemplates } from '../config/defaultTemplates.ts';
import { isActiveStatus } from '../domain.ts';
import {
  type BirthdayContact,
  type LinkedInClient,
  LinkedInError,
  type SendConfirmation,
} from '../linkedin/interfaces.ts';
import { localDateOf, windowUtc } from '../planner.ts';
import type { BirthdayMessage, TemplateSet } from '../store/interfaces.ts';
import { BELATED_QUIET_DAYS, birthdayDateOf, IntentHeldError, threadContains } from './birthdayKeys.ts';
import {
  type BirthdayBotResult,
  BirthdayOutcomes,
  type BirthdaySkipReason,
  lateLabel,
} from './birthdayOutcomes.ts';
import { BirthdayQuota } from './birthdayQuota.ts';
import { selectBirthdays } from './birthdaySelection.ts';
import { composeWish } from './birthdayWish.ts';
import { createBlacklistMatcher } from './blacklist.ts';
import {
  actionDelayMs,
  type BotDeps,
  booleanOption,
  errorCodeOf,
  failListing,
  failRun,
  numberOption,
  pause,
  type ResolvedDeps,
  resolveDeps,
  runLimit,
} from './common.ts';
import { type RunContext, RunFailure } from './runContext.ts';

export { birthdayDateOf, threadContains } from './birthdayKeys.ts';
export type { BirthdayBotResult, BirthdaySkipReason } from './birthdayOutcomes.ts';

/** Unconfirmed sends in a row after which a run stops (LinkedIn may be failing silently). */
const MAX_UNCONFIRMED_IN_A_ROW = 3;

/** What became of one contact: go on with the next, or end the run (stopped). */
type Next = 'next' | 'stop';

/**
 * Runs the birthday bot over a LinkedIn client. Resolves when done or stopped (the caller
 * sees `ctx.signal.aborted`); throws `RunFailure` for auth_required / rate_limited /
 * browser_crashed, or when the birthday page cannot be read.
 */
export async function runBirthdayBot(
  ctx: RunContext,
  client: LinkedInClient,
  deps?: BotDeps,
): Promise<BirthdayBotResult> {
  return new BirthdayRun(ctx, client, resolveDeps(deps)).execute();
}

/**
 * One birthday run, in the steps a reader follows: read the birthday page, choose the
 * contacts, then for each one: the reasons to skip it, a pending wish of an earlier run,
 * the limits, the pause and the window, the message, and the send with its exactly-once
 * bookkeeping.
 */
class BirthdayRun {
  private readonly result: BirthdayBotResult = { found: 0, sent: 0, skipped: 0, errors: 0 };
  private readonly outcomes: BirthdayOutcomes;
  private readonly account: string;
  private readonly tz: string;
  private readonly processToday: boolean;
  private readonly processLate: boolean;
  private readonly maxDaysLate: number;
  private readonly perRun: number;
  private readonly force: boolean;
  private readonly dryRun: boolean;
  private contacts: BirthdayContact[] = [];
  private blacklist!: ReturnType<typeof createBlacklistMatcher>;
  private templates!: TemplateSet;
  private quota!: BirthdayQuota;
  /** Once a limit is reached or the window closed, every remaining contact gets this reason. */
  private stopReason: 'limit' | 'outside_window' | null = null;
  private sendAttempted = false;
  /** Sends in a row that LinkedIn never confirmed: past a few, the run stops sending blind. */
  private unconfirmedInARow = 0;

  constructor(
    private readonly ctx: RunContext,
    private readonly client: LinkedInClient,
    private readonly d: ResolvedDeps,
  ) {
    const { settings } = ctx;
    this.account = ctx.run.account_id;
    this.tz = settings.schedule.timezone;
    this.processToday = settings.birthday.process_today;
    this.processLate = booleanOption(ctx, 'process_late') ?? settings.birthday.process_late;
    this.maxDaysLate = numberOption(ctx, 'max_days_late') ?? settings.birthday.max_days_late;
    this.perRun = runLimit(ctx, settings.limits.per_run);
    this.force = ctx.run.options.force === true;
    this.dryRun = ctx.run.dry_run;
    this.outcomes = new BirthdayOutcomes(ctx, client, d, this.result);
  }

  private get ledger() {
    return this.ctx.store.birthdayMessages;
  }

  private nowIso(): string {
    return this.d.now().toISOString();
  }

  async execute(): Promise<BirthdayBotResult> {
    const { ctx, result } = this;
    if (ctx.signal.aborted) return result;
    const listed = await this.readBirthdayPage();
    if (!listed) return result;
    this.contacts = this.chooseContacts(listed);
    if (this.contacts.length === 0) return result;
    await this.prepare();
    for (const [index, contact] of this.contacts.entries()) {
      if (ctx.signal.aborted) return result;
      if ((await this.handle(contact, index)) === 'stop') return result;
    }
    ctx.log(
      'info',
      `Birthday run done: ${result.sent} sent, ${result.skipped} skipped, ${result.errors} error(s)` +
        (this.dryRun ? ' [dry run]' : ''),
    );
    return result;
  }

  /** The birthday page's cards; null when the run was stopped while reading it. */
  private async readBirthdayPage(): Promise<BirthdayContact[] | null> {
    this.ctx.progress({ step: 'Reading the birthday page' });
    try {
      return await this.client.listBirthdays({ signal: this.ctx.signal });
    } catch (err) {
      await failListing(this.ctx, this.d, err, 'the birthday page');
      return null;
    }
  }

  /** Today's first, then by lateness; each contact once; late ones per the settings. */
  private chooseContacts(listed: BirthdayContact[]): BirthdayContact[] {
    const { ctx, processToday, processLate, maxDaysLate } = this;
    const { contacts, ignored } = selectBirthdays(listed, { processToday, processLate, maxDaysLate });
    const todayCount = listed.filter((c) => c.daysLate === 0).length;
    this.result.found = contacts.length;
    ctx.progress({ found: contacts.length });
    ctx.log(
      'info',
      `Found ${listed.length} birthday(s) (${todayCount} today, ${listed.length - todayCount} late): ` +
        `${contacts.length} to process` +
        (ignored > 0
          ? `, ${ignored} ignored (${processLate ? `late by more than ${maxDaysLate} days` : 'late ones are off'}${processToday ? '' : ', today off'})`
          : '') +
        (this.dryRun ? ' [dry run]' : ''),
    );
    return contacts;
  }

  /** The blacklist, the templates and what the ledger already counts today and this week. */
  private async prepare(): Promise<void> {
    const { store } = this.ctx;
    this.blacklist = createBlacklistMatcher(await store.blacklist.list(this.account));
    this.templates = await loadTemplates(store, this.account);
    this.quota = await BirthdayQuota.load(this.ledger, this.account, this.d.now(), this.tz);
  }

  /** One contact, from its card to its outcome. */
  private async handle(contact: BirthdayContact, index: number): Promise<Next> {
    const { ctx } = this;
    ctx.progress({ step: `${index + 1}/${this.contacts.length}: ${contact.name}` });
    await ctx.store.contacts.upsert({
      account_id: this.account,
      slug: contact.slug,
      name: contact.name,
      profile_url: contact.profileUrl,
      updated_at: this.nowIso(),
    });
    const birthdayDate = birthdayDateOf(this.quota.today, contact.daysLate);
    const existing = await this.ledger.find(this.account, contact.slug, birthdayDate);
    if (await this.skippedUpfront(contact, existing)) return 'next';

    if (existing) {
      const pending = await this.settlePendingWish(contact, index, existing);
      if (pending !== 'send') return pending;
    }
    if (await this.stoppedByLimitOrWindow(contact)) return this.ctx.signal.aborted ? 'stop' : 'next';

    const { template, text } = await this.compose(contact);
    if (this.dryRun) {
      this.quota.usedThisRun++;
      ctx.log('info', `Dry run: would wish ${contact.name} (${lateLabel(contact.daysLate)}): "${text}"`);
      await this.skip(contact, 'dry_run', 'dry run');
      return 'next';
    }
    return this.send(contact, index, { birthdayDate, template, text });
  }

  /** Blacklisted, already wished (this birthday, or recently for a belated one), or after a limit. */
  private async skippedUpfront(contact: BirthdayContact, existing: BirthdayMessage | null): Promise<boolean> {
    if (this.blacklist.match({ name: contact.name, profileUrl: contact.profileUrl })) {
      await this.skip(contact, 'blacklisted');
      return true;
    }
    if (existing?.state === 'confirmed') {
      await this.skip(contact, 'already_wished');
      return true;
    }
    if (contact.daysLate === null && !existing) {
      const since = DateTime.fromJSDate(this.d.now(), { zone: 'utc' }).minus({ days: BELATED_QUIET_DAYS });
      if (await this.ledger.wishedSince(this.account, contact.slug, since.toJSDate().toISOString())) {
        await this.skip(
          contact,
          'already_wished',
          `belated birthday without a date, and a wish went to them in the last ${BELATED_QUIET_DAYS} days`,
        );
        return true;
      }
    }
    if (this.stopReason) {
      await this.skip(contact, this.stopReason);
      return true;
    }
    return false;
  }

  /**
   * An intent nobody confirmed: a run died between "Send" and the confirmation, a send was
   * never confirmed, or another run is wishing this contact right now. The conversation
   * decides: the wish is there (confirmed, not sent again), or it is not (sent now).
   */
  private async settlePendingWish(
    contact: BirthdayContact,
    index: number,
    existing: BirthdayMessage,
  ): Promise<Next | 'send'> {
    const { ctx, quota } = this;
    if (existing.run_id !== ctx.run.id) {
      const owner = await ctx.store.runs.get(existing.run_id);
      if (owner && isActiveStatus(owner.status)) {
        await this.skip(contact, 'already_wished', `already being wished by run ${existing.run_id}`);
        return 'next';
      }
    }
    let thread: string[];
    try {
      thread = await this.client.readConversation(contact, { signal: ctx.signal });
    } catch (err) {
      return this.onFailure(err, index, contact);
    }
    if (threadContains(thread, existing.text)) {
      await this.ledger.confirm(existing.id, this.nowIso());
      quota.countConfirmed(existing);
      ctx.log(
        'info',
        `Confirmed a pending wish to ${contact.name}: found in the conversation, not sent again`,
      );
      await this.skip(contact, 'already_wished');
      return 'next';
    }
    await this.ledger.discardIntent(existing.id);
    ctx.log(
      'info',
      `A pending wish to ${contact.name} (run ${existing.run_id}) never reached the conversation: sending again`,
    );
    return 'send';
  }

  private inWindow(at: Date): boolean {
    const { start, end } = windowUtc(localDateOf(at, this.tz), this.ctx.settings.schedule);
    return at >= start && at < end;
  }

  /**
   * A limit reached, the human-like pause between two sends (a stop during it ends the run
   * at once: the signal then says so), and the daily window. True when the contact is not
   * sent to.
   */
  private async stoppedByLimitOrWindow(contact: BirthdayContact): Promise<boolean> {
    const { ctx } = this;
    const limit = this.quota.limitReached(this.perRun, ctx.settings.limits);
    if (limit) {
      this.stopReason = 'limit';
      ctx.log('info', `Reached the ${limit}: the remaining contacts are skipped`);
      await this.skip(contact, 'limit');
      return true;
    }
    if (this.sendAttempted && !this.dryRun) {
      if (!(await pause(ctx, this.d, actionDelayMs(ctx, this.d.random)))) return true;
    }
    if (!this.force && !this.inWindow(this.d.now())) {
      const { schedule } = ctx.settings;
      this.stopReason = 'outside_window';
      ctx.log(
        'info',
        `Outside the daily window ${schedule.window_start}-${schedule.window_end} (${this.tz}): ` +
          'the remaining contacts are skipped',
      );
      await this.skip(contact, 'outside_window');
      return true;
    }
    return false;
  }

  /** A template (not one used for them lately) filled with their name. */
  private compose(contact: BirthdayContact): Promise<{ template: string; text: string }> {
    return composeWish({
      contact,
      templates: this.templates,
      avoidRepetitionYears: this.ctx.settings.birthday.avoid_repetition_years,
      usedSince: (since) => this.ledger.templatesUsedSince(this.account, contact.slug, since),
      now: this.d.now(),
      random: this.d.random,
    });
  }

  /**
   * Sends the wish: the intent is written just before Send is pressed, confirmed once
   * LinkedIn confirms the send. An unconfirmed send keeps its intent (the next run checks
   * the conversation); only a send LinkedIn refused frees it.
   */
  private async send(
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
    this.sendAttempted = true;
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
        await this.skip(contact, 'already_wished', 'already wished (recorded by another run)');
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
        );
        this.unconfirmedInARow++;
      }
      const next = await this.onFailure(err, index, contact);
      if (next === 'next' && this.unconfirmedInARow >= MAX_UNCONFIRMED_IN_A_ROW) {
        const message = `LinkedIn confirmed none of the last ${this.unconfirmedInARow} sends: stopped rather than sending blind (each is checked in its conversation by the next run)`;
        ctx.log('error', message);
        await this.skipRemaining(index + 1, 'unconfirmed_sends');
        throw new RunFailure('unconfirmed_sends', message);
      }
      if (next === 'stop' && pending.intent) {
        ctx.log(
          'warn',
          `${contact.name}: stopped after Send may have been pressed; the next run checks the conversation`,
        );
      }
      return next;
    }

    let intent = pending.intent as BirthdayMessage | null;
    if (!intent) {
      // The driver did not call beforeSend: record the message now.
      ctx.log('warn', `${contact.name}: the message was sent without an intent row; recording it now`);
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

  private skip(contact: BirthdayContact, reason: BirthdaySkipReason, why?: string): Promise<void> {
    return this.outcomes.skip(contact, reason, why);
  }

  /** Records the remaining contacts (after index `from`) as skipped for a fatal reason. */
  private async skipRemaining(from: number, reason: BirthdaySkipReason): Promise<void> {
    for (const contact of this.contacts.slice(from)) await this.outcomes.recordSkipped(contact, reason);
  }

  /**
   * A LinkedIn failure while handling contact `index`: 'stop' when the run was stopped,
   * 'next' for a per-contact error (recorded); throws (RunFailure) for fatal ones.
   */
  private async onFailure(err: unknown, index: number, contact: BirthdayContact): Promise<Next> {
    const kind = await this.outcomes.failed(contact, err);
    if (kind === 'stopped') return 'stop';
    if (kind === 'item') return 'next';
    await this.skipRemaining(index + 1, errorCodeOf(err) as BirthdaySkipReason);
    return failRun(this.ctx, this.d, err as LinkedInError);
  }
}
