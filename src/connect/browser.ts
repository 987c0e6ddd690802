/**
 * The browser `connect` opens on the user's computer: which ones to try (their Chrome, Edge
 * or a Chromium), launched with a fresh temporary profile, and closed with it afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumCandidates } from '../linkedin/browser.ts';
import { ConnectError } from './connectError.ts';

export interface BrowserChoice {
  label: string;
  channel?: string;
  executablePath?: string;
}

const CHANNELS: Readonly<Record<string, BrowserChoice>> = {
  chrome: { label: 'Google Chrome', channel: 'chrome' },
  msedge: { label: 'Microsoft Edge', channel: 'msedge' },
};

/** Chromium executables of this machine (CHROMIUM_PATH first); a headless-only build only when headless. */
function chromiumChoices(headless: boolean): BrowserChoice[] {
  const configured = process.env.CHROMIUM_PATH?.trim();
  const paths = [...(configured ? [configured] : []), ...chromiumCandidates({}).map((c) => c.path)].filter(
    (file) => headless || !/headless/i.test(path.basename(file)),
  );
  return [...new Set(paths)]
    .filter((file) => fs.existsSync(file))
    .map((file) => ({ label: `Chromium (${file})`, executablePath: file }));
}

/** The browsers to try, in order: `--browser`'s choice, or Chrome, Edge, then Chromium. */
export function browserChoices(browser: string | undefined, headless: boolean): BrowserChoice[] {
  const wanted = browser?.trim();
  if (!wanted) return [CHANNELS.chrome!, CHANNELS.msedge!, ...chromiumChoices(headless)];
  const key = wanted.toLowerCase();
  if (key === 'chrome' || key === 'msedge') return [CHANNELS[key]!];
  if (key === 'edge') return [CHANNELS.msedge!];
  if (key === 'chromium') return chromiumChoices(headless);
  return [{ label: wanted, executablePath: wanted }];
}

export interface OpenedBrowser {
  context: BrowserContext;
  page: Page;
  label: string;
  profileDir: string;
}

export async function openBrowser(opts: { browser?: string; headless: boolean }): Promise<OpenedBrowser> {
  const choices = browserChoices(opts.browser, opts.headless);
  const failures: string[] = [];
  for (const choice of choices) {
    // A fresh profile: nothing of the user's everyday browser is read, nothing is left behind.
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-connect-'));
    try {
      const context = await chromium.launchPersistentContext(profileDir, {
        ...(choice.channel ? { channel: choice.channel } : { executablePath: choice.executablePath }),
        headless: opts.headless,
        // A window the user resizes as they like; a fixed page size only without one.
        viewport: opts.headless ? { width: 1280, height: 900 } : null,
        // Chrome's sandbox stays on, unless we run as root (where Chrome refuses it).
        chromiumSandbox: process.getuid?.() !== 0,
        // No "controlled by automated test software" bar, no navigator.webdriver.
        ignoreDefaultArgs: ['--enable-automation'],
        args: [
          '--disable-blink-features=AutomationControlled',
          '--no-first-run',
          '--no-default-browser-check',
        ],
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout: 60_000,
      });
      const page = context.pages()[0] ?? (await context.newPage());
      return { context, page, label: choice.label, profileDir };
    } catch (err) {
      fs.rmSync(profileDir, { recursive: true, force: true });
      const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      failures.push(`${choice.label}: ${reason}`);
    }
  }
  const tried = failures.length > 0 ? ` Tried: ${failures.join('; ')}.` : '';
  throw new ConnectError(
    `No browser could be opened. Install Google Chrome, Microsoft Edge or Chromium, or name one with --browser chrome|msedge|chromium|<path to the executable>.${tried}`,
  );
}

/** Closes the browser (and its temporary profile), whatever state it is in. */
export async function closeBrowser(opened: OpenedBrowser): Promise<void> {
  await Promise.race([opened.context.close().catch(() => {}), sleep(10_000, undefined, { ref: false })]);
  fs.rmSync(opened.profileDir, { recursive: true, force: true, maxRetries: 3 });
}
