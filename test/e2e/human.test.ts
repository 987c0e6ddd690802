import { afterEach, describe, expect, it } from 'vitest';
import { graphemes } from '../../src/linkedin/human/rhythm.ts';
import type { InputEvents } from '../../src/sandbox/inputLog.ts';
import { type Stack, startStack } from './stack.ts';

/**
 * The human rhythm end to end: real runs (run process, Chromium) on the sandbox, whose
 * pages record every keystroke, pointer move and click (`GET /__sandbox/events`).
 * Assertions are on the recorded events, never on how long a run took.
 */

const WISH = 'Joyeux anniversaire {first_name} ! 🎂 Très belle journée';
const wishFor = (firstName: string) => WISH.replace('{first_name}', firstName);

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const quantile = (values: number[], q: number) => sorted(values)[Math.floor(q * (values.length - 1))]!;

/** The typing gaps of the run: between two keystrokes with no click in between. */
const typingGaps = (events: InputEvents) =>
  events.keys.map((k) => k.gap_ms).filter((g): g is number => g !== null);

describe('a person’s rhythm in the browser', { timeout: 240_000 }, () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('human profile: the wish is typed key by key at a person’s pace, each click after pointer moves', async () => {
    stack = await startStack({
      reset: { seed: 51, contacts: 12, today: 1, late: 0, invitations: 0, locale: 'fr' },
      settings: { delays: { profile: 'human' } },
    });
    await stack.api('PUT', '/api/templates', { today: ['Bon anniversaire {first_name} !'], late: ['x'] });
    const run = await stack.finished(await stack.start('birthday'));
    expect(run).toMatchObject({ status: 'succeeded', messages_sent: 1 });
    const [contact] = (await stack.contacts()).filter((c) => c.birthday_days_late === 0);
    const text = `Bon anniversaire ${contact!.first_name} !`;
    expect((await stack.messages()).map((m) => m.text)).toEqual([text]);

    const events = await stack.sandboxGet<InputEvents>('/__sandbox/events');
    // One trusted keystroke per character (the box of the default design starts empty).
    expect(events.keys).toHaveLength(graphemes(text).length);
    expect(events.keys.every((k) => k.trusted)).toBe(true);
    const gaps = typingGaps(events);
    expect(gaps).toHaveLength(graphemes(text).length - 1);
    // A person's gaps: none machine-short, mostly between 40 and 600 ms, a median near 120.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(30);
    expect(quantile(gaps, 0.5)).toBeGreaterThan(60);
    expect(quantile(gaps, 0.5)).toBeLessThan(300);
    expect(gaps.filter((g) => g >= 40 && g <= 600).length / gaps.length).toBeGreaterThan(0.7);
    // Open the box, Send, close it: each after a pointer path of its own.
    expect(events.clicks.filter((c) => /^(Send|Envoyer)$/.test(c.label))).toHaveLength(1);
    expect(events.clicks.length).toBeGreaterThanOrEqual(3);
    for (const click of events.clicks) {
      expect(click.trusted, click.label).toBe(true);
      expect(click.moves_before, click.label).toBeGreaterThanOrEqual(8);
    }
  });

  it('fast profile (sdui, pre-filled box in the shadow root): still one keystroke per character and moves before each click; exact texts', async () => {
    stack = await startStack({
      reset: { seed: 52, contacts: 20, today: 3, late: 0, invitations: 0, locale: 'fr' },
    });
    await stack.api('PUT', '/api/templates', { today: [WISH], late: ['x'] });
    await stack.faults({ dom_variant: 'sdui', overlay: 'shadow' });
    const run = await stack.finished(await stack.start('birthday'));
    expect(run).toMatchObject({ status: 'succeeded', messages_sent: 3, errors: 0 });
    const contacts = (await stack.contacts()).filter((c) => c.birthday_days_late === 0);
    const messages = await stack.messages();
    for (const contact of contacts) {
      // Emoji and accents, typed as a person's input method would: exactly the template's text.
      expect(messages.find((m) => m.to === contact.slug)?.text).toBe(wishFor(contact.first_name));
    }
    const events = await stack.sandboxGet<InputEvents>('/__sandbox/events');
    const typed = contacts.flatMap((c) => graphemes(wishFor(c.first_name)));
    // LinkedIn's suggested wish is selected and deleted first (2 keys per box).
    expect(events.keys.filter((k) => k.kind === 'shortcut' || k.kind === 'delete')).toHaveLength(2 * 3);
    expect(events.keys.filter((k) => k.kind !== 'shortcut' && k.kind !== 'delete')).toHaveLength(
      typed.length,
    );
    // What no key of the keyboard types (🎂, é) comes as inserted text, one character at a time.
    const offKeyboard = typed.filter((g) => !/^[\x20-\x7e]$/.test(g));
    expect(events.keys.filter((k) => k.kind === 'inserted')).toHaveLength(offKeyboard.length);
    expect(typingGaps(events).length).toBeGreaterThanOrEqual(typed.length - contacts.length);
    expect(events.clicks.filter((c) => /^(Send|Envoyer)$/.test(c.label))).toHaveLength(3);
    for (const click of events.clicks) {
      expect(click.trusted, click.label).toBe(true);
      expect(click.moves_before, click.label).toBeGreaterThanOrEqual(2);
    }
  });

  it('contacts are not wished in the page’s order, and two seeds give two orders', async () => {
    stack = await startStack({ reset: { seed: 53, contacts: 20, today: 6, late: 0, invitations: 0 } });
    const pageOrder = stack.sandbox.state.birthdays().map((c) => c.slug);
    const orderOf = async (seed: number) => {
      const id = await stack!.start('birthday', { dry_run: true, options: { seed } });
      const run = await stack!.finished(id);
      expect(run.outcomes.every((o) => o.reason === 'dry_run')).toBe(true);
      return run.outcomes.map((o) => /\/in\/([^/]+)\//.exec(o.profile_url ?? '')?.[1]);
    };
    const first = await orderOf(1);
    const second = await orderOf(2);
    expect(new Set(first)).toEqual(new Set(pageOrder));
    expect(new Set(second)).toEqual(new Set(pageOrder));
    expect(first).not.toEqual(pageOrder);
    expect(second).not.toEqual(first);
    // A seed replays its order.
    expect(await orderOf(1)).toEqual(first);
  });
});
