import { afterEach, describe, expect, it } from 'vitest';
import { expectNoResendAfterCrash } from './crashBeforeConfirm.ts';
import { type Stack, startStack } from './stack.ts';

/**
 * The birthday bot end to end on LinkedIn's new page design (the sandbox's `sdui`
 * variant), real Chromium through the real run engine: the full bot with the message box
 * in LinkedIn's iframe, one smaller scenario per other placement of the box, and the
 * exactly-once cases (a crash after Send, a send whose confirmation never came, a box
 * addressed to someone else).
 */

const TEMPLATES = {
  today: ['Happy birthday {first_name}!'],
  // The new design's late cards give no day count: only the second can be used for them.
  late: [
    'Belated happy birthday {first_name}, {days_late} days late!',
    'Belated happy birthday {first_name}!',
  ],
};

const BIG = { seed: 11, contacts: 60, today: 12, late: 5, invitations: 5, locale: 'en' as const };
const SMALL = { seed: 21, contacts: 30, today: 2, late: 1, invitations: 2, locale: 'fr' as const };

async function sduiStack(reset: typeof BIG | typeof SMALL, overlay: string): Promise<Stack> {
  const stack = await startStack({ reset });
  await stack.api('PUT', '/api/templates', TEMPLATES);
  await stack.faults({ dom_variant: 'sdui', overlay });
  return stack;
}

function expectedText(contact: { first_name: string; birthday_days_late: number | null }): string {
  return contact.birthday_days_late === 0
    ? `Happy birthday ${contact.first_name}!`
    : `Belated happy birthday ${contact.first_name}!`;
}

describe('birthday bot end to end on the new design', { timeout: 300_000 }, () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('message box in the iframe: wishes each of the 12 + 5 exactly once, belated ones too; a second run sends nothing', async () => {
    stack = await sduiStack(BIG, 'iframe');
    const contacts = (await stack.contacts()).filter((c) => c.birthday_days_late !== null);
    expect(contacts).toHaveLength(17);

    const run = await stack.finished(await stack.start('birthday'));
    expect(run.status).toBe('succeeded');
    expect(run).toMatchObject({ messages_sent: 17, skipped: 0, errors: 0, has_errors: false });
    const messages = await stack.messages();
    expect(messages).toHaveLength(17);
    for (const contact of contacts) {
      // LinkedIn's pre-filled wish was replaced, never appended to.
      expect(messages.find((m) => m.to === contact.slug)?.text, contact.name).toBe(expectedText(contact));
    }
    // Every element was found by the selectors of the current design: no notice.
    expect(run.progress.selector_fallbacks ?? []).toEqual([]);
    expect(run.outcomes.filter((o) => o.reason === 'confirmed_in_thread')).toHaveLength(17);

    const second = await stack.finished(await stack.start('birthday'));
    expect(second).toMatchObject({ status: 'succeeded', messages_sent: 0, skipped: 17 });
    expect(await stack.messages()).toHaveLength(17);
  });

  it('sends nothing twice when the run process is killed between the send and its confirmation', async () => {
    stack = await sduiStack(BIG, 'iframe');
    await expectNoResendAfterCrash(stack, 17);
  });

  it.each(['main', 'shadow', 'dialog', 'page'] as const)(
    'message box in %s: every wish sent once, confirmed the way the box allows',
    async (overlay) => {
      stack = await sduiStack(SMALL, overlay);
      const contacts = (await stack.contacts()).filter((c) => c.birthday_days_late !== null);
      const run = await stack.finished(await stack.start('birthday'));
      expect(run).toMatchObject({ status: 'succeeded', messages_sent: 3, errors: 0 });
      const messages = await stack.messages();
      expect(messages.map((m) => m.to).sort()).toEqual(contacts.map((c) => c.slug).sort());
      for (const c of contacts) {
        const wanted =
          c.birthday_days_late === 0
            ? `Happy birthday ${c.first_name}!`
            : `Belated happy birthday ${c.first_name}!`;
        expect(messages.find((m) => m.to === c.slug)?.text).toBe(wanted);
      }
      const how = overlay === 'dialog' ? 'confirmed_dialog_closed' : 'confirmed_in_thread';
      expect(run.outcomes.filter((o) => o.reason === how)).toHaveLength(3);
      const second = await stack.finished(await stack.start('birthday'));
      expect(second).toMatchObject({ messages_sent: 0, skipped: 3 });
      expect(await stack.messages()).toHaveLength(3);
    },
  );

  it('a send whose confirmation never comes is kept pending, checked in the conversation and never sent again', async () => {
    // A plain dialog shows no thread: the check reads the conversation on the compose page.
    stack = await sduiStack(SMALL, 'dialog');
    await stack.faults({ send_stall_ms: 20_000 });
    const first = await stack.finished(await stack.start('birthday'));
    // Each send was delivered, but none confirmed in time: nothing counted as sent, nothing lost.
    const delivered = await stack.messages();
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    expect(first.messages_sent).toBe(0);
    expect(first.outcomes.filter((o) => o.error_code === 'timeout').length).toBeGreaterThanOrEqual(1);

    await stack.faults({ send_stall_ms: 0 });
    const next = await stack.finished(await stack.start('birthday'));
    expect(next.status).toBe('succeeded');
    const messages = await stack.messages();
    // Three contacts, three messages: the pending ones were found, not resent.
    expect(messages).toHaveLength(3);
    expect(new Set(messages.map((m) => m.to)).size).toBe(3);
    const confirmedPending = next.outcomes.filter((o) => o.reason === 'already_wished');
    expect(confirmedPending).toHaveLength(delivered.length);
  });

  it('a box addressed to someone else: an error with a screenshot, nothing sent to anyone, the run goes on', async () => {
    stack = await sduiStack(SMALL, 'main');
    await stack.faults({ wrong_recipient: 1 });
    const run = await stack.finished(await stack.start('birthday'));
    expect(run).toMatchObject({ status: 'succeeded', messages_sent: 2, errors: 1, has_errors: true });
    const error = run.outcomes.find((o) => o.status === 'error')!;
    expect(error.error_code).toBe('recipient_mismatch');
    expect(error.screenshot).toMatch(/\.png$/);
    // Nobody got a message meant for another.
    const messages = await stack.messages();
    expect(messages).toHaveLength(2);
    expect(new Set(messages.map((m) => m.to)).size).toBe(2);
    // The next run wishes the one left.
    const next = await stack.finished(await stack.start('birthday'));
    expect(next.messages_sent).toBe(1);
  });

  it('with the primary selectors broken, the run succeeds through fallbacks and says LinkedIn changed a page', async () => {
    stack = await sduiStack(SMALL, 'shadow');
    await stack.faults({ break_primary: true });
    const run = await stack.finished(await stack.start('birthday'));
    expect(run).toMatchObject({ status: 'succeeded', messages_sent: 3 });
    expect(run.progress.selector_fallbacks).toEqual(
      expect.arrayContaining([expect.objectContaining({ element: 'messageButton', step: 'send-message' })]),
    );
    const logs = (await stack.api('GET', `/api/logs?run_id=${run.id}&limit=500&level=warn`)).json() as {
      logs: { message: string }[];
    };
    expect(logs.logs.filter((l) => /LinkedIn changed a page: messageButton/.test(l.message))).toHaveLength(1);
    // The overview's status carries it.
    const status = (await stack.api('GET', '/api/bot/status')).json() as {
      last_run: { progress: { selector_fallbacks?: unknown[] } };
    };
    expect(status.last_run.progress.selector_fallbacks?.length).toBeGreaterThan(0);
  });

  it('a real run that delivers nothing ends failed nothing_delivered', async () => {
    stack = await sduiStack(SMALL, 'iframe');
    await stack.faults({ send_fails: 10 });
    const run = await stack.finished(await stack.start('birthday'));
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('nothing_delivered');
    expect(run.error?.message).toMatch(/send_failed/);
  });
});
