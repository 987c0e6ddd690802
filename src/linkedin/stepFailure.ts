/**
 * What a failed step's error means for the run: the LinkedInError code it is reported
 * with. Apart from the session, which adds what only it knows (a stop, a dead browser,
 * the screenshot of the step).
 */
import { errors as playwrightErrors } from 'playwright-core';
import { firstLine } from './browser.ts';
import { type LinkedInChallenge, LinkedInError } from './interfaces.ts';
import { PROXY_NET_ERROR } from './proxy.ts';

/** A failure of the caller's own callback (`beforeSend`): rethrown untouched by `act`. */
export class CallerError extends Error {
  constructor(readonly original: unknown) {
    super('caller callback failed');
  }
}

/** A navigation error that means "this session is refused" (a login loop), not "unreachable". */
const REDIRECT_LOOP = /ERR_TOO_MANY_REDIRECTS/;

/**
 * A LinkedInError to return as it is (one already complete, a crash), or the code and
 * message of one to report with a screenshot. Rethrows what is not a browser failure.
 */
export function classifyFailure(
  step: string,
  err: unknown,
): LinkedInError | { code: LinkedInError['code']; message: string; challenge?: LinkedInChallenge | null } {
  let code: LinkedInError['code'];
  let message: string;
  if (err instanceof LinkedInError) {
    if (err.screenshot || err.code === 'aborted' || err.code === 'browser_crashed') return err;
    // Reported again with a screenshot: the challenge behind it must travel along.
    const challenge = err.pushback === 'rate_limited' ? null : err.pushback;
    return { code: err.code, message: err.message, challenge };
  }
  if (err instanceof playwrightErrors.TimeoutError) {
    code = 'timeout';
    message = `${step}: ${firstLine(err)}`;
  } else if (REDIRECT_LOOP.test(firstLine(err))) {
    code = 'auth_required';
    message = `${step}: LinkedIn session not usable: LinkedIn keeps redirecting to its login (${firstLine(err)})`;
  } else if (PROXY_NET_ERROR.test(firstLine(err))) {
    code = 'proxy_failed';
    message = `${step}: the proxy did not work (${firstLine(err)})`;
  } else if (/net::ERR_|NS_ERROR_/.test(firstLine(err))) {
    code = 'timeout';
    message = `${step}: LinkedIn could not be reached (${firstLine(err)})`;
  } else if (/has been closed|Browser closed|Target crashed|crash/i.test(firstLine(err))) {
    return new LinkedInError('browser_crashed', `${step}: ${firstLine(err)}`);
  } else if (/^(locator|page|frame|elementHandle|keyboard|mouse)\.\w+:/.test(firstLine(err))) {
    // A Playwright action failed on an element (detached, covered, …).
    code = 'element_not_found';
    message = `${step}: ${firstLine(err)}`;
  } else {
    // Not a browser failure: a bug must show as itself.
    throw err;
  }
  return { code, message };
}
