/**
 * The server's browser tasks: the session check and the page check (doctor), run like a run:
 * in a forked process of its own process group (`browserTaskProcess.ts`), so the server
 * never loads Playwright and a hung browser can always be killed. The server decrypts the
 * cookies and hands them over IPC (never argv or env): the task process needs no database
 * and no secret. One task of a kind at a time per account: concurrent callers share the
 * one in flight.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBrowserIdentity } from '../bots/accountIdentity.ts';
import { requireLinkedInCookies } from '../bots/storedCookies.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { ChromiumProcessModel } from '../config/env.ts';
import { loadProxy } from '../config/proxySettings.ts';
import { loadSettings } from '../config/settingsStore.ts';
import type { BrowserIdentity } from '../linkedin/fingerprint/browserIdentity.ts';
import type { BrowserProxy } from '../linkedin/proxy.ts';
import type { SessionCookie } from '../linkedin/sessionCookies.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/interfaces.ts';
import { descendants, killTree, type ProcessRef, processesWithEnv, reapLeftovers } from './processGroup.ts';
import { RUN_PROCESS_NODE_FLAGS, runProcessEnv } from './runSupervisor.ts';
import { createTempDir, removeStaleTempDirs } from './tempDirs.ts';

/** What every task request carries. */
interface TaskRequestCommon {
  cookies: SessionCookie[];
  /** The account's browser identity: the task's browser is the account's, as in its runs. */
  identity: BrowserIdentity | null;
  /** The settings' timezone (the browser's, and what the fingerprint check expects). */
  timezoneId: string;
  linkedinBaseUrl: string;
  chromiumPath?: string;
  processModel?: ChromiumProcessModel;
  /** Each wait inside the browser (navigation, an element showing). */
  stepTimeoutMs: number;
  /** The account's proxy, password decrypted (over IPC like the cookies): the task sees what a run sees. */
  proxy?: BrowserProxy;
}

/** Opens the feed once: `valid` or `expired`. */
export interface SessionCheckRequest extends TaskRequestCommon {
  type: 'check';
  screenshotDir: string;
}

/** The read-only page walk (`runDoctor`). */
export interface DoctorRequest extends TaskRequestCommon {
  type: 'doctor';
  /** The task process reads DATA_DIR/selectors.json itself. */
  dataDir: string;
  /** Where the screenshots, snapshots and report.json go. */
  outDir: string;
  searchKeywords?: string;
}

/** What the server sends a task process (once, over IPC). */
export type BrowserTaskRequest = SessionCheckRequest | DoctorRequest;

/** What the task process answers before it exits. */
export type BrowserTaskReply<T = unknown> =
  | { type: 'result'; result: T }
  | { type: 'error'; code: string; message: string; screenshot: string | null };

/** A task that could not complete. */
export class BrowserTaskError extends Error {
  constructor(
    /** `timeout`, `browser_crashed`, `auth_required` (cookies unreadable), … */
    readonly reason: string,
    message: string,
    /** The failed task's screenshot (where the kind of task says). */
    readonly screenshot: string | null = null,
  ) {
    super(message);
    this.name = 'BrowserTaskError';
  }
}

export interface BrowserTaskOptions {
  store: Store;
  secretKey: string;
  /** DATA_DIR: where the tasks leave their screenshots. */
  dataDir: string;
  linkedinBaseUrl: string;
  chromiumPath?: string;
  chromiumProcessModel?: ChromiumProcessModel;
  logger: Logger;
  clock?: Clock;
  /** Hard bound of a task: its process group is killed after it. */
  timeoutMs?: number;
  /** Each wait inside the browser: a slow LinkedIn fails with a screenshot before the kill. */
  stepTimeoutMs?: number;
  /** Each task process started (tests count them). */
  onSpawn?: (pid: number) => void;
}

/** What sets one kind of task apart. */
export interface BrowserTaskKind {
  /** "session check", "page check": in messages. */
  label: string;
  defaultTimeoutMs: number;
  defaultStepTimeoutMs: number;
  /** The error class callers recognise. */
  error: new (
    reason: string,
    message: string,
    screenshot?: string | null,
  ) => BrowserTaskError;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const fromSource = import.meta.url.endsWith('.ts');
/** Run from source (tests, `npm run dev`) the child needs tsx; from dist it is plain JS. */
const TASK_PROCESS = path.join(here, fromSource ? 'browserTaskProcess.ts' : 'browserTaskProcess.js');
/** How often the processes a task process started are noted (to kill them if it dies first). */
const TREE_SNAPSHOT_MS = 500;

/** `2025-06-15T10-00-05-123Z`: a timestamp usable as a directory name everywhere. */
export function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** Keeps the `keep` last (by name: timestamps) directories under `root`. */
export function pruneDirs(root: string, keep: number): void {
  try {
    const dirs = fs.readdirSync(root).sort();
    for (const dir of dirs.slice(0, Math.max(0, dirs.length - keep))) {
      fs.rmSync(path.join(root, dir), { recursive: true, force: true });
    }
  } catch {
    // Nothing to prune.
  }
}

/**
 * One kind of browser task: the account's task in flight shared by its callers, the
 * cookies from the store, and the task process forked, bounded and cleaned up after.
 */
export abstract class BrowserTaskService<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly children = new Set<ChildProcess>();
  private closed = false;

  constructor(protected readonly opts: BrowserTaskOptions) {
    // Temporary folders of tasks whose server died (nothing removed them then).
    removeStaleTempDirs(opts.dataDir);
  }

  /** Which task this is: its name, bounds and error class. */
  protected abstract readonly kind: BrowserTaskKind;

  /** The task itself, for one account (cookies, request, `inChild`). */
  protected abstract perform(accountId: string): Promise<T>;

  /** The account's task in flight, or a new one. */
  protected shared(accountId: string): Promise<T> {
    const pending = this.inFlight.get(accountId);
    if (pending) return pending;
    const started = (async () => {
      if (this.closed) throw new this.kind.error('unavailable', 'The server is shutting down');
      return this.perform(accountId);
    })().finally(() => this.inFlight.delete(accountId));
    this.inFlight.set(accountId, started);
    return started;
  }

  /** Kills the tasks in progress (server shutdown) and waits until they are gone. */
  async close(): Promise<void> {
    this.closed = true;
    for (const child of this.children) if (child.pid) killTree(child.pid);
    await Promise.allSettled([...this.inFlight.values()]);
  }

  protected get clock(): Clock {
    return this.opts.clock ?? systemClock;
  }

  /** The account's decrypted cookies; `auth_required` when there are none or they cannot be read. */
  private cookiesOf(accountId: string): Promise<SessionCookie[]> {
    return requireLinkedInCookies(
      this.opts.store,
      accountId,
      this.opts.secretKey,
      (message) => new this.kind.error('auth_required', message),
    );
  }

  /** The account's proxy; `proxy_failed` when its stored password cannot be decrypted. */
  private proxyOf(accountId: string): Promise<BrowserProxy | undefined> {
    const unreadable = (message: string) => new this.kind.error('proxy_failed', message);
    return loadProxy(this.opts.store, accountId, this.opts.secretKey, unreadable);
  }

  /**
   * The fields every request shares: the account's cookies, identity, proxy and timezone
   * (the task's browser is the one a run would have), and the options.
   */
  protected async requestCommon(accountId: string): Promise<TaskRequestCommon> {
    const cookies = await this.cookiesOf(accountId);
    const settings = await loadSettings(this.opts.store, accountId);
    return {
      cookies,
      proxy: await this.proxyOf(accountId),
      identity: await loadBrowserIdentity(this.opts.store, accountId),
      timezoneId: settings.schedule.timezone,
      linkedinBaseUrl: this.opts.linkedinBaseUrl,
      chromiumPath: this.opts.chromiumPath,
      processModel: this.opts.chromiumProcessModel,
      stepTimeoutMs: this.opts.stepTimeoutMs ?? this.kind.defaultStepTimeoutMs,
    };
  }

  /**
   * Forks the task process, hands it the request, and settles once it has exited: its
   * result, or the kind's error (the process's own, `timeout` after the bound, or
   * `browser_crashed` when it died). Nothing it started outlives it.
   */
  protected inChild<R>(request: BrowserTaskRequest): Promise<R> {
    const { logger } = this.opts;
    const { label } = this.kind;
    const timeoutMs = this.opts.timeoutMs ?? this.kind.defaultTimeoutMs;
    // Its browser's throwaway profile lives in DATA_DIR (tempDirs.ts), removed once all is gone.
    const temp = createTempDir(this.opts.dataDir, `task-${randomUUID()}`);
    const child = fork(TASK_PROCESS, [], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: [...(fromSource ? ['--import', 'tsx'] : []), ...RUN_PROCESS_NODE_FLAGS],
      env: runProcessEnv(process.env, temp.dir),
      serialization: 'json',
    });
    this.children.add(child);
    const pid = child.pid;
    if (pid) this.opts.onSpawn?.(pid);

    // Stray output of the task process goes to our log, line by line.
    const relay = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n'))
        if (line.trim()) logger.warn({ browserTaskPid: pid, task: request.type }, line);
    };
    child.stdout?.on('data', relay);
    child.stderr?.on('data', relay);

    return new Promise<R>((resolve, reject) => {
      let reply: BrowserTaskReply<R> | undefined;
      let timedOut = false;
      // Chromium runs in a process group of its own: once the task process is gone, this
      // is how its browser is still found. Every process seen is kept (killRefs checks that a
      // pid is still the same process), so a snapshot taken as the task process dies loses none.
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
        // Whatever the task process left behind (a browser) is gone before the answer.
        void reapLeftovers(pid, [...tree, ...processesWithEnv(`TMPDIR=${temp.dir}`)]).then(() => {
          try {
            temp.remove();
          } catch (err) {
            logger.warn({ err, task: request.type }, `could not remove the ${label} temporary folder`);
          }
          answer(code, signal);
        });
      };
      const answer = (code: number | null, signal: NodeJS.Signals | null) => {
        this.children.delete(child);
        if (reply?.type === 'result') return resolve(reply.result);
        if (reply?.type === 'error') {
          return reject(new this.kind.error(reply.code, reply.message, reply.screenshot));
        }
        if (timedOut) {
          return reject(
            new this.kind.error(
              'timeout',
              `The ${label} did not finish within ${Math.round(timeoutMs / 1000)} s`,
            ),
          );
        }
        reject(
          new this.kind.error(
            'browser_crashed',
            `The ${label} process died (${signal ? `signal ${signal}` : `exit code ${code}`})`,
          ),
        );
      };

      child.on('message', (message: BrowserTaskReply<R>) => {
        reply ??= message;
        note();
      });
      child.on('exit', settle);
      child.on('error', (err) => {
        logger.error({ err, task: request.type }, `${label} process error`);
        // A process that could not be spawned never emits 'exit'.
        if (child.pid === undefined) settle(null, null);
      });
      if (child.connected) child.send(request);
    });
  }

  /** A path relative to DATA_DIR ('/'-separated); null for one outside it. */
  protected relative(file: string | null): string | null {
    if (!file) return null;
    const rel = path.relative(this.opts.dataDir, file);
    return rel.startsWith('..') || path.isAbsolute(rel) ? null : rel.split(path.sep).join('/');
  }
}
