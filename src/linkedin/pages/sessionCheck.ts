/**
 * "Is this session logged in?" on both of LinkedIn's shells: the older one shows
 * `#global-nav`, the new one navigation links (`data-view-name="navigation-…"`) around a
 * `main#workspace`. A login page, the "Welcome back" account picker, a checkpoint, a
 * captcha or a login redirect loop (ERR_TOO_MANY_REDIRECTS) all mean "not usable".
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { firstLine } from '../browser.ts';
import { LinkedInError } from '../interfaces.ts';
import { POLL_MS } from '../locator.ts';
import { assertProxyAccepted } from '../proxy.ts';
import { PATHS } from '../selectors.ts';
import type { Driver } from './driver.ts';

export async function checkSession(d: Driver, timeout: number): Promise<'valid' | 'expired'> {
  const { session } = d;
  const { engine, page } = session;
  try {
    const response = await page.goto(session.resolve(PATHS.feed), { waitUntil: 'domcontentloaded', timeout });
    const status = response?.status();
    assertProxyAccepted(status);
    if (status === 429 || status === 999) {
      throw new LinkedInError(
        'rate_limited',
        `LinkedIn answered ${status}: the session is throttled for now`,
      );
    }
  } catch (err) {
    if (/ERR_TOO_MANY_REDIRECTS/.test(firstLine(err))) {
      session.debug('session check: expired (LinkedIn keeps redirecting between its login pages)');
      await session.screenshot('session-check-expired');
      return 'expired';
    }
    throw err;
  }
  const deadline = Date.now() + timeout;
  for (;;) {
    const problem = await session.authProblem();
    if (problem) {
      session.debug(`session check: expired (${problem})`);
      await session.screenshot('session-check-expired');
      return 'expired';
    }
    // A navigation with a page's content under it: logged in, whichever shell.
    if ((await engine.findNow(page, 'globalNav')) && (await engine.exists(page, 'mainContent'))) {
      return 'valid';
    }
    if (Date.now() >= deadline) {
      throw new LinkedInError('timeout', 'The feed showed neither the navigation nor a login page');
    }
    await sleep(POLL_MS);
  }
}
