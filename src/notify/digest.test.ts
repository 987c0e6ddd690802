import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, deepMerge, settingsSchema } from '../config/settings.ts';
import { saveSettings } from '../config/settingsStore.ts';
import { DEFAULT_ACCOUNT_ID, type RunCounters, zeroCounters } from '../domain.ts';
import { createStore } from '../store/index.ts';
import type { NewOutcome, Store } from '../store/interfaces.ts';
import { buildDigestData } from './digest.ts';
import type { DailyDigestData } from './eventData.ts';

const TZ = 'Europe/Paris';
const DAY = '2026-06-15'; // Paris is UTC+2: the day is [2026-06-14T22:00Z, 2026-06-15T22:00Z).
const HOSTILE = '<img src=x onerror=alert(1)>';
const url = (slug: string) => `https://www.linkedin.com/in/${slug}/`;
const account = DEFAULT_ACCOUNT_ID;

let dir: string;
let store: Store;

/** A run that started at `at` and ended with `status` and `counters`, with its outcomes. */
async function seedRun(input: {
  type: string;
  at: string;
  status: 'succeeded' | 'failed' | 'stopped';
  dryRun?: boolean;
  counters?: Partial<RunCounters>;
  outcomes?: Omit<NewOutcome, 'run_id' | 'account_id' | 'ts'>[];
}): Promise<string> {
  const run = await store.runs.createIfIdle({
    account_id: account,
    type: input.type,
    trigger: 'schedule',
    dry_run: input.dryRun ?? false,
    options: {},
    queued_at: input.at,
  });
  if (!run) throw new Error('the account has an active run');
  await store.runs.markRunning(run.id, input.at, null, null);
  for (const outcome of input.outcomes ?? []) {
    await store.outcomes.add({ ...outcome, run_id: run.id, account_id: account, ts: input.at });
  }
  const finished = await store.runs.finish(run.id, {
    status: input.status,
    at: input.at,
    counters: { ...zeroCounters(), ...input.counters },
  });
  expect(finished).toBe(true);
  return run.id;
}

async function wished(slug: string, runId: string, at: string, confirmed: boolean): Promise<void> {
  const intent = await store.birthdayMessages.createIntent({
    account_id: account,
    contact_slug: slug,
    birthday_date: DAY,
    run_id: runId,
    template: 'Joyeux anniversaire {first_name} !',
    text: 'Joyeux anniversaire !',
    dry_run: false,
    created_at: at,
  });
  if (confirmed) await store.birthdayMessages.confirm(intent!.id, at);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-digest-'));
  store = await createStore({ databaseUrl: path.join(dir, 'digest.sqlite') });
  await store.accounts.ensure(account, 'Default', '2026-06-01T00:00:00.000Z');
  const settings = settingsSchema.parse(
    deepMerge(DEFAULT_SETTINGS, {
      // A daily limit of 5 with 2 wishes sent leaves room for 3 more today.
      limits: { per_run: 15, daily: 5, weekly: 100, warm_up: false },
      schedule: { timezone: TZ },
    }),
  );
  await saveSettings(store, account, settings, '2026-06-01T00:00:00.000Z');
  await store.blacklist.add({
    account_id: account,
    name: 'Dave Doe',
    profile_url: null,
    reason: null,
    created_at: '2026-06-01T00:00:00.000Z',
  });

  // The day before (Paris): not in the digest.
  await seedRun({
    type: 'birthday',
    at: '2026-06-14T10:00:00.000Z',
    status: 'succeeded',
    counters: { messages_sent: 1 },
    outcomes: [
      { contact_name: 'Zoe Old', profile_url: url('zoe'), status: 'sent', reason: 'confirmed_in_thread' },
    ],
  });
  // 00:30 in Paris on the day: a dry run, whose skips a later real run replaces.
  await seedRun({
    type: 'birthday',
    at: '2026-06-14T22:30:00.000Z',
    status: 'succeeded',
    dryRun: true,
    counters: { skipped: 2 },
    outcomes: [
      { contact_name: 'Alice Martin', profile_url: url('alice'), status: 'skipped', reason: 'dry_run' },
      { contact_name: 'Bob Stone', profile_url: url('bob'), status: 'skipped', reason: 'dry_run' },
    ],
  });
  const morning = await seedRun({
    type: 'birthday',
    at: '2026-06-15T07:00:00.000Z',
    status: 'succeeded',
    counters: { messages_sent: 2, skipped: 2, errors: 1 },
    outcomes: [
      {
        contact_name: 'Alice Martin',
        profile_url: url('alice'),
        status: 'sent',
        reason: 'confirmed_in_thread',
      },
      { contact_name: 'Bob Stone', profile_url: url('bob'), status: 'sent', reason: 'confirmed_in_thread' },
      {
        contact_name: 'Carol Diaz',
        profile_url: url('carol'),
        status: 'error',
        reason: 'LinkedIn did not send it',
        error_code: 'send_failed',
      },
      { contact_name: 'Dave Doe', profile_url: url('dave'), status: 'skipped', reason: 'blacklisted' },
      { contact_name: 'Eve Stone', profile_url: url('eve'), status: 'skipped', reason: 'outside_window' },
      // A step's error is about no contact: not a wish.
      { contact_name: null, profile_url: null, status: 'error', reason: 'x', error_code: 'timeout' },
    ],
  });
  await wished('alice', morning, '2026-06-15T07:01:00.000Z', true);
  await wished('bob', morning, '2026-06-15T07:02:00.000Z', true);
  // Heidi's wish was pressed but never confirmed: the next run checks the conversation.
  await wished('heidi', morning, '2026-06-15T07:03:00.000Z', false);
  await store.birthdayListings.record({
    run_id: morning,
    account_id: account,
    seen_at: '2026-06-15T07:00:00.000Z',
    local_date: DAY,
    contacts: [
      { slug: 'alice', name: 'Alice Martin', profile_url: url('alice'), days_late: 0 },
      { slug: 'bob', name: 'Bob Stone', profile_url: url('bob'), days_late: 0 },
      { slug: 'carol', name: 'Carol Diaz', profile_url: url('carol'), days_late: 0 },
      { slug: 'dave', name: 'Dave Doe', profile_url: url('dave'), days_late: 0 },
      { slug: 'eve', name: 'Eve Stone', profile_url: url('eve'), days_late: 0 },
      { slug: 'frank', name: 'Frank Roe', profile_url: url('frank'), days_late: 0 },
      { slug: 'grace', name: 'Grace Late', profile_url: url('grace'), days_late: 2 },
      { slug: 'heidi', name: 'Heidi Klum', profile_url: url('heidi'), days_late: 0 },
      { slug: 'mallory', name: HOSTILE, profile_url: url('mallory'), days_late: 0 },
    ],
  });
  await seedRun({
    type: 'visitor',
    at: '2026-06-15T08:00:00.000Z',
    status: 'failed',
    counters: { profiles_visited: 3, errors: 1 },
  });
  // 00:30 in Paris the next day: not in the digest.
  await seedRun({ type: 'invitations', at: '2026-06-15T22:30:00.000Z', status: 'succeeded' });
});

afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('buildDigestData', () => {
  it("sums the day's runs per type, tallies each contact's last wish, and says why today's birthdays were not wished", async () => {
    const digest = await buildDigestData(store, account, DAY, TZ, new Date('2026-06-15T18:00:00.000Z'));
    expect(digest).toEqual<DailyDigestData>({
      date: DAY,
      timezone: TZ,
      runs: [
        {
          type: 'birthday',
          runs: 2,
          succeeded: 2,
          failed: 0,
          stopped: 0,
          interrupted: 0,
          in_progress: 0,
          dry_runs: 1,
          counters: { ...zeroCounters(), messages_sent: 2, skipped: 2, errors: 1 },
        },
        {
          type: 'visitor',
          runs: 1,
          succeeded: 0,
          failed: 1,
          stopped: 0,
          interrupted: 0,
          in_progress: 0,
          dry_runs: 0,
          counters: { ...zeroCounters(), profiles_visited: 3, errors: 1 },
        },
      ],
      sent: 2,
      skipped: 2,
      failed: 1,
      interrupted: 0,
      skipped_by_reason: { blacklisted: 1, outside_window: 1 },
      sent_to: ['Alice Martin', 'Bob Stone'],
      failures: [{ name: 'Carol Diaz', error_code: 'send_failed' }],
      birthdays_read_on: DAY,
      not_wished: [
        { name: 'Carol Diaz', profile_url: url('carol'), reason: 'failed', error_code: 'send_failed' },
        { name: 'Dave Doe', profile_url: url('dave'), reason: 'blacklisted', error_code: null },
        { name: 'Eve Stone', profile_url: url('eve'), reason: 'outside_window', error_code: null },
        // Room for 3 more wishes (Carol, Eve, Frank), and no run got to Frank.
        { name: 'Frank Roe', profile_url: url('frank'), reason: 'not_reached', error_code: null },
        { name: 'Heidi Klum', profile_url: url('heidi'), reason: 'pending', error_code: null },
        // The limits leave no room for the last one.
        { name: HOSTILE, profile_url: url('mallory'), reason: 'limit', error_code: null },
      ],
    });
  });

  it('knows no birthdays of a day whose birthday page no run read, and no runs of a day without any', async () => {
    const next = await buildDigestData(
      store,
      account,
      '2026-06-16',
      TZ,
      new Date('2026-06-16T18:00:00.000Z'),
    );
    expect(next).toMatchObject({
      date: '2026-06-16',
      runs: [expect.objectContaining({ type: 'invitations', runs: 1, succeeded: 1 })],
      sent: 0,
      skipped: 0,
      failed: 0,
      sent_to: [],
      failures: [],
      birthdays_read_on: DAY,
      not_wished: [],
    });
    const quiet = await buildDigestData(
      store,
      account,
      '2026-06-20',
      TZ,
      new Date('2026-06-20T18:00:00.000Z'),
    );
    expect(quiet.runs).toEqual([]);
  });

  it('reads the day in the timezone given: in UTC the dry run at 22:30 belongs to the day before', async () => {
    const utc = await buildDigestData(
      store,
      account,
      '2026-06-14',
      'UTC',
      new Date('2026-06-15T18:00:00.000Z'),
    );
    expect(utc.runs).toEqual([
      expect.objectContaining({
        type: 'birthday',
        runs: 2,
        dry_runs: 1,
        counters: expect.objectContaining({ messages_sent: 1 }),
      }),
    ]);
    expect(utc.sent_to).toEqual(['Zoe Old']);
    expect(utc.skipped_by_reason).toEqual({ dry_run: 2 });
  });
});
