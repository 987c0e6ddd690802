/**
 * "Who will be wished today" in real Chromium over the real sandbox: a dry run fills the
 * preview; "never wish" blacklists; "wish now" sends exactly one message; "retry" on a failed
 * outcome row wishes that contact. French and English, 375 and 1280 px, axe, no overflow.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/waitFor.ts';
import {
  axeViolations,
  dashboardContext,
  describeViolations,
  launchBrowser,
  pageOverflow,
  SCREENSHOT_DIR,
  settled,
} from './dashboardBrowser.ts';
import { type Stack, startStack } from './stack.ts';

let browser: Browser;
let stack: Stack;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startStack({
    serve: {},
    reset: { seed: 23, contacts: 20, today: 3, late: 2, invitations: 0, locale: 'en' },
  });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
}, 120_000);
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await stack?.close();
});

async function open(locale: 'fr-FR' | 'en-US', width: number, url: string): Promise<Page> {
  const context = await dashboardContext(browser, stack.url!, {
    locale,
    viewport: { width, height: 900 },
    bypassCSP: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(url);
  await settled(page);
  return page;
}

/** No horizontal page overflow, no serious/critical axe violation, and a screenshot. */
async function check(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `preview-${name}.png`), fullPage: true });
  expect(await pageOverflow(page), `${name}: horizontal overflow`).toBeNull();
  const serious = (await axeViolations(page)).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(describeViolations(name, serious)).toEqual([]);
}

async function idle(): Promise<void> {
  await waitFor(
    async () => {
      const s = (await stack.api('GET', '/api/bot/status')).json() as { state: string; running: boolean };
      return s.state === 'idle' && !s.running;
    },
    { timeoutMs: 90_000, what: 'the bot idle' },
  );
}

/** Clicks "wish now" / "retry"; confirms the outside-window question if the hour asks it. */
async function wish(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('button', { name }).click();
  const outside = page.getByRole('button', { name: /Souhaiter quand même|Wish anyway/ });
  await page.waitForTimeout(500);
  if (await outside.isVisible()) await outside.click();
}

describe('dashboard: today’s birthdays', { timeout: 300_000 }, () => {
  it('previews after a dry run; never wish, wish now and retry act on one contact each', async () => {
    const birthdays = (await stack.contacts()).filter((c) => c.birthday_days_late !== null);
    expect(birthdays.length).toBe(5);

    // Before any run: nothing read yet; "Regarder maintenant" starts a dry run that fills the list.
    const page = await open('fr-FR', 1280, '/birthdays');
    await page.getByRole('heading', { name: 'Anniversaires du jour', level: 1 }).waitFor();
    await page.getByText(/Aucun passage n’a encore lu la page/).waitFor();
    await page.getByRole('button', { name: 'Regarder maintenant' }).click();
    for (const c of birthdays) await page.getByTestId(`preview-${c.slug}`).waitFor({ timeout: 90_000 });
    await idle();
    expect(await stack.messages()).toEqual([]);
    for (const c of birthdays) {
      await expect
        .poll(() => page.getByTestId(`preview-status-${c.slug}`).textContent())
        .toBe('Sera souhaité');
    }
    await check(page, 'fr-1280');

    // Never wish: asked, then on the blacklist, shown blacklisted after a reload.
    const [never, now, failing] = birthdays as [
      (typeof birthdays)[0],
      (typeof birthdays)[0],
      (typeof birthdays)[0],
    ];
    await page.getByRole('button', { name: `Ne jamais souhaiter ${never.name}` }).click();
    await page.getByRole('button', { name: 'Ajouter à la liste noire' }).click();
    await page.getByText(`${never.name} est sur la liste noire.`).waitFor();
    const list = (await stack.api('GET', '/api/blacklist')).json() as { entries: { name: string }[] };
    expect(list.entries.map((e) => e.name)).toEqual([never.name]);
    await page.reload();
    await settled(page);
    await expect
      .poll(() => page.getByTestId(`preview-status-${never.slug}`).textContent())
      .toBe('Liste noire');

    // Wish now: one run for that contact, exactly one message, to them.
    await wish(page, new RegExp(`^Souhaiter ${now.name} maintenant$`));
    await waitFor(async () => (await stack.messages()).length > 0, { timeoutMs: 90_000, what: 'a message' });
    await idle();
    const sent = await stack.messages();
    expect(sent.map((m) => m.to)).toEqual([now.slug]);
    await page.reload();
    await settled(page);
    await expect
      .poll(() => page.getByTestId(`preview-status-${now.slug}`).textContent())
      .toBe('Déjà souhaité');

    // A failed wish, then "retry" on its outcome row wishes that contact.
    await stack.faults({ send_fails: 1 });
    const failed = await stack.api('POST', `/api/birthdays/${failing.slug}/wish`, {
      dry_run: false,
      force: true,
    });
    expect(failed.statusCode).toBe(202);
    const failedRun = await stack.finished((failed.json() as { run: { id: string } }).run.id);
    expect(failedRun.outcomes.map((o) => [o.contact_name, o.status])).toEqual([[failing.name, 'error']]);
    await idle();
    const runPage = await open('fr-FR', 1280, `/runs/${failedRun.id}`);
    await check(runPage, 'run-fr-1280');
    await wish(runPage, new RegExp(`^Réessayer ${failing.name}$`));
    await waitFor(async () => (await stack.messages()).length === 2, {
      timeoutMs: 90_000,
      what: 'the retry',
    });
    await idle();
    expect((await stack.messages()).map((m) => m.to)).toEqual([now.slug, failing.slug]);
  });

  it('reads in English and fits 375 px: the list, the overview card and a run page', async () => {
    const page = await open('en-US', 375, '/birthdays');
    await page.getByRole('heading', { name: "Today's birthdays", level: 1 }).waitFor();
    await page.getByText('Already wished').first().waitFor();
    await page.getByText('Blacklisted').first().waitFor();
    await page.getByText('Will be wished').first().waitFor();
    await check(page, 'en-375');

    const fr = await open('fr-FR', 375, '/birthdays');
    await fr.getByText('Déjà souhaité').first().waitFor();
    await check(fr, 'fr-375');

    const overview = await open('en-US', 375, '/');
    await overview.getByRole('link', { name: 'See the list' }).waitFor();
    await overview
      .getByTestId('preview-card-summary')
      .getByText(/to wish, 5 on the page/)
      .waitFor();
    await check(overview, 'overview-en-375');

    const runs = (await stack.api('GET', '/api/runs?limit=1')).json() as { runs: { id: string }[] };
    const run = await open('en-US', 375, `/runs/${runs.runs[0]!.id}`);
    await run
      .getByRole('button', { name: /^Never wish / })
      .first()
      .waitFor();
    await check(run, 'run-en-375');
    const enWide = await open('en-US', 1280, '/birthdays');
    await enWide.getByText('Will be wished').first().waitFor();
    await check(enWide, 'en-1280');
  });
});
