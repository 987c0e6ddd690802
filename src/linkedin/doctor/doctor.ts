/**
 * The page check ("doctor"): a read-only walk through the LinkedIn pages the bots use,
 * with the stored session, for the day LinkedIn changes them. Session, the browser's
 * fingerprint as LinkedIn sees it (automation tells), birthday page, one message box
 * opened and closed without typing, a people search, the sent invitations. Each step says ok or failed, which selectors found its elements (primary
 * or fallback N), and leaves a screenshot (for the user) and a structure-only snapshot of
 * the page (for a bug report: no contact's data, see snapshot.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { firstLine } from '../browser.ts';
import { BrowserSession, type BrowserSessionOptions } from '../browserSession.ts';
import { checkFingerprint, type FingerprintCheck } from '../fingerprint/collect.ts';
import { LinkedInError } from '../interfaces.ts';
import { LazyList } from '../lazyList.ts';
import type { StrategyNote } from '../locator.ts';
import { listBirthdays } from '../pages/birthdays.ts';
import type { Driver } from '../pages/driver.ts';
import { listSentInvitations } from '../pages/invitations.ts';
import { closeBox, openMessageBox } from '../pages/messageBox.ts';
import { searchPeople } from '../pages/search.ts';
import { checkSession } from '../pages/sessionCheck.ts';
import { snapshotPage } from './snapshot.ts';

export const DOCTOR_STEPS = [
  'session',
  'fingerprint',
  'birthdays',
  'message_box',
  'search',
  'invitations',
] as const;
export type DoctorStepName = (typeof DOCTOR_STEPS)[number];

export interface DoctorStrategy {
  element: string;
  /** 1-based position of the selector that found it, in a list of `of`. */
  fallback: number;
  of: number;
  primary: boolean;
  selector: string;
}

export interface DoctorStep {
  name: DoctorStepName;
  ok: boolean;
  /** Not tried: an earlier step made it pointless (no session), or nothing to try it on. */
  skipped: boolean;
  /** What was found, without anybody's name ("12 birthday cards: 10 today, 2 late"). */
  detail: string;
  /** "primary", or "fallback" when an element of this step was found only by a fallback. */
  strategy: 'primary' | 'fallback' | null;
  strategies: DoctorStrategy[];
  error: { code: string; message: string } | null;
  /** File names under the report's directory. */
  screenshot: string | null;
  snapshot: string | null;
}

export interface DoctorReport {
  at: string;
  ok: boolean;
  steps: DoctorStep[];
  /** What the browser revealed to LinkedIn and its automation tells; null when not checked. */
  fingerprint: FingerprintCheck | null;
}

export interface DoctorOptions extends Omit<BrowserSessionOptions, 'screenshotDir' | 'onStrategy'> {
  /** Where the screenshots, snapshots and report.json go. */
  outDir: string;
  /** The people search to try (the visitor's first keyword, else a common word). */
  searchKeywords?: string;
  now?: () => Date;
}

const DEFAULT_SEARCH = 'manager';

export async function runDoctor(opts: DoctorOptions): Promise<DoctorReport> {
  const now = opts.now ?? (() => new Date());
  const at = now().toISOString();
  await fs.mkdir(opts.outDir, { recursive: true });
  const notes: StrategyNote[] = [];
  const signal = opts.signal ?? new AbortController().signal;
  const steps: DoctorStep[] = [];
  let fingerprint: FingerprintCheck | null = null;
  const skipAll = (from: number, why: string) => {
    for (const name of DOCTOR_STEPS.slice(from)) steps.push(skippedStep(name, why));
  };

  let session: BrowserSession;
  try {
    session = await BrowserSession.launch({
      ...opts,
      screenshotDir: opts.outDir,
      onStrategy: (note) => notes.push(note),
    });
  } catch (err) {
    const failed = failedStep('session', err);
    steps.push(failed);
    skipAll(1, 'the browser did not start');
    return finish(opts.outDir, at, steps, fingerprint);
  }
  const d: Driver = { session, lists: new LazyList(session), now };
  const expected = { timezone: opts.timezoneId };

  /** Runs one step: its outcome, its strategies, a screenshot and a snapshot of the page. */
  const step = async (
    name: DoctorStepName,
    fn: (timeout: number) => Promise<{
      detail: string;
      skipped?: boolean;
      ok?: boolean;
      error?: DoctorStep['error'];
      /** Taken during the step (the message box open), kept instead of a capture at its end. */
      captured?: Pick<DoctorStep, 'screenshot' | 'snapshot'>;
    }>,
  ): Promise<DoctorStep> => {
    const from = notes.length;
    let result: DoctorStep;
    try {
      const outcome = await session.act(`doctor-${name}`, signal, opts.timeoutMs, fn);
      result = {
        ...skippedStep(name, outcome.detail),
        ok: outcome.ok ?? true,
        skipped: outcome.skipped ?? false,
        error: outcome.error ?? null,
        ...outcome.captured,
      };
    } catch (err) {
      if (signal.aborted) throw err;
      result = failedStep(name, err);
    }
    result.strategies = notes.slice(from).map((n) => ({
      element: n.key,
      fallback: n.index + 1,
      of: n.total,
      primary: n.primary,
      selector: n.description,
    }));
    result.strategy =
      result.strategies.length === 0
        ? null
        : notes.slice(from).some((n) => n.fallbackUsed)
          ? 'fallback'
          : 'primary';
    if (!result.skipped || !result.ok) await capture(session, opts.outDir, result);
    steps.push(result);
    return result;
  };

  try {
    const sessionStep = await step('session', async (t) => {
      const state = await checkSession(d, t);
      const expired = 'LinkedIn asks for a login: the session is not usable';
      return state === 'valid'
        ? { detail: 'logged in' }
        : { detail: expired, ok: false, error: { code: 'auth_required', message: expired } };
    });
    // A login page reveals the browser as well as the feed: checked whatever the session.
    await step('fingerprint', async (t) => {
      fingerprint = await checkFingerprint(session.page, session.resolve('/feed/'), expected, t);
      const { tells, notes } = fingerprint;
      const noted = notes.length ? `; noted: ${notes.map((n) => n.message).join('; ')}` : '';
      if (tells.length === 0) return { detail: `no automation tell${noted}` };
      const message = tells.map((tell) => `${tell.code}: ${tell.message}`).join('; ');
      return {
        detail: `${tells.length} automation tell(s): ${tells.map((tell) => tell.code).join(', ')}${noted}`,
        ok: false,
        error: { code: 'automation_tells', message },
      };
    });
    if (!sessionStep.ok) {
      skipAll(2, 'needs a working session');
      return await finish(opts.outDir, at, steps, fingerprint);
    }

    let contacts: Awaited<ReturnType<typeof listBirthdays>> = [];
    await step('birthdays', async (t) => {
      contacts = await listBirthdays(d, t);
      const today = contacts.filter((c) => c.daysLate === 0).length;
      return {
        detail: `${contacts.length} birthday card(s): ${today} today, ${contacts.length - today} late`,
      };
    });

    await step('message_box', async (t) => {
      const contact = contacts[0];
      if (!contact) return { detail: 'no birthday card to open a message box from', skipped: true };
      // The report names nobody: the contact's name and slug leave the errors.
      const box = await openMessageBox(d, contact, t).catch((err: unknown) => {
        throw anonymous(err, contact);
      });
      // The box is captured open: its structure is what a bug report needs.
      const opened: DoctorStep = { ...skippedStep('message_box', ''), skipped: false };
      await capture(session, opts.outDir, opened, 'message_box-open');
      const closed = await closeBox(d, box, t);
      return {
        detail: `opened (${box.placement}${box.hasThread ? '' : ', no thread'}) and ${closed ? 'closed' : 'left open'} without typing`,
        captured: { screenshot: opened.screenshot, snapshot: opened.snapshot },
      };
    });

    await step('search', async (t) => {
      const keywords = opts.searchKeywords?.trim() || DEFAULT_SEARCH;
      const page = await searchPeople(d, { keywords, location: '', page: 1 }, t);
      return {
        detail: `${page.people.length} result(s) on the first page, ${page.hasNext ? 'a next page' : 'no next page'}`,
      };
    });

    await step('invitations', async (t) => {
      const invitations = await listSentInvitations(d, t);
      const dated = invitations.filter((i) => i.ageDays !== null).length;
      return { detail: `${invitations.length} pending invitation(s), ${dated} with a readable age` };
    });
  } finally {
    await session.close();
  }
  return finish(opts.outDir, at, steps, fingerprint);
}

function skippedStep(name: DoctorStepName, detail: string): DoctorStep {
  return {
    name,
    ok: false,
    skipped: true,
    detail,
    strategy: null,
    strategies: [],
    error: null,
    screenshot: null,
    snapshot: null,
  };
}

function failedStep(name: DoctorStepName, err: unknown): DoctorStep {
  const error =
    err instanceof LinkedInError
      ? { code: err.code, message: err.message }
      : { code: 'doctor_error', message: firstLine(err) };
  return {
    ...skippedStep(name, error.message),
    skipped: false,
    error,
    screenshot: err instanceof LinkedInError && err.screenshot ? path.basename(err.screenshot) : null,
  };
}

/** A LinkedInError whose message names the contact, with `{name}` and `{slug}` instead. */
function anonymous(err: unknown, contact: { name: string; slug: string }): unknown {
  if (!(err instanceof LinkedInError)) return err;
  let message = err.message;
  for (const [text, placeholder] of [
    [contact.name, '{name}'],
    [contact.slug, '{slug}'],
  ] as const) {
    if (text) message = message.split(text).join(placeholder);
  }
  return new LinkedInError(err.code, message, err.screenshot);
}

/** The step's screenshot and structure snapshot, named after it (best effort; kept when it has them). */
async function capture(session: BrowserSession, outDir: string, step: DoctorStep, name: string = step.name) {
  if (session.isClosed) return;
  if (!step.screenshot) {
    const shot = await session.screenshot(`doctor-${name}`);
    step.screenshot = shot ? path.basename(shot) : null;
  }
  if (step.snapshot) return;
  try {
    const html = await snapshotPage(session.page);
    const file = `doctor-${name}.html`;
    await fs.writeFile(path.join(outDir, file), html);
    step.snapshot = file;
  } catch (err) {
    session.debug(`snapshot of ${name} failed: ${firstLine(err)}`);
  }
}

async function finish(
  outDir: string,
  at: string,
  steps: DoctorStep[],
  fingerprint: FingerprintCheck | null,
): Promise<DoctorReport> {
  const report: DoctorReport = { at, ok: steps.every((s) => s.ok || s.skipped), steps, fingerprint };
  await fs.writeFile(path.join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
