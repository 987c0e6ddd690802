import { z } from 'zod';
import { MESSAGE_LANGUAGES, type MessageLanguage } from './messageLanguages.ts';
import {
  ACCOUNT_PAUSE_REASONS,
  ACTOR_TYPES,
  FINGERPRINT_TELLS,
  LINKEDIN_SESSION_STATUSES,
  LOG_LEVELS,
  OUTCOME_STATUSES,
  RUN_STATUSES,
  RUN_TRIGGERS,
} from './vocabulary.ts';

/**
 * The wire format of the HTTP API that the dashboard reads: the server registers these schemas
 * on its routes (so they validate what it answers and make the OpenAPI document), the dashboard
 * derives its types from them with `import type` (web/src/api/types.ts).
 */

const time = (what: string) => z.string().describe(`${what} (ISO 8601 UTC)`);
const count = (what: string) => z.number().int().min(0).describe(what);

export const runErrorSchema = z
  .object({
    code: z
      .string()
      .describe(
        "snake_case: auth_required, rate_limited, browser_crashed, proxy_failed (the account's proxy or " +
          'its IP check failed: nothing reached LinkedIn through it), timeout, element_not_found, ' +
          'interrupted, launch_failed, job_error, run_process_died (the run process was killed, ' +
          'the signal in the message: by the out-of-memory killer or a kill; not a browser crash)… ' +
          'and nothing_delivered: a real ' +
          '(not dry) run that attempted at least one action (a send, a visit, a withdrawal) and ' +
          'completed none',
      ),
    message: z
      .string()
      .describe(
        'English detail; for nothing_delivered, how many attempts failed and the most frequent error ' +
          '(e.g. "Nothing was delivered: 10 of 10 attempts failed (most often element_not_found: …)")',
      ),
    pushback: z
      .enum(ACCOUNT_PAUSE_REASONS)
      .optional()
      .describe(
        'Present when LinkedIn pushed back: rate_limited (its limit warning or a block page), ' +
          'checkpoint or captcha (an auth_required that is a security check, not an expired ' +
          "session). Such a failure paused the account's bots (status safety_pause)",
      ),
  })
  .describe('Why the run failed or was interrupted; null otherwise');

/** The run object of every `/api/*` answer and SSE `run` event (README, Using the API). */
export const runSchema = z
  .object({
    id: z.string(),
    account_id: z.string(),
    type: z.string().describe('birthday, visitor or invitations'),
    status: z
      .enum(RUN_STATUSES)
      .describe(
        'queued → running (→ stopping) → succeeded | failed | stopped | interrupted. A real run that ' +
          'attempted actions and completed none ends failed with error nothing_delivered; a succeeded ' +
          'run may still have errors (has_errors)',
      ),
    trigger: z.enum(RUN_TRIGGERS),
    dry_run: z.boolean(),
    options: z.record(z.string(), z.unknown()).describe('Job options as requested'),
    queued_at: time('Queued'),
    started_at: time('Started').nullable(),
    ended_at: time('Ended').nullable(),
    messages_sent: count('Messages sent (confirmed)'),
    skipped: count('Contacts skipped (outcomes with a reason)'),
    errors: count('Error outcomes: contacts, profiles or invitations that failed'),
    profiles_visited: count('Profiles visited'),
    invitations_withdrawn: count('Invitations withdrawn'),
    has_errors: z
      .boolean()
      .describe(
        'Derived: errors > 0. True on a succeeded run when some items failed (the run delivered ' +
          'something, so it is not nothing_delivered)',
      ),
    error: runErrorSchema.nullable(),
    stopped_by: z.string().nullable().describe('Who stopped it: user:<name>, api_key, scheduler, system'),
    progress: z
      .object({
        found: z.number().optional(),
        step: z.string().optional(),
        strategies: z
          .record(z.string(), z.number())
          .optional()
          .describe('Per element, the 1-based fallback selector that first found it'),
        selector_fallbacks: z
          .array(
            z.object({
              element: z.string(),
              fallback: z.number(),
              of: z.number(),
              selector: z.string(),
              step: z.string(),
            }),
          )
          .optional()
          .describe('Elements found only through a fallback: LinkedIn changed a page'),
      })
      .describe('Detail of the run: contacts found, current step, which selectors found the elements'),
    heartbeat_at: time('Last sign of life of its process').nullable(),
    schedule_date: z.string().nullable().describe('Local date a scheduled run was planned for'),
    stale: z.boolean().optional().describe('Active, but no heartbeat for 30 s'),
  })
  .describe('A run');

export const outcomeSchema = z.object({
  id: z.number().int(),
  run_id: z.string(),
  account_id: z.string(),
  ts: time('When'),
  contact_name: z.string().nullable(),
  profile_url: z.string().nullable(),
  status: z.enum(OUTCOME_STATUSES),
  reason: z
    .string()
    .nullable()
    .describe(
      'A code saying why (skipped: blacklisted, already_wished, limit, outside_window, dry_run, unknown_age…; ' +
        'sent: how it was confirmed; interrupted: stopped_before_send, stopped_after_send (the message may ' +
        'have gone out: the next run checks the conversation), stopped), or the error message',
    ),
  error_code: z.string().nullable(),
  screenshot: z
    .string()
    .nullable()
    .describe('Where the run process saved the failure screenshot (a path on its host): see screenshot_url'),
  screenshot_url: z
    .string()
    .nullable()
    .optional()
    .describe(
      'Where to get that screenshot (GET, authenticated; 404 when the server does not have the file); null when its name is not a servable image',
    ),
  message_text: z
    .string()
    .nullable()
    .optional()
    .describe('Birthday runs: the text of the wish this run sent (or may have sent) to the contact'),
});

export const runWithOutcomesSchema = runSchema.extend({
  outcomes: z.array(outcomeSchema).describe('One per contact / profile / invitation handled'),
});

/** The account's safety pause: LinkedIn pushed back on a run, its bots wait for a resume. */
export const safetyPauseSchema = z
  .object({
    reason: z
      .enum(ACCOUNT_PAUSE_REASONS)
      .describe(
        'rate_limited: LinkedIn showed its limit warning (or a block page); checkpoint: a security ' +
          'check; captcha: a captcha',
      ),
    since: time('Paused since'),
    run_id: z.string().describe('The run that met the pushback'),
  })
  .describe(
    'Every bot of the account is paused (starts answer 409 account_paused, auto-run plans nothing) ' +
      'until POST /api/bot/resume',
  );

export const botStatusSchema = z.object({
  running: z.boolean(),
  state: z.enum(['idle', 'running', 'stopping']),
  active_jobs: z.array(runSchema),
  queued_jobs: z.array(runSchema),
  worker: z.object({
    mode: z.enum(['embedded', 'bullmq']),
    status: z.enum(['online', 'offline']),
    count: z.number().int().min(0),
  }),
  auto_run: z.object({
    enabled: z.boolean(),
    next_run_at: time('Next planned run').nullable(),
    window_start: z.string(),
    window_end: z.string(),
    timezone: z.string(),
  }),
  last_run: runSchema.nullable().describe('The latest finished run'),
  linkedin: z.object({
    session: z.enum(LINKEDIN_SESSION_STATUSES),
    checked_at: time('Last check').nullable(),
  }),
  safety_pause: safetyPauseSchema.nullable().describe('Null when the bots are not paused'),
});

/** `POST /api/bot/resume`: ends the safety pause. */
export const resumeBodySchema = z
  .object({
    confirm: z
      .boolean()
      .optional()
      .describe(
        'Required (true) when the pause began the same calendar day in the settings timezone; ' +
          'otherwise the answer is 409 confirmation_required',
      ),
  })
  .strict();
export const resumeAnswerSchema = z.object({ resumed: safetyPauseSchema.describe('The pause ended') });

/** `GET`/`POST /api/risk-notice`: whether the signed-in user acknowledged the risk notice. */
export const riskNoticeSchema = z.object({
  acknowledged_at: time('When the user acknowledged it').nullable().describe('Null until acknowledged'),
});

/** `POST /api/bot/action` (202): the run a start queued. */
export const startAnswerSchema = z.object({ run: runSchema });
/** `POST /api/bot/action` (202): the ids of the runs a stop asked to stop. */
export const stopAnswerSchema = z.object({
  stopping: z.array(z.string()).describe('Ids of the runs stopping'),
});
export const botActionAnswerSchema = z.union([startAnswerSchema, stopAnswerSchema]);

const doctorFileUrl = (what: string) =>
  z
    .string()
    .nullable()
    .describe(
      `URL of the step's ${what} (GET /api/linkedin/doctor/latest/files/<name>: files of the latest report only); null when there is none`,
    );

/** A report of the page check (`POST /api/linkedin/doctor`, `GET /api/linkedin/doctor/latest`). */
export const doctorReportSchema = z.object({
  at: time('When the walk started'),
  ok: z.boolean().describe('Every step ok (or skipped because there was nothing to try it on)'),
  steps: z.array(
    z.object({
      name: z.enum(['session', 'fingerprint', 'birthdays', 'message_box', 'search', 'invitations']),
      ok: z.boolean(),
      skipped: z.boolean().describe('Not tried: no session, or nothing to try it on'),
      detail: z
        .string()
        .describe('What was found, without anybody’s name ("12 birthday card(s): 10 today, 2 late")'),
      strategy: z
        .enum(['primary', 'fallback'])
        .nullable()
        .describe('"fallback" when an element of the step was found only by a fallback selector'),
      strategies: z.array(
        z.object({
          element: z.string().describe('A selectors.json element name (birthdayCard, messageButton…)'),
          fallback: z.number().int().describe('1-based position of the selector that found it'),
          of: z.number().int(),
          primary: z.boolean(),
          selector: z.string(),
        }),
      ),
      error: z
        .object({ code: z.string(), message: z.string() })
        .nullable()
        .describe(
          'Why the step failed: auth_required (the session is not usable), element_not_found, timeout…',
        ),
      screenshot: doctorFileUrl('screenshot (PNG: it shows the page, contacts included)'),
      snapshot: doctorFileUrl('structure snapshot (HTML without any text or person in it)'),
    }),
  ),
  fingerprint: z
    .object({
      tells: z
        .array(z.object({ code: z.enum(FINGERPRINT_TELLS), message: z.string() }))
        .describe('What gives the browser away as automated; none is the goal'),
      notes: z
        .array(z.object({ code: z.string(), message: z.string() }))
        .describe('What shows but cannot be hidden on a server (software_gpu): not counted'),
      presented: z
        .object({
          user_agent: z.string(),
          client_hints: z.string().nullable().describe('Sec-CH-UA as sent'),
          platform: z.string(),
          languages: z.array(z.string()),
          timezone: z.string(),
          screen: z.string().describe('1920×1080'),
          window: z.string().describe('outer size (page size)'),
          hardware_concurrency: z.number(),
          device_memory: z.number().nullable(),
          webgl_renderer: z.string().nullable(),
        })
        .describe('What the browser showed LinkedIn'),
    })
    .nullable()
    .describe("The fingerprint step: what the run's browser revealed to LinkedIn; null when not checked"),
});

export type DoctorReportDto = z.infer<typeof doctorReportSchema>;

/** A log line (`GET /api/logs`, SSE `log` event). */
export const logLineSchema = z.object({
  id: z.number().int(),
  ts: time('When'),
  level: z.enum(LOG_LEVELS),
  run_id: z.string().nullable(),
  message: z.string().describe('English text'),
  code: z
    .string()
    .nullable()
    .describe(
      'What the line says, as a stable snake_case code (run.queued, birthday.wished…); null on older lines',
    ),
  params: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .nullable()
    .describe("The code's parameters (names, counts…); null on older lines"),
});

export const logsPageSchema = z.object({ logs: z.array(logLineSchema).describe('Newest first') });

const historyCounts = {
  messages_sent: count('Messages sent'),
  profiles_visited: count('Profiles visited'),
  invitations_withdrawn: count('Invitations withdrawn'),
  errors: count('Error outcomes'),
};

/** `GET /api/history`: activity per local day, or per week or month over a long range. */
export const historySchema = z.object({
  granularity: z
    .enum(['day', 'week', 'month'])
    .describe('What each entry sums: a local day, a week (from Monday) or a calendar month'),
  days: z.array(
    z.object({
      date: z
        .string()
        .describe("Local date (YYYY-MM-DD): the day, or the first day of the entry's week or month"),
      ...historyCounts,
    }),
  ),
  totals: z.object(historyCounts).describe('Sums over the days'),
});

const statsWindow = z.object({ ...historyCounts, runs: count('Runs') });
const quota = z.object({ used: count('Confirmed wishes sent'), limit: count('The limit of the settings') });

/** The windows of GET /api/stats: local days in the settings timezone, today included. */
export const STATS_WINDOWS = ['today', 'last_7_days', 'last_30_days', 'last_90_days', 'all_time'] as const;
export type StatsWindowName = (typeof STATS_WINDOWS)[number];

const perWindow = <T extends z.ZodType>(window: T) =>
  z.object(Object.fromEntries(STATS_WINDOWS.map((name) => [name, window])) as Record<StatsWindowName, T>);

const botRuns = count('Runs of this bot');
const botErrors = count('Error outcomes of its runs');

/** Each bot's own figures per window, from its runs in the database. */
export const statsBotsSchema = z
  .object({
    birthday: perWindow(
      z.object({
        runs: botRuns,
        messages_sent: count('Messages sent (confirmed)'),
        skipped: count('Contacts skipped'),
        errors: botErrors,
      }),
    ),
    visitor: perWindow(
      z.object({ runs: botRuns, profiles_visited: count('Profiles visited'), errors: botErrors }),
    ),
    invitations: perWindow(
      z.object({ runs: botRuns, invitations_withdrawn: count('Invitations withdrawn'), errors: botErrors }),
    ),
  })
  .describe('Per bot (job_type), per window: its runs and its own figures');

/** `GET /api/stats`: counts per window (all bots, then per bot) and message quota use. */
export const statsSchema = z.object({
  today: statsWindow,
  last_7_days: statsWindow,
  last_30_days: statsWindow,
  last_90_days: statsWindow,
  all_time: statsWindow,
  bots: statsBotsSchema,
  quota: z.object({ daily: quota, weekly: quota }),
});

/** `GET /api/audit`: who did what, newest first. */
export const auditPageSchema = z.object({
  entries: z.array(
    z.object({
      id: z.number().int(),
      ts: time('When'),
      actor_type: z.enum(ACTOR_TYPES),
      actor_id: z.string().describe('The user name, or the actor type'),
      action: z.string().describe('e.g. settings.update, bot.stop'),
      target: z.string().nullable(),
      details: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});

const templateLists = {
  today: z.array(z.string()).describe('Messages for birthdays today'),
  late: z.array(z.string()).describe('Messages for late birthdays'),
};

/** One language's set of templates. */
export const templateSetSchema = z.object({
  ...templateLists,
  custom: z.boolean().describe("The account's own set (false: the defaults, used until it saves one)"),
});

/**
 * `GET`/`PUT /api/templates`: the template set of each language, and the account's wish
 * language. `today`/`late` at the top are the set in that language (the shape older clients read).
 */
export const templatesSchema = z.object({
  language: z
    .enum(MESSAGE_LANGUAGES)
    .describe(
      "The account's wish language (settings birthday.language): contacts without a language of their own",
    ),
  ...templateLists,
  sets: z.object(
    Object.fromEntries(MESSAGE_LANGUAGES.map((l) => [l, templateSetSchema])) as Record<
      MessageLanguage,
      typeof templateSetSchema
    >,
  ),
});

/** `GET`/`PATCH /api/contacts/:slug`: a contact the birthday bot met, and the language their wishes use. */
export const contactSchema = z.object({
  slug: z.string().describe('LinkedIn public id (the /in/<slug>/ part)'),
  name: z.string(),
  profile_url: z.string(),
  language: z
    .enum(MESSAGE_LANGUAGES)
    .nullable()
    .describe("The contact's own wish language; null: the account's"),
  wish_language: z.enum(MESSAGE_LANGUAGES).describe('The language their next wish is written in'),
  updated_at: time('Last seen by a run or changed'),
});

/** A contact the bots never message. */
export const blacklistEntrySchema = z.object({
  id: z.number().int(),
  name: z.string().nullable(),
  profile_url: z.string().nullable().describe('https://host/in/<slug>'),
  reason: z.string().nullable(),
  created_at: time('Added'),
});

export const blacklistPageSchema = z.object({ entries: z.array(blacklistEntrySchema) });

/** The account's exit IP: the address LinkedIn saw its browser come from, read before each run. */
export const exitIpSchema = z
  .object({
    ip: z.string(),
    checked_at: time('Read'),
    run_id: z.string().nullable().describe('The run that read it'),
    previous_ip: z.string().nullable().describe('The address the run before read; null when none did'),
    previous_checked_at: time('Previous read').nullable(),
    changed: z
      .boolean()
      .describe(
        "The address differs from the previous run's: LinkedIn saw the account move (the run warned)",
      ),
  })
  .nullable()
  .describe('Null until a run has read it (network.ip_check_url, README "Account safety")');

/** The stored LinkedIn session as the API shows it: never the cookies. */
export const linkedinSessionSchema = z.object({
  status: z.enum(LINKEDIN_SESSION_STATUSES),
  checked_at: time('Last check').nullable(),
  updated_at: time('Stored').nullable(),
  cookie_names: z.array(z.string()).describe('Names only: stored values never leave the server'),
  user_agent: z
    .string()
    .nullable()
    .describe('navigator.userAgent of the browser the cookies come from (`connect`); null when unknown'),
  browser: z
    .object({ family: z.string(), major: z.number().int() })
    .nullable()
    .describe('The user agent\'s browser family and major version ("Chrome", 131)'),
  exit_ip: exitIpSchema,
});

/** `POST /api/auth/login`: the user the session cookie is for. */
export const loginAnswerSchema = z.object({
  user: z.object({ username: z.string(), account_id: z.string() }),
});

/** `GET /api/auth/me`: who the request is from. */
export const meSchema = z.object({
  actor: z.object({ type: z.enum(ACTOR_TYPES), id: z.string() }),
  account_id: z.string(),
});

/** What `details.field_errors` holds (src/server/errors.ts `issuesToDetails`). */
const FIELD_ERRORS_DOC =
  'The same paths as fields, for programs (the dashboard words them in its language): ' +
  '{"code", …parameters}. Codes: required; invalid_type {expected}; too_big {maximum, inclusive, ' +
  'origin}; too_small {minimum, inclusive, origin} (origin: number, string for a length, array for ' +
  'a count); invalid_format {format}; invalid_value {values}; unknown_field; read_only; invalid ' +
  '(nothing more precise); and those of the schemas: max_below_min, window_end_before_start, ' +
  'invalid_time, invalid_timezone, invalid_url, invalid_proxy_url, proxy_scheme, ' +
  'proxy_credentials_in_url, proxy_host, proxy_path, socks_credentials, needs_username, ' +
  'invalid_username, control_characters, unknown_placeholder {placeholders, allowed}, ' +
  'invalid_profile_url, name_or_url_required';

/** The body of every error answer (src/server/errors.ts). */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z
      .string()
      .describe(
        'snake_case, e.g. invalid_input, unauthorized, not_found; 409: already_running, ' +
          'no_active_run, outside_window, account_paused (the bots are paused after LinkedIn ' +
          'pushed back: details {reason, since, run_id}; nothing was queued), confirmation_required ' +
          '(send "confirm": true), not_paused',
      ),
    message: z.string(),
    details: z
      .object({
        fields: z
          .record(z.string(), z.string())
          .optional()
          .describe('Per field path (limits.daily, today.2), why it was refused: an English sentence'),
        field_errors: z
          .record(z.string(), z.object({ code: z.string() }).catchall(z.unknown()))
          .optional()
          .describe(FIELD_ERRORS_DOC),
      })
      .catchall(z.unknown())
      .optional(),
  }),
});
