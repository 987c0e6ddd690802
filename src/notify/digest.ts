/**
 * The daily digest's data: one account's local day as the store recorded it — the runs of
 * each type, what became of the birthday wishes, and the day's birthdays that were not
 * wished, with why. The "why" of a birthday no run got to comes from the birthday preview
 * (src/rules/birthdayPreview.ts), the same rules the bot and GET /api/birthdays/preview apply.
 */
import { loadSettings } from '../config/settingsStore.ts';
import { BOT_RUN_TYPES, type OutcomeReason, type Run, type RunOutcome, zeroCounters } from '../domain.ts';
import { dayBoundsUtc } from '../planner.ts';
import { buildBirthdayPreview, type PreviewContact } from '../rules/birthdayPreview.ts';
import type { Store } from '../store/interfaces.ts';
import {
  type DailyDigestData,
  DIGEST_LIST_LIMIT,
  type DigestFailure,
  type DigestRunSummary,
  type NotWishedBirthday,
  type NotWishedReason,
} from './eventData.ts';

const PAGE = 200;

/**
 * The digest of `localDate` (YYYY-MM-DD in `timezone`). `now`: when it is made; the
 * preview's limits are those of that moment, or of the day's last instant for a past day.
 */
export async function buildDigestData(
  store: Store,
  accountId: string,
  localDate: string,
  timezone: string,
  now: Date = new Date(),
): Promise<DailyDigestData> {
  const day = dayBoundsUtc(localDate, timezone);
  const runs = await runsOfDay(store, accountId, day);
  const birthdayRuns = runs.filter((r) => r.type === 'birthday');
  const outcomes = (await Promise.all(birthdayRuns.map((r) => store.outcomes.listForRun(r.id)))).flat();
  const last = lastOutcomePerContact(outcomes);
  const wishes = tallyWishes([...last.values()]);

  const settings = await loadSettings(store, accountId);
  const at = clamp(now, new Date(day.from), new Date(Date.parse(day.to) - 1));
  const preview = await buildBirthdayPreview(
    store,
    accountId,
    { ...settings, schedule: { ...settings.schedule, timezone } },
    at,
  );
  const known = preview.seen_on === localDate;
  const notWished = known
    ? preview.contacts
        .filter((c) => c.days_late === 0 && c.status !== 'already_wished')
        .map((c) => notWishedOf(c, last.get(keyOf(c.profile_url, c.name))))
    : [];

  return {
    date: localDate,
    timezone,
    runs: summarise(runs),
    ...wishes,
    birthdays_read_on: preview.seen_on,
    not_wished: notWished,
  };
}

/** The runs whose activity time (started, else queued) falls in the day, oldest first. */
async function runsOfDay(store: Store, accountId: string, day: { from: string; to: string }): Promise<Run[]> {
  const runs: Run[] = [];
  for (;;) {
    const last = runs.at(-1);
    const page = await store.runs.exportPage({
      account_id: accountId,
      from: day.from,
      to: day.to,
      limit: PAGE,
      ...(last ? { after: { at: last.started_at ?? last.queued_at, id: last.id } } : {}),
    });
    runs.push(...page);
    if (page.length < PAGE) return runs;
  }
}

function summarise(runs: Run[]): DigestRunSummary[] {
  const byType = new Map<string, DigestRunSummary>();
  for (const run of runs) {
    let summary = byType.get(run.type);
    if (!summary) {
      summary = {
        type: run.type,
        runs: 0,
        succeeded: 0,
        failed: 0,
        stopped: 0,
        interrupted: 0,
        in_progress: 0,
        dry_runs: 0,
        counters: zeroCounters(),
      };
      byType.set(run.type, summary);
    }
    summary.runs++;
    if (run.status === 'queued' || run.status === 'running' || run.status === 'stopping')
      summary.in_progress++;
    else summary[run.status]++;
    if (run.dry_run) summary.dry_runs++;
    else
      for (const counter of Object.keys(summary.counters) as (keyof typeof summary.counters)[]) {
        summary.counters[counter] += run[counter];
      }
  }
  const order = (type: string) => {
    const index = (BOT_RUN_TYPES as readonly string[]).indexOf(type);
    return index === -1 ? BOT_RUN_TYPES.length : index;
  };
  return [...byType.values()].sort((a, b) => order(a.type) - order(b.type) || a.type.localeCompare(b.type));
}

/** Who an outcome is about: its profile, else its name; null for a step's error (no contact). */
function keyOf(profileUrl: string | null, name: string | null): string | null {
  if (profileUrl) return `url:${profileUrl.replace(/\/+$/, '').toLowerCase()}`;
  return name ? `name:${name.toLowerCase()}` : null;
}

/**
 * Each contact's last outcome of the day: a contact skipped by a dry run in the morning and
 * wished in the afternoon counts once, as wished. Outcomes are in run then insertion order.
 */
function lastOutcomePerContact(outcomes: RunOutcome[]): Map<string | null, RunOutcome> {
  const last = new Map<string | null, RunOutcome>();
  for (const outcome of outcomes) {
    const key = keyOf(outcome.profile_url, outcome.contact_name);
    if (key !== null) last.set(key, outcome);
  }
  return last;
}

type Wishes = Pick<
  DailyDigestData,
  'sent' | 'skipped' | 'failed' | 'interrupted' | 'skipped_by_reason' | 'sent_to' | 'failures'
>;

function tallyWishes(outcomes: RunOutcome[]): Wishes {
  const wishes: Wishes = {
    sent: 0,
    skipped: 0,
    failed: 0,
    interrupted: 0,
    skipped_by_reason: {},
    sent_to: [],
    failures: [],
  };
  for (const outcome of outcomes) {
    const name = outcome.contact_name ?? outcome.profile_url ?? '';
    if (outcome.status === 'sent') {
      wishes.sent++;
      if (wishes.sent_to.length < DIGEST_LIST_LIMIT) wishes.sent_to.push(name);
    } else if (outcome.status === 'skipped') {
      wishes.skipped++;
      const reason = outcome.reason ?? 'unknown';
      wishes.skipped_by_reason[reason] = (wishes.skipped_by_reason[reason] ?? 0) + 1;
    } else if (outcome.status === 'error') {
      wishes.failed++;
      const failure: DigestFailure = { name, error_code: outcome.error_code };
      if (wishes.failures.length < DIGEST_LIST_LIMIT) wishes.failures.push(failure);
    } else if (outcome.status === 'interrupted') {
      wishes.interrupted++;
    }
  }
  return wishes;
}

/**
 * Why a card of the day was not wished: what the preview knows for sure (blacklisted, off in
 * the settings, a send being checked), else what the day's last run did with the contact,
 * else that the limits left no room, or that no run got to them.
 */
function notWishedOf(card: PreviewContact, outcome: RunOutcome | undefined): NotWishedBirthday {
  const of = (reason: NotWishedReason, errorCode: string | null = null): NotWishedBirthday => ({
    name: card.name,
    profile_url: card.profile_url,
    reason,
    error_code: errorCode,
  });
  if (card.status === 'blacklisted') return of('blacklisted');
  if (card.status === 'not_processed' || card.status === 'too_late') return of('not_processed');
  if (card.status === 'pending') return of('pending');
  if (outcome?.status === 'error') return of('failed', outcome.error_code);
  if ((outcome?.status === 'skipped' || outcome?.status === 'interrupted') && outcome.reason) {
    return of(outcome.reason as OutcomeReason);
  }
  return of(card.status === 'limit' ? 'limit' : 'not_reached');
}

function clamp(value: Date, min: Date, max: Date): Date {
  return value < min ? min : value > max ? max : value;
}
