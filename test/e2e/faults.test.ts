import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.ts';

/** Each sandbox fault ends a real run as documented. */
describe('LinkedIn faults end to end', { timeout: 240_000 }, () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  const withBirthdays = (locale: 'en' | 'fr' = 'en') =>
    startStack({ reset: { seed: 21, contacts: 40, today: 12, late: 5, invitations: 3, locale } });

  it('session_expired → the run fails with auth_required and the session is marked expired', async () => {
    stack = await withBirthdays();
    await stack.faults({ session_expired: true });
    const run = await stack.finished(await stack.start('birthday'));
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('auth_required');
    expect(await stack.messages()).toHaveLength(0);
    const session = (await stack.api('GET', '/api/linkedin/session')).json() as { status: string };
    expect(session.status).toBe('expired');
    const status = (await stack.api('GET', '/api/bot/status')).json() as { linkedin: { session: string } };
    expect(status.linkedin.session).toBe('expired');
  });

  it('rate_limited → the run ends rate_limited without sending', async () => {
    stack = await withBirthdays();
    await stack.faults({ rate_limited: true });
    const run = await stack.finished(await stack.start('birthday'));
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('rate_limited');
    expect(await stack.messages()).toHaveLength(0);
  });

  it('dom_variant alt, in French → every wish goes through the fallback selectors', async () => {
    stack = await withBirthdays('fr');
    await stack.faults({ dom_variant: 'alt' });
    const run = await stack.finished(await stack.start('birthday'));
    expect(run.status).toBe('succeeded');
    expect(run.messages_sent).toBe(17);
    expect(new Set((await stack.messages()).map((m) => m.to)).size).toBe(17);
    const logs = (await stack.api('GET', `/api/logs?limit=500&level=debug&run_id=${run.id}`)).json() as {
      logs: { message: string }[];
    };
    // Proof the primary selectors failed and fallbacks carried the run.
    expect(logs.logs.some((l) => /fallback #[2-9]/.test(l.message))).toBe(true);
  });

  it('send_fails: 2 → two error outcomes with screenshots, the rest sent', async () => {
    stack = await withBirthdays();
    await stack.faults({ send_fails: 2 });
    const run = await stack.finished(await stack.start('birthday'));
    // Some wishes failed, the others were delivered: succeeded, flagged has_errors.
    expect(run).toMatchObject({ status: 'succeeded', error: null, has_errors: true });
    const errors = run.outcomes.filter((o) => o.status === 'error');
    expect(errors).toHaveLength(2);
    for (const e of errors) {
      expect(e.error_code).toBe('send_failed');
      expect(e.screenshot && fs.existsSync(e.screenshot)).toBe(true);
    }
    expect(run.messages_sent).toBe(15);
    expect(run.errors).toBe(2);
    expect(await stack.messages()).toHaveLength(15);
  });

  it('every send fails → the run ends failed nothing_delivered, naming the error', async () => {
    stack = await withBirthdays();
    await stack.faults({ send_fails: 17 });
    const run = await stack.finished(await stack.start('birthday'));
    expect(run).toMatchObject({ status: 'failed', messages_sent: 0, errors: 17, has_errors: true });
    expect(run.error?.code).toBe('nothing_delivered');
    expect(run.error?.message).toMatch(
      /^Nothing was delivered: 17 of 17 attempts failed \(most often send_failed: .+\)$/,
    );
    expect(await stack.messages()).toHaveLength(0);
  });

  it('French pages work for the birthday bot', async () => {
    stack = await withBirthdays('fr');
    const run = await stack.finished(await stack.start('birthday'));
    expect(run).toMatchObject({ status: 'succeeded', messages_sent: 17 });
  });

  it('checks the stored session: valid, then expired when LinkedIn logs it out', async () => {
    stack = await withBirthdays();
    const valid = await stack.api('POST', '/api/linkedin/session/check');
    expect(valid.statusCode).toBe(200);
    expect(valid.json()).toMatchObject({ status: 'valid' });
    await stack.faults({ session_expired: true });
    const expired = await stack.api('POST', '/api/linkedin/session/check');
    expect(expired.json()).toMatchObject({ status: 'expired' });
  });
});
