import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { DEFAULT_ACCOUNT_ID, type OutcomeStatus } from '../../domain.ts';
import { CSV_BOM } from '../../stats/csv.ts';
import { ManualClock, seedFinishedRun } from '../testing.ts';
import { EXPORT_PAGE_SIZE } from './exports.ts';

// Sunday 15 June 2025, 12:00 in Paris (UTC+2).
const NOW = '2025-06-15T10:00:00.000Z';

/** The CSV's lines without the BOM (checked apart) and the final CRLF. */
function lines(body: string): string[] {
  expect(body.startsWith(CSV_BOM)).toBe(true);
  expect(body.endsWith('\r\n')).toBe(true);
  return body.slice(CSV_BOM.length, -2).split('\r\n');
}

describe('GET /api/export/*.csv', () => {
  const t = useTestApp({ clock: new ManualClock(NOW) });

  const get = (url: string, headers?: Record<string, string>) => t.request({ method: 'GET', url, headers });

  const outcome = (runId: string, ts: string, status: OutcomeStatus, contact_name: string, reason?: string) =>
    t.ctx.store.outcomes.add({
      run_id: runId,
      account_id: DEFAULT_ACCOUNT_ID,
      ts,
      status,
      contact_name,
      profile_url: 'https://www.linkedin.com/in/someone/',
      reason: reason ?? null,
    });

  it('downloads the runs of the chosen local days as CSV, oldest first', async () => {
    const store = t.ctx.store;
    // 00:30 on the 15th in Paris is still the 14th in UTC: it belongs to the 15th.
    const lateNight = await seedFinishedRun(store, {
      at: '2025-06-14T22:30:00.000Z',
      counters: { messages_sent: 2, skipped: 1 },
    });
    const visitor = await seedFinishedRun(store, {
      at: '2025-06-15T08:00:00.000Z',
      type: 'visitor',
      status: 'failed',
      counters: { profiles_visited: 4, errors: 1 },
    });
    const older = await seedFinishedRun(store, {
      at: '2025-06-14T21:59:00.000Z',
      counters: { messages_sent: 1 },
    });

    const res = await get('/api/export/runs.csv?days=1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="runs_2025-06-15_2025-06-15.csv"');
    const [header, ...rows] = lines(res.body);
    expect(header).toBe(
      'id,type,status,trigger,dry_run,queued_at,started_at,ended_at,messages_sent,skipped,errors,' +
        'profiles_visited,invitations_withdrawn,error_code,error_message,stopped_by',
    );
    expect(rows).toEqual([
      `${lateNight.id},birthday,succeeded,manual,false,2025-06-14T22:30:00.000Z,2025-06-14T22:30:00.000Z,` +
        '2025-06-14T22:30:00.000Z,2,1,0,0,0,,,',
      `${visitor.id},visitor,failed,manual,false,2025-06-15T08:00:00.000Z,2025-06-15T08:00:00.000Z,` +
        '2025-06-15T08:00:00.000Z,0,0,1,4,0,,,',
    ]);

    // from/to are inclusive local dates; nothing given is all time.
    const day14 = lines((await get('/api/export/runs.csv?from=2025-06-14&to=2025-06-14')).body);
    expect(day14.slice(1).map((r) => r.split(',')[0])).toEqual([older.id]);
    const all = lines((await get('/api/export/runs.csv')).body);
    expect(all.slice(1).map((r) => r.split(',')[0])).toEqual([older.id, lateNight.id, visitor.id]);
    expect((await get('/api/export/runs.csv')).headers['content-disposition']).toBe(
      'attachment; filename="runs_start_2025-06-15.csv"',
    );
  });

  it('downloads outcomes with their run type, quoting per RFC 4180 and defusing formulas', async () => {
    const run = await seedFinishedRun(t.ctx.store, { at: '2025-06-15T08:00:00.000Z', dryRun: true });
    const hostile = await outcome(run.id, '2025-06-15T08:01:00.000Z', 'sent', '=HYPERLINK("http://x","y")');
    const quoted = await outcome(
      run.id,
      '2025-06-15T08:02:00.000Z',
      'skipped',
      'Zoë, "Zo" Ünal',
      'line\nbreak',
    );
    const plus = await outcome(run.id, '2025-06-15T08:03:00.000Z', 'error', '+33 6 00', '@SUM(A1)');
    const minus = await outcome(run.id, '2025-06-15T08:04:00.000Z', 'skipped', '-1+2', '\tcmd');

    const res = await get('/api/export/outcomes.csv?from=2025-06-15&to=2025-06-15');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="outcomes_2025-06-15_2025-06-15.csv"',
    );
    const url = 'https://www.linkedin.com/in/someone/';
    expect(res.body).toBe(
      `${CSV_BOM}id,run_id,run_type,dry_run,ts,status,contact_name,profile_url,reason,error_code\r\n` +
        `${hostile.id},${run.id},birthday,true,2025-06-15T08:01:00.000Z,sent,"'=HYPERLINK(""http://x"",""y"")",${url},,\r\n` +
        `${quoted.id},${run.id},birthday,true,2025-06-15T08:02:00.000Z,skipped,"Zoë, ""Zo"" Ünal",${url},"line\nbreak",\r\n` +
        `${plus.id},${run.id},birthday,true,2025-06-15T08:03:00.000Z,error,'+33 6 00,${url},'@SUM(A1),\r\n` +
        `${minus.id},${run.id},birthday,true,2025-06-15T08:04:00.000Z,skipped,'-1+2,${url},'\tcmd,\r\n`,
    );
    // The bytes are UTF-8 with a byte order mark, for Excel.
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines((await get('/api/export/outcomes.csv?to=2025-06-14')).body)).toHaveLength(1);
  });

  it('streams every row once when the history spans several pages', async () => {
    const run = await seedFinishedRun(t.ctx.store, { at: '2025-06-15T08:00:00.000Z' });
    const total = EXPORT_PAGE_SIZE * 2 + 7;
    for (let i = 0; i < total; i++) {
      await outcome(run.id, '2025-06-15T08:01:00.000Z', 'sent', `Contact ${i}`);
    }
    const rows = lines((await get('/api/export/outcomes.csv')).body).slice(1);
    expect(rows).toHaveLength(total);
    expect(rows.map((r) => r.split(',')[6])).toEqual(Array.from({ length: total }, (_, i) => `Contact ${i}`));
  });

  it('pages runs by (time, id): runs sharing a time across a page boundary come once each', async () => {
    const store = t.ctx.store;
    const same = '2025-06-15T08:00:00.000Z';
    const early = await seedFinishedRun(store, { at: '2025-06-15T07:00:00.000Z' });
    const tied: string[] = [];
    // The first page ends inside the tie: its last run and the next page's first share the time.
    for (let i = 0; i < EXPORT_PAGE_SIZE + 4; i++) tied.push((await seedFinishedRun(store, { at: same })).id);
    const late = await seedFinishedRun(store, { at: '2025-06-15T09:00:00.000Z' });

    const ids = lines((await get('/api/export/runs.csv')).body)
      .slice(1)
      .map((row) => row.split(',')[0]);
    expect(ids).toHaveLength(tied.length + 2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([early.id, ...[...tied].sort(), late.id]);
  });

  it('needs a login or the API key, and accepts the session cookie', async () => {
    for (const url of ['/api/export/runs.csv', '/api/export/outcomes.csv']) {
      const res = await get(url, {});
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
      const cookie = await t.login();
      expect((await get(url, { cookie })).statusCode).toBe(200);
    }
  });

  it('refuses bad ranges with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['days=0', 'days'],
      ['days=abc', 'days'],
      ['days=1.5', 'days'],
      ['from=2025-13-01', 'from'],
      ['from=2025-02-30', 'from'],
      ['to=15/06/2025', 'to'],
      ['from=2025-06-10&to=2025-06-01', 'to'],
      ['days=7&from=2025-06-01', 'days'],
    ];
    for (const kind of ['runs', 'outcomes']) {
      for (const [query, field] of cases) {
        const res = await get(`/api/export/${kind}.csv?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.json().error.code).toBe('invalid_input');
        expect(Object.keys(res.json().error.details.fields), query).toEqual([field]);
      }
    }
  });
});
