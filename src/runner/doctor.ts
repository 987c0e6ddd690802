/**
 * The page check ("doctor") behind `POST /api/linkedin/doctor` and `cli doctor`: a browser
 * task (`browserTask.ts`) in a process of its own that walks the LinkedIn pages the bots
 * use, read-only (`src/linkedin/doctor/doctor.ts`). Each walk leaves its screenshots,
 * structure snapshots and report.json in DATA_DIR/doctor/<account>/<time>/ (the newest 10
 * per account are kept). One walk at a time per account: concurrent callers share the one
 * in flight.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadSettings } from '../config/settingsStore.ts';
import type { DoctorReport } from '../linkedin/doctor/doctor.ts';
import {
  BrowserTaskError,
  type BrowserTaskKind,
  BrowserTaskService,
  type DoctorRequest,
  pruneDirs,
  stamp,
} from './browserTask.ts';

export type { DoctorReport, DoctorStep } from '../linkedin/doctor/doctor.ts';

/** A walk that could not complete (no report): `timeout`, `browser_crashed`, `auth_required`, `invalid_selectors`… */
export class DoctorError extends BrowserTaskError {
  constructor(reason: string, message: string, screenshot: string | null = null) {
    super(reason, message, screenshot);
    this.name = 'DoctorError';
  }
}

/** A report and the directory of its files. */
export interface DoctorRun {
  report: DoctorReport;
  dir: string;
}

export interface Doctor {
  run(accountId: string): Promise<DoctorRun>;
}

export const DOCTOR_DIR = 'doctor';
/** Walks kept per account (the newest). */
const KEEP_REPORTS = 10;
const REPORT_FILE = 'report.json';

/** DATA_DIR/doctor/<account>/: the account id as it is when it is a plain name, else its hash. */
export function doctorRoot(dataDir: string, accountId: string): string {
  const safe = /^[A-Za-z0-9_-]{1,64}$/.test(accountId)
    ? accountId
    : `account-${createHash('sha256').update(accountId).digest('hex').slice(0, 16)}`;
  return path.join(dataDir, DOCTOR_DIR, safe);
}

export class ProcessDoctor extends BrowserTaskService<DoctorRun> implements Doctor {
  /** Bound of a walk: 3 minutes; each wait inside the browser 30 s. */
  protected readonly kind: BrowserTaskKind = {
    label: 'page check',
    defaultTimeoutMs: 180_000,
    defaultStepTimeoutMs: 30_000,
    error: DoctorError,
  };

  protected async perform(accountId: string): Promise<DoctorRun> {
    const { opts } = this;
    // The visitor's first keyword makes the search (runDoctor has a default).
    const settings = await loadSettings(opts.store, accountId);
    const common = await this.requestCommon(accountId);
    const root = doctorRoot(opts.dataDir, accountId);
    let dir = path.join(root, stamp(this.clock.now()));
    // Another process's walk (the CLI's) in the same millisecond.
    for (let n = 1; fs.existsSync(dir); n++) dir = path.join(root, `${stamp(this.clock.now())}-${n}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const request: DoctorRequest = {
      type: 'doctor',
      ...common,
      dataDir: opts.dataDir,
      outDir: dir,
      searchKeywords: settings.visitor.keywords[0],
    };
    try {
      const report = await this.inChild<DoctorReport>(request);
      return { report, dir };
    } catch (err) {
      if (err instanceof DoctorError) {
        opts.logger.warn({ accountId, reason: err.reason }, `LinkedIn page check failed: ${err.message}`);
      }
      throw err;
    } finally {
      pruneDirs(root, KEEP_REPORTS);
    }
  }

  /** The account's walk in flight, or a new one: its report and the directory of its files. */
  run(accountId: string): Promise<DoctorRun> {
    return this.shared(accountId);
  }
}

/** The account's newest complete walk (one with its report.json), or null. */
export function latestDoctorRun(dataDir: string, accountId: string): DoctorRun | null {
  const root = doctorRoot(dataDir, accountId);
  let dirs: string[];
  try {
    dirs = fs.readdirSync(root).sort().reverse();
  } catch {
    return null;
  }
  for (const name of dirs) {
    const dir = path.join(root, name);
    try {
      const report = JSON.parse(fs.readFileSync(path.join(dir, REPORT_FILE), 'utf8')) as DoctorReport;
      if (typeof report?.at === 'string' && Array.isArray(report.steps)) return { report, dir };
    } catch {
      // Still running, killed, or not ours: the one before.
    }
  }
  return null;
}

/** A file name safe to join to a directory: no separator, not hidden, not `..`. */
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/**
 * The path of one of the report's own files (a step's screenshot or snapshot), or null
 * for any other name: other files of the directory, paths, anything the report does not list.
 */
export function doctorFile(run: DoctorRun, name: string): string | null {
  if (!FILE_NAME.test(name)) return null;
  const listed = run.report.steps.some((s) => s.screenshot === name || s.snapshot === name);
  if (!listed) return null;
  const file = path.join(run.dir, name);
  return path.dirname(file) === run.dir ? file : null;
}
