import { expect } from 'vitest';
import type { Stack } from './stack.ts';

type FinishedRun = Awaited<ReturnType<Stack['finished']>>;

/**
 * The exactly-once case of a crash, on a stack whose sandbox has `wishes` birthdays: a
 * birthday run whose process is killed between a send and its confirmation fails with one
 * message delivered; the next run finds that pending wish in the conversation and confirms
 * it instead of sending it again, and wishes everyone else once. Both runs are returned for
 * further checks.
 */
export async function expectNoResendAfterCrash(
  stack: Stack,
  wishes: number,
): Promise<{ crashed: FinishedRun; next: FinishedRun }> {
  process.env.LBB_TEST_KILL_BEFORE_CONFIRM = '1';
  let crashed: FinishedRun;
  try {
    crashed = await stack.finished(await stack.start('birthday'));
  } finally {
    delete process.env.LBB_TEST_KILL_BEFORE_CONFIRM;
  }
  expect(crashed.status).toBe('failed');
  const afterCrash = await stack.messages();
  expect(afterCrash).toHaveLength(1);

  const next = await stack.finished(await stack.start('birthday'));
  expect(next.status).toBe('succeeded');
  const messages = await stack.messages();
  expect(messages).toHaveLength(wishes);
  expect(new Set(messages.map((m) => m.to)).size).toBe(wishes);
  // The pending wish was found in the conversation and confirmed, not sent again.
  const pending = next.outcomes.find((o) => o.profile_url?.includes(afterCrash[0]!.to));
  expect(pending).toMatchObject({ status: 'skipped', reason: 'already_wished' });
  return { crashed, next };
}
