/**
 * Pointed at another site (the sandbox), the browser must never reach linkedin.com: an
 * absolute link of LinkedIn's markup followed by mistake is refused and reported, so a test
 * or a demo can never act on a real account.
 */

import type { BrowserContext } from 'playwright-core';
import { type CodedLog, coded } from '../contract/logCodes.ts';
import { LINKEDIN_HOST } from './selectors.ts';

/** Refuses the context's requests to linkedin.com unless `baseUrl` is LinkedIn itself. */
export async function guardLinkedIn(
  context: BrowserContext,
  baseUrl: URL,
  /** Where each refused URL is kept (the session's `blockedRequests`). */
  refused: string[],
  warn: (message: string, what: CodedLog) => void,
): Promise<void> {
  if (LINKEDIN_HOST.test(baseUrl.hostname)) return;
  await context.route(
    (url) => LINKEDIN_HOST.test(url.hostname),
    async (route) => {
      const url = route.request().url();
      refused.push(url);
      warn(
        `Refused a request to linkedin.com while LINKEDIN_BASE_URL is elsewhere: ${url}`,
        coded('linkedin.request_refused', { url }),
      );
      await route.abort('blockedbyclient').catch(() => {});
    },
  );
}
