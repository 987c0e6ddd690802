/**
 * Entry point of a browser-task process (forked by `browserTask.ts` in its own process
 * group): receives one request over IPC with the decrypted cookies — a session check
 * (`check`: opens LinkedIn once, answers `valid` or `expired`) or the page check (`doctor`:
 * the read-only walk, its files under the request's outDir, answers the report) — answers
 * over IPC, and exits. No database, no secret, nothing logged: the cookies live in this
 * process's memory only for the task.
 */

import { ConfigError } from '../errors.ts';
import { checkLinkedInSession } from '../linkedin/checkSession.ts';
import { runDoctor } from '../linkedin/doctor/doctor.ts';
import { LinkedInError } from '../linkedin/interfaces.ts';
import { loadSelectorTable } from '../linkedin/selectorOverrides.ts';
import type {
  BrowserTaskReply,
  BrowserTaskRequest,
  DoctorRequest,
  SessionCheckRequest,
} from './browserTask.ts';
import { descendants, killGroup, killRefs } from './processGroup.ts';

/** After the server vanished, how long the task gets to close its browser before we exit anyway. */
const ORPHAN_GRACE_MS = 2000;

const controller = new AbortController();
let started = false;
let finished = false;
let orphaned = false;

/** Kills what this process started (a browser in its own group too), then its group: itself. */
function killEverything(): void {
  killRefs(descendants(process.pid));
  killGroup(process.pid);
}

async function finish(reply: BrowserTaskReply): Promise<never> {
  finished = true;
  // Exit only once the parent has the message: IPC sends are asynchronous.
  await new Promise<void>((resolve) => {
    if (!process.connected || !process.send) return resolve();
    process.send(reply, () => resolve());
  });
  // No parent left to clean up after us: take whatever the task left running along.
  if (orphaned) killEverything();
  process.exit(0);
}

function errorReply(err: unknown): BrowserTaskReply {
  if (err instanceof LinkedInError) {
    return { type: 'error', code: err.code, message: err.message, screenshot: err.screenshot };
  }
  if (err instanceof ConfigError) {
    return { type: 'error', code: 'invalid_selectors', message: err.problems.join('; '), screenshot: null };
  }
  return {
    type: 'error',
    code: 'task_error',
    message: err instanceof Error ? err.message : String(err),
    screenshot: null,
  };
}

function check(request: SessionCheckRequest): Promise<'valid' | 'expired'> {
  return checkLinkedInSession({
    cookies: request.cookies,
    identity: request.identity ?? undefined,
    timezoneId: request.timezoneId,
    linkedinBaseUrl: request.linkedinBaseUrl,
    chromiumPath: request.chromiumPath,
    processModel: request.processModel,
    timeoutMs: request.stepTimeoutMs,
    screenshotDir: request.screenshotDir,
    signal: controller.signal,
  });
}

function doctor(request: DoctorRequest) {
  return runDoctor({
    baseUrl: request.linkedinBaseUrl,
    cookies: request.cookies,
    identity: request.identity ?? undefined,
    timezoneId: request.timezoneId,
    chromiumPath: request.chromiumPath,
    processModel: request.processModel,
    timeoutMs: request.stepTimeoutMs,
    // DATA_DIR/selectors.json as it is now (a broken one: `invalid_selectors`).
    selectors: loadSelectorTable(request.dataDir),
    outDir: request.outDir,
    searchKeywords: request.searchKeywords,
    signal: controller.signal,
  });
}

async function perform(request: BrowserTaskRequest): Promise<void> {
  try {
    const result = request.type === 'check' ? await check(request) : await doctor(request);
    await finish({ type: 'result', result });
  } catch (err) {
    await finish(errorReply(err));
  }
}

process.on('message', (message: BrowserTaskRequest) => {
  if ((message?.type !== 'check' && message?.type !== 'doctor') || started) return;
  started = true;
  void perform(message);
});

// The server died or was killed: stop the task, give the browser a moment to close, then
// leave with the whole process group (a browser that did not close goes too).
process.on('disconnect', () => {
  if (finished) return;
  orphaned = true;
  controller.abort(new Error('Server went away'));
  setTimeout(() => {
    killEverything();
    process.exit(1);
  }, ORPHAN_GRACE_MS).unref();
});

process.on('uncaughtException', (err) => {
  if (!finished) finish(errorReply(err)).catch(() => process.exit(1));
});
process.on('unhandledRejection', (err) => {
  if (!finished) finish(errorReply(err)).catch(() => process.exit(1));
});
