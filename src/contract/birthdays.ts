import { z } from 'zod';
import { runSchema } from './api.ts';
import { MESSAGE_LANGUAGES } from './messageLanguages.ts';

/** What a birthday run would do now with a card of the preview ("who will be wished today"). */
export const PREVIEW_STATUSES = [
  'will_wish',
  'blacklisted',
  'already_wished',
  'pending',
  'too_late',
  'not_processed',
  'limit',
] as const;
export type PreviewStatus = (typeof PREVIEW_STATUSES)[number];

export const previewContactSchema = z.object({
  slug: z.string().describe('The profile’s public id (the part after /in/)'),
  name: z.string(),
  profile_url: z.string(),
  days_late: z
    .number()
    .int()
    .nullable()
    .describe('As of today: 0 today, N days late; null for a belated card that gives no date'),
  birthday_date: z
    .string()
    .nullable()
    .describe('The birthday’s local date (YYYY-MM-DD) when the card gave one'),
  status: z
    .enum(PREVIEW_STATUSES)
    .describe(
      'will_wish: a run now would wish them; blacklisted; already_wished (the ledger holds the wish); ' +
        'pending (an earlier wish not confirmed yet: the next run checks the conversation first); ' +
        'too_late (later than max_days_late); not_processed (today’s or late birthdays are off); ' +
        'limit (the per-run, daily or weekly limit leaves no room)',
    ),
  template_kind: z.enum(['today', 'late']).describe('The template list a wish would come from'),
  language: z
    .enum(MESSAGE_LANGUAGES)
    .nullable()
    .describe("The contact's own wish language (PATCH /api/contacts/:slug); null: the account's"),
  wish_language: z.enum(MESSAGE_LANGUAGES).describe('The template set a wish would be written in'),
});

export const birthdayPreviewSchema = z.object({
  as_of: z.string().nullable().describe('When a birthday run last read the birthday page; null before any'),
  run_id: z.string().nullable().describe('The run that read it'),
  run: runSchema.nullable().describe('That run, when it is still in the history'),
  seen_on: z.string().nullable().describe('The local date (settings timezone) the page was read on'),
  today: z.string().describe('Today’s local date (settings timezone)'),
  remaining: z.number().int().min(0).describe('Wishes the limits still allow today (warm-up applied)'),
  contacts: z.array(previewContactSchema).describe('Today’s first, then by lateness, as a run handles them'),
});

export const wishNowBodySchema = z
  .object({
    force: z
      .boolean()
      .optional()
      .describe('Wish outside the daily window (else 409 outside_window), as a manual start'),
    dry_run: z.boolean().optional().describe('Only simulate (defaults to the settings’ dry_run)'),
  })
  .strict();

export const wishNowAnswerSchema = z.object({ run: runSchema });
