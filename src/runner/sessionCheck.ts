/**
 * The LinkedIn session check behind `POST /api/linkedin/session/check`, run like a run: in
 * a forked process of its own process group (`sessionCheckProcess.ts`), so the server never
 * loads Playwright and a hung browser can always be killed. The server decrypts the cookies
 * and hands them over IPC (never argv or env): the check process needs no database and no
 * secret. One check at a time per account: concurrent callers share the one in flight.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Clock, systemClock } from '../clock.ts';
import type { ChromiumProcessModel } from '../config/env.ts';
import { DecryptionError } from '../crypto.ts';
import {
  descendants,
  groupAlive,
  killGroup,
  killRefs,
  killTree,
  type ProcessRef,
} from '../jobs/embedded/processGroup.ts';
import { RUN_PROCESS_NODE_FLAGS, runProcessEnv } from '../jobs/runSupervisor.ts';
import { loadLinkedInCookies, type SessionCookie } from '../linkedin/sessionCookies.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/interfaces.ts';

export type SessionCheckResult = 'valid' | 'expired';

/** What the server sends the check process (once, over IPC). */
export interface SessionCheckRequest {
  type: 'check';
  cookies: SessionCookie[];
  linkedinBaseUrl: string;
  chromiumPath?: string;
  processModel?: ChromiumProcessModel;
  /** Each wait of the check inside the browser (navigation, the feed showing). */
  stepTimeoutMs: number;
  screenshotDir: string;
}

/** What the check process answers before it exits. */
export type SessionCheckReply =
  | { type: 'result'; result: SessionCheckResult }
  | { type: 'error'; code: string; message: string; screenshot: string | null };

/** A check that could not tell valid from expired. */
export class SessionCheckError extends Error {
  constructor(
    /** `timeout`, `browser_crashed`, `auth_required` (cookies unreadable), … */
    readonly reason: string,
    message: string,
    /** The failed check's screenshot, relative to DATA_DIR (`session-checks/<time>/<file>.png`). */
    readonly screenshot: string | null = null,
  ) {
    super(message);
    this.name = 'SessionCheckError';
  }
}

export interface SessionChecker {
  check(accountId: string): Promise<SessionCheckResult>;
}

export interface ProcessSessionCheckerOptions {
  store: Store;
  secretKey: string;
  /** Screenshots of failed checks go to DATA_DIR/session-checks/<time>/. */
  dataDir: string;
  linkedinBaseUrl: string;
  chromiumPath?: string;
  chromiumProcessModel?: ChromiumProcessModel;
  logger: Logger;
  clock?: Clock;
  /** Hard bound of a check: its process group is killed after it (default 60 s). */
  timeoutMs?: number;
  /** Each wait inside the browser (default 20 s): a slow LinkedIn fails with a screenshot before the kill. */
  stepTimeoutMs?: number;
  /** Each check process started (tests count them). */
  onSpawn?: (pid: number) => void;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const fromSource = import.meta.url.endsWith('.ts');
/** Run from source (tests, `npm run dev`) the child needs tsx; from dist it is plain JS. */
const CHECK_PROCESS = path.join(here, fromSource ? 'sessionCheckProcess.ts' : 'sessionCheckProcess.js');
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_STEP_TIMEOUT_MS = 20_000;
/** How often the processes a check process started are noted (to kill them if it dies first). */
const TREE_SNAPSHOT_MS = 500;
/** Directories of failed checks kept under DATA_DIR/session-checks/ (the newest). */
const KEEP_SCREENSHOT_DIRS = 20;
export const SESSION_CHECKS_DIR = 'session-checks';

/** `2025-06-15T10-00-05-123Z`: a timestamp usable as a directory name everywhere. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

export class ProcessSessionChecker implements SessionChecker {
  private readonly inFlight = new Map<string, Promise<SessionCheckResult>>();
  private readonly children = new Set<ChildProcess>();
  private closed = false;

  constructor(private readonly opts: ProcessSessionCheckerOptions) {}

  /** The account's check in flight, or a new one. */
  check(accountId: string): Promise<SessionCheckResult> {
    const pending = this.inFlight.get(accountId);
    if (pending) return pending;
    const started = this.run(accountId).finally(() => this.inFlight.delete(accountId));
    this.inFlight.set(accountId, started);
    return started;
  }

  /** Kills the checks in progress (server shutdown) and waits until they are gone. */
  async close(): Promise<void> {
    this.closed = true;
    for (const child of this.children) if (child.pid) killTree(child.pid);
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private async cookiesOf(accountId: string): Promise<SessionCookie[]> {
    let cookies: SessionCookie[] | null;
    try {
      cookies = await loadLinkedInCookies(this.opts.store, accountId, this.opts.secretKey);
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      throw new SessionCheckError(
        'auth_required',
        'The stored LinkedIn session cannot be decrypted (SECRET_KEY changed?): store the cookies again',
      );
    }
    if (!cookies || cookies.length === 0)
      throw new SessionCheckError('auth_required', 'No LinkedIn session stored');
    return cookies;
  }

  private async run(accountId: string): Promise<SessionCheckResult> {
    if (this.closed) throw new SessionCheckError('unavailable', 'The server is shutting down');
    const { opts } = this;
    const cookies = await this.cookiesOf(accountId);
    const screenshotDir = path.join(
      opts.dataDir,
      SESSION_CHECKS_DIR,
      stamp((opts.clock ?? systemClock).now()),
    );
    const request: SessionCheckRequest = {
      type: 'check',
      cookies,
      linkedinBaseUrl: opts.linkedinBaseUrl,
      chromiumPath: opts.chromiumPath,
      processModel: opts.chromiumProcessModel,
      stepTimeoutMs: opts.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
      screenshotDir,
    };
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    try {
      return await this.inChild(request, timeoutMs);
    } catch (err) {
      if (err instanceof SessionCheckError) {
        opts.logger.warn(
          { accountId, reason: err.reason, screenshot: err.screenshot },
          `LinkedIn session check failed: ${err.message}`,
        );
        if (err.screenshot) this.pruneScreenshots();
      }
      throw err;
    }
  }

  /** Forks the check process, hands it the request, and settles once it has exited. */
  private inChild(request: SessionCheckRequest, timeoutMs: number): Promise<SessionCheckResult> {
    const { logger } = this.opts;
    const child = fork(CHECK_PROCESS, [], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: [...(fromSource ? ['--import', 'tsx'] : []), ...RUN_PROCESS_NODE_FLAGS],
      env: runProcessEnv(process.env),
      serialization: 'json',
    });
    this.children.add(child);
    const pid = child.pid;
    if (pid) this.opts.onSpawn?.(pid);

    // Stray output of the check process goes to our log, line by line.
    const relay = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n'))
        if (line.trim()) logger.warn({ sessionCheckPid: pid }, line);
    };
    child.stdout?.on('data', relay);
    child.stderr?.on('data', relay);

    return new Promise<SessionCheckResult>((resolve, reject) => {
      let reply: SessionCheckReply | undefined;
      let timedOut = false;
      // Chromium runs in a process group of its own: once the check process is gone, this
      // is how its browser is still found. Every process seen is kept (killRefs checks that a
      // pid is still the same process), so a snapshot taken as the check process dies loses none.
      let tree: ProcessRef[] = [];
      const note = () => {
        if (!pid) return;
        const seen = new Set(tree.map((p) => `${p.pid}:${p.start}`));
        tree = [...tree, ...descendants(pid).filter((p) => !seen.has(`${p.pid}:${p.start}`))];
      };
      const treeTimer = pid ? setInterval(note, TREE_SNAPSHOT_MS) : undefined;
      treeTimer?.unref();
      const timer = setTimeout(() => {
        timedOut = true;
        if (pid) killTree(pid);
      }, timeoutMs);

      let settled = false;
      const settle = (code: number | null, signal: NodeJS.Signals | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(treeTimer);
        // Whatever the check process left behind (a browser) goes with it.
        if (pid && groupAlive(pid)) killGroup(pid);
        killRefs(tree);
        this.children.delete(child);
        if (reply?.type === 'result') return resolve(reply.result);
        if (reply?.type === 'error') {
          return reject(new SessionCheckError(reply.code, reply.message, this.relative(reply.screenshot)));
        }
        if (timedOut) {
          return reject(
            new SessionCheckError(
              'timeout',
              `The session check did not finish within ${Math.round(timeoutMs / 1000)} s`,
            ),
          );
        }
        reject(
          new SessionCheckError(
            'browser_crashed',
            `The session check process died (${signal ? `signal ${signal}` : `exit code ${code}`})`,
          ),
        );
      };

      child.on('message', (message: SessionCheckReply) => {
        reply ??= message;
        note();
      });
      child.on('exit', settle);
      child.on('error', (err) => {
        logger.error({ err }, 'session check process error');
        // A process that could not be spawned never emits 'exit'.
        if (child.pid === undefined) settle(null, null);
      });
      if (child.connected) child.send(request);
    });
  }

  /** A screenshot's path relative to DATA_DIR; null for one outside it. */
  private relative(file: string | null): string | null {
    if (!file) return null;
    const rel = path.relative(this.opts.dataDir, file);
    return rel.startsWith('..') || path.isAbsolute(rel) ? null : rel.split(path.sep).join('/');
  }

  /** Keeps the newest directories of failed checks. */
  private pruneScreenshots(): void {
    const root = path.join(this.opts.dataDir, SESSION_CHECKS_DIR);
    try {
      const dirs = fs.readdirSync(root).sort();
      for (const dir of dirs.slice(0, Math.max(0, dirs.length - KEEP_SCREENSHOT_DIRS))) {
        fs.rmSync(path.join(root, dir), { recursive: true, force: true });
      }
    } catch {
      // Nothing to prune.
    }
  }
}
