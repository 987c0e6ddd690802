import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SandboxFaults,
  type SandboxStateContact,
  startTestSandbox,
  type TestSandbox,
} from '../../src/linkedin/testing.ts';
import { type DoctorReport, latestDoctorRun, ProcessDoctor } from '../../src/runner/doctor.ts';
import { anyAlive } from '../../src/runner/processGroup.ts';
import { type RecordedTasks, recordTasks } from '../../src/runner/testing.ts';
import { startTestApp, type TestApp } from '../../src/server/testing.ts';
import { runCli } from '../support/serverProcess.ts';

/**
 * The page check end to end: the real route, the browser-task process, Debian's Chromium and
 * the sandbox in each of its page designs; and the `doctor` CLI command over the same DATA_DIR.
 */

const SECRET_KEY = 'd'.repeat(40);
const STEPS = ['session', 'fingerprint', 'birthdays', 'message_box', 'search', 'invitations'];

let sandbox: TestSandbox;
let t: TestApp;
let contacts: SandboxStateContact[];
let recorded: RecordedTasks;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.reset({ contacts: 30, today: 2, late: 1, invitations: 3 });
  contacts = await sandbox.contacts();
  t = await startTestApp({
    env: { SECRET_KEY, LINKEDIN_BASE_URL: sandbox.url, CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '' },
  });
  recorded = recordTasks(t, sandbox.url);
  t.ctx.doctor = new ProcessDoctor(recorded.options);
  const cookies = Object.fromEntries((await sandbox.cookies()).map((c) => [c.name, c.value]));
  const put = await t.request({ method: 'PUT', url: '/api/linkedin/session', payload: { cookies } });
  expect(put.statusCode).toBe(200);
});
afterAll(async () => {
  recorded?.tree();
  await t?.close();
  await sandbox?.close();
});

const post = () => t.request({ method: 'POST', url: '/api/linkedin/doctor' });

/** One walk through the API on the sandbox with these faults: its report (files as URLs). */
async function walk(faults: SandboxFaults): Promise<DoctorReport> {
  await sandbox.faults({
    dom_variant: 'default',
    overlay: 'main',
    break_primary: false,
    session_expired: false,
    ...faults,
  });
  const res = await post();
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DoctorReport;
}

/** The walk's snapshots (the latest report's), which must name nobody. */
function expectAnonymousSnapshots(): void {
  const run = latestDoctorRun(t.dataDir, 'default');
  expect(run).not.toBeNull();
  const files = run!.report.steps.flatMap((s) => (s.snapshot ? [s.snapshot] : []));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const html = fs.readFileSync(path.join(run!.dir, file), 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html/);
    for (const contact of contacts) {
      expect(html, `${file}: ${contact.name}`).not.toContain(contact.name);
      expect(html, `${file}: ${contact.slug}`).not.toContain(contact.slug);
    }
  }
}

const summary = (report: DoctorReport) =>
  report.steps.map(
    (s) => `${s.name}:${s.ok ? 'ok' : s.skipped ? 'skipped' : `failed ${s.error?.code} ${s.detail}`}`,
  );

describe('the doctor on the sandbox', { timeout: 120_000 }, () => {
  it('walks every page of the default design: two parallel requests share one process, none outlives it', async () => {
    await sandbox.faults({ dom_variant: 'default' });
    const [a, b] = await Promise.all([post(), post()]);
    expect(recorded.spawned).toHaveLength(1);
    expect(a!.statusCode, a!.body).toBe(200);
    expect(b!.json()).toEqual(a!.json());
    const report = a!.json() as DoctorReport;
    expect(summary(report)).toEqual(STEPS.map((s) => `${s}:ok`));
    expect(report.ok).toBe(true);
    const named = (name: string) => report.steps.find((s) => s.name === name)!;
    expect(named('message_box').detail).toMatch(/without typing$/);
    expect(await sandbox.messages()).toEqual([]);
    expectAnonymousSnapshots();
    // The run's browser as LinkedIn sees it: no tell, in the settings' timezone and its language.
    expect(named('fingerprint').detail).toMatch(/^no automation tell; noted: WebGL renders in software/);
    expect(report.fingerprint).toMatchObject({
      tells: [],
      notes: [{ code: 'software_gpu' }],
      presented: { timezone: 'Europe/Paris', languages: ['fr-FR', 'fr', 'en-US', 'en'] },
    });
    expect(report.fingerprint?.presented.user_agent).toMatch(/ Chrome\/\d+\.0\.0\.0 Safari\/537\.36$/);

    // Its files, through the API.
    const shot = named('birthdays').screenshot!;
    expect(shot).toMatch(/^\/api\/linkedin\/doctor\/latest\/files\/doctor-birthdays-1\.png$/);
    const png = await t.request({ method: 'GET', url: shot });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const html = await t.request({ method: 'GET', url: named('message_box').snapshot! });
    expect(html.headers['content-disposition']).toMatch(/^attachment/);

    const { refs, browser } = recorded.tree();
    expect(browser).toBe(true);
    expect(anyAlive(refs)).toBe(false);
  });

  for (const [label, faults] of [
    ['alt', { dom_variant: 'alt' }],
    ['sdui', { dom_variant: 'sdui' }],
    ['sdui with the message box in an iframe', { dom_variant: 'sdui', overlay: 'iframe' }],
  ] as const) {
    it(`walks every page of the ${label} design`, async () => {
      const report = await walk(faults);
      expect(summary(report)).toEqual(STEPS.map((s) => `${s}:ok`));
      if (faults.dom_variant === 'sdui') {
        // Every step that looks for elements (the fingerprint looks for none).
        for (const step of report.steps.filter((s) => s.name !== 'fingerprint'))
          expect(step.strategy, step.name).toBe('primary');
      }
    });
  }

  it('says "fallback" when only a fallback finds the message box (sdui, primaries broken), still ok', async () => {
    const report = await walk({ dom_variant: 'sdui', break_primary: true });
    expect(summary(report)).toEqual(STEPS.map((s) => `${s}:ok`));
    const box = report.steps.find((s) => s.name === 'message_box')!;
    expect(box.strategy).toBe('fallback');
    expect(box.strategies.some((s) => !s.primary)).toBe(true);
    expectAnonymousSnapshots();
  });

  it('fails the session step of an expired session, checks the fingerprint on the login page, skips the rest, and marks the session expired', async () => {
    const report = await walk({ session_expired: true });
    expect(report.ok).toBe(false);
    expect(report.steps[0]).toMatchObject({ name: 'session', ok: false, skipped: false });
    expect(report.steps[0]!.error?.code).toBe('auth_required');
    expect(report.steps[0]!.screenshot).not.toBeNull();
    expect(report.steps[1]).toMatchObject({ name: 'fingerprint', ok: true, skipped: false });
    for (const step of report.steps.slice(2))
      expect(step, step.name).toMatchObject({ ok: false, skipped: true });
    expect((await t.request({ method: 'GET', url: '/api/linkedin/session' })).json().status).toBe('expired');
    await sandbox.faults({ session_expired: false });
  });

  it('kills the walk’s process group and its browser after the bound: 503 doctor_failed', async () => {
    await sandbox.faults({ dom_variant: 'default', latency_ms: 20_000 });
    // Long enough for Chromium to start on a loaded machine: the kill must take a browser along.
    const bounded = recordTasks(t, sandbox.url, { timeoutMs: 8000, stepTimeoutMs: 30_000 });
    const shared = t.ctx.doctor;
    t.ctx.doctor = new ProcessDoctor(bounded.options);
    try {
      const started = Date.now();
      const res = await post();
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({ code: 'doctor_failed', details: { reason: 'timeout' } });
      const { refs, browser } = bounded.tree();
      expect(browser).toBe(true);
      expect(anyAlive(refs)).toBe(false);
    } finally {
      t.ctx.doctor = shared;
      await sandbox.faults({ latency_ms: 0 });
    }
  });

  it('runs from the CLI on the same DATA_DIR, prints the steps and exits 0', async () => {
    await sandbox.faults({
      dom_variant: 'sdui',
      overlay: 'main',
      break_primary: false,
      session_expired: false,
    });
    const before = latestDoctorRun(t.dataDir, 'default')!.dir;
    const { code, output } = await runCli(['doctor'], {
      DATA_DIR: t.dataDir,
      SECRET_KEY,
      LINKEDIN_BASE_URL: sandbox.url,
      CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '',
    });
    expect(output).toMatch(/^✔ session +logged in {2}\[primary\]$/m);
    expect(output).toMatch(/^✔ birthdays +3 birthday card\(s\): 2 today, 1 late {2}\[primary\]$/m);
    for (const step of STEPS) expect(output).toMatch(new RegExp(`^✔ ${step} `, 'm'));
    expect(output).not.toContain('✘');
    const after = latestDoctorRun(t.dataDir, 'default')!;
    expect(after.dir).not.toBe(before);
    expect(output).toContain(`Screenshots and snapshots: ${after.dir}`);
    expect(code, output).toBe(0);
    // The server serves the CLI's walk as the latest.
    const latest = await t.request({ method: 'GET', url: '/api/linkedin/doctor/latest' });
    expect(latest.json().at).toBe(after.report.at);
  });
});
