import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunContext, RunHandler } from '../bots/runContext.ts';
import { coded } from '../contract/logCodes.ts';

/**
 * Test-only run types (registered when LBB_TEST_JOBS=1). Each stands for one way a real
 * bot can behave when asked to stop. Options come from the run's `options`.
 */

const stepMs = (options: Record<string, unknown>) => Number(options.step_ms ?? 100);

/** Works in steps, counting, until aborted (or until `steps` steps are done). */
export const cooperativeHandler: RunHandler = async (ctx) => {
  const steps = Number(ctx.run.options.steps ?? Number.POSITIVE_INFINITY);
  note(ctx, 'cooperative job started');
  for (let i = 0; i < steps; i++) {
    try {
      await sleep(stepMs(ctx.run.options), undefined, { signal: ctx.signal });
    } catch {
      note(ctx, 'cooperative job saw the abort');
      return;
    }
    ctx.count('messages_sent');
    if (i % 3 === 2) ctx.count('skipped');
    ctx.progress({ found: i + 1, step: `step ${i + 1}` });
    if (ctx.run.options.log_every_step) note(ctx, `step ${i + 1}`);
  }
  note(ctx, 'cooperative job finished');
};

/**
 * Stands for a browser action that never returns: it ignores the abort signal and keeps a
 * child process of its own (like Chromium) that must not outlive the run.
 */
export const abortIgnoringHandler: RunHandler = async (ctx) => {
  const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  note(ctx, `abort-ignoring job started (helper pid ${helper.pid})`);
  ctx.progress({ step: `helper:${helper.pid}` });
  await new Promise<never>(() => {
    setInterval(() => ctx.count('skipped'), stepMs(ctx.run.options));
  });
};

/** Dies without a word after `crash_after_ms` (SIGKILL), like a run process killed from outside or by the OOM killer. */
export const crashingHandler: RunHandler = async (ctx) => {
  note(ctx, 'crashing job started');
  ctx.count('messages_sent');
  await sleep(Number(ctx.run.options.crash_after_ms ?? 200));
  process.kill(process.pid, 'SIGKILL');
  await new Promise<never>(() => {});
};

/**
 * Records outcomes the way a bot does (row in the store, then the counter): `sends` sent
 * messages, then `failures` errors (element_not_found), then returns normally.
 */
export const outcomesHandler: RunHandler = async (ctx) => {
  const record = async (
    status: 'sent' | 'error',
    name: string,
    extra: { error_code?: string; reason?: string } = {},
  ) => {
    await ctx.store.outcomes.add({
      run_id: ctx.run.id,
      account_id: ctx.run.account_id,
      ts: new Date().toISOString(),
      contact_name: name,
      status,
      ...extra,
    });
    ctx.count(status === 'sent' ? 'messages_sent' : 'errors');
  };
  const sends = Number(ctx.run.options.sends ?? 0);
  const failures = Number(ctx.run.options.failures ?? 0);
  for (let i = 1; i <= sends; i++) await record('sent', `Sent ${i}`);
  for (let i = 1; i <= failures; i++) {
    await record('error', `Contact ${i}`, {
      error_code: 'element_not_found',
      reason: `Message button of Contact ${i} not found`,
    });
  }
  note(ctx, `outcomes job done: ${sends} sent, ${failures} failed`);
};

/** A test job's line: its English text is all it says. */
function note(ctx: RunContext, text: string): void {
  ctx.log('info', text, coded('test.note', { text }));
}
