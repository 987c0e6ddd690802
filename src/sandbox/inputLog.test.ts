import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type InputEvents, InputLog } from './inputLog.ts';
import { createSandboxApp } from './server.ts';
import { type SandboxBrowser, startSandboxBrowser } from './testing.ts';

const key = (at: number, kind: 'character' | 'space' = 'character') => ({ at, kind, trusted: true });
const click = (at: number, label: string) => ({ at, role: 'button', label, trusted: true });

describe('InputLog', () => {
  it('works out gaps and the pointer moves before each click across batches of several frames', () => {
    const log = new InputLog();
    // The parent page: moves towards the iframe, then a click on a button of its own.
    log.record({ page: '/feed/', keys: [], moves: [1, 2, 3, 50, 51], clicks: [click(4, 'Message')] });
    // The iframe: its moves and keys, and its own click, posted later and out of order.
    log.record({
      page: '/preload/',
      keys: [key(60), key(70, 'space'), key(95)],
      moves: [52, 53, 100],
      clicks: [click(101, 'Send')],
    });
    log.record({ page: '/preload/', keys: [key(110)], moves: [], clicks: [] });
    const view = log.view();
    expect(view.clicks.map((c) => [c.label, c.moves_before, c.page])).toEqual([
      ['Message', 3, '/feed/'],
      ['Send', 5, '/preload/'],
    ]);
    expect(view.keys.map((k) => [k.kind, k.gap_ms])).toEqual([
      ['character', null],
      ['space', 10],
      ['character', 25],
      // A click came between: not a gap of the typing.
      ['character', null],
    ]);
    expect(view.moves).toBe(8);
    log.clear();
    expect(log.view()).toEqual({ keys: [], clicks: [], moves: 0 });
  });
});

describe('/__sandbox/events', () => {
  let app: FastifyInstance;
  beforeEach(() => {
    ({ app } = createSandboxApp());
  });
  afterEach(async () => app.close());

  it('takes the page script’s batches, answers them, and a reset clears them', async () => {
    const batch = { page: '/feed/', keys: [key(10)], moves: [1, 2], clicks: [click(5, 'Send')] };
    expect((await app.inject({ method: 'POST', url: '/__sandbox/events', payload: batch })).statusCode).toBe(
      204,
    );
    const events = (await app.inject({ method: 'GET', url: '/__sandbox/events' })).json() as InputEvents;
    expect(events.clicks).toEqual([{ ...click(5, 'Send'), page: '/feed/', moves_before: 2 }]);
    expect(events.keys).toEqual([{ ...key(10), page: '/feed/', gap_ms: null }]);
    const bad = await app.inject({
      method: 'POST',
      url: '/__sandbox/events',
      payload: { ...batch, keys: [{ at: 1, kind: 'x', trusted: true }] },
    });
    expect(bad.statusCode).toBe(400);
    await app.inject({ method: 'POST', url: '/__sandbox/reset', payload: {} });
    expect((await app.inject({ method: 'GET', url: '/__sandbox/events' })).json()).toEqual({
      keys: [],
      clicks: [],
      moves: 0,
    });
  });
});

/** The page script in a real Chromium, on both designs and in the message iframe. */
describe('the input recorder of the pages', () => {
  let sandbox: SandboxBrowser;
  beforeAll(async () => {
    sandbox = await startSandboxBrowser();
  });
  afterEach(async () => sandbox?.closePage());
  afterAll(async () => sandbox?.close());

  const events = () => sandbox.get<InputEvents>('/__sandbox/events');

  for (const [variant, overlay] of [
    ['default', 'main'],
    ['sdui', 'iframe'],
    ['sdui', 'shadow'],
  ] as const) {
    it(`${variant} design, box in ${overlay}: keys by kind (never the text), moves before each click, script clicks untrusted`, async () => {
      await sandbox.reset({ seed: 4, contacts: 10, today: 1, late: 0, invitations: 0 });
      await sandbox.faults({ dom_variant: variant, overlay });
      const page = await sandbox.loggedInPage();
      await page.goto(`${sandbox.url}/mynetwork/catch-up/birthday/`);
      const open = page.locator('[data-sandbox-action="message"], [data-sandbox-action="compose"]').first();
      const box = (await open.boundingBox())!;
      await page.mouse.move(5, 5);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 6 });
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const composer =
        overlay === 'iframe'
          ? page.frameLocator('iframe[data-testid="interop-iframe"]').locator('[contenteditable="true"]')
          : page.locator('[contenteditable="true"]');
      await composer.waitFor();
      await composer.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('Hi, a');
      await page.keyboard.insertText('é');
      await page.keyboard.press('Shift+Enter');
      // A click by a script: no pointer, not trusted.
      await page.evaluate(() =>
        (globalThis as unknown as { document: { body: { click(): void } } }).document.body.click(),
      );
      const seen = await sandbox.get<InputEvents>('/__sandbox/events').then(async (first) => {
        for (let i = 0; i < 50 && first.keys.length < 9; i++) {
          await new Promise((r) => setTimeout(r, 50));
          first = await events();
        }
        return first;
      });
      expect(seen.keys.map((k) => k.kind)).toEqual([
        'shortcut',
        'delete',
        'character',
        'character',
        'punctuation',
        'space',
        'character',
        'inserted',
        'enter',
      ]);
      expect(seen.keys.every((k) => k.trusted)).toBe(true);
      expect(JSON.stringify(seen)).not.toContain('Hi,');
      const [opened, focused, scripted] = seen.clicks;
      expect(opened).toMatchObject({ trusted: true, page: '/mynetwork/catch-up/birthday/' });
      expect(opened!.moves_before).toBeGreaterThanOrEqual(7);
      expect(opened!.role).toMatch(/^(button|link)$/);
      expect(focused).toMatchObject({ role: 'textbox', trusted: true });
      expect(scripted).toMatchObject({ trusted: false, moves_before: 0 });
    });
  }
});
