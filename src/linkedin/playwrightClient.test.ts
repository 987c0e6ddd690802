import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkedInRejection } from '../../test/support/linkedInRejection.ts';
import type { BirthdayContact } from './interfaces.ts';
import type { PlaywrightLinkedInClient } from './playwrightClient.ts';
import {
  type DriverHarness,
  type SandboxResetOptions,
  SMALL_SANDBOX,
  startDriverHarness,
  type TestSandbox,
} from './testing.ts';

/** One browser for the whole file (launching costs ~1 s); the sandbox is reset per test. */

let harness: DriverHarness;
let sandbox: TestSandbox;
let client: PlaywrightLinkedInClient;
let shots: string;
const signal = new AbortController().signal;
const opts = { signal };

async function fresh(reset: SandboxResetOptions = SMALL_SANDBOX): Promise<void> {
  await harness.fresh(reset);
}

async function expectedBirthdays() {
  return (await sandbox.contacts())
    .filter((c) => c.birthday_days_late !== null)
    .map((c) => ({ slug: c.slug, name: c.name, daysLate: c.birthday_days_late }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

function summary(list: BirthdayContact[]) {
  return list
    .map((c) => ({ slug: c.slug, name: c.name, daysLate: c.daysLate }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

beforeAll(async () => {
  harness = await startDriverHarness(SMALL_SANDBOX);
  ({ sandbox, client, shots } = harness);
});

// Closing fails if any request of the file went to linkedin.com.
afterAll(() => harness?.close());

beforeEach(async () => {
  await fresh();
});

describe('session', () => {
  it('is valid with the sandbox session', async () => {
    expect(await client.checkSession(opts)).toBe('valid');
  });

  it('is expired when the sandbox expired it', async () => {
    await sandbox.faults({ session_expired: true });
    expect(await client.checkSession(opts)).toBe('expired');
  });

  it('is expired without cookies', async () => {
    await client.replaceCookies([]);
    expect(await client.checkSession(opts)).toBe('expired');
  });

  it('notices a session lost in the middle of a run: auth_required, without waiting for timeouts', async () => {
    const [contact] = await client.listBirthdays(opts);
    await sandbox.faults({ session_expired: true });
    const started = Date.now();
    const err = await linkedInRejection(
      client.sendMessage(contact!, 'Happy birthday!', {
        signal,
        timeoutMs: 10_000,
        beforeSend: async () => {},
      }),
    );
    expect(err.code).toBe('auth_required');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses to work logged out: auth_required, a plain expired session (no pushback)', async () => {
    await sandbox.faults({ session_expired: true });
    const err = await linkedInRejection(client.listBirthdays(opts));
    expect(err.code).toBe('auth_required');
    expect(err.pushback).toBeNull();
  });

  it('a checkpoint or a captcha instead of the page: auth_required naming LinkedIn’s challenge', async () => {
    for (const challenge of ['checkpoint', 'captcha'] as const) {
      await sandbox.faults({ checkpoint: challenge === 'checkpoint', captcha: challenge === 'captcha' });
      const err = await linkedInRejection(client.listBirthdays(opts));
      expect(err.code, challenge).toBe('auth_required');
      expect(err.pushback, challenge).toBe(challenge);
      expect(err.message).toMatch(challenge === 'checkpoint' ? /\/checkpoint\/challenge\// : /captcha/);
      expect(await client.checkSession(opts)).toBe('expired');
    }
  });
});

describe('birthdays', () => {
  it('lists today’s and late birthdays as the sandbox has them', async () => {
    const list = await client.listBirthdays(opts);
    expect(list).toHaveLength(5);
    expect(summary(list)).toEqual(await expectedBirthdays());
    for (const c of list) {
      expect(c.profileUrl).toBe(`${sandbox.url}/in/${c.slug}/`);
      expect(c.label).toMatch(/Today|Yesterday|days ago/);
    }
  });

  it('scrolls until every card has loaded', async () => {
    await fresh({ ...SMALL_SANDBOX, today: 12, late: 9 });
    const list = await client.listBirthdays(opts);
    expect(list).toHaveLength(21);
    expect(summary(list)).toEqual(await expectedBirthdays());
  });

  it('sends a message: intent first, then the message shows in the conversation', async () => {
    const [contact] = await client.listBirthdays(opts);
    const text = `Joyeux anniversaire ${contact!.name} ! 🎂🎉 Belle journée`;
    const seenBeforeSend: number[] = [];
    await client.sendMessage(contact!, text, {
      signal,
      beforeSend: async () => {
        seenBeforeSend.push((await sandbox.messages()).length);
      },
    });
    expect(seenBeforeSend).toEqual([0]);
    expect(await sandbox.messages()).toEqual([expect.objectContaining({ to: contact!.slug, text })]);

    const thread = await client.readConversation(contact!, opts);
    expect(thread.at(-1)).toBe(text);
  });

  it('keeps the lines of a multi-line message', async () => {
    const list = await client.listBirthdays(opts);
    const contact = list.at(-1)!;
    const text = 'Happy birthday!\nHave a wonderful day 🎉';
    await client.sendMessage(contact, text, { signal, beforeSend: async () => {} });
    expect((await sandbox.messages()).map((m) => m.text)).toEqual([text]);
    expect((await client.readConversation(contact, opts)).at(-1)).toBe(text);
  });

  it('does not send when beforeSend throws, and rethrows its error', async () => {
    const [contact] = await client.listBirthdays(opts);
    const boom = new Error('intent not recorded');
    await expect(
      client.sendMessage(contact!, 'Happy birthday!', {
        signal,
        beforeSend: async () => {
          throw boom;
        },
      }),
    ).rejects.toBe(boom);
    expect(await sandbox.messages()).toEqual([]);
  });

  it('reports send_failed with a screenshot when LinkedIn refuses the message', async () => {
    const [contact] = await client.listBirthdays(opts);
    await sandbox.faults({ send_fails: 1 });
    const err = await linkedInRejection(
      client.sendMessage(contact!, 'Happy birthday!', { signal, beforeSend: async () => {} }),
    );
    expect(err.code).toBe('send_failed');
    expect(err.screenshot).toMatch(/send-message-\d+\.png$/);
    expect(path.dirname(err.screenshot!)).toBe(shots);
    expect(fs.statSync(err.screenshot!).size).toBeGreaterThan(1000);
    expect(await sandbox.messages()).toEqual([]);

    // The failure left the overlay open: the next send still works.
    await client.sendMessage(contact!, 'Happy birthday!', { signal, beforeSend: async () => {} });
    expect(await sandbox.messages()).toHaveLength(1);
  });

  it('stops on the limit banner: rate_limited', async () => {
    const [contact] = await client.listBirthdays(opts);
    await sandbox.faults({ rate_limited: true });
    // Already on the page: the send is refused with the limit text.
    const onSend = await linkedInRejection(
      client.sendMessage(contact!, 'Happy birthday!', { signal, beforeSend: async () => {} }),
    );
    expect(onSend.code).toBe('rate_limited');
    // A fresh page shows the banner.
    const onLoad = await linkedInRejection(client.listBirthdays(opts));
    expect(onLoad.code).toBe('rate_limited');
    expect([onSend.pushback, onLoad.pushback]).toEqual(['rate_limited', 'rate_limited']);
    expect(await sandbox.messages()).toEqual([]);
  });

  it('works on the alt DOM through fallbacks', async () => {
    await fresh({ ...SMALL_SANDBOX, today: 6, late: 6 });
    await sandbox.faults({ dom_variant: 'alt' });
    const list = await client.listBirthdays(opts);
    expect(summary(list)).toEqual(await expectedBirthdays());
    const contact = list[1]!;
    await client.sendMessage(contact, 'Happy birthday 🎈', { signal, beforeSend: async () => {} });
    expect(await sandbox.messages()).toEqual([
      expect.objectContaining({ to: contact.slug, text: 'Happy birthday 🎈' }),
    ]);
    expect((await client.readConversation(contact, opts)).at(-1)).toBe('Happy birthday 🎈');

    const stats = client.selectorStats();
    // Alt cards are <li> without role attribute; the alt composer has no role=textbox.
    expect(stats.birthdayCard!.slice(1).some((n) => n > 0)).toBe(true);
    expect(stats.composer!.slice(1).some((n) => n > 0)).toBe(true);
    expect(client.debugLog.some((l) => /selector birthdayCard: fallback #[2-9]/.test(l))).toBe(true);
  });

  it('reads French pages', async () => {
    await fresh({ ...SMALL_SANDBOX, today: 2, late: 6, locale: 'fr' });
    const list = await client.listBirthdays(opts);
    expect(summary(list)).toEqual(await expectedBirthdays());
    expect(list.map((c) => c.label).join(' ')).toMatch(/Aujourd’hui/);
    expect(list.some((c) => /il y a \d jours|Hier/.test(c.label))).toBe(true);
    const late = list.find((c) => (c.daysLate ?? 0) > 0)!;
    await client.sendMessage(late, 'Joyeux anniversaire, avec un peu de retard !', {
      signal,
      beforeSend: async () => {},
    });
    expect(await sandbox.messages()).toHaveLength(1);

    await sandbox.faults({ dom_variant: 'alt' });
    const alt = await client.listBirthdays(opts);
    expect(alt.find((c) => c.daysLate === 0)?.label).toBe("Aujourd'hui");
    expect(summary(alt)).toEqual(await expectedBirthdays());
  });
});

describe('failures', () => {
  it('a page slower than the timeout: timeout, with a screenshot', async () => {
    await sandbox.faults({ latency_ms: 2000 });
    const err = await linkedInRejection(client.listBirthdays({ signal, timeoutMs: 400 }));
    expect(err.code).toBe('timeout');
    expect(err.screenshot).toMatch(/list-birthdays-\d+\.png$/);
    expect(fs.existsSync(err.screenshot!)).toBe(true);
  });

  it('a contact without a card: element_not_found', async () => {
    const list = await client.listBirthdays(opts);
    const stranger: BirthdayContact = { ...list[0]!, slug: 'nobody-here', name: 'Nobody Here' };
    const err = await linkedInRejection(client.readConversation(stranger, opts));
    expect(err.code).toBe('element_not_found');
    expect(err.message).toContain('Nobody Here');
  });

  it('an invitation no longer listed: element_not_found', async () => {
    const [first] = await client.listSentInvitations(opts);
    await client.withdrawInvitation(first!, opts);
    const err = await linkedInRejection(client.withdrawInvitation(first!, opts));
    expect(err.code).toBe('element_not_found');
  });
});

describe('search and profiles', () => {
  it('pages through a people search', async () => {
    const contacts = await sandbox.contacts(); // 40 contacts, 10 a page, seed order
    const page1 = await client.searchPeople({ keywords: '', location: '', page: 1 }, opts);
    expect(page1.hasNext).toBe(true);
    expect(page1.people.map((p) => p.slug)).toEqual(contacts.slice(0, 10).map((c) => c.slug));
    expect(page1.people[0]).toEqual({
      slug: contacts[0]!.slug,
      name: contacts[0]!.name,
      profileUrl: `${sandbox.url}/in/${contacts[0]!.slug}/`,
    });
    const page4 = await client.searchPeople({ keywords: '', location: '', page: 4 }, opts);
    expect(page4.people.map((p) => p.slug)).toEqual(contacts.slice(30, 40).map((c) => c.slug));
    expect(page4.hasNext).toBe(false);
    const past = await client.searchPeople({ keywords: '', location: '', page: 5 }, opts);
    expect(past).toEqual({ people: [], hasNext: false });
  });

  it('searches by keyword and location, alt DOM too', async () => {
    const contacts = await sandbox.contacts();
    const target = contacts[7]!;
    const word = target.name.split(/\s+/).find((w) => /^\p{L}{3,}$/u.test(w))!;
    await sandbox.faults({ dom_variant: 'alt' });
    const result = await client.searchPeople({ keywords: word, location: target.location, page: 1 }, opts);
    expect(result.people.map((p) => p.slug)).toContain(target.slug);
    expect(result.people.find((p) => p.slug === target.slug)?.name).toBe(target.name);
  });

  it('visits a profile: the visit is recorded, name and headline are read', async () => {
    const contact = (await sandbox.contacts())[3]!;
    const info = await client.visitProfile(
      `https://www.linkedin.com/in/${contact.slug}/?miniProfileUrn=x`,
      50,
      opts,
    );
    expect(info).toEqual({ name: contact.name, headline: contact.headline });
    const { visits } = await sandbox.get<{ visits: { slug: string }[] }>('/__sandbox/visits');
    expect(visits.map((v) => v.slug)).toEqual([contact.slug]);

    await sandbox.faults({ dom_variant: 'alt' });
    expect((await client.visitProfile(`${sandbox.url}/in/${contact.slug}/`, 0, opts)).name).toBe(
      contact.name,
    );
  });
});

describe('sent invitations', () => {
  type Pending = { id: string; slug: string; name: string; sent_days_ago: number };
  const pending = async () =>
    (await sandbox.get<{ invitations: Pending[] }>('/__sandbox/invitations')).invitations;
  /** The age LinkedIn's wording allows to know: days, whole weeks, whole months. */
  const shownAge = (d: number) => (d < 7 ? d : d < 30 ? Math.floor(d / 7) * 7 : Math.floor(d / 30) * 30);

  it('lists them with their age and withdraws one', async () => {
    const expected = await pending();
    const list = await client.listSentInvitations(opts);
    expect(list.map((i) => i.name)).toEqual(expected.map((i) => i.name));
    expect(list.map((i) => i.ageDays)).toEqual(expected.map((i) => shownAge(i.sent_days_ago)));
    expect(list[0]!.profileUrl).toBe(`${sandbox.url}/in/${expected[0]!.slug}/`);
    expect(list.at(-1)!.sentLabel).toMatch(/^Sent \d+ months? ago$/);

    const victim = list[2]!;
    await client.withdrawInvitation(victim, opts);
    const after = await pending();
    expect(after.map((i) => i.slug)).not.toContain(expected[2]!.slug);
    expect(after).toHaveLength(expected.length - 1);

    // The list re-rendered: another withdrawal works on the new nodes.
    await client.withdrawInvitation(list[4]!, opts);
    expect(await pending()).toHaveLength(expected.length - 2);
  });

  it('works in French on the alt DOM (no <time> element)', async () => {
    await fresh({ ...SMALL_SANDBOX, locale: 'fr' });
    await sandbox.faults({ dom_variant: 'alt' });
    const expected = await pending();
    const list = await client.listSentInvitations(opts);
    expect(list.map((i) => i.ageDays)).toEqual(expected.map((i) => shownAge(i.sent_days_ago)));
    expect(list.at(-1)!.sentLabel).toMatch(/^Envoyée il y a \d+ mois$/);
    await client.withdrawInvitation(list.at(-1)!, opts);
    expect((await pending()).map((i) => i.slug)).not.toContain(expected.at(-1)!.slug);
  });

  it('stops on the limit: rate_limited, nothing withdrawn', async () => {
    const list = await client.listSentInvitations(opts);
    await sandbox.faults({ rate_limited: true });
    const err = await linkedInRejection(client.withdrawInvitation(list[0]!, opts));
    expect(err.code).toBe('rate_limited');
    expect(await pending()).toHaveLength(list.length);
  });
});
