import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { AppError, notFound } from '../../errors.ts';
import {
  DoctorError,
  type DoctorReport,
  type DoctorRun,
  doctorFile,
  latestDoctorRun,
} from '../../runner/doctor.ts';
import { VERSION } from '../../version.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import { type DoctorReportDto, doctorReportSchema } from '../dto.ts';
import { onStoredSession } from '../storedSessionTask.ts';

const FILES_URL = '/api/linkedin/doctor/latest/files/';

/** A snapshot is shown as a page of markup only: nothing in it may run or load. */
const SNAPSHOT_CSP =
  "default-src 'none'; script-src 'none'; style-src 'none'; img-src 'none'; sandbox; frame-ancestors 'none'";

/** The report as the API shows it: its files as URLs of the files route. */
function reportDto(report: DoctorReport): DoctorReportDto {
  const url = (name: string | null) => (name ? `${FILES_URL}${encodeURIComponent(name)}` : null);
  return {
    at: report.at,
    ok: report.ok,
    steps: report.steps.map((s) => ({
      name: s.name,
      ok: s.ok,
      skipped: s.skipped,
      detail: s.detail,
      strategy: s.strategy,
      strategies: s.strategies,
      error: s.error,
      screenshot: url(s.screenshot),
      snapshot: url(s.snapshot),
    })),
    // Reports from before the fingerprint step have none.
    fingerprint: report.fingerprint ?? null,
  };
}

/** Why a walk could not complete, as the client may see it (no server paths, no cookie). */
function doctorFailure(err: DoctorError): AppError {
  const why: Record<string, string> = {
    timeout: 'it did not finish in time',
    browser_crashed: 'the browser failed',
    auth_required: err.message,
    proxy_failed: err.message,
    invalid_selectors: err.message,
  };
  return new AppError(
    503,
    'doctor_failed',
    `The LinkedIn page check could not complete (${why[err.reason] ?? err.reason}): try again later`,
    { reason: err.reason },
  );
}

/** `2025-06-15T10-00-05Z`: the report's time in a file name. */
function fileStamp(at: string): string {
  return at.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

const fileParams = z.object({ name: z.string().min(1).max(255) });

export async function linkedinDoctorRoutes(app: App, ctx: AppContext): Promise<void> {
  const latest = (): DoctorRun => {
    const run = latestDoctorRun(ctx.config.dataDir, DEFAULT_ACCOUNT_ID);
    if (!run) throw notFound('No page check has been run yet');
    return run;
  };

  app.post(
    '/api/linkedin/doctor',
    {
      schema: {
        tags: ['linkedin'],
        summary: 'Walks the LinkedIn pages the bots use, read-only, with the stored session',
        description:
          "Session, the browser's fingerprint as LinkedIn sees it (automation tells, each named in `fingerprint`), birthday page, one message box opened and closed without typing, a people search, the sent invitations: each step ok, failed or skipped, which selectors found its elements (primary or fallback), a screenshot and a structure-only snapshot. Runs in a browser process of its own (killed after 3 minutes), one walk at a time per account: concurrent calls share the walk in flight and get its report. 404 when no session is stored; 503 doctor_failed with details.reason when the walk could not complete. A session step that finds the session logged out marks the stored session expired (logged in: valid).",
        response: { 200: doctorReportSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const accountId = DEFAULT_ACCOUNT_ID;
      const { result: run, setStatus } = await onStoredSession(ctx, request, accountId, {
        name: 'LinkedIn page check',
        code: 'doctor_failed',
        run: () => ctx.doctor.run(accountId),
        explain: (err) => (err instanceof DoctorError ? doctorFailure(err) : null),
      });
      const { report } = run;

      // The session step is the session check: its answer is recorded like one.
      const session = report.steps.find((s) => s.name === 'session');
      const status = session?.ok ? 'valid' : session?.error?.code === 'auth_required' ? 'expired' : null;
      const changed = await ctx.audit.change(
        async (tx) => status !== null && (await setStatus(status, ctx.clock.now().toISOString(), tx)),
        () => ({
          accountId,
          actor,
          action: 'linkedin.doctor',
          target: 'linkedin_session',
          details: {
            ok: report.ok,
            failed: report.steps.filter((s) => !s.ok && !s.skipped).map((s) => s.name),
          },
        }),
      );
      if (changed) ctx.bus.emit('status', accountId);
      return reportDto(report);
    },
  );

  app.get(
    '/api/linkedin/doctor/latest',
    {
      schema: {
        tags: ['linkedin'],
        summary: 'The latest page check report of the account (404 not_found when none)',
        response: { 200: doctorReportSchema },
      },
    },
    async () => reportDto(latest().report),
  );

  app.get(
    '/api/linkedin/doctor/latest/files/:name',
    {
      schema: {
        tags: ['linkedin'],
        summary:
          'A screenshot (image/png) or structure snapshot (text/html, as an attachment) of the latest report',
        description:
          'Only the files the latest report lists: any other name is 404. Screenshots show the pages as they were, contacts included: keep them to yourself.',
        params: fileParams,
      },
    },
    async (request, reply) => {
      const file = doctorFile(latest(), request.params.name);
      if (!file) throw notFound('No such file in the latest page check');
      let body: Buffer;
      try {
        body = await fs.readFile(file);
      } catch {
        throw notFound('No such file in the latest page check');
      }
      const name = path.basename(file);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('cache-control', 'private, no-store');
      reply.header('content-security-policy', SNAPSHOT_CSP);
      if (name.endsWith('.png')) return reply.type('image/png').send(body);
      reply.header('content-disposition', `attachment; filename="${name}"`);
      return reply.type('text/html; charset=utf-8').send(body);
    },
  );

  app.get(
    '/api/linkedin/doctor/latest/bundle',
    {
      schema: {
        tags: ['linkedin'],
        summary: 'The latest report as one JSON file for a bug report',
        description:
          'The report with each step’s structure snapshot inlined (snapshot_html): page structure, selectors and counts, no text of the pages, no name, no cookie. No screenshots (they show contacts).',
      },
    },
    async (_request, reply) => {
      const { report, dir } = latest();
      const steps = await Promise.all(
        report.steps.map(async ({ screenshot: _screenshot, ...step }) => {
          const file = step.snapshot ? doctorFile({ report, dir }, step.snapshot) : null;
          const html = file ? await fs.readFile(file, 'utf8').catch(() => null) : null;
          return { ...step, snapshot_html: html };
        }),
      );
      const bundle = { generator: `linkedin-birthday-bot ${VERSION}`, at: report.at, ok: report.ok, steps };
      reply.header(
        'content-disposition',
        `attachment; filename="linkedin-doctor-${fileStamp(report.at)}.json"`,
      );
      reply.header('cache-control', 'private, no-store');
      return reply.type('application/json; charset=utf-8').send(`${JSON.stringify(bundle, null, 2)}\n`);
    },
  );
}
