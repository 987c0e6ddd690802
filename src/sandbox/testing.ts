/**
 * The sandbox's own browser tests: the sandbox on a free port with its admin API (the
 * driver harness's), and a real Chromium launched with the product's flags, opening pages
 * logged in with the sandbox's session.
 */
import type { FastifyInstance } from 'fastify';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterEach, beforeEach } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../linkedin/browser.ts';
import { startTestSandbox, type TestSandbox } from '../linkedin/testing.ts';
import { createSandboxApp } from './server.ts';
import type { SandboxState } from './state.ts';

/** A fresh sandbox app for each test (no port: requests go through `inject`), closed after it. */
export function useSandboxApp(): { readonly app: FastifyInstance; readonly state: SandboxState } {
  let current: { app: FastifyInstance; state: SandboxState } | undefined;
  beforeEach(() => {
    current = createSandboxApp();
  });
  afterEach(async () => {
    await current?.app.close();
  });
  return {
    get app() {
      return current!.app;
    },
    get state() {
      return current!.state;
    },
  };
}

export interface SandboxBrowser extends TestSandbox {
  /** Every URL the pages asked for, to check that none went to linkedin.com. */
  readonly requested: string[];
  /** A new page in a fresh context with the current session's cookies (the previous context closes). */
  loggedInPage(): Promise<Page>;
  /** Closes the last page's context, if any (between tests). */
  closePage(): Promise<void>;
}

export async function startSandboxBrowser(): Promise<SandboxBrowser> {
  const sandbox = await startTestSandbox();
  const browser = await chromium
    .launch({
      executablePath: findChromium({ configured: process.env.CHROMIUM_PATH }),
      args: [...CHROMIUM_ARGS],
    })
    .catch(async (err: unknown) => {
      await sandbox.close();
      throw err;
    });
  const requested: string[] = [];
  let context: BrowserContext | null = null;
  const closePage = async () => {
    await context?.close();
    context = null;
  };
  return {
    ...sandbox,
    requested,
    closePage,
    async loggedInPage() {
      await closePage();
      context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      context.on('request', (r) => {
        requested.push(r.url());
      });
      // A reset issues a new session token: ask for the current one.
      const session = await sandbox.get<{ cookies: Parameters<BrowserContext['addCookies']>[0] }>(
        '/__sandbox/session',
      );
      await context.addCookies(session.cookies);
      return context.newPage();
    },
    async close() {
      await closePage();
      await browser.close();
      await sandbox.close();
    },
  };
}
