import { z } from 'zod';

/** `POST /api/privacy/forget`: forgetting the account's LinkedIn data (README, "Other people's data"). */

export const forgetBodySchema = z
  .object({
    confirm: z
      .boolean()
      .optional()
      .describe('Must be true: without it the answer is 409 confirmation_required and nothing is deleted'),
  })
  .strict();

const count = (what: string) => z.number().int().min(0).describe(what);

export const forgetAnswerSchema = z.object({
  forgotten: z.object({
    contacts: count('Contacts deleted (names, profile links)'),
    outcomes: count("Run outcomes deleted (each names a contact; the runs' counters stay)"),
    ledger_texts: count(
      'Sent messages whose text was removed (the contact key, date and template stay: no second wish)',
    ),
    ledger_keys: count('Sent-message keys deleted (always 0 here: the limits read them)'),
    profile_visits: count(
      'Profile visits stripped of names and links (their times stay: the limits count them)',
    ),
    invitation_withdrawals: count('Withdrawn invitations stripped of names and links (their times stay)'),
    run_errors: count("Runs' error messages removed (they may name a contact; the error code stays)"),
    log_lines: count('Run log lines deleted (they name contacts)'),
    notifications: count('Notification events and deliveries deleted (a daily digest names contacts)'),
    screenshots: count('Screenshots of runs and session checks deleted'),
    doctor_reports: count('Page-check walks deleted (screenshots, page structure snapshots, report)'),
  }),
});
