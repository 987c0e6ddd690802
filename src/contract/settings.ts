import { IANAZone } from 'luxon';
import { z } from 'zod';
import { DEFAULT_MESSAGE_LANGUAGE, MESSAGE_LANGUAGES } from './messageLanguages.ts';
import { DEFAULT_NETWORK_SETTINGS, networkSettingsSchema } from './networkSettings.ts';
import { NOTIFICATION_LANGUAGES } from './notifications.ts';
import { lineText } from './text.ts';

/** Per-account settings as the API reads and writes them (`GET`/`PATCH /api/settings`), and their defaults. */

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A refinement rather than `.regex`, so its code (`invalid_time`) reaches `details.field_errors`. */
const hhmm = z
  .string()
  .refine((text) => HHMM.test(text), { message: 'must be HH:MM (24-hour)', params: { code: 'invalid_time' } })
  .meta({ pattern: HHMM.source });
const count = (max: number) => z.number().int().min(0).max(max);

/**
 * The pace of the browser's keystrokes, pointer and reading (src/linkedin/human/profiles.ts):
 * `human` for LinkedIn, `fast` for the sandbox (demo, tests) where nobody is watching.
 */
export const RHYTHM_PROFILE_NAMES = ['human', 'fast'] as const;
export type RhythmProfileName = (typeof RHYTHM_PROFILE_NAMES)[number];

export const settingsSchema = z
  .object({
    dry_run: z.boolean(),
    limits: z
      .object({
        per_run: count(1000),
        daily: count(1000),
        weekly: count(5000),
        visits_per_run: count(1000),
        withdrawals_per_run: count(1000),
        /** A new account's first week: the limits grow from a fifth to their value (src/rules/warmUp.ts). */
        warm_up: z.boolean(),
      })
      .strict(),
    delays: z
      .object({
        min_seconds: z.number().min(0).max(3600),
        max_seconds: z.number().min(0).max(3600),
        profile: z.enum(RHYTHM_PROFILE_NAMES),
      })
      .strict()
      .refine((d) => d.max_seconds >= d.min_seconds, {
        message: 'max_seconds must be >= min_seconds',
        path: ['max_seconds'],
        params: { code: 'max_below_min' },
      }),
    schedule: z
      .object({
        auto_run: z.boolean(),
        window_start: hhmm,
        window_end: hhmm,
        timezone: lineText().refine((tz) => IANAZone.isValidZone(tz), {
          message: 'must be an IANA time zone',
          params: { code: 'invalid_timezone' },
        }),
      })
      .strict()
      .refine((s) => s.window_start < s.window_end, {
        message: 'window_end must be after window_start',
        path: ['window_end'],
        params: { code: 'window_end_before_start' },
      }),
    birthday: z
      .object({
        process_today: z.boolean(),
        process_late: z.boolean(),
        max_days_late: z.number().int().min(0).max(31),
        avoid_repetition_years: z.number().int().min(0).max(10),
        /**
         * The template set wishes are written in (src/contract/messageLanguages.ts): LinkedIn
         * cannot tell a contact's language, so it is the account's, a contact's own aside.
         */
        language: z.enum(MESSAGE_LANGUAGES),
      })
      .strict(),
    visitor: z
      .object({
        keywords: z.array(lineText().trim().min(1).max(100)).max(20),
        location: lineText().trim().max(100),
      })
      .strict(),
    invitations: z.object({ withdraw_after_days: z.number().int().min(1).max(365) }).strict(),
    network: networkSettingsSchema,
    /**
     * How long what the bots record about LinkedIn contacts is kept (applied daily): page
     * screenshots, and contacts, run outcomes and message texts. The counts the limits
     * read are kept (src/jobs/retention.ts).
     */
    retention: z
      .object({
        screenshots_days: z.number().int().min(1).max(3650),
        outcomes_days: z.number().int().min(7).max(3650),
      })
      .strict(),
    /**
     * The account's notifications (src/notify): the language they are written in (null: each
     * channel's own, the language of the admin who created it) and when the daily digest goes.
     */
    notifications: z
      .object({
        language: z.enum(NOTIFICATION_LANGUAGES).nullable(),
        digest_time: hhmm,
      })
      .strict(),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  dry_run: false,
  limits: {
    per_run: 15,
    daily: 15,
    weekly: 100,
    visits_per_run: 15,
    withdrawals_per_run: 20,
    warm_up: true,
  },
  delays: { min_seconds: 90, max_seconds: 180, profile: 'human' },
  schedule: { auto_run: false, window_start: '07:00', window_end: '19:00', timezone: 'Europe/Paris' },
  birthday: {
    process_today: true,
    process_late: true,
    max_days_late: 10,
    avoid_repetition_years: 2,
    language: DEFAULT_MESSAGE_LANGUAGE,
  },
  visitor: { keywords: [], location: '' },
  invitations: { withdraw_after_days: 30 },
  network: DEFAULT_NETWORK_SETTINGS,
  retention: { screenshots_days: 30, outcomes_days: 365 },
  notifications: { language: null, digest_time: '20:00' },
};
