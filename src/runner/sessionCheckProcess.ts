/**
 * Entry point of a session-check process (forked by `sessionCheck.ts` in its own process
 * group): receives the decrypted cookies over IPC, opens LinkedIn once with them, answers
 * `valid`, `expired` or an error over IPC, and exits. No database, no secret, nothing
 * logged: the cookies live in this process's memory only for the check.
 */
import { descendants, killGroup, killRefs } from '../jobs/embedded/processGroup.ts';
import { LinkedInError } from '../linkedin/interfaces.ts';
import { checkLinkedInSession } from '../linkedin/openClient.ts';
import type { SessionCheckReply, SessionCheckRequest } from './sessionCheck.ts';

/** After the server vanished, how long the check gets to close its browser before we exit anyway. */
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

async function finish(reply: SessionCheckReply): Promise<never> {
  finished = true;
  // Exit only once the parent has the message: IPC sends are asynchronous.
  await new Promise<void>((resolve) => {
    if (!process.connected || !process.send) return resolve();
    process.send(reply, () => resolve());
  });
  // No parent left to clean up after us: take whatever the check left running along.
  if (orphaned) killEverything();
  process.exit(0);
}

function errorReply(err: unknown): SessionCheckReply {
  if (err instanceof LinkedInError) {
    return { type: 'error', code: err.code, message: err.message, screenshot: err.screenshot };
  }
  return {
    type: 'error',
    code: 'check_error',
    message: err instanceof Error ? err.message : String(err),
    screenshot: null,
  };
}

async function check(request: SessionCheckRequest): Promise<void> {
  try {
    const result = await checkLinkedInSession({
      cookies: request.cookies,
      linkedinBaseUrl: request.linkedinBaseUrl,
      chromiumPath: request.chromiumPath,
      processModel: request.processModel,
      timeoutMs: request.stepTimeoutMs,
      screenshotDir: request.screenshotDir,
      signal: controller.signal,
    });
    await finish({ type: 'result', result });
  } catch (err) {
    await finish(errorReply(err));
  }
}

process.on('message', (message: SessionCheckRequest) => {
  if (message?.type !== 'check' || started) return;
  started = true;
  void check(message);
});

// The server died or was killed: stop the check, give the browser a moment to close, then
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
