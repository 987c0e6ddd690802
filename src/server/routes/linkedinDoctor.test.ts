import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import type { DoctorStep } from '../../linkedin/doctor/doctor.ts';
import { type Doctor, DoctorError, type DoctorReport, doctorRoot } from '../../runner/doctor.ts';
import { ManualClock, startTestApp, type TestApp } from '../testing.ts';

/** The routes over a fake doctor that writes a walk's files as the real one does. */

const LI_AT = 'AQEDAR-secret-li-at-value-0123456789abcdef';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const FILES = '/api/linkedin/doctor/latest/files/';

function step(name: DoctorStep['name'], over: Partial<DoctorStep> = {}): DoctorStep {
  return {
    name,
    ok: true,
    skipped: false,
    detail: `${name} fine`,
    strategy: 'primary',
    strategies: [{ element: 'globalNav', fallback: 1, of: 9, primary: true, selector: '#global-nav' }],
    error: null,
    screenshot: `doctor-${name}-1.png`,
    snapshot: `doctor-${name}.html`,
    ...over,
  };
}

const REPORT: DoctorReport = {
  at: '2025-06-15T10:00:00.000Z',
  ok: false,
  steps: [
    step('session'),
    step('birthdays', { detail: '5 birthday card(s): 3 today, 2 late' }),
    step('message_box', {
      ok: false,
      detail: 'The message box for {name} did not open',
      strategy: 'fallback',
      error: { code: 'element_not_found', message: 'The message box for {name} did not open' },
      screenshot: 'doctor-message_box-open-1.png',
      snapshot: 'doctor-message_box-open.html',
    }),
    step('search', { screenshot: null }),
    step('invitations', { snapshot: null }),
  ],
  fingerprint: {
    tells: [{ code: 'webdriver', message: 'navigator.webdriver is true' }],
    notes: [{ code: 'software_gpu', message: 'WebGL renders in software (SwiftShader)' }],
    presented: {
      user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/156.0.0.0 Safari/537.36',
      client_hints: '"Not:A-Brand";v="8", "Chromium";v="156", "Google Chrome";v="156"',
      platform: 'Windows',
      languages: ['fr-FR', 'fr', 'en-US', 'en'],
      timezone: 'Europe/Paris',
      screen: '1920×1080',
      window: '1920×1040 (page 1904×952)',
      hardware_concurrency: 8,
      device_memory: 8,
      webgl_renderer: 'SwiftShader',
    },
  },
};

/** Writes a walk's directory (files of every step, report.json, and a file the report does not list). */
function writeWalk(dataDir: string, accountId: string, report: DoctorReport, name: string): string {
  const dir = path.join(doctorRoot(dataDir, accountId), name);
  fs.mkdirSync(dir, { recursive: true });
  for (const s of report.steps) {
    if (s.screenshot) fs.writeFileSync(path.join(dir, s.screenshot), PNG);
    if (s.snapshot)
      fs.writeFileSync(
        path.join(dir, s.snapshot),
        `<!doctype html>\n<html><body><main class="${s.name}">{text}</main></body></html>`,
      );
  }
  fs.writeFileSync(path.join(dir, 'session-check-expired-1.png'), PNG);
  fs.writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report));
  return dir;
}

describe('LinkedIn doctor routes', () => {
  let t: TestApp;
  let clock: ManualClock;
  let walks: number;
  let report: DoctorReport;

  beforeEach(async () => {
    clock = new ManualClock('2025-06-15T10:00:00.000Z');
    t = await startTestApp({ clock });
    walks = 0;
    report = REPORT;
    const fake: Doctor = {
      async run(accountId) {
        walks++;
        const dir = writeWalk(t.dataDir, accountId, report, `2025-06-15T10-00-0${walks}-000Z`);
        return { report, dir };
      },
    };
    t.ctx.doctor = fake;
  });
  afterEach(async () => {
    await t.close();
  });

  const post = (headers?: Record<string, string>) =>
    t.request({ method: 'POST', url: '/api/linkedin/doctor', headers });
  const get = (url: string, headers?: Record<string, string>) => t.request({ method: 'GET', url, headers });
  const storeSession = () =>
    t.request({ method: 'PUT', url: '/api/linkedin/session', payload: { li_at: LI_AT } });

  it('needs authentication on every route', async () => {
    for (const [method, url] of [
      ['POST', '/api/linkedin/doctor'],
      ['GET', '/api/linkedin/doctor/latest'],
      ['GET', `${FILES}doctor-session-1.png`],
      ['GET', '/api/linkedin/doctor/latest/bundle'],
    ] as const) {
      const res = await t.request({ method, url, headers: {} });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
    expect(walks).toBe(0);
  });

  it('answers 404 without a stored session, and 404 for a latest report that does not exist', async () => {
    const res = await post();
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect(walks).toBe(0);
    for (const url of [
      '/api/linkedin/doctor/latest',
      `${FILES}doctor-session-1.png`,
      '/api/linkedin/doctor/latest/bundle',
    ]) {
      const none = await get(url);
      expect(none.statusCode, url).toBe(404);
      expect(none.json().error.code, url).toBe('not_found');
    }
  });

  it('walks, answers the report with file URLs, audits it, and serves it as the latest', async () => {
    await storeSession();
    const cookie = await t.login();
    const res = await post({ cookie });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ at: REPORT.at, ok: false });
    expect(body.steps.map((s: DoctorStep) => s.name)).toEqual([
      'session',
      'birthdays',
      'message_box',
      'search',
      'invitations',
    ]);
    expect(body.steps[2]).toEqual({
      name: 'message_box',
      ok: false,
      skipped: false,
      detail: 'The message box for {name} did not open',
      strategy: 'fallback',
      strategies: REPORT.steps[2]!.strategies,
      error: { code: 'element_not_found', message: 'The message box for {name} did not open' },
      screenshot: `${FILES}doctor-message_box-open-1.png`,
      snapshot: `${FILES}doctor-message_box-open.html`,
    });
    expect(body.steps[3].screenshot).toBeNull();
    expect(body.steps[4].snapshot).toBeNull();
    // What the browser revealed, each tell named, for the session page.
    expect(body.fingerprint).toEqual(REPORT.fingerprint);
    expect(res.body).not.toContain(t.dataDir);

    const latest = await get('/api/linkedin/doctor/latest');
    expect(latest.statusCode).toBe(200);
    expect(latest.json()).toEqual(body);

    const [entry] = await t.ctx.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 1,
      action: 'linkedin.doctor',
    });
    expect(entry).toMatchObject({
      actor_type: 'user',
      actor_id: 'admin',
      details: { ok: false, failed: ['message_box'] },
    });
    // A logged-in session step is a session check that said "valid".
    const session = (await get('/api/linkedin/session')).json();
    expect(session).toMatchObject({ status: 'valid', checked_at: '2025-06-15T10:00:00.000Z' });
  });

  it('marks the stored session expired when the walk finds it logged out', async () => {
    await storeSession();
    const expired = 'LinkedIn asks for a login: the session is not usable';
    report = {
      at: REPORT.at,
      ok: false,
      fingerprint: null,
      steps: [
        step('session', { ok: false, detail: expired, error: { code: 'auth_required', message: expired } }),
        ...(['birthdays', 'message_box', 'search', 'invitations'] as const).map((name) =>
          step(name, {
            ok: false,
            skipped: true,
            detail: 'needs a working session',
            strategy: null,
            strategies: [],
            screenshot: null,
            snapshot: null,
          }),
        ),
      ],
    };
    const res = await post();
    expect(res.statusCode).toBe(200);
    expect(res.json().steps[0]).toMatchObject({ ok: false, error: { code: 'auth_required' } });
    expect((await get('/api/linkedin/session')).json().status).toBe('expired');
    const [entry] = await t.ctx.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 1,
      action: 'linkedin.doctor',
    });
    expect(entry?.details).toEqual({ ok: false, failed: ['session'] });
  });

  it('answers 503 doctor_failed with the reason when the walk cannot complete', async () => {
    await storeSession();
    t.ctx.doctor = {
      run: async () => {
        throw new DoctorError('timeout', 'The page check did not finish within 180 s');
      },
    };
    const res = await post();
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toEqual({
      code: 'doctor_failed',
      message: 'The LinkedIn page check could not complete (it did not finish in time): try again later',
      details: { reason: 'timeout' },
    });
    expect((await get('/api/linkedin/session')).json().status).toBe('unchecked');
    expect((await get('/api/linkedin/doctor/latest')).statusCode).toBe(404);
  });

  it('serves the screenshots and snapshots of the latest report, and nothing else', async () => {
    await storeSession();
    await post();
    const shot = await get(`${FILES}doctor-session-1.png`);
    expect(shot.statusCode).toBe(200);
    expect(shot.headers['content-type']).toBe('image/png');
    expect(shot.rawPayload.equals(PNG)).toBe(true);
    expect(shot.headers['cache-control']).toContain('no-store');

    const snapshot = await get(`${FILES}doctor-message_box-open.html`);
    expect(snapshot.statusCode).toBe(200);
    expect(snapshot.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(snapshot.headers['content-disposition']).toBe(
      'attachment; filename="doctor-message_box-open.html"',
    );
    expect(snapshot.headers['content-security-policy']).toContain("script-src 'none'");
    expect(snapshot.headers['content-security-policy']).toContain('sandbox');
    expect(snapshot.headers['x-content-type-options']).toBe('nosniff');
    expect(snapshot.body).toContain('<main class="message_box">');

    // Another account's walk, and an older walk of this one.
    const other = writeWalk(
      t.dataDir,
      'other',
      { ...REPORT, steps: [step('session', { screenshot: 'other-only.png' })] },
      'x',
    );
    const older = writeWalk(
      t.dataDir,
      DEFAULT_ACCOUNT_ID,
      { ...REPORT, steps: [step('session', { screenshot: 'older-only.png' })] },
      '2000-01-01T00-00-00-000Z',
    );
    expect(fs.existsSync(path.join(other, 'other-only.png'))).toBe(true);
    expect(fs.existsSync(path.join(older, 'older-only.png'))).toBe(true);
    fs.writeFileSync(path.join(t.dataDir, 'outside.png'), PNG);

    for (const name of [
      'report.json',
      'session-check-expired-1.png',
      'other-only.png',
      'older-only.png',
      '..%2F..%2F..%2Foutside.png',
      '..%2Freport.json',
      '%2E%2E%2Fdoctor-session-1.png',
      '..',
      '%2E%2E',
      '%2Fetc%2Fpasswd',
      encodeURIComponent(path.join(t.dataDir, 'outside.png')),
      encodeURIComponent(path.join(other, 'other-only.png')),
      '..%2F..%2Fother%2Fx%2Fother-only.png',
      '..%5C..%5Coutside.png',
      'doctor-session-1.png%00.html',
      'secrets.json',
    ]) {
      const res = await get(`${FILES}${name}`);
      expect(res.statusCode, name).toBe(404);
      expect(res.headers['content-type'], name).toContain('application/json');
    }
    // Dot segments the URL parser resolves itself lead to no file either.
    for (const url of [`${FILES}.`, `${FILES}../../session`, `${FILES}./report.json`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.headers['content-type'], url).toContain('application/json');
    }
  });

  it('bundles the latest report with its snapshots inlined and no screenshot, as an attachment', async () => {
    await storeSession();
    await post();
    const res = await get('/api/linkedin/doctor/latest/bundle');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="linkedin-doctor-2025-06-15T10-00-00Z.json"',
    );
    const bundle = res.json();
    expect(bundle).toMatchObject({
      at: REPORT.at,
      ok: false,
      generator: expect.stringMatching(/^linkedin-birthday-bot /),
    });
    expect(bundle.steps).toHaveLength(5);
    for (const s of bundle.steps) expect(s).not.toHaveProperty('screenshot');
    expect(res.body).not.toContain('.png');
    expect(bundle.steps[2]).toMatchObject({
      name: 'message_box',
      snapshot: 'doctor-message_box-open.html',
      snapshot_html: expect.stringContaining('<main class="message_box">'),
      error: { code: 'element_not_found' },
    });
    expect(bundle.steps[4]).toMatchObject({ name: 'invitations', snapshot: null, snapshot_html: null });
    expect(res.body).not.toContain(t.dataDir);
  });

  it('is in the OpenAPI document', async () => {
    const spec = (await get('/docs/json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/linkedin/doctor',
        '/api/linkedin/doctor/latest',
        '/api/linkedin/doctor/latest/files/{name}',
        '/api/linkedin/doctor/latest/bundle',
      ]),
    );
  });
});
