import type { z } from 'zod';
import type * as contract from '../../../src/contract/api.ts';
import type * as privacy from '../../../src/contract/privacy.ts';
import type { Settings } from '../../../src/contract/settings.ts';

/**
 * Shapes of the HTTP API as the dashboard reads them: derived from the zod schemas the server
 * registers on its routes (src/contract/), so a change there is a type error here.
 */

export type {
  LinkedInSessionStatus,
  LogLevel,
  OutcomeStatus,
  RunCounter,
  RunStatus,
} from '../../../src/contract/vocabulary.ts';
export type { Settings };

export type Run = z.infer<typeof contract.runSchema>;
export type SelectorFallback = NonNullable<Run['progress']['selector_fallbacks']>[number];
export type RunOutcome = z.infer<typeof contract.outcomeSchema>;
export type RunWithOutcomes = z.infer<typeof contract.runWithOutcomesSchema>;
export type StartAnswer = z.infer<typeof contract.startAnswerSchema>;
export type StopAnswer = z.infer<typeof contract.stopAnswerSchema>;
export type BotStatus = z.infer<typeof contract.botStatusSchema>;
export type SafetyPause = z.infer<typeof contract.safetyPauseSchema>;
export type ResumeAnswer = z.infer<typeof contract.resumeAnswerSchema>;
export type RiskNotice = z.infer<typeof contract.riskNoticeSchema>;
export type ForgetAnswer = z.infer<typeof privacy.forgetAnswerSchema>;
export type History = z.infer<typeof contract.historySchema>;
export type HistoryDay = History['days'][number];
export type LogLine = z.infer<typeof contract.logLineSchema>;
export type Stats = z.infer<typeof contract.statsSchema>;
export type DoctorReport = z.infer<typeof contract.doctorReportSchema>;
export type DoctorStep = DoctorReport['steps'][number];
export type ApiErrorBody = z.infer<typeof contract.apiErrorSchema>;
export type AuditEntry = z.infer<typeof contract.auditPageSchema>['entries'][number];
export type Templates = z.infer<typeof contract.templatesSchema>;
export type BlacklistEntry = z.infer<typeof contract.blacklistEntrySchema>;
export type LinkedInSession = z.infer<typeof contract.linkedinSessionSchema>;
export type Me = z.infer<typeof contract.meSchema>;
