import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anyAlive, commandLine, descendants, processRef } from '../../src/runner/processGroup.ts';
import { sleep, waitFor } from '../support/waitFor.ts';
import { expectNoResendAfterCrash } from './crashBeforeConfirm.ts';
import { type Stack, startStack } from './stack.ts';

/** Real Chromium against the sandbox, through the real run engine and API. */

const TEMPLATES = {
  today: ['Happy birthday {first_name}!'],
  late: ['Belated happy birthday {first_name}, {days_late} days late!'],
};

describe('birthday bot end to end', { timeout: 240_000 }, () => {
  // A fresh product per test: the bot's ledger must not carry over.
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack({
      reset: { seed: 11, contacts: 60, today: 12, late: 5, invitations: 5, locale: 'en' },
    });
    expect((await stack.api('PUT', '/api/templates', TEMPLATES)).statusCode).toBe(200);
  });
  afterEach(async () => stack?.close());

  it('wishes each of the 12 + 5 contacts exactly once, with the right name and template; a second run sends nothing', async () => {
    const contacts = (await stack.contacts()).filter((c) => c.birthday_days_late !== null);
    expect(contacts).toHaveLength(17);

    const run = await stack.finished(await stack.start('birthday'));
    expect(run.status).toBe('succeeded');
    const messages = await stack.messages();
    expect(messages).toHaveLength(17);
    expect(new Set(messages.map((m) => m.to))).toEqual(new Set(contacts.map((c) => c.slug)));
    for (const contact of contacts) {
      const message = messages.find((m) => m.to === contact.slug)!;
      expect(message.text).toBe(
        contact.birthday_days_late === 0
          ? `Happy birthday ${contact.first_name}!`
          : `Belated happy birthday ${contact.first_name}, ${contact.birthday_days_late} days late!`,
      );
    }
    expect(run).toMatchObject({ messages_sent: 17, skipped: 0, errors: 0, progress: { found: 17 } });
    expect(run.outcomes.filter((o) => o.status === 'sent')).toHaveLength(17);

    const second = await stack.finished(await stack.start('birthday'));
    expect(second.status).toBe('succeeded');
    expect(await stack.messages()).toHaveLength(17);
    expect(second).toMatchObject({ messages_sent: 0, skipped: 17 });
    expect(second.outcomes.every((o) => o.status === 'skipped' && o.reason === 'already_wished')).toBe(true);
  });

  it('stops at the per-run and daily limits, and skips blacklisted contacts', async () => {
    const contacts = (await stack.contacts()).filter((c) => c.birthday_days_late !== null);
    const banned = contacts[0]!;
    await stack.api('POST', '/api/blacklist', { profile_url: `https://www.linkedin.com/in/${banned.slug}/` });
    await stack.api('PATCH', '/api/settings', { limits: { per_run: 5, daily: 8 } });

    const first = await stack.finished(await stack.start('birthday'));
    expect(first.messages_sent).toBe(5);
    expect(first.outcomes.filter((o) => o.reason === 'limit')).toHaveLength(11);
    expect(first.outcomes.find((o) => o.reason === 'blacklisted')?.profile_url).toContain(banned.slug);

    const second = await stack.finished(await stack.start('birthday'));
    expect(second.messages_sent).toBe(3);
    expect(second.outcomes.filter((o) => o.reason === 'limit')).toHaveLength(8);
    const messages = await stack.messages();
    expect(messages).toHaveLength(8);
    expect(messages.some((m) => m.to === banned.slug)).toBe(false);
  });

  it('stops at the weekly limit, counting the wishes of the last 7 days', async () => {
    // Wishes of earlier runs this week (3 days ago) count; those of 8 days ago do not.
    const store = stack.ctx.store;
    const day = 24 * 3600 * 1000;
    for (const [i, daysAgo] of [3, 3, 3, 3, 3, 3, 8, 8, 8].entries()) {
      const at = new Date(Date.now() - daysAgo * day).toISOString();
      const intent = await store.birthdayMessages.createIntent({
        account_id: 'default',
        contact_slug: `earlier-contact-${i}`,
        birthday_date: at.slice(0, 10),
        run_id: 'earlier-run',
        template: 'Happy birthday {first_name}!',
        text: 'Happy birthday!',
        dry_run: false,
        created_at: at,
      });
      await store.birthdayMessages.confirm(intent!.id, at);
    }
    await stack.api('PATCH', '/api/settings', { limits: { per_run: 100, daily: 100, weekly: 10 } });

    const run = await stack.finished(await stack.start('birthday'));
    expect(run.status).toBe('succeeded');
    expect(run.messages_sent).toBe(4);
    expect(await stack.messages()).toHaveLength(4);
    expect(run.outcomes.filter((o) => o.status === 'skipped' && o.reason === 'limit')).toHaveLength(13);
  });

  it('sends nothing twice when the run process is killed between the send and its confirmation', async () => {
    const { crashed, next } = await expectNoResendAfterCrash(stack, 17);
    expect(crashed.error).toEqual({
      code: 'run_process_died',
      message: "The run's process was killed (SIGKILL)",
    });
    expect(next.messages_sent).toBe(16);
  });

  it('stops during a slow page: the run ends stopped, no message arrives afterwards, no browser outlives it', async () => {
    await stack.faults({ latency_ms: 5000 });
    const id = await stack.start('birthday');
    await stack.waitForStatus(id, 'running');
    const { pid } = (await stack.ctx.store.runs.get(id))!;
    // Wait for the browser: the run is then inside a slow navigation.
    await waitFor(() => descendants(pid!).some((p) => /chrom/i.test(commandLine(p.pid) ?? '')), {
      timeoutMs: 10_000,
      intervalMs: 50,
      what: 'the run to start Chromium',
    });
    // Deliberate: the run gets into the slow navigation, which is not observable from outside.
    await sleep(1000);
    // The run process and everything it started: Chromium runs in a process group of its own.
    const tree = [{ pid: pid!, start: processRef(pid!)!.start }, ...descendants(pid!)];
    expect(tree.length).toBeGreaterThan(1);
    const stop = await stack.api('POST', '/api/bot/action', { action: 'stop', run_id: id });
    expect(stop.statusCode).toBe(202);
    const run = await stack.finished(id, 15_000);
    expect(run.status).toBe('stopped');
    expect(run.stopped_by).toBe('api_key');
    await stack.faults({ latency_ms: 0 });
    const count = (await stack.messages()).length;
    // Deliberate: proves that no message arrives afterwards.
    await sleep(6000);
    expect(await stack.messages()).toHaveLength(count);
    expect(anyAlive(tree)).toBe(false);
  });

  it('records a dry run for /bot/start/birthday without dry_run: nothing is sent', async () => {
    const res = await stack.app.inject({
      method: 'POST',
      url: '/bot/start/birthday',
      headers: { 'x-api-key': 'e2e-api-key-0123456789' },
      payload: {},
    });
    expect(res.statusCode).toBe(202);
    const run = await stack.finished((res.json() as { job_id: string }).job_id);
    expect(run).toMatchObject({ status: 'succeeded', dry_run: true, messages_sent: 0 });
    expect(run.outcomes.filter((o) => o.reason === 'dry_run')).toHaveLength(17);
    expect(await stack.messages()).toHaveLength(0);
  });
});
