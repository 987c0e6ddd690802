/**
 * The invitation cleanup bot: withdraws sent invitations older than
 * `invitations.withdraw_after_days`, oldest first.
 */

import type { LinkedInClient, LinkedInError, SentInvitation } from '../linkedin/interfaces.ts';
import {
  actionDelayMs,
  type BotDeps,
  classifyFailure,
  errorCodeOf,
  errorMessageOf,
  failListing,
  failRun,
  pause,
  recordOutcome,
  resolveDeps,
  runLimit,
  screenshotOf,
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

  const onFailure = async (err: unknown, invitation: SentInvitation, what: string) => {
    const kind = classifyFailure(ctx, err);
    if (kind === 'stopped') {
      ctx.log('info', 'Stopped');
      return 'stop' as const;
    }
    if (kind === 'unexpected') throw err;
    await recordOutcome(ctx, d, {
      status: 'error',
      contact_name: invitation.name,
      profile_url: invitation.profileUrl,
      error_code: errorCodeOf(err),
      reason: errorMessageOf(err),
      screenshot: await screenshotOf(client, err, stepName('withdraw', invitation.name)),
    });
    result.errors++;
    ctx.log(
      kind === 'fatal' ? 'error' : 'warn',
      `Could not ${what}: ${errorCodeOf(err)} (${errorMessageOf(err)})`,
    );
    if (kind === 'item') return 'next' as const;
    return failRun(ctx, d, err as LinkedInError);
  };

  if (signal.aborted) return result;
  ctx.progress({ step: 'Reading sent invitations' });
  let invitations: SentInvitation[];
  try {
    invitations = await client.listSentInvitations({ signal });
  } catch (err) {
    await failListing(ctx, d, err, 'the sent invitations');
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
  );

  for (const invitation of unknown) {
    await recordOutcome(ctx, d, {
      status: 'skipped',
      reason: 'unknown_age',
      contact_name: invitation.name,
      profile_url: invitation.profileUrl,
    });
    result.skipped++;
    ctx.log(
      'info',
      `Skipped ${invitation.name}: could not read the invitation's age ("${invitation.sentLabel}")`,
    );
  }

  let used = 0;
  let actedBefore = false;
  for (const invitation of old) {
    if (signal.aborted) return result;
    if (used >= limit) {
      await recordOutcome(ctx, d, {
        status: 'skipped',
        reason: 'limit',
        contact_name: invitation.name,
        profile_url: invitation.profileUrl,
      });
      result.skipped++;
      continue;
    }
    if (dryRun) {
      used++;
      await recordOutcome(ctx, d, {
        status: 'skipped',
        reason: 'dry_run',
        contact_name: invitation.name,
        profile_url: invitation.profileUrl,
      });
      result.skipped++;
      ctx.log(
        'info',
        `Dry run: would withdraw the invitation to ${invitation.name} (${invitation.sentLabel})`,
      );
      continue;
    }
    if (actedBefore && !(await pause(ctx, d, actionDelayMs(ctx, d.random)))) return result;
    actedBefore = true;
    ctx.progress({ step: `Withdrawing ${invitation.name} (${used + 1}/${Math.min(limit, old.length)})` });
    try {
      await client.withdrawInvitation(invitation, { signal });
    } catch (err) {
      if ((await onFailure(err, invitation, `withdraw the invitation to ${invitation.name}`)) === 'stop') {
        return result;
      }
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
    await recordOutcome(ctx, d, {
      status: 'withdrawn',
      contact_name: invitation.name,
      profile_url: invitation.profileUrl,
    });
    ctx.log('info', `Withdrew the invitation to ${invitation.name} (${invitation.sentLabel})`);
  }

  if (old.length > limit) ctx.log('info', `Reached the per-run limit of ${limit} withdrawal(s)`);
  ctx.log(
    'info',
    `Invitation cleanup done: ${result.withdrawn} withdrawn, ${result.skipped} skipped, ${result.errors} error(s)` +
      (dryRun ? ' [dry run]' : ''),
  );
  return result;
}
