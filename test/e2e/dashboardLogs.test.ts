import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOG_CODES } from '../../src/contract/logCodes.ts';
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
 * Log lines as a user reads them, after a real birthday run over the sandbox in Chromium: no
 * driver chatter (debug) on the overview, the run page or the logs page unless asked for, each
 * line in the reader's language, a run found by the 8 characters of its id shown on screen,
 * and a logs page readable on a phone.
 */

interface ApiLine {
  id: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  run_id: string | null;
  message: string;
  code: string | null;
  params: Record<string, unknown> | null;
}

const LANGUAGES = [
  {
    locale: 'fr-FR',
    tag: 'fr',
    show: 'Afficher',
    everything: 'Tout (débogage compris)',
    runId: "ID de l'exécution",
    apply: 'Appliquer',
    // What a birthday run says in this language, and what it must not say in English here.
    says: [
      /Exécution démarrée \(Anniversaires\)/,
      /Anniversaire souhaité à /,
      /Exécution des anniversaires terminée : 4 envoyé\(s\)/,
    ],
    english: /Run started|Wished |Birthday run done/,
  },
  {
    locale: 'en-US',
    tag: 'en',
    show: 'Show',
    everything: 'Everything (debug included)',
    runId: 'Run ID',
    apply: 'Apply',
    says: [/Run started \(Birthdays\)/, /Wished /, /Birthday run done: 4 sent/],
    english: null,
  },
] as const;

let browser: Browser;
let stack: Stack;
let runId: string;
let cookie: SessionCookie;
let contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startStack({
    serve: {},
    reset: { seed: 31, contacts: 40, today: 3, late: 1, invitations: 3, locale: 'en' },
  });
  const run = await stack.finished(await stack.start('birthday'));
  expect(run).toMatchObject({ status: 'succeeded', messages_sent: 4 });
  runId = run.id;
  cookie = await sessionCookie(stack.url!);
}, 240_000);
afterEach(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  contexts = [];
});
afterAll(async () => {
  await stack?.close();
  await browser?.close();
});

async function open(locale: string, width: number): Promise<Page> {
  const context = await dashboardContext(browser, stack.url!, {
    locale,
    viewport: { width, height: 900 },
    bypassCSP: true,
    signedIn: cookie,
  });
  contexts.push(context);
  return context.newPage();
}

async function apiLogs(query: string): Promise<ApiLine[]> {
  const res = await stack.api('GET', `/api/logs?${query}`);
  expect(res.statusCode, query).toBe(200);
  return (res.json() as { logs: ApiLine[] }).logs;
}

/** The lines of the page's (only) log box: level and text, once it shows some. */
async function shownLines(page: Page): Promise<{ level: string | null; text: string }[]> {
  const items = page.getByRole('log').locator('li');
  await items.first().waitFor();
  const levels = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-level')));
  const texts = await items.allInnerTexts();
  return texts.map((text, i) => ({ level: levels[i] ?? null, text }));
}

async function noHorizontalOverflow(page: Page, where: string): Promise<void> {
  expect(await pageOverflow(page), `${where}: page wider than the window`).toBeNull();
}

async function axeClean(page: Page, where: string): Promise<void> {
  const serious = (await axeViolations(page)).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(describeViolations(where, serious)).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  expect(fs.statSync(file).size).toBeGreaterThan(5_000);
}

describe('dashboard logs after a real birthday run', { timeout: 240_000 }, () => {
  it('the run wrote driver chatter at debug level, and a code on every line', async () => {
    const all = await apiLogs(`run_id=${runId}&limit=500`);
    const debug = all.filter((l) => l.level === 'debug');
    expect(debug.length).toBeGreaterThan(0);
    expect(await apiLogs(`run_id=${runId}&level=debug&limit=500`)).toHaveLength(debug.length);
    const userLevel = await apiLogs(`run_id=${runId}&min_level=info&limit=500`);
    expect(userLevel.length).toBe(all.length - debug.length);
    // Every line the product wrote has a code of the catalogue (the dashboard can say it).
    const uncoded = all.filter((l) => !l.code || !Object.hasOwn(LOG_CODES, l.code));
    expect(uncoded.map((l) => l.message)).toEqual([]);
    expect(all.map((l) => l.code)).toEqual(
      expect.arrayContaining(['run.queued', 'birthday.wished', 'birthday.done']),
    );
    // The 8 characters shown on screen find the same lines as the whole id.
    expect((await apiLogs(`run_id=${runId.slice(0, 8)}&limit=500`)).map((l) => l.id)).toEqual(
      all.map((l) => l.id),
    );
  });

  for (const lang of LANGUAGES) {
    for (const width of [375, 1280]) {
      it(`${lang.tag} at ${width} px: overview, run page and logs page show no debug line, in ${lang.tag}`, async () => {
        const page = await open(lang.locale, width);
        const where = `${lang.tag}-${width}`;

        // The overview's recent lines.
        await page.goto('/');
        await settled(page);
        const recent = await shownLines(page);
        expect(recent.filter((l) => l.level === 'debug')).toEqual([]);
        expect(recent.some((l) => lang.says[2].test(l.text))).toBe(true);
        if (lang.english) expect(recent.filter((l) => lang.english.test(l.text))).toEqual([]);
        await noHorizontalOverflow(page, `/ ${where}`);
        await axeClean(page, `/ ${where}`);

        // The run page's log.
        await page.goto(`/runs/${runId}`);
        await settled(page);
        const ofRun = await shownLines(page);
        expect(ofRun.filter((l) => l.level === 'debug')).toEqual([]);
        for (const says of lang.says)
          expect(
            ofRun.some((l) => says.test(l.text)),
            String(says),
          ).toBe(true);
        if (lang.english) expect(ofRun.filter((l) => lang.english.test(l.text))).toEqual([]);
        await noHorizontalOverflow(page, `/runs/:id ${where}`);
        await axeClean(page, `/runs/:id ${where}`);
        await screenshot(page, `logs-run-${where}`);

        // The logs page: info and above by default.
        await page.goto('/logs');
        await settled(page);
        const byDefault = await shownLines(page);
        expect(byDefault.filter((l) => l.level === 'debug')).toEqual([]);
        for (const says of lang.says)
          expect(
            byDefault.some((l) => says.test(l.text)),
            String(says),
          ).toBe(true);
        expect(await page.getByLabel(lang.show).inputValue()).toBe('info');
        await noHorizontalOverflow(page, `/logs ${where}`);
        // Readable on a phone: the message takes the line's width, the level badge one line.
        const message = page.getByRole('log').locator('li').first().locator('span').last();
        const box = await message.boundingBox();
        expect(box!.width, 'message column width').toBeGreaterThan(width < 640 ? 250 : 500);
        const badge = page.getByRole('log').locator('li').first().locator('span').first();
        expect(
          await badge.evaluate(
            (el) =>
              (
                globalThis as unknown as { getComputedStyle(e: unknown): { whiteSpace: string } }
              ).getComputedStyle(el).whiteSpace,
          ),
        ).toBe('nowrap');
        await axeClean(page, `/logs ${where}`);
        await screenshot(page, `logs-page-${where}`);

        // Asked for: the debug lines, kept in the address.
        await page.getByLabel(lang.show).selectOption({ label: lang.everything });
        await page.waitForURL(/min_level=debug/);
        await expect
          .poll(async () => (await shownLines(page)).filter((l) => l.level === 'debug').length)
          .toBeGreaterThan(0);
        await noHorizontalOverflow(page, `/logs debug ${where}`);

        // The run's 8 characters as shown on screen, typed in the filter.
        await page.goto('/logs');
        await settled(page);
        await page.getByLabel(lang.runId).fill(runId.slice(0, 8));
        await page.getByRole('button', { name: lang.apply }).click();
        await page.waitForURL(new RegExp(`run_id=${runId.slice(0, 8)}`));
        const expected = await apiLogs(`run_id=${runId}&min_level=info&limit=200`);
        await expect.poll(async () => (await shownLines(page)).length).toBe(expected.length);
        const links = page.getByRole('log').getByRole('link', { name: runId.slice(0, 8), exact: true });
        expect(await links.count()).toBe(expected.length);
        await screenshot(page, `logs-run-filter-${where}`);
      });
    }
  }

  it('keeps the live lines of a new run at info and above, and says them in French', async () => {
    const page = await open('fr-FR', 1280);
    await page.goto('/logs');
    await settled(page);
    await page.getByRole('log').locator('li').first().waitFor();
    const second = await stack.start('birthday', { dry_run: true });
    await stack.finished(second);
    const arrived = await apiLogs(`run_id=${second}&limit=500`);
    expect(arrived.some((l) => l.level === 'debug')).toBe(true);
    // The run's last line, live, in French.
    const log = page.getByRole('log');
    await log
      .getByText(/Exécution des anniversaires terminée : .* \[simulation\]/)
      .waitFor({ timeout: 20_000 });
    const lines = await shownLines(page);
    expect(lines.filter((l) => l.level === 'debug')).toEqual([]);
    const live = arrived.filter((l) => l.level !== 'debug');
    expect(lines.filter((l) => l.text.includes(second.slice(0, 8)))).toHaveLength(live.length);
  });
});
