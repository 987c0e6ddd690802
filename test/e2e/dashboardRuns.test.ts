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
  type SessionCookie,
  sessionCookie,
  settled,
} from './dashboardBrowser.ts';
import { type Stack, startStack } from './stack.ts';

/**
 * Issue 13, runs: each bot started from the overview (dry run and real) shows its own figures
 * on the runs table, the last-run card and its detail; a birthday run's detail says what was
 * sent to whom and why in words; a failed send's screenshot is an image; a run stopped while
 * handling a contact names it. In French and English, at 375 and 1280 px, in real Chromium
 * over the sandbox.
 */

const LOCALES = [
  {
    locale: 'fr-FR',
    bot: 'Bot à lancer',
    visitorStart: 'Lancer les visites de profils',
    invitationsStart: 'Lancer le nettoyage des invitations',
    visited: 'Profils visités',
    withdrawn: 'Invitations retirées',
    sentLabel: 'Messages envoyés',
    sentReason: 'Envoyé : le message apparaît dans la conversation',
    alreadyWished: 'Déjà souhaité pour cet anniversaire',
    interrupted: 'Interrompu',
    interruptedReason: "rien n'a été envoyé",
    birthdayTitle: /^Anniversaires · /,
  },
  {
    locale: 'en-US',
    bot: 'Bot to start',
    visitorStart: 'Start the profile visits',
    invitationsStart: 'Start the invitation cleanup',
    visited: 'Profiles visited',
    withdrawn: 'Invitations withdrawn',
    sentLabel: 'Messages sent',
    sentReason: 'Sent: the message shows in the conversation',
    alreadyWished: 'Already wished for this birthday',
    interrupted: 'Interrupted',
    interruptedReason: 'nothing was sent',
    birthdayTitle: /^Birthdays · /,
  },
] as const;
type Words = (typeof LOCALES)[number];

const WIDTHS = [1280, 375] as const;

interface RunJson {
  id: string;
  type: string;
  status: string;
  dry_run: boolean;
  messages_sent: number;
  skipped: number;
  errors: number;
  profiles_visited: number;
  invitations_withdrawn: number;
  outcomes: {
    status: string;
    reason: string | null;
    contact_name: string | null;
    message_text?: string | null;
    screenshot_url?: string | null;
  }[];
}

let browser: Browser;
let stack: Stack;
let cookie: SessionCookie;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  [browser, stack] = await Promise.all([
    launchBrowser(),
    startStack({
      serve: {},
      reset: { seed: 41, contacts: 30, today: 3, late: 1, invitations: 12, locale: 'en' },
      settings: {
        dry_run: false,
        limits: { visits_per_run: 3, withdrawals_per_run: 3 },
        invitations: { withdraw_after_days: 7 },
      },
    }),
  ]);
  cookie = await sessionCookie(stack.url!);
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  if (stack) {
    const status = (await stack.api('GET', '/api/bot/status')).json() as { running: boolean };
    if (status.running) await stack.api('POST', '/api/bot/action', { action: 'stop' });
    await stack.close();
  }
});

async function open(words: Words, width: number): Promise<Page> {
  const context = await dashboardContext(browser, stack.url!, {
    locale: words.locale,
    viewport: { width, height: 900 },
    bypassCSP: true,
    signedIn: cookie,
  });
  contexts.push(context);
  return context.newPage();
}

async function run(id: string): Promise<RunJson> {
  return (await stack.api('GET', `/api/runs/${id}`)).json() as RunJson;
}

async function latestRunId(): Promise<string | null> {
  const res = await stack.api('GET', '/api/runs?limit=1');
  return ((res.json() as { runs: { id: string }[] }).runs[0]?.id ?? null) as string | null;
}

/** No sideways scrolling of the page, no serious axe violation, a screenshot saved. */
async function checkPage(page: Page, name: string): Promise<void> {
  await settled(page);
  expect(await pageOverflow(page), name).toBeNull();
  const violations = (await axeViolations(page)).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(describeViolations(name, violations)).toEqual([]);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `runs-${name}.png`), fullPage: true });
}

/** Starts `type` from the overview's quick actions with the dry-run switch as asked; returns the run id. */
async function startFromOverview(
  page: Page,
  words: Words,
  type: 'visitor' | 'invitations',
  dryRun: boolean,
): Promise<string> {
  await page.goto('/');
  await page.getByTestId('bot-state').waitFor();
  const actions = page.locator('section[aria-labelledby="overview-actions-title"]');
  await actions.getByLabel(words.bot, { exact: true }).selectOption(type);
  const sw = actions.getByRole('switch');
  if ((await sw.getAttribute('aria-checked')) !== String(dryRun)) await sw.click();
  expect(await sw.getAttribute('aria-checked')).toBe(String(dryRun));
  const before = await latestRunId();
  const start = actions.getByRole('button', {
    name: type === 'visitor' ? words.visitorStart : words.invitationsStart,
  });
  await start.click();
  const id = await waitFor(
    async () => {
      const latest = await latestRunId();
      return latest && latest !== before ? latest : null;
    },
    { timeoutMs: 15_000, what: `a ${type} run started from the overview` },
  );
  const finished = await stack.finished(id, 90_000);
  expect(finished.status).toBe('succeeded');
  return id;
}

/** The row (or card) of run `id` on the runs page. */
const runsRow = (page: Page, id: string) =>
  page
    .locator(`a[href="/runs/${id}"]`)
    .locator('xpath=ancestor::*[self::tr or self::li or self::article][1]');

describe('dashboard runs: every bot, what was done and why', { timeout: 600_000 }, () => {
  const started: Record<string, string[]> = { visitor: [], invitations: [] };

  it.each(LOCALES.map((w, i) => [w.locale, w, WIDTHS[i]!] as const))(
    'starts a visitor and an invitation run from the overview (%s), each shown with its own figures',
    async (_locale, words, width) => {
      const page = await open(words, width);
      // French: a dry visitor run and a real cleanup; English: the other way round.
      const french = words.locale === 'fr-FR';
      const visitor = await startFromOverview(page, words, 'visitor', french);
      const invitations = await startFromOverview(page, words, 'invitations', !french);
      started.visitor!.push(visitor);
      started.invitations!.push(invitations);
      const v = await run(visitor);
      const inv = await run(invitations);
      expect(v).toMatchObject({ type: 'visitor', dry_run: french });
      expect(inv).toMatchObject({ type: 'invitations', dry_run: !french });
      if (french) {
        expect(v.skipped).toBe(3);
        expect(inv.invitations_withdrawn).toBe(3);
      } else {
        expect(v.profiles_visited).toBe(3);
        expect(inv.skipped).toBeGreaterThan(0);
      }

      // The overview's last run is the cleanup: its own figure, never "sent".
      await page.goto('/');
      const last = page.locator('section[aria-labelledby="overview-last-run-title"]');
      await last.getByText(words.withdrawn, { exact: true }).waitFor();
      expect(await last.textContent()).not.toMatch(/envoyés|sent\b/i);
      expect(
        await last
          .getByText(words.withdrawn, { exact: true })
          .locator('xpath=following-sibling::*[1]')
          .textContent(),
      ).toBe(String(inv.invitations_withdrawn));
      await checkPage(page, `overview-${words.locale}-${width}`);

      for (const w of WIDTHS) {
        await page.setViewportSize({ width: w, height: 900 });
        await page.goto('/runs');
        const visitorRow = runsRow(page, visitor);
        await visitorRow.waitFor();
        expect(await visitorRow.textContent()).toContain(`${words.visited} ${v.profiles_visited}`);
        expect(await visitorRow.textContent()).not.toContain(words.sentLabel);
        expect(await runsRow(page, invitations).textContent()).toContain(
          `${words.withdrawn} ${inv.invitations_withdrawn}`,
        );
        await checkPage(page, `list-${words.locale}-${w}`);

        await page.goto(`/runs/${visitor}`);
        const figures = page.getByRole('list', {
          name: french ? "Chiffres de l'exécution" : 'Figures of the run',
        });
        await figures.getByText(words.visited, { exact: true }).waitFor();
        expect(await figures.textContent()).not.toContain(words.sentLabel);
        await checkPage(page, `visitor-detail-${words.locale}-${w}`);
      }
    },
  );

  it('a birthday run says what was sent to whom and why; a second one why it sent nothing', async () => {
    const first = await stack.finished(await stack.start('birthday'), 120_000);
    expect(first.status).toBe('succeeded');
    const second = await stack.finished(await stack.start('birthday'), 120_000);
    const detail = await run(first.id);
    const sent = detail.outcomes.filter((o) => o.status === 'sent');
    expect(sent.length).toBeGreaterThan(0);
    // The texts shown are the ones the sandbox received.
    const received = (await stack.messages()).map((m) => m.text);
    for (const o of sent) expect(received).toContain(o.message_text);

    for (const words of LOCALES) {
      for (const width of WIDTHS) {
        const page = await open(words, width);
        await page.goto(`/runs/${first.id}`);
        await settled(page);
        expect(await page.locator('h1').textContent()).toMatch(words.birthdayTitle);
        for (const o of sent) {
          await page.getByText(o.message_text!, { exact: true }).first().waitFor();
        }
        expect(await page.getByText(words.sentReason).count()).toBeGreaterThanOrEqual(sent.length);
        expect(await page.getByText(/confirmed_in_thread/).count()).toBe(0);
        await checkPage(page, `birthday-detail-${words.locale}-${width}`);

        await page.goto(`/runs/${second.id}`);
        await page.getByText(words.alreadyWished).first().waitFor();
        expect(await page.getByText(/already_wished/).count()).toBe(0);
      }
    }
  });

  it("a failed run's screenshot is an image; a run stopped while waiting to wish someone names them", async () => {
    // New birthdays, every send failing: the run fails, each failure with its screenshot.
    await stack.reset({ seed: 42, contacts: 20, today: 2, late: 0, invitations: 0, locale: 'en' });
    await stack.faults({ send_fails: 10 });
    const failed = await stack.finished(await stack.start('birthday'), 120_000);
    expect(failed.status).toBe('failed');
    const shots = (await run(failed.id)).outcomes.filter((o) => o.screenshot_url);
    expect(shots.length).toBeGreaterThan(0);
    await stack.faults({ send_fails: 0 });

    // New birthdays, a long pause between two wishes: stopped during it, after the first one.
    await stack.reset({ seed: 43, contacts: 20, today: 3, late: 0, invitations: 0, locale: 'en' });
    await stack.api('PATCH', '/api/settings', { delays: { min_seconds: 60, max_seconds: 60 } });
    const stoppedId = await stack.start('birthday');
    await waitFor(async () => ((await run(stoppedId)).messages_sent >= 1 ? true : null), {
      timeoutMs: 90_000,
      what: 'the first wish',
    });
    const stop = await stack.api('POST', '/api/bot/action', { action: 'stop', run_id: stoppedId });
    expect(stop.statusCode).toBe(202);
    const stopped = await stack.finished(stoppedId, 20_000);
    expect(stopped.status).toBe('stopped');
    await stack.api('PATCH', '/api/settings', { delays: { min_seconds: 0, max_seconds: 1 } });
    const interrupted = (await run(stoppedId)).outcomes.filter((o) => o.status === 'interrupted');
    expect(interrupted).toHaveLength(1);
    expect(interrupted[0]).toMatchObject({ reason: 'stopped_before_send' });

    for (const words of LOCALES) {
      for (const width of WIDTHS) {
        const page = await open(words, width);
        await page.goto(`/runs/${failed.id}`);
        await settled(page);
        const image = page.locator(`img[src="${shots[0]!.screenshot_url}"]`);
        await image.scrollIntoViewIfNeeded();
        await waitFor(
          async () =>
            (await image.evaluate((img) => (img as unknown as { complete: boolean }).complete)) || null,
          {
            timeoutMs: 10_000,
            what: 'the screenshot to load',
          },
        );
        expect(
          await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        ).toBeGreaterThan(0);
        expect(await image.locator('xpath=ancestor::a[1]').getAttribute('href')).toBe(
          shots[0]!.screenshot_url,
        );
        await checkPage(page, `failed-detail-${words.locale}-${width}`);

        await page.goto(`/runs/${stoppedId}`);
        await settled(page);
        const badge = page.getByText(words.interrupted, { exact: true }).last();
        await badge.waitFor();
        const row = page.getByText(interrupted[0]!.contact_name!, { exact: true }).first();
        await row.waitFor();
        await page.getByText(words.interruptedReason).first().waitFor();
        await checkPage(page, `stopped-detail-${words.locale}-${width}`);
      }
    }
  });
});
