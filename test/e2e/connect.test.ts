import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectLinkedIn } from '../../src/connect/connect.ts';
import { parseSessionInput } from '../../src/linkedin/sessionCookies.ts';
import { API_KEY, type Stack, startStack } from './stack.ts';

/**
 * `connect` against the sandbox: a headless browser, the login typed by the test as a user
 * would, the session uploaded to a listening server, then a real birthday run with it.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const TEMPLATES = { today: ['Happy birthday {first_name}!'], late: ['Happy belated birthday {first_name}!'] };

/** What the user does in the window: the sandbox accepts any credentials. */
async function logIn(page: Page): Promise<void> {
  await page.waitForSelector('#username');
  await page.fill('#username', 'alex.morgan@example.com');
  await page.fill('#password', 'the-users-own-password');
  await page.click('form.login__form button[type=submit]');
}

/** The CLI from source, as `npm run cli -- connect …` runs it from dist. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const { API_KEY: _drop, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'connect', ...args], {
      cwd: ROOT,
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('connect (LinkedIn from the user’s computer)', { timeout: 180_000 }, () => {
  let stack: Stack;
  let tmp: string;
  beforeAll(async () => {
    stack = await startStack({
      serve: {},
      reset: { seed: 5, contacts: 40, today: 3, late: 2, invitations: 2, locale: 'en' },
    });
    expect((await stack.api('PUT', '/api/templates', TEMPLATES)).statusCode).toBe(200);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-connect-test-'));
  });
  afterAll(async () => {
    await stack?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(async () => {
    // No session on the server: only what `connect` uploads.
    await stack.api('DELETE', '/api/linkedin/session');
  });

  it('waits for the user’s login, uploads cookies and user agent, and a birthday run works with them', async () => {
    const lines: string[] = [];
    const result = await connectLinkedIn({
      server: stack.url!,
      apiKey: API_KEY,
      linkedinUrl: stack.sandbox.url,
      headless: true,
      timeoutMs: 60_000,
      print: (line) => lines.push(line),
      onBrowserReady: logIn,
    });
    expect(result.cookieNames).toEqual(expect.arrayContaining(['li_at', 'JSESSIONID']));
    expect(result.userAgent).toMatch(/^Mozilla\/5\.0 \(.+\) AppleWebKit\/.+ Chrome\/\d+/);
    expect(result.userAgent).not.toMatch(/headless/i);
    expect(lines.join('\n')).toMatch(/\[1\/4\] Checking the server[\s\S]*Log in to LinkedIn[\s\S]*Done/);
    expect(lines.join('\n')).not.toContain('the-users-own-password');

    const view = (await stack.api('GET', '/api/linkedin/session')).json();
    expect(view).toMatchObject({
      status: 'unchecked',
      user_agent: result.userAgent,
      browser: { family: 'Chrome', major: expect.any(Number) },
    });
    expect(view.cookie_names).toEqual(expect.arrayContaining(['li_at', 'JSESSIONID']));
    expect(result.session).toEqual(view);
    const [audit] = (await stack.api('GET', '/api/audit?limit=5'))
      .json()
      .entries.filter((e: { action: string }) => e.action === 'linkedin_session.update');
    expect(audit.details).toMatchObject({ format: 'storage_state', browser: { family: 'Chrome' } });
    expect(JSON.stringify(audit)).not.toContain('Mozilla');

    const run = await stack.finished(await stack.start('birthday'));
    expect(run.status).toBe('succeeded');
    expect(run.messages_sent).toBe(5);
    expect(await stack.messages()).toHaveLength(5);
  });

  it('--out writes the session to a file only the user can read, which the session page can upload', async () => {
    const file = path.join(tmp, 'linkedin-session.json');
    const result = await connectLinkedIn({
      out: file,
      linkedinUrl: stack.sandbox.url,
      headless: true,
      timeoutMs: 60_000,
      print: () => {},
      onBrowserReady: logIn,
    });
    expect(result.file).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(Object.keys(saved).sort()).toEqual(['cookies', 'origins', 'user_agent']);
    expect(saved.origins).toEqual([]);
    expect(saved.user_agent).toBe(result.userAgent);
    expect(saved.cookies.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['li_at', 'JSESSIONID']),
    );
    // Captured on the sandbox's host, stored as LinkedIn's cookies.
    for (const cookie of saved.cookies) {
      expect(cookie).toMatchObject({ domain: '.linkedin.com', path: '/' });
      expect(typeof cookie.value).toBe('string');
    }
    expect(parseSessionInput(saved, new Date())).toMatchObject({ ok: true, format: 'storage_state' });
    // The dashboard sends the file as it is.
    const put = await stack.api('PUT', '/api/linkedin/session', saved);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ status: 'unchecked', user_agent: result.userAgent });
    // Over an existing file too, its mode becomes 0600.
    fs.chmodSync(file, 0o644);
    await connectLinkedIn({
      out: file,
      linkedinUrl: stack.sandbox.url,
      headless: true,
      print: () => {},
      onBrowserReady: logIn,
    });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('stops with a clear message and exit code 1 when the server refuses the API key, before any browser opens', async () => {
    const res = await cli([
      '--server',
      stack.url!,
      '--api-key',
      'not-the-right-key',
      '--headless',
      '--linkedin-url',
      stack.sandbox.url,
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('connect: The server refused the API key (401');
    expect(res.stderr).toContain('--api-key');
    expect(res.stdout).not.toContain('Opening a browser');
    expect((await stack.api('GET', '/api/linkedin/session')).json().status).toBe('missing');
  });

  it('gives up after --timeout with a clear message, exit code 1 and nothing written', async () => {
    const file = path.join(tmp, 'never.json');
    const started = Date.now();
    const res = await cli([
      '--out',
      file,
      '--headless',
      '--linkedin-url',
      stack.sandbox.url,
      '--timeout',
      '2',
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('connect: No login within 2 s: nothing was uploaded');
    expect(res.stdout).toContain('Log in to LinkedIn in that window');
    expect(fs.existsSync(file)).toBe(false);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('explains its usage, and needs --server or --out', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: linkedin-birthday-bot connect --server <url>');
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--server <url> (or --out <file>) is needed');
    const missingKey = await cli(['--server', stack.url!]);
    expect(missingKey.code).toBe(1);
    expect(missingKey.stderr).toContain('No API key');
  });
});
