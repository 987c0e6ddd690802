import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { statsSchema } from '../../src/contract/api.ts';
import {
  axeViolations,
  type ContextOptions,
  dashboardContext,
  describeViolations,
  launchBrowser,
  markDocument,
  pageOverflow,
  SCREENSHOT_DIR,
  sameDocument,
  settled,
} from './dashboardBrowser.ts';
import { type Stack, startStack } from './stack.ts';

/**
 * The statistics page and the CSV exports after real sandbox runs of each bot, and the overview's
 * 7-day summary following a run live: the built dashboard in Debian's Chromium, fr and en, at
 * 375 and 1280 px. One product for the file: the scenarios build on each other's runs.
 */

const PERIODS = ['last_7_days', 'last_30_days', 'last_90_days', 'all_time'] as const;
const LABELS = {
  'fr-FR': {
    period: {
      last_7_days: '7 jours',
      last_30_days: '30 jours',
      last_90_days: '90 jours',
      all_time: 'Depuis le début',
    },
    runsCsv: 'Télécharger les exécutions (CSV)',
    outcomesCsv: 'Télécharger les résultats par contact (CSV)',
    chart: /^Graphique linéaire de l’activité par jour/,
    table: 'Afficher les chiffres en tableau',
    axes: ['Jour', 'Nombre'],
    title: 'Statistiques',
  },
  'en-US': {
    period: { last_7_days: '7 days', last_30_days: '30 days', last_90_days: '90 days', all_time: 'All time' },
    runsCsv: 'Download runs (CSV)',
    outcomesCsv: 'Download outcomes (CSV)',
    chart: /^Line chart of activity per day/,
    table: 'Show the figures as a table',
    axes: ['Day', 'Count'],
    title: 'Statistics',
  },
} as const;

type Stats = z.infer<typeof statsSchema>;

let browser: Browser;
let stack: Stack;
const contexts: BrowserContext[] = [];
async function open(options: ContextOptions = {}): Promise<BrowserContext> {
  const context = await dashboardContext(browser, stack.url!, options);
  contexts.push(context);
  return context;
}

beforeAll(async () => {
  browser = await launchBrowser();
  stack = await startStack({
    serve: {},
    reset: { seed: 41, contacts: 40, today: 5, late: 2, invitations: 30, locale: 'en' },
    settings: {
      limits: { visits_per_run: 5, withdrawals_per_run: 4 },
      invitations: { withdraw_after_days: 21 },
    },
  });
}, 120_000);
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await stack?.close();
});

async function stats(): Promise<Stats> {
  return (await stack.api('GET', '/api/stats')).json() as Stats;
}

describe('statistics', { timeout: 480_000 }, () => {
  it('the overview’s 7-day summary grows while a slow birthday run sends, without a reload', async () => {
    await stack.api('PATCH', '/api/settings', { delays: { min_seconds: 2, max_seconds: 3 } });
    const page = await (await open()).newPage();
    await page.goto('/');
    await settled(page);
    const week = page.getByRole('region', { name: '7 derniers jours' });
    const sent = week.locator('dt', { hasText: 'Messages envoyés' }).locator('xpath=following-sibling::dd');
    const todayRow = week.locator('tbody tr').last();
    await todayRow.waitFor();
    expect(await sent.textContent()).toBe('0');
    await markDocument(page);

    const id = await stack.start('birthday');
    // Seen growing while the run is still going: at least one, then more.
    await expect.poll(async () => Number(await sent.textContent()), { timeout: 60_000 }).toBeGreaterThan(0);
    const during = Number(await sent.textContent());
    const running = (await stack.api('GET', `/api/runs/${id}`)).json() as {
      status: string;
      messages_sent: number;
    };
    expect(running.status).toBe('running');
    // Today's bar (its row in the table) says the same.
    expect(Number(await todayRow.locator('td').first().textContent())).toBeGreaterThan(0);
    await expect
      .poll(async () => Number(await sent.textContent()), { timeout: 60_000 })
      .toBeGreaterThan(during);
    expect(await sameDocument(page)).toBe(true);

    const run = await stack.finished(id, 120_000);
    expect(run.messages_sent).toBeGreaterThan(1);
    // In the end the database's figure, not one counted twice.
    await expect.poll(async () => Number(await sent.textContent())).toBe(run.messages_sent);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'stats-overview-week-after-run.png'),
      fullPage: true,
    });
    await stack.api('PATCH', '/api/settings', { delays: { min_seconds: 0, max_seconds: 0 } });
  });

  it('shows each bot’s figures per period as GET /api/stats, a chart with axes and values, in fr and en at 375 and 1280 px', async () => {
    for (const type of ['visitor', 'invitations'] as const) {
      const run = await stack.finished(await stack.start(type));
      expect(run.status).toBe('succeeded');
    }
    const api = await stats();
    expect(api.bots.birthday.all_time.runs).toBe(1);
    expect(api.bots.visitor.all_time).toMatchObject({ runs: 1, profiles_visited: 5 });
    expect(api.bots.invitations.all_time).toMatchObject({ runs: 1, invitations_withdrawn: 4 });
    expect(api.bots.birthday.all_time.messages_sent).toBeGreaterThan(0);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

    const problems: string[] = [];
    for (const locale of ['fr-FR', 'en-US'] as const) {
      const labels = LABELS[locale];
      const context = await open({ locale, bypassCSP: true });
      const page = await context.newPage();
      for (const width of [375, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/stats');
        await settled(page);
        expect(await page.locator('h1').textContent()).toBe(labels.title);
        // Every period at 1280 px; at 375 px the longest (the chart's densest) and all time.
        for (const period of width === 1280 ? PERIODS : (['last_90_days', 'all_time'] as const)) {
          // A click on the segment (the radio inside is visually hidden), as a user does.
          const radio = page.getByRole('radio', { name: labels.period[period], exact: true });
          await radio.locator('xpath=..').click();
          await expect.poll(() => radio.isChecked(), { timeout: 5_000 }).toBe(true);
          for (const [bot, figures] of Object.entries(api.bots)) {
            for (const [key, value] of Object.entries(figures[period])) {
              const dd = page.locator(`[data-bot="${bot}"] [data-figure="${key}"]`);
              await expect.poll(() => dd.getAttribute('data-value'), { timeout: 5_000 }).toBe(String(value));
            }
          }
          for (const [key, value] of Object.entries(api[period])) {
            expect(
              await page.locator(`[data-bot="all"] [data-figure="${key}"]`).getAttribute('data-value'),
            ).toBe(String(value));
          }
          // The chart: an image summed up in its label, with labelled axes, ticks and values.
          const chart = page.getByRole('img', { name: labels.chart });
          await chart.waitFor();
          for (const axis of labels.axes)
            expect(await chart.getByText(axis, { exact: true }).count()).toBe(1);
          expect(await chart.locator('[data-axis="y"] [data-tick]').count()).toBeGreaterThan(1);
          expect(await chart.locator('[data-axis="x"] [data-tick]').count()).toBeGreaterThan(1);
          const sentValue = await chart
            .locator('[data-series="messages_sent"] [data-value]')
            .first()
            .textContent();
          expect(Number(sentValue)).toBe(api.bots.birthday.today.messages_sent);
          const box = await chart.boundingBox();
          expect(box!.width).toBeLessThanOrEqual(width);
          expect(await pageOverflow(page)).toBeNull();
          // The periods' CSV links ask for the same days.
          const href = await page.getByRole('link', { name: labels.runsCsv }).getAttribute('href');
          expect(href).toBe(
            period === 'all_time'
              ? '/api/export/runs.csv'
              : `/api/export/runs.csv?days=${period.match(/\d+/)![0]}`,
          );
        }
        // The figures as a table, for those who do not see the chart: all time (the last period
        // chosen) has an entry for each day since the first run, the 7 days at least.
        const allTime = (await stack.api('GET', '/api/history?days=all')).json() as {
          granularity: string;
          days: unknown[];
        };
        expect(allTime).toMatchObject({ granularity: 'day', days: expect.any(Array) });
        expect(allTime.days).toHaveLength(7);
        await page.getByText(labels.table, { exact: true }).click();
        const table = page.getByTestId('stats-table');
        await table.waitFor();
        expect(await table.locator('tbody tr').count()).toBe(allTime.days.length);
        const lastRow = table.locator('tbody tr').last().locator('td');
        expect(Number(await lastRow.nth(0).textContent())).toBe(api.bots.birthday.today.messages_sent);
        expect(Number(await lastRow.nth(1).textContent())).toBe(api.bots.visitor.today.profiles_visited);
        expect(Number(await lastRow.nth(2).textContent())).toBe(
          api.bots.invitations.today.invitations_withdrawn,
        );
        expect(await pageOverflow(page)).toBeNull();
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, `stats-${locale.slice(0, 2)}-${width}.png`),
          fullPage: true,
        });
        for (const v of await axeViolations(page)) {
          if (v.impact === 'serious' || v.impact === 'critical')
            problems.push(...describeViolations(`/stats ${locale} ${width}px`, [v]));
        }
      }
      // The navigation leads there.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto('/');
      await page.getByRole('navigation').getByRole('link', { name: labels.title }).click();
      await page.waitForURL((url) => url.pathname === '/stats');
    }
    if (problems.length > 0) expect.fail(`axe serious/critical violations:\n${problems.join('\n')}`);
  });

  it('downloads the runs and outcomes as CSV from the page, with the database’s rows', async () => {
    const runs = (await stack.api('GET', '/api/runs?limit=100')).json() as {
      runs: { id: string; type: string }[];
    };
    expect(runs.runs.length).toBeGreaterThanOrEqual(3);
    const outcomes = [];
    for (const r of runs.runs) {
      const detail = (await stack.api('GET', `/api/runs/${r.id}`)).json() as {
        outcomes: { id: number; contact_name: string | null; status: string }[];
      };
      outcomes.push(...detail.outcomes.map((o) => ({ ...o, run: r })));
    }
    const page = await (await open({ locale: 'en-US', acceptDownloads: true })).newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/stats?period=90');
    await settled(page);

    const download = async (name: string) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name, exact: true }).click(),
      ]);
      const filePath = await file.path();
      return { name: file.suggestedFilename(), bytes: fs.readFileSync(filePath) };
    };
    const runsCsv = await download('Download runs (CSV)');
    expect(runsCsv.name).toMatch(/^runs_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...runsCsv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const runLines = runsCsv.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(runLines[0]).toMatch(/^id,type,status,trigger,dry_run,/);
    expect(
      runLines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(runs.runs.map((r) => r.id).sort());

    const outcomesCsv = await download('Download outcomes (CSV)');
    expect(outcomesCsv.name).toMatch(/^outcomes_.*\.csv$/);
    const text = outcomesCsv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFFid,run_id,run_type,dry_run,ts,status,contact_name,')).toBe(true);
    // One row per outcome (names may be quoted: count by the rows' ids at the line starts).
    const ids = [...text.matchAll(/\r\n(\d+),/g)].map((m) => Number(m[1]));
    expect(ids.sort((a, b) => a - b)).toEqual(outcomes.map((o) => o.id).sort((a, b) => a - b));
    for (const type of ['birthday', 'visitor', 'invitations']) expect(text).toContain(`,${type},false,`);
    const named = outcomes.find((o) => o.contact_name && o.status === 'sent');
    expect(named).toBeDefined();
    expect(text).toContain(named!.contact_name!);

    // The same file with the session cookie only; nothing without it.
    const cookie = (await page.context().cookies()).find((c) => c.name === 'lbb_session')!;
    const withCookie = await fetch(`${stack.url}/api/export/outcomes.csv?days=90`, {
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await fetch(`${stack.url}/api/export/outcomes.csv`)).status).toBe(401);
    expect(await pageOverflow(page)).toBeNull();
  });
});
