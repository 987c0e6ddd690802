import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScreenshotDir } from '../config/dataDir.ts';
import { saveSettings } from '../config/settingsStore.ts';
import { DEFAULT_SETTINGS } from '../contract/settings.ts';
import { DEFAULT_ACCOUNT_ID, zeroCounters } from '../domain.ts';
import { doctorRoot } from '../runner/doctor.ts';
import { ManualClock } from '../server/testing.ts';
import { createStore, type Store } from '../store/index.ts';
import { applyRetention } from './retention.ts';

const NOW = new Date('2026-07-01T10:00:00.000Z');
const DAY = 24 * 3600 * 1000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);
const acc = DEFAULT_ACCOUNT_ID;

describe('retention of LinkedIn contacts data', () => {
  let dataDir: string;
  let store: Store;
  const clock = new ManualClock(NOW);

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-retention-'));
    store = await createStore({ databaseUrl: path.join(dataDir, 'db.sqlite') });
    await store.accounts.ensure(acc, 'Default', daysAgo(500).toISOString());
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A run `age` days ago that wished `slug`, with its screenshot (written then) and outcome. */
  async function wished(slug: string, age: number) {
    const at = daysAgo(age).toISOString();
    const run = await store.runs.createIfIdle({
      account_id: acc,
      type: 'birthday',
      trigger: 'manual',
      dry_run: false,
      options: {},
      queued_at: at,
    });
    if (!run) throw new Error('not idle');
    await store.runs.finish(run.id, {
      status: 'succeeded',
      at,
      counters: { ...zeroCounters(), messages_sent: 1 },
    });
    const shot = path.join(runScreenshotDir(dataDir, run.id), `${slug}.png`);
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    fs.writeFileSync(shot, 'png');
    fs.utimesSync(shot, daysAgo(age), daysAgo(age));
    await store.outcomes.add({
      run_id: run.id,
      account_id: acc,
      ts: at,
      contact_name: `Name ${slug}`,
      profile_url: `https://www.linkedin.com/in/${slug}/`,
      status: 'sent',
      screenshot: `runs/${run.id}/${slug}.png`,
    });
    await store.contacts.upsert({
      account_id: acc,
      slug,
      name: `Name ${slug}`,
      profile_url: `https://www.linkedin.com/in/${slug}/`,
      updated_at: at,
    });
    const wish = await store.birthdayMessages.createIntent({
      account_id: acc,
      contact_slug: slug,
      birthday_date: at.slice(0, 10),
      run_id: run.id,
      template: 'Happy birthday {first_name}!',
      text: `Happy birthday ${slug}!`,
      dry_run: false,
      created_at: at,
    });
    await store.birthdayMessages.confirm(wish!.id, at);
    return { run, shot };
  }

  function doctorWalk(age: number): string {
    const dir = path.join(doctorRoot(dataDir, acc), daysAgo(age).toISOString().replace(/[:.]/g, '-'));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'doctor-feed-1.png'), 'png');
    fs.utimesSync(dir, daysAgo(age), daysAgo(age));
    return dir;
  }

  it('removes screenshots after 30 days and contacts, outcomes and texts after a year, by default', async () => {
    const old = await wished('old', 400);
    const mid = await wished('mid', 60);
    const recent = await wished('recent', 1);
    const oldWalk = doctorWalk(60);
    const newWalk = doctorWalk(2);

    await applyRetention(store, clock, { logRetentionDays: 30, dataDir });

    // Screenshots: older than 30 days gone (files and references), newer kept.
    expect(fs.existsSync(old.shot)).toBe(false);
    expect(fs.existsSync(mid.shot)).toBe(false);
    expect(fs.existsSync(recent.shot)).toBe(true);
    expect(fs.existsSync(oldWalk)).toBe(false);
    expect(fs.existsSync(newWalk)).toBe(true);
    expect((await store.outcomes.listForRun(mid.run.id))[0]).toMatchObject({
      contact_name: 'Name mid',
      screenshot: null,
    });
    expect((await store.outcomes.listForRun(recent.run.id))[0]?.screenshot).toBe(
      `runs/${recent.run.id}/recent.png`,
    );
    // Contacts, outcomes and texts: older than a year gone; the wish's key stays (avoid-repetition window).
    expect(await store.contacts.get(acc, 'old')).toBeNull();
    expect(await store.contacts.get(acc, 'mid')).not.toBeNull();
    expect(await store.outcomes.listForRun(old.run.id)).toEqual([]);
    const oldWish = await store.birthdayMessages.find(acc, 'old', daysAgo(400).toISOString().slice(0, 10));
    expect(oldWish).toMatchObject({ text: '', template: 'Happy birthday {first_name}!' });
    expect((await store.runs.get(old.run.id))?.messages_sent).toBe(1);
  });

  it('follows the retention settings', async () => {
    await saveSettings(
      store,
      acc,
      { ...DEFAULT_SETTINGS, retention: { screenshots_days: 90, outcomes_days: 30 } },
      NOW.toISOString(),
    );
    const mid = await wished('mid', 60);

    await applyRetention(store, clock, { logRetentionDays: 30, dataDir });

    expect(fs.existsSync(mid.shot)).toBe(true);
    expect(await store.contacts.get(acc, 'mid')).toBeNull();
    expect(await store.outcomes.listForRun(mid.run.id)).toEqual([]);
  });
});
