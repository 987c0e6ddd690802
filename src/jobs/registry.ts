import { z } from 'zod';
import { RunFailure, type RunHandler } from '../bots/runContext.ts';
import type { BotRunType } from '../domain.ts';

/**
 * The one place run types are registered: name, accepted options, handler. Handlers load
 * lazily: the API server only needs names and options, the run process imports the one
 * handler it executes.
 */
interface RunTypeEntry {
  options: z.ZodType<Record<string, unknown>>;
  load: () => Promise<RunHandler>;
}

const botOptions = z
  .object({
    process_late: z.boolean(),
    max_days_late: z.number().int().min(0).max(31),
    limit: z.number().int().min(1).max(1000),
    /** Run outside the daily window anyway (a manual run asks for it). */
    force: z.boolean(),
    /** Seeds the run's random choices (order of contacts, rhythm): a run that can be replayed. */
    seed: z.number().int().min(0).max(0xffff_ffff),
  })
  .partial()
  .strict();

/** A LinkedIn profile's public id, as in `/in/<slug>`. */
export const contactSlug = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s/?#]+$/u, 'must be a profile slug (the part after /in/)');

/** The birthday bot also takes the contacts to handle alone ("wish now", "retry"). */
const birthdayOptions = botOptions.extend({
  only_contacts: z.array(contactSlug).min(1).max(20).optional(),
});

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

const botHandler = (
  name: 'birthdayHandler' | 'visitorHandler' | 'invitationsHandler',
  options: z.ZodType<Record<string, unknown>> = botOptions,
): RunTypeEntry => ({
  options,
  load: async () => (await import('../bots/handlers.ts'))[name],
});

const BOT_TYPES: Record<BotRunType, RunTypeEntry> = {
  birthday: botHandler('birthdayHandler', birthdayOptions),
  visitor: botHandler('visitorHandler'),
  invitations: botHandler('invitationsHandler'),
};

const testHandler = (
  name: 'cooperativeHandler' | 'abortIgnoringHandler' | 'crashingHandler' | 'outcomesHandler',
): RunTypeEntry => ({
  options: testOptions,
  load: async () => (await import('./testHandlers.ts'))[name],
});

const TEST_TYPES: Record<string, RunTypeEntry> = {
  test_cooperative: testHandler('cooperativeHandler'),
  test_ignore_abort: testHandler('abortIgnoringHandler'),
  test_crash: testHandler('crashingHandler'),
  test_outcomes: testHandler('outcomesHandler'),
};

export interface RunRegistry {
  has(type: string): boolean;
  types(): string[];
  /** Validates a start request's options for a type; throws the ZodError on bad input. */
  parseOptions(type: string, options: unknown): Record<string, unknown>;
  load(type: string): Promise<RunHandler>;
}

export function createRunRegistry(opts: { testRuns: boolean }): RunRegistry {
  const entries: Record<string, RunTypeEntry> = opts.testRuns ? { ...BOT_TYPES, ...TEST_TYPES } : BOT_TYPES;
  const entry = (type: string) => {
    const found = Object.hasOwn(entries, type) ? entries[type] : undefined;
    if (!found) throw new RunFailure('unknown_job_type', `Unknown job type: ${type}`);
    return found;
  };
  return {
    has: (type) => Object.hasOwn(entries, type),
    types: () => Object.keys(entries),
    parseOptions: (type, options) => entry(type).options.parse(options ?? {}),
    load: (type) => entry(type).load(),
  };
}
