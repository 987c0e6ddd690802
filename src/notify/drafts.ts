/**
 * Each event's message, before it is written out: which sentences, lists and links. The
 * data is read defensively (it comes back from the outbox as JSON) and every value is
 * cleaned to one line before a sentence takes it.
 */

import type { DeliveryEvent, NotificationLanguage } from '../contract/notifications.ts';
import { cleanLine } from '../contract/text.ts';
import { ACCOUNT_PAUSE_REASONS, type AccountPauseReason, RUN_COUNTERS, type RunCounters } from '../domain.ts';
import type {
  DailyDigestData,
  DigestFailure,
  DigestRunSummary,
  NotWishedBirthday,
  RateLimitedData,
  RunEventData,
  SelectorsFallbackData,
  SessionExpiredData,
  WorkerOfflineData,
} from './eventData.ts';
import { type Phrases, phrasesIn } from './phrases.ts';

/** A message before it is written out as plain text and as HTML. */
export interface Draft {
  /** One line (clipped when written). */
  text: string;
  blocks: Block[];
}

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; title?: string; items: string[] }
  /** A page of the dashboard (`/runs/<id>`); left out when its address is unknown. */
  | { kind: 'link'; label: string; path: string };

/** A JSON value as a cleaned one-line string; null when absent or empty. */
function text(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return null;
  const line = cleanLine(value).replace(/ {2,}/g, ' ').trim();
  return line === '' ? null : line;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function countersOf(value: unknown): RunCounters {
  const source = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  return Object.fromEntries(RUN_COUNTERS.map((c) => [c, count(source[c])])) as RunCounters;
}

function list<T>(value: unknown): Partial<T>[] {
  return Array.isArray(value) ? value.filter((v) => v && typeof v === 'object') : [];
}

/** Every sentence of one language, over data of any shape. */
class Drafter {
  constructor(
    private readonly p: Phrases,
    private readonly at: string,
    /** The dashboard's address, for the `connect` command; null when unknown. */
    private readonly server: string | null,
  ) {}

  private when(iso: unknown, timezone: unknown): string {
    return this.p.time(text(iso) ?? this.at, text(timezone) ?? undefined);
  }

  private runLink(runId: unknown): Block[] {
    const id = text(runId);
    return id ? [{ kind: 'link', label: this.p.s.seeRun, path: `/runs/${encodeURIComponent(id)}` }] : [];
  }

  sessionExpired(d: Partial<SessionExpiredData>): Draft {
    const { s } = this.p;
    const reason = text(d.reason);
    return {
      text: s.sessionText,
      blocks: [
        { kind: 'paragraph', text: s.sessionIntro(this.when(d.checked_at, d.timezone)) },
        { kind: 'paragraph', text: s.sessionTodo(this.server) },
        ...(reason ? [{ kind: 'paragraph' as const, text: s.technicalDetail(reason) }] : []),
        { kind: 'link', label: s.openSession, path: '/session' },
        ...this.runLink(d.run_id),
      ],
    };
  }

  rateLimited(d: Partial<RateLimitedData>): Draft {
    const { s } = this.p;
    const reason: AccountPauseReason = ACCOUNT_PAUSE_REASONS.includes(d.reason as AccountPauseReason)
      ? (d.reason as AccountPauseReason)
      : 'rate_limited';
    return {
      text: s.pausedText(this.p.pauseReason(reason)),
      blocks: [
        { kind: 'paragraph', text: s.pausedIntro(this.when(d.since, d.timezone)) },
        { kind: 'paragraph', text: this.p.pauseTodo(reason) },
        { kind: 'paragraph', text: s.pausedResume },
        { kind: 'link', label: s.openOverview, path: '/overview' },
        ...this.runLink(d.run_id),
      ],
    };
  }

  run(event: 'run_failed' | 'run_succeeded', d: Partial<RunEventData>): Draft {
    const { s } = this.p;
    const typeCode = text(d.type) ?? '';
    const type = this.p.runType(typeCode);
    const tag = d.dry_run === true ? s.dryRunTag : '';
    const counters = countersOf(d.counters);
    const code = text(d.error_code);
    const message = text(d.error_message);
    const times = s.runTimes(
      text(d.started_at) && this.when(d.started_at, d.timezone),
      text(d.finished_at) && this.when(d.finished_at, d.timezone),
    );
    const done = s.done(typeCode, counters);
    const blocks: Block[] = [];
    let line: string;
    if (event === 'run_succeeded') {
      line = s.runSucceededText(type, done);
    } else if (d.status === 'interrupted' && !code) {
      line = s.runInterruptedText(type);
      blocks.push({ kind: 'paragraph', text: s.interruptedBody });
    } else if (d.status === 'stopped' && !code) {
      line = s.runStoppedText(type);
      blocks.push({ kind: 'paragraph', text: s.stoppedBody });
    } else {
      const why = code ? this.p.runError(code) : null;
      line = s.runFailedText(type, why, code ?? '?');
      if (code === 'nothing_delivered')
        blocks.push({ kind: 'paragraph', text: s.nothingDelivered(counters.errors) });
      if (code === 'auth_required') blocks.push({ kind: 'paragraph', text: s.sessionTodoShort(this.server) });
      // A message the product has no words for is still the only explanation there is.
      if (message && !why) blocks.push({ kind: 'paragraph', text: s.technicalDetail(message) });
    }
    if (event === 'run_failed') blocks.push({ kind: 'paragraph', text: done });
    if (times) blocks.push({ kind: 'paragraph', text: times });
    blocks.push(...this.runLink(d.run_id));
    return { text: line + tag, blocks };
  }

  selectorsFallback(d: Partial<SelectorsFallbackData>): Draft {
    const { s } = this.p;
    const notes = list<SelectorsFallbackData['selectors'][number]>(d.selectors);
    const steps = [...new Set(notes.map((n) => this.p.selectorStep(text(n.step) ?? '?')))];
    return {
      text: s.selectorsText(steps.join(', ') || this.p.runType(text(d.type) ?? '')),
      blocks: [
        {
          kind: 'list',
          items: notes.map((n) =>
            s.selectorItem(
              text(n.element) ?? '?',
              this.p.selectorStep(text(n.step) ?? '?'),
              count(n.fallback),
              count(n.of),
              text(n.selector) ?? '?',
            ),
          ),
        },
        { kind: 'paragraph', text: s.selectorsTodo },
        ...this.runLink(d.run_id),
      ],
    };
  }

  workerOffline(d: Partial<WorkerOfflineData>): Draft {
    const { s } = this.p;
    const id = text(d.worker_id) ?? '?';
    const when = this.when(d.last_seen_at, d.timezone);
    return {
      text: s.workerText(id, when),
      blocks: [
        { kind: 'paragraph', text: s.workerIntro(id, text(d.host), when) },
        { kind: 'paragraph', text: s.workerTodo },
        { kind: 'link', label: s.openOverview, path: '/overview' },
      ],
    };
  }

  digest(d: Partial<DailyDigestData>): Draft {
    const { s } = this.p;
    const date = this.p.date(text(d.date) ?? this.at.slice(0, 10));
    const sent = count(d.sent);
    const skipped = count(d.skipped);
    const failed = count(d.failed);
    const read = text(d.birthdays_read_on) !== null && text(d.birthdays_read_on) === text(d.date);
    const notWished = list<NotWishedBirthday>(d.not_wished);

    const runs = list<DigestRunSummary>(d.runs);
    const runLines = runs.map((r) => {
      const statuses = (['succeeded', 'failed', 'stopped', 'interrupted', 'in_progress'] as const)
        .filter((st) => count(r[st]) > 0)
        .map((st) => s.digestStatus(st, count(r[st])));
      if (count(r.dry_runs) > 0) statuses.push(s.digestDryRuns(count(r.dry_runs)));
      const type = text(r.type) ?? '';
      const real = count(r.runs) - count(r.dry_runs);
      return s.digestRunLine(
        this.p.runType(type),
        count(r.runs),
        statuses.join(', '),
        real > 0 ? s.done(type, countersOf(r.counters)) : '',
      );
    });

    const reasons = Object.entries(
      d.skipped_by_reason && typeof d.skipped_by_reason === 'object' ? d.skipped_by_reason : {},
    )
      .filter(([, n]) => count(n) > 0)
      .map(([reason, n]) => this.p.pair(this.p.notWished(text(reason) ?? '?'), String(count(n))));

    const blocks: Block[] = [
      { kind: 'paragraph', text: s.digestTitle(date, text(d.timezone) ?? 'UTC') },
      runLines.length > 0
        ? { kind: 'list', title: s.digestRunsTitle, items: runLines }
        : { kind: 'paragraph', text: s.digestNoRun },
      { kind: 'paragraph', text: s.digestWishes(sent, skipped, failed, count(d.interrupted)) },
    ];
    if (reasons.length > 0) blocks.push({ kind: 'list', title: s.digestSkippedBy, items: reasons });
    const sentTo = (Array.isArray(d.sent_to) ? d.sent_to : []).map(text).filter((n) => n !== null);
    if (sentTo.length > 0) {
      blocks.push({ kind: 'list', title: s.digestSentTo, items: this.capped(sentTo, sent) });
    }
    const failures = list<DigestFailure>(d.failures).map((f) =>
      this.p.pair(text(f.name) ?? '?', this.p.outcomeError(text(f.error_code))),
    );
    if (failures.length > 0) {
      blocks.push({ kind: 'list', title: s.digestFailures, items: this.capped(failures, failed) });
    }
    if (!read) blocks.push({ kind: 'paragraph', text: s.digestNotRead });
    else if (notWished.length > 0) {
      blocks.push({
        kind: 'list',
        title: s.digestNotWishedTitle,
        items: notWished.map((b) => {
          const reason = text(b.reason) ?? 'not_reached';
          const why =
            reason === 'failed' ? this.p.outcomeError(text(b.error_code)) : this.p.notWished(reason);
          return this.p.pair(text(b.name) ?? '?', why);
        }),
      });
    } else blocks.push({ kind: 'paragraph', text: s.digestAllWished });
    blocks.push({ kind: 'link', label: s.openDashboard, path: '/overview' });
    return { text: s.digestText(date, sent, skipped, failed, read ? notWished.length : null), blocks };
  }

  /** A list cut at the names the data holds, with how many more there were. */
  private capped(items: string[], total: number): string[] {
    return total > items.length ? [...items, this.p.s.digestMore(total - items.length)] : items;
  }

  test(): Draft {
    return {
      text: this.p.s.testText,
      blocks: [
        { kind: 'paragraph', text: this.p.s.testBody(this.p.time(this.at, undefined)) },
        { kind: 'link', label: this.p.s.openDashboard, path: '/overview' },
      ],
    };
  }
}

export function draftMessage(
  language: NotificationLanguage,
  event: DeliveryEvent,
  data: Record<string, unknown>,
  at: string,
  dashboardUrl: string | null,
): Draft {
  const drafter = new Drafter(phrasesIn(language), at, dashboardUrl);
  switch (event) {
    case 'session_expired':
      return drafter.sessionExpired(data as Partial<SessionExpiredData>);
    case 'rate_limited':
      return drafter.rateLimited(data as Partial<RateLimitedData>);
    case 'run_failed':
    case 'run_succeeded':
      return drafter.run(event, data as Partial<RunEventData>);
    case 'selectors_fallback':
      return drafter.selectorsFallback(data as Partial<SelectorsFallbackData>);
    case 'worker_offline':
      return drafter.workerOffline(data as Partial<WorkerOfflineData>);
    case 'daily_digest':
      return drafter.digest(data as Partial<DailyDigestData>);
    case 'test':
      return drafter.test();
  }
}
