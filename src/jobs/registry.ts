import { z } from 'zod';
import type { BotJobType } from '../domain.ts';
import { JobFailure, type JobHandler } from './interfaces.ts';

/**
 * The one place job types are registered: name, accepted options, handler. Handlers load
 * lazily: the API server only needs names and options, the run process imports the one
 * handler it executes.
 */
interface JobTypeEntry {
  options: z.ZodType<Record<string, unknown>>;
  load: () => Promise<JobHandler>;
}

const botOptions = z
  .object({
    process_late: z.boolean(),
    max_days_late: z.number().int().min(0).max(31),
    limit: z.number().int().min(1).max(1000),
    /** Run outside the daily window anyway (a manual run asks for it). */
    force: z.boolean(),
  })
  .partial()
  .strict();

const testOptions = z
  .object({
    steps: z.number().int().min(0).max(100_000),
    step_ms: z.number().int().min(1).max(60_000),
    crash_after_ms: z.number().int().min(0).max(60_000),
    log_every_step: z.boolean(),
    sends: z.number().int().min(0).max(1000),
    failures: z.number().int().min(0).max(1000),
  })
  .partial()
  .strict();

const botJob = (name: 'birthdayJob' | 'visitorJob' | 'invitationsJob'): JobTypeEntry => ({
  options: botOptions,
  load: async () => (await import('../bots/jobs.ts'))[name],
});

const BOT_TYPES: Record<BotJobType, JobTypeEntry> = {
  birthday: botJob('birthdayJob'),
  visitor: botJob('visitorJob'),
  invitations: botJob('invitationsJob'),
};

const testJob = (
  name: 'cooperativeJob' | 'abortIgnoringJob' | 'crashingJob' | 'outcomesJob',
): JobTypeEntry => ({
  options: testOptions,
  load: async () => (await import('./testJobs.ts'))[name],
});

const TEST_TYPES: Record<string, JobTypeEntry> = {
  test_cooperative: testJob('cooperativeJob'),
  test_ignore_abort: testJob('abortIgnoringJob'),
  test_crash: testJob('crashingJob'),
  test_outcomes: testJob('outcomesJob'),
};

export interface JobRegistry {
  has(type: string): boolean;
  types(): string[];
  /** Validates a start request's options for a type; throws the ZodError on bad input. */
  parseOptions(type: string, options: unknown): Record<string, unknown>;
  load(type: string): Promise<JobHandler>;
}

export function createJobRegistry(opts: { testJobs: boolean }): JobRegistry {
  const entries: Record<string, JobTypeEntry> = opts.testJobs ? { ...BOT_TYPES, ...TEST_TYPES } : BOT_TYPES;
  const entry = (type: string) => {
    const found = Object.hasOwn(entries, type) ? entries[type] : undefined;
    if (!found) throw new JobFailure('unknown_job_type', `Unknown job type: ${type}`);
    return found;
  };
  return {
    has: (type) => Object.hasOwn(entries, type),
    types: () => Object.keys(entries),
    parseOptions: (type, options) => entry(type).options.parse(options ?? {}),
    load: (type) => entry(type).load(),
  };
}
