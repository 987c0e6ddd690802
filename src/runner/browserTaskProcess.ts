/**
 * Entry point of a browser-task process (forked by `browserTask.ts` in its own process
 * group): receives one request over IPC with the decrypted cookies — a session check
 * (`check`: opens LinkedIn once, answers `valid` or `expired`) or the page check (`doctor`:
 * the read-only walk, its files under the request's outDir, answers the report) — answers
 * over IPC, and exits. No database, no secret, nothing logged: the cookies live in this
 * process's memory only for the task.
 */

// First: its temporary files go to DATA_DIR before anything (Playwright) asks where they go.
import './processTmpDir.ts';
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
import { forkedChild } from './forkedChild.ts';

const controller = new AbortController();
let started = false;

// Should the server go away, the task stops and the process leaves with its group; an
// uncaught error is the task's reply.
const child = forkedChild(controller, (err) => finish(errorReply(err)));

function finish(reply: BrowserTaskReply): Promise<never> {
  return child.finish(reply);
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
    proxy: request.proxy,
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
    proxy: request.proxy,
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
