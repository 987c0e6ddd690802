/**
 * The job handlers the registry loads for the bot job types: open a LinkedIn client for
 * the run (browser, session cookies), run the bot, always close the browser.
 */
import type { JobContext, JobHandler } from '../jobs/interfaces.ts';
import type { LinkedInClient } from '../linkedin/interfaces.ts';
import { runBirthdayBot } from './birthday.ts';
import { runInvitationsBot } from './invitations.ts';
import { openLinkedInClient } from './runClient.ts';
import { runVisitorBot } from './visitor.ts';

function withClient(run: (ctx: JobContext, client: LinkedInClient) => Promise<unknown>): JobHandler {
  return async (ctx) => {
    const client = await openLinkedInClient(ctx);
    try {
      await run(ctx, client);
    } finally {
      // A failing close must not hide how the run ended.
      await client.close().catch((err: unknown) => {
        ctx.log('warn', `Closing the browser failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
  };
}

export const birthdayJob: JobHandler = withClient(runBirthdayBot);
export const visitorJob: JobHandler = withClient(runVisitorBot);
export const invitationsJob: JobHandler = withClient(runInvitationsBot);
