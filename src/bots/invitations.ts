/**
 * The invitation cleanup bot: withdraws sent invitations older than
 * `invitations.withdraw_after_days`, oldest first.
 */

import { coded } from '../contract/logCodes.ts';
import type { LinkedInClient, SentInvitation } from '../linkedin/interfaces.ts';
import {
  actionPacer,
  type BotDeps,
  BotOutcomes,
  failListing,
  resolveDeps,
  runLimit,
  stepName,
} from './common.ts';
import type { RunContext } from './runContext.ts';
import { runLimits } from './warmUp.ts';

export interface InvitationsBotResult {
  /** Invitations old enough to withdraw. */
  found: number;
  withdrawn: number;
  skipped: number;
  errors: number;
}

export async function runInvitationsBot(
  ctx: RunContext,
  client: LinkedInClient,
  deps?: BotDeps,
): Promise<InvitationsBotResult> {
  const d = resolveDeps(deps);
  const { settings, signal, store } = ctx;
  const account = ctx.run.account_id;
  const dryRun = ctx.run.dry_run;
  const threshold = settings.invitations.withdraw_after_days;
  const limit = runLimit(ctx, (await runLimits(ctx, d.now(), ['withdrawals_per_run'])).withdrawals_per_run);
  const result: InvitationsBotResult = { found: 0, withdrawn: 0, skipped: 0, errors: 0 };

  const outcomes = new BotOutcomes(ctx, client, d, result);
  const paced = actionPacer(ctx, d);

  if (signal.aborted) return result;
  ctx.progress({ step: 'Reading sent invitations' });
  let invitations: SentInvitation[];
  try {
    invitations = await client.listSentInvitations({ signal });
  } catch (err) {
    await failListing(ctx, d, err, 'sent_invitations');
    return result;
  }

  const unknown = invitations.filter((i) => i.ageDays === null);
  const old = invitations
    .filter((i): i is SentInvitation & { ageDays: number } => i.ageDays !== null && i.ageDays >= threshold)
    .sort((a, b) => b.ageDays - a.ageDays);
  const young = invitations.length - unknown.length - old.length;
  result.found = old.length;
  ctx.progress({ found: old.length });
  ctx.log(
    'info',
    `${invitations.length} sent invitation(s): ${old.length} older than ${threshold} days, ${young} younger (kept), ` +
      `${unknown.length} of unknown age; withdrawing up to ${limit}` +
      (dryRun ? ' [dry run]' : ''),
    coded('invitations.found', {
      total: invitations.length,
      old: old.length,
      threshold,
      young,
      unknown: unknown.length,
      limit,
      dry_run: dryRun,
    }),
  );

  for (const invitation of unknown) {
    await outcomes.skipped(invitation, 'unknown_age');
    ctx.log(
      'info',
      `Skipped ${invitation.name}: could not read the invitation's age ("${invitation.sentLabel}")`,
      coded('invitations.age_unknown', { name: invitation.name, label: invitation.sentLabel }),
    );
  }

  let used = 0;
  for (const invitation of old) {
    if (signal.aborted) return result;
    if (used >= limit) {
      await outcomes.skipped(invitation, 'limit');
      continue;
    }
    if (dryRun) {
      used++;
      await outcomes.skipped(invitation, 'dry_run');
      ctx.log(
        'info',
        `Dry run: would withdraw the invitation to ${invitation.name} (${invitation.sentLabel})`,
        coded('invitations.would_withdraw', {
          name: invitation.name,
          age_days: invitation.ageDays,
          label: invitation.sentLabel,
        }),
      );
      continue;
    }
    if (!(await paced())) return result;
    ctx.progress({ step: `Withdrawing ${invitation.name} (${used + 1}/${Math.min(limit, old.length)})` });
    try {
      await client.withdrawInvitation(invitation, { signal });
    } catch (err) {
      const next = await outcomes.failed(err, {
        name: invitation.name,
        profileUrl: invitation.profileUrl,
        step: stepName('withdraw', invitation.name),
        what: `withdraw the invitation to ${invitation.name}`,
      });
      if (next === 'stop') return result;
      continue;
    }
    used++;
    await store.invitationWithdrawals.record({
      account_id: account,
      run_id: ctx.run.id,
      name: invitation.name,
      profile_url: invitation.profileUrl,
      sent_label: invitation.sentLabel,
      withdrawn_at: d.now().toISOString(),
    });
    result.withdrawn++;
    ctx.count('invitations_withdrawn');
    await outcomes.record(invitation, { status: 'withdrawn' });
    ctx.log(
      'info',
      `Withdrew the invitation to ${invitation.name} (${invitation.sentLabel})`,
      coded('invitations.withdrew', {
        name: invitation.name,
        age_days: invitation.ageDays,
        label: invitation.sentLabel,
      }),
    );
  }

  if (old.length > limit) {
    ctx.log(
      'info',
      `Reached the per-run limit of ${limit} withdrawal(s)`,
      coded('invitations.limit_reached', { limit }),
    );
  }
  outcomes.logDone('Invitation cleanup', `${result.withdrawn} withdrawn`, (tally) =>
    coded('invitations.done', { withdrawn: result.withdrawn, ...tally }),
  );
  return result;
}
