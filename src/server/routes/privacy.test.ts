import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { runScreenshotDir } from '../../config/dataDir.ts';
import { DEFAULT_ACCOUNT_ID, zeroCounters } from '../../domain.ts';
import { doctorRoot } from '../../runner/doctor.ts';
import { SESSION_CHECKS_DIR } from '../../runner/sessionCheck.ts';
import { ManualClock } from '../testing.ts';

const NOW = '2026-07-01T10:00:00.000Z';
const PNG = Buffer.from('89504e470d0a1a0a', 'hex');

describe('POST /api/privacy/forget', () => {
  const clock = new ManualClock(NOW);
  const t = useTestApp({ clock });
  const acc = DEFAULT_ACCOUNT_ID;

  const forget = (body: unknown, cookie?: string) =>
    cookie
      ? t.app.inject({
          method: 'POST',
          url: '/api/privacy/forget',
          headers: { cookie },
          payload: body as object,
        })
      : t.request({ method: 'POST', url: '/api/privacy/forget', payload: body as object });

  /** A run that wished Ada today: its outcome with a screenshot on disk, the contact, the ledger, a log line; a page check's and a session check's files. */
  async function wishedAdaToday(finish = true) {
    const { store } = t.ctx;
    const run = await store.runs.createIfIdle({
      account_id: acc,
      type: 'birthday',
      trigger: 'manual',
      dry_run: false,
      options: {},
      queued_at: NOW,
    });
    if (!run) throw new Error('not idle');
    if (finish) {
      await store.runs.finish(run.id, {
        status: 'succeeded',
        at: NOW,
        counters: { ...zeroCounters(), messages_sent: 1 },
      });
    }
    const shots = runScreenshotDir(t.dataDir, run.id);
    fs.mkdirSync(shots, { recursive: true });
    fs.writeFileSync(path.join(shots, 'birthday-ada.png'), PNG);
    await store.outcomes.add({
      run_id: run.id,
      account_id: acc,
      ts: NOW,
      contact_name: 'Ada Lovelace',
      profile_url: 'https://www.linkedin.com/in/ada/',
      status: 'sent',
      screenshot: `runs/${run.id}/birthday-ada.png`,
    });
    await store.contacts.upsert({
      account_id: acc,
      slug: 'ada',
      name: 'Ada Lovelace',
      profile_url: 'https://www.linkedin.com/in/ada/',
      updated_at: NOW,
    });
    const wish = await store.birthdayMessages.createIntent({
      account_id: acc,
      contact_slug: 'ada',
      birthday_date: '2026-07-01',
      run_id: run.id,
      template: 'Happy birthday {first_name}!',
      text: 'Happy birthday Ada!',
      dry_run: false,
      created_at: NOW,
    });
    await store.birthdayMessages.confirm(wish!.id, NOW);
    await store.logs.append([
      {
        account_id: acc,
        ts: NOW,
        level: 'info',
        run_id: run.id,
        message: 'Wished Ada Lovelace',
        code: 'birthday.wished',
        params: { name: 'Ada Lovelace', days_late: 0 },
      },
    ]);
    const walk = path.join(doctorRoot(t.dataDir, acc), '2026-07-01T09-00-00-000Z');
    fs.mkdirSync(walk, { recursive: true });
    fs.writeFileSync(path.join(walk, 'doctor-feed-1.png'), PNG);
    fs.writeFileSync(path.join(walk, 'doctor-feed-1.json'), '{"people":["Ada Lovelace"]}');
    const check = path.join(t.dataDir, SESSION_CHECKS_DIR, '2026-07-01T08-00-00-000Z');
    fs.mkdirSync(check, { recursive: true });
    fs.writeFileSync(path.join(check, 'check-feed.png'), PNG);
    return { run, shots, walk, check };
  }

  const dailyQuotaUsed = async () =>
    (await t.request({ method: 'GET', url: '/api/stats' })).json().quota.daily.used as number;

  it('asks for a confirmation: 409 confirmation_required, nothing deleted', async () => {
    const { shots } = await wishedAdaToday();
    for (const body of [{}, { confirm: false }]) {
      const res = await forget(body);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: 'confirmation_required' } });
    }
    expect(await t.ctx.store.contacts.get(acc, 'ada')).not.toBeNull();
    expect(fs.readdirSync(shots)).toEqual(['birthday-ada.png']);
  });

  it("deletes the account's contacts, outcomes, texts, run logs, screenshots and snapshots; today's quota still counts the wish", async () => {
    const { run, shots, walk, check } = await wishedAdaToday();
    expect(await dailyQuotaUsed()).toBe(1);
    const cookie = await t.login();

    const res = await forget({ confirm: true }, cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      forgotten: {
        contacts: 1,
        outcomes: 1,
        ledger_texts: 1,
        ledger_keys: 0,
        run_errors: 0,
        profile_visits: 0,
        invitation_withdrawals: 0,
        log_lines: 1,
        notifications: 0,
        screenshots: 2,
        doctor_reports: 1,
      },
    });

    const { store } = t.ctx;
    expect(await store.contacts.get(acc, 'ada')).toBeNull();
    const detail = (await t.request({ method: 'GET', url: `/api/runs/${run.id}` })).json();
    expect(JSON.stringify(detail)).not.toContain('Ada');
    expect(detail).toMatchObject({ messages_sent: 1, outcomes: [] });
    expect(fs.existsSync(shots)).toBe(false);
    expect(fs.existsSync(walk)).toBe(false);
    expect(fs.existsSync(check)).toBe(false);
    const logs = (await t.request({ method: 'GET', url: '/api/logs' })).json();
    expect(JSON.stringify(logs)).not.toContain('Ada');
    // The limits still count today's wish, and Ada is not wished twice for this birthday.
    expect(await dailyQuotaUsed()).toBe(1);
    expect((await store.birthdayMessages.find(acc, 'ada', '2026-07-01'))?.text).toBe('');
    expect(
      await store.birthdayMessages.createIntent({
        account_id: acc,
        contact_slug: 'ada',
        birthday_date: '2026-07-01',
        run_id: 'next',
        template: 'x',
        text: 'Happy birthday again!',
        dry_run: false,
        created_at: NOW,
      }),
    ).toBeNull();

    const audit = (await t.request({ method: 'GET', url: '/api/audit?action=privacy.forget' })).json();
    expect(audit.entries).toMatchObject([
      { actor_type: 'user', actor_id: 'admin', details: { contacts: 1, screenshots: 2 } },
    ]);
  });

  it('is refused while a run is queued or active: 409 already_running', async () => {
    const { run } = await wishedAdaToday(false);
    const res = await forget({ confirm: true });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'already_running', details: { run_id: run.id } } });
    expect(await t.ctx.store.contacts.get(acc, 'ada')).not.toBeNull();
  });
});
