/**
 * The LinkedIn session check behind `POST /api/linkedin/session/check`: a browser task
 * (`browserTask.ts`) in a process of its own that opens the feed once with the stored
 * cookies. One check at a time per account: concurrent callers share the one in flight.
 */
import path from 'node:path';
import {
  BrowserTaskError,
  type BrowserTaskKind,
  type BrowserTaskOptions,
  BrowserTaskService,
  pruneDirs,
  type SessionCheckRequest,
  stamp,
} from './browserTask.ts';

export type { SessionCheckRequest } from './browserTask.ts';

export type SessionCheckResult = 'valid' | 'expired';

/** A check that could not tell valid from expired. */
export class SessionCheckError extends BrowserTaskError {
  constructor(
    reason: string,
    message: string,
    /** The failed check's screenshot, relative to DATA_DIR (`session-checks/<time>/<file>.png`). */
    screenshot: string | null = null,
  ) {
    super(reason, message, screenshot);
    this.name = 'SessionCheckError';
  }
}

export interface SessionChecker {
  check(accountId: string): Promise<SessionCheckResult>;
}

/** Screenshots of failed checks go to DATA_DIR/session-checks/<time>/; the bound is 60 s, each wait 20 s. */
export type ProcessSessionCheckerOptions = BrowserTaskOptions;

/** Directories of failed or expired checks kept under DATA_DIR/session-checks/ (the newest). */
const KEEP_SCREENSHOT_DIRS = 20;
export const SESSION_CHECKS_DIR = 'session-checks';

const SESSION_CHECK: BrowserTaskKind = {
  label: 'session check',
  defaultTimeoutMs: 60_000,
  defaultStepTimeoutMs: 20_000,
  error: SessionCheckError,
};

export class ProcessSessionChecker extends BrowserTaskService<SessionCheckResult> implements SessionChecker {
  protected readonly kind = SESSION_CHECK;

  /** The account's check in flight, or a new one. */
  check(accountId: string): Promise<SessionCheckResult> {
    return this.shared(accountId);
  }

  protected async perform(accountId: string): Promise<SessionCheckResult> {
    const { opts } = this;
    const root = path.join(opts.dataDir, SESSION_CHECKS_DIR);
    const request: SessionCheckRequest = {
      type: 'check',
      ...(await this.requestCommon(accountId)),
      screenshotDir: path.join(root, stamp(this.clock.now())),
    };
    try {
      return await this.inChild<SessionCheckResult>(request);
    } catch (err) {
      if (!(err instanceof SessionCheckError)) throw err;
      const failure = new SessionCheckError(err.reason, err.message, this.relative(err.screenshot));
      opts.logger.warn(
        { accountId, reason: failure.reason, screenshot: failure.screenshot },
        `LinkedIn session check failed: ${failure.message}`,
      );
      throw failure;
    } finally {
      // A failed check leaves its screenshot; so does an expired one (the login page).
      pruneDirs(root, KEEP_SCREENSHOT_DIRS);
    }
  }
}
