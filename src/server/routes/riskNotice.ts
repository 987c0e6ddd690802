import { forbidden, unauthorized } from '../../errors.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import { riskNoticeSchema } from '../dto.ts';

/** The notice the dashboard shows once per user after login: LinkedIn forbids automated access. */
const RISK_NOTICE = 'linkedin_risk';

/**
 * `/api/risk-notice`: whether the signed-in user acknowledged the risk notice, and the
 * acknowledgement itself (audited). A dashboard user's own: the API key has no user.
 */
export async function riskNoticeRoutes(app: App, ctx: AppContext): Promise<void> {
  async function userOf(request: Parameters<typeof actorOf>[0]) {
    const actor = actorOf(request);
    if (actor.type !== 'user') {
      throw forbidden('The risk notice is acknowledged by a dashboard user, not with the API key');
    }
    const user = await ctx.store.users.findByUsername(actor.id);
    if (!user) throw unauthorized();
    return { actor, user };
  }

  app.get(
    '/api/risk-notice',
    {
      schema: {
        description:
          'Whether the signed-in user acknowledged the risk notice (shown by the dashboard until then)',
        response: { 200: riskNoticeSchema },
      },
    },
    async (request) => {
      const { user } = await userOf(request);
      return { acknowledged_at: await ctx.store.noticeAcknowledgements.acknowledgedAt(user.id, RISK_NOTICE) };
    },
  );

  app.post(
    '/api/risk-notice',
    {
      schema: {
        description:
          'The signed-in user acknowledges the risk notice (once: a second call keeps the first time)',
        response: { 200: riskNoticeSchema },
      },
    },
    async (request) => {
      const { actor, user } = await userOf(request);
      const before = await ctx.store.noticeAcknowledgements.acknowledgedAt(user.id, RISK_NOTICE);
      if (before) return { acknowledged_at: before };
      const at = await ctx.audit.change(
        (tx) => tx.noticeAcknowledgements.acknowledge(user.id, RISK_NOTICE, ctx.clock.now().toISOString()),
        () => ({ accountId: user.account_id, actor, action: 'risk_notice.acknowledge', target: RISK_NOTICE }),
      );
      return { acknowledged_at: at };
    },
  );
}
