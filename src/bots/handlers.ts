/**
 * The run handlers the registry loads for the bot run types: open a LinkedIn client for
 * the run (browser, session cookies), run the bot, always end the client (store back what
 * LinkedIn refreshed, close the browser).
 */

import type { LinkedInClient } from '../linkedin/interfaces.ts';
import { runBirthdayBot } from './birthday.ts';
import type { BotDeps } from './common.ts';
import { runInvitationsBot } from './invitations.ts';
import { openLinkedInClient } from './runClient.ts';
import type { RunContext, RunHandler } from './runContext.ts';
import { runRandom } from './runRandom.ts';
import { runVisitorBot } from './visitor.ts';

function withClient(
  run: (ctx: RunContext, client: LinkedInClient, deps: BotDeps) => Promise<unknown>,
): RunHandler {
  return async (ctx) => {
    const { client, end } = await openLinkedInClient(ctx);
    try {
      await run(ctx, client, { random: runRandom(ctx, 'bot') });
    } finally {
      // Every way the run ends: LinkedIn's refreshed cookies are stored back, the browser closed.
      await end();
    }
  };
}

export const birthdayHandler: RunHandler = withClient(runBirthdayBot);
export const visitorHandler: RunHandler = withClient(runVisitorBot);
export const invitationsHandler: RunHandler = withClient(runInvitationsBot);
