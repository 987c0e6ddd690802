import { type Run, STALE_HEARTBEAT_MS } from '../domain.ts';

export type RunDto = Omit<Run, 'pid' | 'host'> & { has_errors: boolean; stale?: boolean };

/** The run as the API shows it: process details stay inside, `has_errors` is derived. */
export function runDto(run: Run, now?: Date): RunDto {
  const { pid: _pid, host: _host, ...rest } = run;
  const dto: RunDto = { ...rest, has_errors: run.errors > 0 };
  if (now && (run.status === 'running' || run.status === 'stopping')) {
    const last = Date.parse(run.heartbeat_at ?? run.started_at ?? run.queued_at);
    return { ...dto, stale: now.getTime() - last > STALE_HEARTBEAT_MS };
  }
  return dto;
}

export {
  apiErrorSchema,
  auditPageSchema,
  blacklistEntrySchema,
  blacklistPageSchema,
  botActionAnswerSchema,
  botStatusSchema,
  contactSchema,
  type DoctorReportDto,
  doctorReportSchema,
  historySchema,
  linkedinSessionSchema,
  loginAnswerSchema,
  logLineSchema,
  logsPageSchema,
  meSchema,
  outcomeSchema,
  resumeAnswerSchema,
  resumeBodySchema,
  riskNoticeSchema,
  runErrorSchema,
  runSchema,
  runWithOutcomesSchema,
  statsSchema,
  templatesSchema,
} from '../contract/api.ts';
