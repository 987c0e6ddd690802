/** The run's limits with a new account's warm-up applied (src/rules/warmUp.ts), said in the run log. */
import type { Settings } from '../config/settings.ts';
import { coded } from '../contract/logCodes.ts';
import { localDateOf } from '../planner.ts';
import { type LimitName, WARM_UP_DAYS, warmUp } from '../rules/warmUp.ts';
import type { RunContext } from './runContext.ts';

type Limits = Settings['limits'];

/**
 * The run's limits, warm-up applied to the `names` the bot uses; says in the run log
 * which ones the warm-up lowered ("Warm-up day 2 of 7: daily limit 5 instead of 15").
 */
export async function runLimits(ctx: RunContext, now: Date, names: readonly LimitName[]): Promise<Limits> {
  const { limits, schedule } = ctx.settings;
  if (!limits.warm_up) return limits;
  const first = await ctx.store.runs.firstActiveAt(ctx.run.account_id);
  const tz = schedule.timezone;
  const result = warmUp(limits, first && localDateOf(new Date(first), tz), localDateOf(now, tz), names);
  if (result.lowered.length > 0) {
    ctx.log(
      'info',
      `Warm-up day ${result.day} of ${WARM_UP_DAYS} (a new account's first week): ${result.lowered.join(', ')}`,
      coded('warmup.day', { day: result.day, days: WARM_UP_DAYS, lowered: result.lowered.join(', ') }),
    );
  }
  return result.limits;
}
