import { forgetAnswerSchema, forgetBodySchema } from '../../contract/privacy.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { alreadyRunning, confirmationRequired } from '../../errors.ts';
import { forgetLinkedInData } from '../../jobs/personalData.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';

/**
 * `/api/privacy/forget`: deletes what the bots recorded about the account's LinkedIn
 * contacts (contacts, outcomes, message texts, run logs, screenshots, page-check snapshots),
 * keeping the counts the limits read. Confirmed, refused while a run is active, audited.
 */
export async function privacyRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post(
    '/api/privacy/forget',
    {
      schema: {
        description:
          "Forgets the account's LinkedIn data: contacts, run outcomes, sent texts, run log lines, screenshots " +
          'and page-check snapshots. Kept: what the limits count (sends today and this week, the exactly-once ' +
          'keys, visit and withdrawal times). Needs {"confirm": true} (else 409 confirmation_required); 409 ' +
          'already_running while a run is queued or active. Audited as privacy.forget',
        body: forgetBodySchema.nullish(),
        response: { 200: forgetAnswerSchema },
      },
    },
    async (request) => {
      if (request.body?.confirm !== true) {
        throw confirmationRequired('Forgetting LinkedIn data cannot be undone: send {"confirm": true}');
      }
      // The rows, the files and the audit entry in one transaction, which also holds off a run
      // start (on SQLite it takes the write lock first): the entry counts what really went.
      const forgotten = await ctx.audit.change(
        async (tx) => {
          const active = await tx.runs.listActive(DEFAULT_ACCOUNT_ID);
          if (active[0]) throw alreadyRunning(active[0].id);
          return forgetLinkedInData(tx, ctx.config.dataDir, DEFAULT_ACCOUNT_ID);
        },
        (counts) => ({
          accountId: DEFAULT_ACCOUNT_ID,
          actor: actorOf(request),
          action: 'privacy.forget',
          target: null,
          details: { ...counts },
        }),
      );
      ctx.logger.info({ forgotten }, 'LinkedIn data forgotten');
      return { forgotten };
    },
  );
}
