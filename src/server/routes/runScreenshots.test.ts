import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { runScreenshotDir } from '../../config/dataDir.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { seedFinishedRun } from '../testing.ts';

/** A real (1×1) PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('/api/runs/:id: outcome details and screenshots', () => {
  const t = useTestApp();

  async function seedRunWithShot(at: string, name = 'birthday-ada-1.png') {
    const run = await seedFinishedRun(t.ctx.store, { at, counters: { errors: 1 } });
    const dir = runScreenshotDir(t.dataDir, run.id);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), PNG);
    await t.ctx.store.outcomes.add({
      run_id: run.id,
      account_id: DEFAULT_ACCOUNT_ID,
      ts: at,
      status: 'error',
      contact_name: 'Ada Lovelace',
      profile_url: 'https://www.linkedin.com/in/ada-lovelace/',
      error_code: 'timeout',
      reason: 'Timed out',
      screenshot: path.join(dir, name),
    });
    return run;
  }

  it('gives each outcome its screenshot URL (the stored path kept) and serves the image to a logged-in user', async () => {
    const run = await seedRunWithShot('2025-06-10T09:00:00.000Z');
    const cookie = await t.login();
    const detail = await t.app.inject({ method: 'GET', url: `/api/runs/${run.id}`, headers: { cookie } });
    const [outcome] = (detail.json() as { outcomes: Record<string, unknown>[] }).outcomes;
    const url = `/api/runs/${run.id}/screenshots/birthday-ada-1.png`;
    expect(outcome).toMatchObject({
      screenshot: path.join(runScreenshotDir(t.dataDir, run.id), 'birthday-ada-1.png'),
      screenshot_url: url,
      message_text: null,
    });

    const image = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(String(image.headers['cache-control'])).toMatch(/^private/);
    expect(image.rawPayload.equals(PNG)).toBe(true);
    // The API key works too (scripts).
    expect((await t.request({ method: 'GET', url })).statusCode).toBe(200);
  });

  it('refuses an unauthenticated request with 401', async () => {
    const run = await seedRunWithShot('2025-06-10T09:00:00.000Z');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/runs/${run.id}/screenshots/birthday-ada-1.png`,
      headers: {},
    });
    expect(res.statusCode).toBe(401);
    expect(res.rawPayload.equals(PNG)).toBe(false);
  });

  it("never serves another run's file, a file outside the run's folder, a symlink or a non-image", async () => {
    const mine = await seedRunWithShot('2025-06-10T09:00:00.000Z', 'mine-1.png');
    const other = await seedRunWithShot('2025-06-11T09:00:00.000Z', 'other-1.png');
    const dir = runScreenshotDir(t.dataDir, mine.id);
    // Things a traversal would reach for.
    fs.writeFileSync(path.join(t.dataDir, 'secret.png'), PNG);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an image');
    fs.symlinkSync(path.join(t.dataDir, 'secret.png'), path.join(dir, 'link-1.png'));
    fs.symlinkSync(
      path.join(runScreenshotDir(t.dataDir, other.id), 'other-1.png'),
      path.join(dir, 'borrowed-1.png'),
    );

    const base = `/api/runs/${mine.id}/screenshots/`;
    const attempts = [
      'other-1.png',
      'link-1.png',
      'borrowed-1.png',
      'notes.txt',
      '..%2Fsecret.png',
      '..%2F..%2Fsecret.png',
      '%2E%2E%2Fsecret.png',
      '%252E%252E%252Fsecret.png',
      `..%2F${other.id}%2Fother-1.png`,
      '..%5Csecret.png',
      '%2Fetc%2Fpasswd',
      '.hidden.png',
      'missing-1.png',
    ];
    for (const name of attempts) {
      const res = await t.request({ method: 'GET', url: base + name });
      expect([400, 404], name).toContain(res.statusCode);
      expect(res.rawPayload.equals(PNG), name).toBe(false);
    }
    // Raw path segments: the router never reaches another folder.
    for (const url of [`${base}../secret.png`, `${base}../../secret.png`, `${base}sub/../../secret.png`]) {
      const res = await t.request({ method: 'GET', url });
      expect(res.rawPayload.equals(PNG), url).toBe(false);
    }
    // The other run's own file is served under its own run.
    const own = await t.request({ method: 'GET', url: `/api/runs/${other.id}/screenshots/other-1.png` });
    expect(own.statusCode).toBe(200);
    // A run that does not exist.
    const none = await t.request({ method: 'GET', url: '/api/runs/nope/screenshots/mine-1.png' });
    expect(none.statusCode).toBe(404);
  });

  it('gives the URL from the stored name without looking for the file: a missing file answers 404 when fetched', async () => {
    const run = await seedFinishedRun(t.ctx.store, { at: '2025-06-10T09:00:00.000Z' });
    const add = (screenshot: string) =>
      t.ctx.store.outcomes.add({
        run_id: run.id,
        account_id: DEFAULT_ACCOUNT_ID,
        ts: '2025-06-10T09:00:00.000Z',
        status: 'error',
        error_code: 'timeout',
        reason: 'Timed out',
        screenshot,
      });
    await add('/elsewhere/runs/x/birthday-1.png');
    await add('/elsewhere/runs/x/notes.txt');
    const detail = (await t.request({ method: 'GET', url: `/api/runs/${run.id}` })).json() as {
      outcomes: Record<string, unknown>[];
    };
    const url = `/api/runs/${run.id}/screenshots/birthday-1.png`;
    expect(detail.outcomes).toMatchObject([
      { screenshot: '/elsewhere/runs/x/birthday-1.png', screenshot_url: url },
      // Not an image the route would ever serve: no URL.
      { screenshot: '/elsewhere/runs/x/notes.txt', screenshot_url: null },
    ]);
    const missing = await t.request({ method: 'GET', url });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('screenshot_not_found');
  });

  it("joins the text this run wished each contact into its outcome, and only this run's", async () => {
    const at = '2025-06-10T09:00:00.000Z';
    const run = await seedFinishedRun(t.ctx.store, { at, counters: { messages_sent: 1 } });
    const ledger = t.ctx.store.birthdayMessages;
    const message = (slug: string, runId: string, text: string) =>
      ledger.createIntent({
        account_id: DEFAULT_ACCOUNT_ID,
        contact_slug: slug,
        birthday_date: '2025-06-10',
        run_id: runId,
        template: 'x',
        text,
        dry_run: false,
        created_at: '2025-06-10T09:00:05.000Z',
      });
    await message('ada-lovelace', run.id, 'Joyeux anniversaire Ada !');
    await message('alan-turing', 'an-earlier-run', 'Happy birthday Alan!');
    const outcome = (slug: string, status: 'sent' | 'skipped', reason: string) =>
      t.ctx.store.outcomes.add({
        run_id: run.id,
        account_id: DEFAULT_ACCOUNT_ID,
        ts: at,
        status,
        reason,
        contact_name: slug,
        profile_url: `https://www.linkedin.com/in/${slug}/`,
      });
    await outcome('ada-lovelace', 'sent', 'confirmed_in_thread');
    await outcome('alan-turing', 'skipped', 'already_wished');
    const detail = (await t.request({ method: 'GET', url: `/api/runs/${run.id}` })).json() as {
      outcomes: { contact_name: string; message_text: string | null }[];
    };
    expect(detail.outcomes.map((o) => [o.contact_name, o.message_text])).toEqual([
      ['ada-lovelace', 'Joyeux anniversaire Ada !'],
      ['alan-turing', null],
    ]);
  });
});
