import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkedInRejection } from '../../test/support/linkedInRejection.ts';
import type { StrategyNote } from './locator.ts';
import type { PlaywrightLinkedInClient } from './playwrightClient.ts';
import {
  type DriverHarness,
  type SandboxFaults,
  type SandboxResetOptions,
  startDriverHarness,
  type TestSandbox,
} from './testing.ts';

/**
 * The driver on LinkedIn's new page design (the sandbox's `sdui` variant): hashed classes,
 * link actions, lazy lists, catch-up cards that are not birthdays, belated wording, and
 * the message box wherever LinkedIn mounts it.
 */

const WORLD: SandboxResetOptions = { contacts: 60, today: 6, late: 4, invitations: 6 };
const PLACEMENTS = ['main', 'shadow', 'iframe', 'dialog', 'page'] as const;

let harness: DriverHarness;
let sandbox: TestSandbox;
let client: PlaywrightLinkedInClient;
const notes: StrategyNote[] = [];
const signal = new AbortController().signal;
const opts = { signal };

async function fresh(faults: SandboxFaults = {}, reset: SandboxResetOptions = WORLD): Promise<void> {
  await harness.fresh(reset, { dom_variant: 'sdui', ...faults });
  notes.length = 0;
}

const fallbacksUsed = () => notes.filter((n) => n.fallbackUsed).map((n) => `${n.key}#${n.index + 1}`);

beforeAll(async () => {
  harness = await startDriverHarness(WORLD, { onStrategy: (note) => notes.push(note) });
  ({ sandbox, client } = harness);
});

// Closing fails if any request of the file went to linkedin.com.
afterAll(() => harness?.close());

beforeEach(async () => {
  await fresh();
});

describe('the new design: session', () => {
  it('is valid on the new shell (no #global-nav)', async () => {
    expect(await client.checkSession(opts)).toBe('valid');
    expect(fallbacksUsed()).toEqual([]);
  });

  it('a login redirect loop (ERR_TOO_MANY_REDIRECTS) or the account picker: expired', async () => {
    await sandbox.faults({ redirect_loop: true });
    expect(await client.checkSession(opts)).toBe('expired');
    await sandbox.faults({ redirect_loop: false, account_picker: true });
    expect(await client.checkSession(opts)).toBe('expired');
    const err = await linkedInRejection(client.listBirthdays(opts));
    expect(err.code).toBe('auth_required');
  });
});

describe('the new design: birthdays', () => {
  it('lists every birthday card behind "Load more", skips the other catch-up cards, reads belated ones', async () => {
    const list = await client.listBirthdays(opts);
    const expected = (await sandbox.contacts()).filter((c) => c.birthday_days_late !== null);
    expect(list.map((c) => c.slug).sort()).toEqual(expected.map((c) => c.slug).sort());
    expect(list.filter((c) => c.daysLate === 0)).toHaveLength(6);
    // "Celebrate X's belated birthday": late, date unknown.
    const late = list.filter((c) => c.daysLate !== 0);
    expect(late).toHaveLength(4);
    expect(late.every((c) => c.daysLate === null && /belated/.test(c.label))).toBe(true);
    for (const c of list) {
      const contact = expected.find((e) => e.slug === c.slug)!;
      expect(c.name).toBe(contact.name);
      // Absolute profile links are read as they are, the compose link kept without its body.
      expect(c.profileUrl).toBe(`https://www.linkedin.com/in/${c.slug}/`);
      expect(c.composeUrl).toMatch(/\/messaging\/compose\/\?recipient=ACoAA[^&]+&interop=msgOverlay$/);
    }
    expect(fallbacksUsed()).toEqual([]);
  });

  it('reads the French wording ("aujourd’hui", "avec du retard")', async () => {
    await fresh({}, { ...WORLD, locale: 'fr' });
    const list = await client.listBirthdays(opts);
    expect(list.filter((c) => c.daysLate === 0)).toHaveLength(6);
    expect(list.filter((c) => c.daysLate === null)).toHaveLength(4);
  });

  it('finds the cards through fallbacks when the primary selectors break, and says so', async () => {
    await fresh({ break_primary: true });
    const list = await client.listBirthdays(opts);
    expect(list).toHaveLength(10);
    await client.sendMessage(list[0]!, 'Happy birthday!', { signal, beforeSend: async () => {} });
    expect(await sandbox.messages()).toHaveLength(1);
    expect(fallbacksUsed()).toContain('messageButton#3');
  });
});

describe.each(PLACEMENTS)('the new design: the message box mounted in %s', (overlay) => {
  it('replaces the pre-filled wish, sends exactly our text, confirms it, reads it back', async () => {
    await fresh({ overlay });
    const [contact] = await client.listBirthdays(opts);
    let intents = 0;
    const text = `Joyeux anniversaire ${contact!.slug} !`;
    const confirmation = await client.sendMessage(contact!, text, {
      signal,
      beforeSend: async () => {
        intents++;
      },
    });
    expect(intents).toBe(1);
    expect(confirmation).toBe(overlay === 'dialog' ? 'dialog_closed' : 'thread');
    expect(await sandbox.messages()).toEqual([{ to: contact!.slug, text, at: expect.any(String) }]);
    // The conversation shows it, whatever the box (a dialog has no thread: the compose page does).
    expect(await client.readConversation(contact!, opts)).toContain(text);
    expect(fallbacksUsed()).toEqual([]);
  });
});

describe('the new design: sending safely', () => {
  it('a box addressed to someone else: recipient_mismatch with a screenshot, nothing typed or sent', async () => {
    await fresh({ overlay: 'iframe', wrong_recipient: 1 });
    const [contact] = await client.listBirthdays(opts);
    let intents = 0;
    const err = await linkedInRejection(
      client.sendMessage(contact!, 'Happy birthday!', {
        signal,
        beforeSend: async () => {
          intents++;
        },
      }),
    );
    expect(err.code).toBe('recipient_mismatch');
    expect(err.screenshot).toMatch(/\.png$/);
    expect(intents).toBe(0);
    expect(await sandbox.messages()).toEqual([]);
    // The next box opens for the right person.
    await client.sendMessage(contact!, 'Happy birthday!', { signal, beforeSend: async () => {} });
    expect((await sandbox.messages()).map((m) => m.to)).toEqual([contact!.slug]);
  });

  it('no confirmation in time is a timeout (perhaps delivered), never send_failed', async () => {
    await fresh({ overlay: 'shadow', send_stall_ms: 8000 });
    const [contact] = await client.listBirthdays(opts);
    const err = await linkedInRejection(
      client.sendMessage(contact!, 'Happy birthday!', {
        signal,
        beforeSend: async () => {},
        timeoutMs: 2000,
      }),
    );
    expect(err.code).toBe('timeout');
    // It was delivered: the conversation says so, which is what the bot checks before any resend.
    expect(await sandbox.messages()).toHaveLength(1);
    await sandbox.faults({ send_stall_ms: 0 });
    expect(await client.readConversation(contact!, opts)).toContain('Happy birthday!');
  });

  it('LinkedIn refusing the message is send_failed (nothing delivered)', async () => {
    await fresh({ overlay: 'dialog', send_fails: 1 });
    const [contact] = await client.listBirthdays(opts);
    const err = await linkedInRejection(
      client.sendMessage(contact!, 'Happy birthday!', { signal, beforeSend: async () => {} }),
    );
    expect(err.code).toBe('send_failed');
    expect(await sandbox.messages()).toEqual([]);
  });

  it("LinkedIn's bare request-denied page (HTTP 999, no main): rate_limited, on every design", async () => {
    for (const dom_variant of ['sdui', 'default'] as const) {
      await sandbox.faults({ dom_variant, blocked: true });
      const err = await linkedInRejection(client.listBirthdays(opts));
      expect(err.code, dom_variant).toBe('rate_limited');
      expect(err.message).toMatch(/999/);
    }
  });

  it('the limit dialog of the new design: rate_limited', async () => {
    await fresh({ rate_limited: true });
    const err = await linkedInRejection(client.listBirthdays(opts));
    expect(err.code).toBe('rate_limited');
  });
});

describe('the new design: search, profiles, invitations', () => {
  it('scrolls the results into view before reading them, and pages with Next', async () => {
    const contacts = await sandbox.contacts();
    const first = await client.searchPeople({ keywords: '', location: '', page: 1 }, opts);
    expect(first.people).toHaveLength(10);
    expect(first.hasNext).toBe(true);
    expect(first.people.map((p) => p.slug)).toEqual(contacts.slice(0, 10).map((c) => c.slug));
    const last = await client.searchPeople({ keywords: '', location: '', page: 6 }, opts);
    expect(last.people).toHaveLength(10);
    expect(last.hasNext).toBe(false);
    expect(fallbacksUsed()).toEqual([]);
  });

  it('reads a profile whose name is an h2', async () => {
    const [contact] = await sandbox.contacts();
    const info = await client.visitProfile(`https://www.linkedin.com/in/${contact!.slug}/`, 0, opts);
    expect(info.name).toBe(contact!.name);
    expect((await sandbox.get<{ visits: { slug: string }[] }>('/__sandbox/visits')).visits).toHaveLength(1);
  });

  it('withdraws through the link and the button variants, confirmed in a <dialog>', async () => {
    const list = await client.listSentInvitations(opts);
    expect(list).toHaveLength(6);
    expect(
      list.every((i) => i.ageDays !== null && i.profileUrl?.startsWith('https://www.linkedin.com/in/')),
    ).toBe(true);
    const names = (
      await sandbox.get<{ invitations: { name: string }[] }>('/__sandbox/invitations')
    ).invitations.map((i) => i.name);
    expect(list.map((i) => i.name)).toEqual(names);
    await client.withdrawInvitation(list[0]!, opts);
    await client.withdrawInvitation(list[1]!, opts);
    const after = await sandbox.get<{ withdrawn: { name: string }[] }>('/__sandbox/invitations');
    expect(after.withdrawn.map((w) => w.name)).toEqual([list[0]!.name, list[1]!.name]);
  });
});
