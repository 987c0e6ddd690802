import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { DEFAULT_ACCOUNT_ID, type LogLevel } from '../../domain.ts';
import { seedFinishedRun } from '../testing.ts';

describe('GET /api/logs', () => {
  const t = useTestApp();
  let runA: string;
  let runB: string;
  beforeEach(async () => {
    const { store } = t.ctx;
    runA = (await seedFinishedRun(store, { at: '2025-06-15T08:00:00.000Z' })).id;
    runB = (await seedFinishedRun(store, { at: '2025-06-15T09:00:00.000Z' })).id;
    const levels: LogLevel[] = ['debug', 'info', 'warn', 'error'];
    await store.logs.append(
      Array.from({ length: 30 }, (_, i) => ({
        account_id: DEFAULT_ACCOUNT_ID,
        ts: new Date(Date.UTC(2025, 5, 15, 10, 0, i)).toISOString(),
        level: levels[i % 4]!,
        run_id: i < 10 ? null : i < 20 ? runA : runB,
        message: `line ${i}`,
        code: i === 29 ? 'birthday.wished' : null,
        params: i === 29 ? { name: 'Ada', days_late: 1 } : null,
      })),
    );
    await store.accounts.ensure('other', 'Other', new Date().toISOString());
    await store.logs.append([
      {
        account_id: 'other',
        ts: new Date().toISOString(),
        level: 'info',
        run_id: null,
        message: 'foreign',
        code: null,
        params: null,
      },
    ]);
  });

  const logs = async (query = '') => {
    const res = await t.request({ method: 'GET', url: `/api/logs${query}` });
    expect(res.statusCode).toBe(200);
    return res.json().logs as {
      id: number;
      ts: string;
      level: string;
      run_id: string | null;
      message: string;
      code: string | null;
      params: Record<string, unknown> | null;
    }[];
  };

  it('returns the 20 newest lines, newest first, without account ids', async () => {
    const lines = await logs();
    expect(lines).toHaveLength(20);
    expect(lines.map((l) => l.message)).toEqual(Array.from({ length: 20 }, (_, i) => `line ${29 - i}`));
    expect(Object.keys(lines[0]!).sort()).toEqual([
      'code',
      'id',
      'level',
      'message',
      'params',
      'run_id',
      'ts',
    ]);
    expect(lines[0]).toMatchObject({
      level: 'info',
      run_id: runB,
      ts: '2025-06-15T10:00:29.000Z',
      code: 'birthday.wished',
      params: { name: 'Ada', days_late: 1 },
    });
    expect(lines[1]).toMatchObject({ code: null, params: null });
    expect(JSON.stringify(lines)).not.toContain('foreign');
  });

  it('pages with limit and the before cursor', async () => {
    const first = await logs('?limit=5');
    expect(first.map((l) => l.message)).toEqual(['line 29', 'line 28', 'line 27', 'line 26', 'line 25']);
    const next = await logs(`?limit=5&before=${first.at(-1)!.id}`);
    expect(next.map((l) => l.message)).toEqual(['line 24', 'line 23', 'line 22', 'line 21', 'line 20']);
    const all = await logs('?limit=500');
    expect(all).toHaveLength(30);
    expect(await logs(`?before=${all.at(-1)!.id}`)).toEqual([]);
  });

  it('filters by level and by run', async () => {
    const errors = await logs('?level=error&limit=100');
    expect(errors.map((l) => l.message)).toEqual([
      'line 27',
      'line 23',
      'line 19',
      'line 15',
      'line 11',
      'line 7',
      'line 3',
    ]);
    const ofA = await logs(`?run_id=${runA}&limit=100`);
    expect(ofA).toHaveLength(10);
    expect(ofA.every((l) => l.run_id === runA)).toBe(true);
    const warnOfB = await logs(`?run_id=${runB}&level=warn`);
    expect(warnOfB.map((l) => l.message)).toEqual(['line 26', 'line 22']);
    expect(await logs('?run_id=no-such-run')).toEqual([]);
  });

  it('lists a level and above with min_level, and a level only with level', async () => {
    const all = await logs('?limit=100');
    const atLeast = async (min: string) => (await logs(`?min_level=${min}&limit=100`)).map((l) => l.level);
    expect(await atLeast('debug')).toHaveLength(30);
    const info = await atLeast('info');
    expect(info).toHaveLength(all.filter((l) => l.level !== 'debug').length);
    expect(info).not.toContain('debug');
    expect(new Set(await atLeast('warn'))).toEqual(new Set(['warn', 'error']));
    expect(new Set(await atLeast('error'))).toEqual(new Set(['error']));
    // Both together: the exact level, if it is at or above the minimum.
    expect((await logs('?min_level=info&level=debug')).length).toBe(0);
  });

  it("finds a run's lines by the 8 characters of its id the dashboard shows, in any case", async () => {
    const short = runA.slice(0, 8);
    for (const query of [short, short.toUpperCase(), runA.slice(0, 13), runA]) {
      const found = await logs(`?run_id=${query}&limit=100`);
      expect(found, query).toHaveLength(10);
      expect(found.every((l) => l.run_id === runA)).toBe(true);
    }
    const infoOfA = await logs(`?run_id=${short}&min_level=warn&limit=100`);
    expect(infoOfA.every((l) => l.run_id === runA && (l.level === 'warn' || l.level === 'error'))).toBe(true);
    // Fewer than 8 characters, or wildcards, are a (never found) id, not a prefix.
    expect(await logs(`?run_id=${runA.slice(0, 7)}`)).toEqual([]);
    expect(await logs(`?run_id=${encodeURIComponent(`${runA.slice(0, 7)}%`)}`)).toEqual([]);
    expect(await logs(`?run_id=${encodeURIComponent(`${runA.slice(0, 8)}_`)}`)).toEqual([]);
  });

  it('rejects invalid parameters naming the field', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=2.5', 'limit'],
      ['before=0', 'before'],
      ['before=-4', 'before'],
      ['before=x', 'before'],
      ['level=verbose', 'level'],
      ['min_level=verbose', 'min_level'],
      ['min_level=INFO', 'min_level'],
      ['run_id=', 'run_id'],
    ];
    for (const [query, field] of cases) {
      const res = await t.request({ method: 'GET', url: `/api/logs?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(res.json().error.details.fields, query).toHaveProperty([field]);
    }
  });
});
