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
import { loadTemplates, wishLanguageOf } from '../config/defaultTemplates.ts';
import type { Settings } from '../config/settings.ts';
import { coded } from '../contract/logCodes.ts';
import type { BirthdayContact, LinkedInClient } from '../linkedin/interfaces.ts';
import { localDateOf, windowUtc } from '../planner.ts';
import type { BirthdayMessage, MessageLanguage, TemplateSet } from '../store/interfaces.ts';
import { BELATED_QUIET_DAYS, birthdayDateOf } from '../rules/birthdayKeys.ts';
import {
  type BirthdayBotResult,
  BirthdayOutcomes,
  type BirthdaySkipReason,
  lateLabel,
  type Next,
} from './birthdayOutcomes.ts';
import { BirthdayQuota } from '../rules/birthdayQuota.ts';
import { selectBirthdays } from '../rules/birthdaySelection.ts';
import { BirthdaySender } from './birthdaySend.ts';
import { composeWish } from './birthdayWish.ts';
import { createBlacklistMatcher } from '../rules/blacklist.ts';
import {
  actionDelayMs,
  type BotDeps,
  booleanOption,
  failListing,
  numberOption,
  pause,
  type ResolvedDeps,
  recordOutcome,
  resolveDeps,
  runLimit,
} from './common.ts';
import type { RunContext } from './runContext.ts';
import { runLimits } from './warmUp.ts';

export { birthdayDateOf, threadContains } from '../rules/birthdayKeys.ts';
export type { BirthdayBotResult, BirthdaySkipReason } from './birthdayOutcomes.ts';

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
 * bookkeeping (birthdaySend.ts). What each contact came to is recorded by birthdayOutcomes.ts.
 */
class BirthdayRun {
  private readonly result: BirthdayBotResult = { found: 0, sent: 0, skipped: 0, errors: 0 };
  private readonly account: string;
  private readonly tz: string;
  private readonly processToday: boolean;
  private readonly processLate: boolean;
  private readonly maxDaysLate: number;
  /** The limits of this run (a new account's warm-up applied), set by `prepare`. */
  private limits!: Settings['limits'];
  private perRun = 0;
  private readonly force: boolean;
  private readonly dryRun: boolean;
  /** "Wish now" / "retry": the run handles these contacts alone (slugs, lower case), else null. */
  private readonly onlyContacts: ReadonlySet<string> | null;
  private contacts: BirthdayContact[] = [];
  private blacklist!: ReturnType<typeof createBlacklistMatcher>;
  /** The account's template sets, by language, loaded as contacts need them. */
  private readonly templates = new Map<MessageLanguage, TemplateSet>();
  private quota!: BirthdayQuota;
  private outcomes!: BirthdayOutcomes;
  private sender!: BirthdaySender;
  /** Once a limit is reached or the window closed, every remaining contact gets this reason. */
  private stopReason: 'limit' | 'outside_window' | null = null;

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
    this.dryRun = ctx.run.dry_run;
    // The window keeps real wishes at natural hours; a dry run sends nothing, so it ignores it.
    this.force = ctx.run.options.force === true || this.dryRun;
    const only = ctx.run.options.only_contacts;
    this.onlyContacts = Array.isArray(only) ? new Set(only.map((slug) => String(slug).toLowerCase())) : null;
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
    await this.recordListing(listed);
    this.contacts = this.onlyContacts
      ? await this.chooseNamed(listed, this.onlyContacts)
      : this.chooseContacts(listed);
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
      coded('birthday.done', {
        sent: result.sent,
        skipped: result.skipped,
        errors: result.errors,
        dry_run: this.dryRun,
      }),
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

  /**
   * What the page showed, every card: the preview of who will be wished is built from it.
   * Each card's contact is met, so the user can give them a language before a run wishes them.
   */
  private async recordListing(listed: BirthdayContact[]): Promise<void> {
    const now = this.d.now();
    for (const c of listed) {
      await this.ctx.store.contacts.upsert({
        account_id: this.account,
        slug: c.slug,
        name: c.name,
        profile_url: c.profileUrl,
        updated_at: now.toISOString(),
      });
    }
    await this.ctx.store.birthdayListings.record({
      run_id: this.ctx.run.id,
      account_id: this.account,
      seen_at: now.toISOString(),
      local_date: localDateOf(now, this.tz),
      contacts: listed.map((c) => ({
        slug: c.slug,
        name: c.name,
        profile_url: c.profileUrl,
        days_late: c.daysLate,
      })),
    });
  }

  /**
   * A run for named contacts ("wish now", "retry"): the user chose them, so the today / late
   * settings do not filter them out; the blacklist, the ledger, the limits and the window
   * still apply. A named contact the page no longer shows is recorded as skipped.
   */
  private async chooseNamed(
    listed: BirthdayContact[],
    named: ReadonlySet<string>,
  ): Promise<BirthdayContact[]> {
    const { contacts } = selectBirthdays(listed, {
      processToday: true,
      processLate: true,
      maxDaysLate: Number.MAX_SAFE_INTEGER,
    });
    const chosen = contacts.filter((c) => named.has(c.slug.toLowerCase()));
    const found = new Set(chosen.map((c) => c.slug.toLowerCase()));
    for (const slug of named) {
      if (found.has(slug)) continue;
      const known = await this.ctx.store.contacts.get(this.account, slug);
      await recordOutcome(this.ctx, this.d, {
        status: 'skipped',
        reason: 'not_listed',
        contact_name: known?.name ?? slug,
        profile_url: known?.profile_url ?? null,
      });
      this.result.skipped++;
      this.ctx.log(
        'info',
        `Skipped ${known?.name ?? slug}: not on the birthday page any more`,
        coded('birthday.skipped', { name: known?.name ?? slug, reason: 'not_listed' }),
      );
    }
    this.result.found = chosen.length;
    this.ctx.progress({ found: chosen.length });
    this.ctx.log(
      'info',
      `Found ${listed.length} birthday(s): ${chosen.length} of the ${named.size} contact(s) asked for` +
        (this.dryRun ? ' [dry run]' : ''),
      coded('birthday.found_asked', {
        listed: listed.length,
        found: chosen.length,
        asked: named.size,
        dry_run: this.dryRun,
      }),
    );
    return chosen;
  }

  /** Today's first, then by lateness; each contact once; late ones per the settings. */
  private chooseContacts(listed: BirthdayContact[]): BirthdayContact[] {
    const { ctx, processToday, processLate, maxDaysLate } = this;
    const { contacts, ignored } = selectBirthdays(listed, {
      processToday,
      processLate,
      maxDaysLate,
      random: this.d.random,
    });
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
      coded('birthday.found', {
        listed: listed.length,
        today: todayCount,
        late: listed.length - todayCount,
        to_process: contacts.length,
        ignored,
        dry_run: this.dryRun,
      }),
    );
    return contacts;
  }

  /**
   * The blacklist and what the ledger already counts today and this week;
   * then what records the outcomes and what sends, which share the contacts and the quota.
   */
  private async prepare(): Promise<void> {
    const { ctx, client, d } = this;
    const { store } = ctx;
    this.blacklist = createBlacklistMatcher(await store.blacklist.list(this.account));
    this.limits = await runLimits(ctx, d.now(), ['per_run', 'daily', 'weekly']);
    this.perRun = runLimit(ctx, this.limits.per_run);
    this.quota = await BirthdayQuota.load(this.ledger, this.account, d.now(), this.tz);
    this.outcomes = new BirthdayOutcomes(ctx, client, d, this.result, this.contacts);
    this.sender = new BirthdaySender(ctx, client, d, this.outcomes, this.quota);
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
      const pending = await this.sender.settlePendingWish(contact, index, existing);
      if (pending !== 'send') return pending;
    }
    if (await this.stoppedByLimitOrWindow(contact)) {
      if (!ctx.signal.aborted) return 'next';
      // Stopped during the pause before this contact's send: nothing went out to them.
      await this.outcomes.interrupted(contact, 'stopped_before_send');
      return 'stop';
    }

    const { template, text } = await this.compose(contact, await this.wishLanguage(contact));
    if (this.dryRun) {
      this.quota.usedThisRun++;
      ctx.log(
        'info',
        `Dry run: would wish ${contact.name} (${lateLabel(contact.daysLate)}): "${text}"`,
        coded('birthday.would_wish', { name: contact.name, days_late: contact.daysLate, text }),
      );
      await this.skip(contact, 'dry_run', 'dry run');
      return 'next';
    }
    return this.sender.send(contact, index, { birthdayDate, template, text });
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
    const limit = this.quota.limitReached(this.perRun, this.limits);
    if (limit) {
      this.stopReason = 'limit';
      ctx.log(
        'info',
        `Reached the ${limit.text}: the remaining contacts are skipped`,
        coded('birthday.limit_reached', { which: limit.name, value: limit.value }),
      );
      await this.skip(contact, 'limit');
      return true;
    }
    if (this.sender.attempted && !this.dryRun) {
      if (!(await pause(ctx, this.d, actionDelayMs(ctx, this.d.random)))) return true;
    }
    if (!this.force && !this.inWindow(this.d.now())) {
      const { schedule } = ctx.settings;
      this.stopReason = 'outside_window';
      ctx.log(
        'info',
        `Outside the daily window ${schedule.window_start}-${schedule.window_end} (${this.tz}): ` +
          'the remaining contacts are skipped',
        coded('birthday.outside_window', {
          start: schedule.window_start,
          end: schedule.window_end,
          timezone: this.tz,
        }),
      );
      await this.skip(contact, 'outside_window');
      return true;
    }
    return false;
  }

  /**
   * The contact's own language when the user gave them one, else the account's: LinkedIn
   * shows every card in the account's language, so the page cannot tell theirs.
   */
  private async wishLanguage(contact: BirthdayContact): Promise<MessageLanguage> {
    const stored = await this.ctx.store.contacts.get(this.account, contact.slug);
    return wishLanguageOf(stored, this.ctx.settings.birthday.language);
  }

  private async templatesIn(language: MessageLanguage): Promise<TemplateSet> {
    let set = this.templates.get(language);
    if (!set) {
      set = await loadTemplates(this.ctx.store, this.account, language);
      this.templates.set(language, set);
    }
    return set;
  }

  /** A template of their language's set (not one used for them lately) filled with their name. */
  private async compose(
    contact: BirthdayContact,
    language: MessageLanguage,
  ): Promise<{ template: string; text: string }> {
    return composeWish({
      contact,
      language,
      templates: await this.templatesIn(language),
      avoidRepetitionYears: this.ctx.settings.birthday.avoid_repetition_years,
      usedSince: (since) => this.ledger.templatesUsedSince(this.account, contact.slug, since),
      now: this.d.now(),
      random: this.d.random,
    });
  }

  private skip(contact: BirthdayContact, reason: BirthdaySkipReason, why?: string): Promise<void> {
    return this.outcomes.skip(contact, reason, why);
  }
}
