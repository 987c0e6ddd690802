import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { loadSettings } from '../../config/settingsStore.ts';
import { DEFAULT_ACCOUNT_ID, type Run } from '../../domain.ts';
import { badRequest } from '../../errors.ts';
import { dayBoundsUtc, localDateOf } from '../../planner.ts';
import { type CsvValue, csvChunks } from '../../stats/csv.ts';
import { historyRangeUtc } from '../../stats/history.ts';
import type { ExportedOutcome } from '../../store/interfaces.ts';
import type { App, AppContext } from '../context.ts';

/** Rows read from the store at a time: the file streams out page by page. */
export const EXPORT_PAGE_SIZE = 500;

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date YYYY-MM-DD')
  .refine((d) => DateTime.fromISO(d, { zone: 'utc' }).isValid, 'Not a calendar date')
  .describe('Local date YYYY-MM-DD (settings timezone), inclusive');

const exportQuery = z.object({
  from: localDate.optional(),
  to: localDate.optional(),
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(36_600)
    .optional()
    .describe('Local days ending with today (instead of from/to)'),
});
type ExportQuery = z.infer<typeof exportQuery>;

const csvAnswer = z.string().describe('text/csv; charset=utf-8, UTF-8 with a byte order mark, CRLF rows');

/** The UTC range to export and the file name's dates; all time when nothing is given. */
function rangeOf(query: ExportQuery, now: Date, timezone: string) {
  const { from, to, days } = query;
  if (days !== undefined && (from !== undefined || to !== undefined)) {
    throw badRequest('Invalid input', { fields: { days: 'Give days, or from/to, not both' } });
  }
  if (from !== undefined && to !== undefined && from > to) {
    throw badRequest('Invalid input', { fields: { to: 'Must not be before from' } });
  }
  const today = localDateOf(now, timezone);
  if (days !== undefined) {
    const range = historyRangeUtc(days, now, timezone);
    const first = DateTime.fromISO(today, { zone: 'utc' })
      .minus({ days: days - 1 })
      .toISODate()!;
    return { ...range, label: `${first}_${today}` };
  }
  return {
    from: from === undefined ? undefined : dayBoundsUtc(from, timezone).from,
    to: to === undefined ? undefined : dayBoundsUtc(to, timezone).to,
    label: `${from ?? 'start'}_${to ?? today}`,
  };
}

const RUN_COLUMNS = [
  'id',
  'type',
  'status',
  'trigger',
  'dry_run',
  'queued_at',
  'started_at',
  'ended_at',
  'messages_sent',
  'skipped',
  'errors',
  'profiles_visited',
  'invitations_withdrawn',
  'error_code',
  'error_message',
  'stopped_by',
] as const;

function runValues(run: Run): CsvValue[] {
  return [
    run.id,
    run.type,
    run.status,
    run.trigger,
    run.dry_run,
    run.queued_at,
    run.started_at,
    run.ended_at,
    run.messages_sent,
    run.skipped,
    run.errors,
    run.profiles_visited,
    run.invitations_withdrawn,
    run.error?.code,
    run.error?.message,
    run.stopped_by,
  ];
}

const OUTCOME_COLUMNS = [
  'id',
  'run_id',
  'run_type',
  'dry_run',
  'ts',
  'status',
  'contact_name',
  'profile_url',
  'reason',
  'error_code',
] as const;

function outcomeValues(o: ExportedOutcome): CsvValue[] {
  return [
    o.id,
    o.run_id,
    o.run_type,
    o.dry_run,
    o.ts,
    o.status,
    o.contact_name,
    o.profile_url,
    o.reason,
    o.error_code,
  ];
}

export async function exportRoutes(app: App, ctx: AppContext): Promise<void> {
  const schema = (what: string) => ({
    tags: ['runs'],
    summary: `CSV of the ${what} (all time, days, or from/to local dates), oldest first`,
    description:
      'A download (Content-Disposition: attachment). Text cells that a spreadsheet would run as a ' +
      "formula (starting with =, +, -, @, tab or CR) are prefixed with '. Times are ISO 8601 UTC.",
    querystring: exportQuery,
    produces: ['text/csv'],
    response: { 200: csvAnswer },
  });

  /** Sends the CSV stream with download headers. */
  const download = async (
    request: { query: ExportQuery },
    reply: FastifyReply,
    name: string,
    chunks: (range: { from?: string; to?: string }) => AsyncGenerator<string>,
  ) => {
    const accountId = DEFAULT_ACCOUNT_ID;
    const { timezone } = (await loadSettings(ctx.store, accountId)).schedule;
    const range = rangeOf(request.query, ctx.clock.now(), timezone);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}_${range.label}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(chunks(range)));
  };

  app.get('/api/export/runs.csv', { schema: schema('runs') }, (request, reply) =>
    download(request, reply, 'runs', ({ from, to }) =>
      csvChunks<Run>(
        RUN_COLUMNS,
        (previous) => {
          const last = previous?.at(-1);
          return ctx.store.runs.exportPage({
            account_id: DEFAULT_ACCOUNT_ID,
            from,
            to,
            after: last ? { at: last.started_at ?? last.queued_at, id: last.id } : undefined,
            limit: EXPORT_PAGE_SIZE,
          });
        },
        runValues,
      ),
    ),
  );

  app.get(
    '/api/export/outcomes.csv',
    { schema: schema('run outcomes (one per contact handled)') },
    (request, reply) =>
      download(request, reply, 'outcomes', ({ from, to }) =>
        csvChunks<ExportedOutcome>(
          OUTCOME_COLUMNS,
          (previous) =>
            ctx.store.outcomes.exportPage({
              account_id: DEFAULT_ACCOUNT_ID,
              from,
              to,
              after: previous?.at(-1)?.id,
              limit: EXPORT_PAGE_SIZE,
            }),
          outcomeValues,
        ),
      ),
  );
}
