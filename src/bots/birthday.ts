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
import { DEFAULT_TEMPLATES, loadTemplates } from '../config/defaultTemplates.ts';
import { isActiveStatus } from '../domain.ts';
import type { JobContext } from '../jobs/interfaces.ts';
import { dayBoundsUtc, localDateOf, windowUtc } from '../jobs/planner.ts';
import {
  type BirthdayContact,
  type LinkedInClient,
  LinkedInError,
  type SendConfirmation,
} from '../linkedin/interfaces.ts';
import type { BirthdayMessage, TemplateKind, TemplateSet } from '../store/interfaces.ts';
import { createBlacklistMatcher } from './blacklist.ts';
import {
  actionDelayMs,
  type BotDeps,
  booleanOption,
  classifyFailure,
  errorCodeOf,
  errorMessageOf,
  failListing,
  failRun,
  numberOption,
  pause,
  pickIndex,
  recordOutcome,
  resolveDeps,
  runLimit,
  screenshotOf,
  stepName,
} from './common.ts';
import { cleanDisplayName, fillTemplate, firstNameOf } from './names.ts';

export type BirthdaySkipReason =
  | 'blacklisted'
  | 'already_wished'
  | 'limit'
  | 'outside_window'
  | 'dry_run'
  | 'auth_required'
  | 'rate_limited'
  | 'browser_crashed';

export interface BirthdayBotResult {
  /** Contacts selected for this run (today's and/or late ones within max_days_late). */
  found: number;
  sent: number;
  skipped: number;
  errors: number;
}

/** Thrown from `beforeSend` when another run holds the exactly-once key: Send must not be pressed. */
export class IntentHeldError extends Error {
  constructor(slug: string) {
    super(`A message to ${slug} for this birthday is already recorded`);
    this.name = 'IntentHeldError';
  }
}

/** YYYY-MM-DD minus whole calendar days (no DST arithmetic involved). */
export function minusDays(localDate: string, days: number): string {
  return DateTime.fromISO(localDate, { zone: 'utc' }).minus({ days }).toISODate()!;
}

/**
 * The exactly-once key of a birthday seen `daysLate` days late on `today`: its local date,
 * or for a belated card that gives no date, the year (`2026-belated`).
 */
export function birthdayDateOf(today: string, daysLate: number | null): string {
  if (daysLate === null) return `${today.slice(0, 4)}-belated`;
  return minusDays(today, daysLate);
}

/** A belated birthday without a date is wished only if no wish went to the contact this long. */
export const BELATED_QUIET_DAYS = 300;

const squash = (text: string) => text.normalize('NFC').replace(/\s+/gu, ' ').trim();

/** Whether a conversation (messages as read) contains the text we meant to send. */
export function threadContains(thread: string[], text: string): boolean {
  const wanted = squash(text);
  if (wanted === '') return false;
  return thread.some((message) => squash(message).includes(wanted));
}

function lateLabel(daysLate: number | null): string {
  if (daysLate === null) return 'belated';
  if (daysLate === 0) return 'today';
  return daysLate === 1 ? '1 day late' : `${daysLate} days late`;
}

/**
 * Runs the birthday bot over a LinkedIn client. Resolves when done or stopped (the caller
 * sees `ctx.signal.aborted`); throws `JobFailure` for auth_required / rate_limited /
 * browser_crashed, or when the birthday page cannot be read.
 */
export async function runBirthdayBot(
  ctx: JobContext,
  client: LinkedInClient,
  deps?: BotDeps,
): Promise<BirthdayBotResult> {
  const d = resolveDeps(deps);
  const { settings, signal, store } = ctx;
  const account = ctx.run.account_id;
  const tz = settings.schedule.timezone;
  const ledger = store.birthdayMessages;
  const result: BirthdayBotResult = { found: 0, sent: 0, skipped: 0, errors: 0 };

  const processToday = settings.birthday.process_today;
  const processLate = booleanOption(ctx, 'process_late') ?? settings.birthday.process_late;
  const maxDaysLate = numberOption(ctx, 'max_days_late') ?? settings.birthday.max_days_late;
  const perRun = runLimit(ctx, settings.limits.per_run);
  const force = ctx.run.options.force === true;
  const dryRun = ctx.run.dry_run;

  if (signal.aborted) return result;
  ctx.progress({ step: 'Reading the birthday page' });
  let listed: BirthdayContact[];
  try {
    listed = await client.listBirthdays({ signal });
  } catch (err) {
    await failListing(ctx, d, err, 'the birthday page');
    return result;
  }

  // Today's first, then by lateness; each contact once.
  const seen = new Set<string>();
  let ignored = 0;
  const contacts = listed
    .filter((c) => {
      // A belated card without a date counts as late, whatever max_days_late says.
      const wanted =
        c.daysLate === null
          ? processLate
          : c.daysLate === 0
            ? processToday
            : c.daysLate > 0 && processLate && c.daysLate <= maxDaysLate;
      if (!wanted || seen.has(c.slug)) {
        ignored++;
        return false;
      }
      seen.add(c.slug);
      return true;
    })
    .sort((a, b) => (a.daysLate ?? Number.MAX_SAFE_INTEGER) - (b.daysLate ?? Number.MAX_SAFE_INTEGER));
  const todayCount = listed.filter((c) => c.daysLate === 0).length;
  result.found = contacts.length;
  ctx.progress({ found: contacts.length });
  ctx.log(
    'info',
    `Found ${listed.length} birthday(s) (${todayCount} today, ${listed.length - todayCount} late): ` +
      `${contacts.length} to process` +
      (ignored > 0
        ? `, ${ignored} ignored (${processLate ? `late by more than ${maxDaysLate} days` : 'late ones are off'}${processToday ? '' : ', today off'})`
        : '') +
      (dryRun ? ' [dry run]' : ''),
  );
  if (contacts.length === 0) return result;

  const blacklist = createBlacklistMatcher(await store.blacklist.list(account));
  const templates: TemplateSet = await loadTemplates(store, account);
  const startedAt = d.now();
  const today = localDateOf(startedAt, tz);
  const dayFrom = dayBoundsUtc(today, tz).from;
  const weekFrom = dayBoundsUtc(minusDays(today, 6), tz).from;
  let sentToday = await ledger.countSent(account, dayFrom);
  let sentWeek = await ledger.countSent(account, weekFrom);
  /** Sends this run (dry-run picks included: a dry run simulates the limits). */
  let usedThisRun = 0;
  /** Once a limit is reached or the window closed, every remaining contact gets this reason. */
  let stopReason: 'limit' | 'outside_window' | null = null;
  let sendAttempted = false;

  const nowIso = () => d.now().toISOString();

  const skip = async (contact: BirthdayContact, reason: BirthdaySkipReason, why?: string) => {
    await recordOutcome(ctx, d, {
      status: 'skipped',
      reason,
      contact_name: contact.name,
      profile_url: contact.profileUrl,
    });
    result.skipped++;
    ctx.log('info', `Skipped ${contact.name}: ${why ?? reason.replace(/_/g, ' ')}`);
  };

  const inWindow = (at: Date) => {
    const { start, end } = windowUtc(localDateOf(at, tz), settings.schedule);
    return at >= start && at < end;
  };

  const limitReached = (): string | null => {
    if (usedThisRun >= perRun) return `per-run limit of ${perRun}`;
    if (sentToday + usedThisRun >= settings.limits.daily) return `daily limit of ${settings.limits.daily}`;
    if (sentWeek + usedThisRun >= settings.limits.weekly) return `weekly limit of ${settings.limits.weekly}`;
    return null;
  };

  const compose = async (contact: BirthdayContact): Promise<{ template: string; text: string }> => {
    const kind: TemplateKind = contact.daysLate === 0 ? 'today' : 'late';
    let list = templates[kind].length > 0 ? templates[kind] : DEFAULT_TEMPLATES[kind];
    if (contact.daysLate === null) {
      // The card does not say how late: no template that would have to.
      const dateless = (l: readonly string[]) => l.filter((t) => !t.includes('{days_late}'));
      list = dateless(list).length > 0 ? dateless(list) : dateless(DEFAULT_TEMPLATES.late);
    }
    let candidates = list;
    const years = settings.birthday.avoid_repetition_years;
    if (years > 0) {
      const since = DateTime.fromJSDate(d.now(), { zone: 'utc' }).minus({ years }).toJSDate().toISOString();
      const used = new Set(await ledger.templatesUsedSince(account, contact.slug, since));
      const fresh = list.filter((t) => !used.has(t));
      if (fresh.length > 0) candidates = fresh;
    }
    const template = candidates[pickIndex(d.random, candidates.length)]!;
    const fullName = cleanDisplayName(contact.name) || contact.name.trim();
    const text = fillTemplate(template, {
      first_name: firstNameOf(contact.name) || fullName,
      name: fullName,
      days_late: contact.daysLate ?? 0,
    });
    return { template, text };
  };

  /** Records the remaining contacts (after index `from`) as skipped for a fatal reason. */
  const skipRemaining = async (from: number, reason: BirthdaySkipReason) => {
    for (const contact of contacts.slice(from)) {
      await recordOutcome(ctx, d, {
        status: 'skipped',
        reason,
        contact_name: contact.name,
        profile_url: contact.profileUrl,
      });
      result.skipped++;
    }
  };

  /**
   * A LinkedIn failure while handling contact `index`: returns 'stop' when the run was
   * stopped, 'next' for a per-contact error (recorded); throws for fatal ones.
   */
  const onFailure = async (
    err: unknown,
    index: number,
    contact: BirthdayContact,
  ): Promise<'stop' | 'next'> => {
    const kind = classifyFailure(ctx, err);
    if (kind === 'stopped') {
      ctx.log('info', `Stopped while handling ${contact.name}`);
      return 'stop';
    }
    if (kind === 'unexpected') throw err;
    const code = errorCodeOf(err);
    await recordOutcome(ctx, d, {
      status: 'error',
      contact_name: contact.name,
      profile_url: contact.profileUrl,
      error_code: code,
      reason: errorMessageOf(err),
      screenshot: await screenshotOf(client, err, stepName('birthday', contact.slug)),
    });
    result.errors++;
    ctx.log(
      kind === 'fatal' ? 'error' : 'warn',
      `Could not wish ${contact.name}: ${code} (${errorMessageOf(err)})`,
    );
    if (kind === 'item') return 'next';
    await skipRemaining(index + 1, code as BirthdaySkipReason);
    return failRun(ctx, d, err as LinkedInError);
  };

  for (const [index, contact] of contacts.entries()) {
    if (signal.aborted) return result;
    ctx.progress({ step: `${index + 1}/${contacts.length}: ${contact.name}` });
    await store.contacts.upsert({
      account_id: account,
      slug: contact.slug,
      name: contact.name,
      profile_url: contact.profileUrl,
      updated_at: nowIso(),
    });
    const birthdayDate = birthdayDateOf(today, contact.daysLate);

    if (blacklist.match({ name: contact.name, profileUrl: contact.profileUrl })) {
      await skip(contact, 'blacklisted');
      continue;
    }

    const existing = await ledger.find(account, contact.slug, birthdayDate);
    if (existing?.state === 'confirmed') {
      await skip(contact, 'already_wished');
      continue;
    }
    if (contact.daysLate === null && !existing) {
      const since = DateTime.fromJSDate(d.now(), { zone: 'utc' }).minus({ days: BELATED_QUIET_DAYS });
      if (await ledger.wishedSince(account, contact.slug, since.toJSDate().toISOString())) {
        await skip(
          contact,
          'already_wished',
          `belated birthday without a date, and a wish went to them in the last ${BELATED_QUIET_DAYS} days`,
        );
        continue;
      }
    }
    if (stopReason) {
      await skip(contact, stopReason);
      continue;
    }

    if (existing) {
      // An intent nobody confirmed: a run died between "Send" and the confirmation, or one
      // is wishing this contact right now.
      if (existing.run_id !== ctx.run.id) {
        const owner = await store.runs.get(existing.run_id);
        if (owner && isActiveStatus(owner.status)) {
          await skip(contact, 'already_wished', `already being wished by run ${existing.run_id}`);
          continue;
        }
      }
      let thread: string[];
      try {
        thread = await client.readConversation(contact, { signal });
      } catch (err) {
        if ((await onFailure(err, index, contact)) === 'stop') return result;
        continue;
      }
      if (threadContains(thread, existing.text)) {
        await ledger.confirm(existing.id, nowIso());
        if (existing.created_at >= dayFrom) sentToday++;
        if (existing.created_at >= weekFrom) sentWeek++;
        ctx.log(
          'info',
          `Confirmed a pending wish to ${contact.name}: found in the conversation, not sent again`,
        );
        await skip(contact, 'already_wished');
        continue;
      }
      await ledger.discardIntent(existing.id);
      ctx.log(
        'info',
        `A pending wish to ${contact.name} (run ${existing.run_id}) never reached the conversation: sending again`,
      );
    }

    const limit = limitReached();
    if (limit) {
      stopReason = 'limit';
      ctx.log('info', `Reached the ${limit}: the remaining contacts are skipped`);
      await skip(contact, 'limit');
      continue;
    }

    // The human-like pause between two sends (a stop during it ends the run at once).
    if (sendAttempted && !dryRun) {
      if (!(await pause(ctx, d, actionDelayMs(ctx, d.random)))) return result;
    }

    if (!force && !inWindow(d.now())) {
      stopReason = 'outside_window';
      ctx.log(
        'info',
        `Outside the daily window ${settings.schedule.window_start}-${settings.schedule.window_end} (${tz}): ` +
          'the remaining contacts are skipped',
      );
      await skip(contact, 'outside_window');
      continue;
    }

    const { template, text } = await compose(contact);
    if (dryRun) {
      usedThisRun++;
      ctx.log('info', `Dry run: would wish ${contact.name} (${lateLabel(contact.daysLate)}): "${text}"`);
      await skip(contact, 'dry_run', 'dry run');
      continue;
    }

    const pending: { intent: BirthdayMessage | null; held: boolean } = { intent: null, held: false };
    const newIntent = () =>
      ledger.createIntent({
        account_id: account,
        contact_slug: contact.slug,
        birthday_date: birthdayDate,
        run_id: ctx.run.id,
        template,
        text,
        dry_run: false,
        created_at: nowIso(),
      });
    sendAttempted = true;
    let confirmation: SendConfirmation;
    try {
      confirmation = await client.sendMessage(contact, text, {
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
        await skip(contact, 'already_wished', 'already wished (recorded by another run)');
        continue;
      }
      if (pending.intent && err instanceof LinkedInError && err.code === 'send_failed' && !signal.aborted) {
        // LinkedIn said it was not sent: free the key so a later run can retry.
        await ledger.discardIntent(pending.intent.id);
      } else if (pending.intent && !signal.aborted) {
        // Send was pressed and nothing confirmed it (a timeout, a crash of the page): it may
        // have been delivered. The intent stays; the next run reads the conversation first.
        ctx.log(
          'warn',
          `${contact.name}: no confirmation after Send; the wish is kept as pending and checked in the conversation before any resend`,
        );
      }
      if ((await onFailure(err, index, contact)) === 'stop') {
        if (pending.intent) {
          ctx.log(
            'warn',
            `${contact.name}: stopped after Send may have been pressed; the next run checks the conversation`,
          );
        }
        return result;
      }
      continue;
    }

    let intent = pending.intent as BirthdayMessage | null;
    if (!intent) {
      // The driver did not call beforeSend: record the message now.
      ctx.log('warn', `${contact.name}: the message was sent without an intent row; recording it now`);
      intent = await newIntent();
    }

    if (process.env.LBB_TEST_KILL_BEFORE_CONFIRM === '1' && ctx.config.testJobs) {
      // Test-only: die between Send and the confirmation, like a crash would.
      process.kill(process.pid, 'SIGKILL');
      await new Promise<never>(() => {});
    }

    if (intent) await ledger.confirm(intent.id, nowIso());
    usedThisRun++;
    result.sent++;
    ctx.count('messages_sent');
    await recordOutcome(ctx, d, {
      status: 'sent',
      contact_name: contact.name,
      profile_url: contact.profileUrl,
      reason: confirmation === 'thread' ? 'confirmed_in_thread' : 'confirmed_dialog_closed',
    });
    ctx.log(
      'info',
      `Wished ${contact.name} (${lateLabel(contact.daysLate)})` +
        (confirmation === 'thread' ? '' : ': confirmed by the message box closing without an error'),
    );
  }

  ctx.log(
    'info',
    `Birthday run done: ${result.sent} sent, ${result.skipped} skipped, ${result.errors} error(s)` +
      (dryRun ? ' [dry run]' : ''),
  );
  return result;
}
