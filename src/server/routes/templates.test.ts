import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { DEFAULT_TEMPLATE_SETS } from '../../config/defaultTemplates.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';

describe('templates routes', () => {
  const t = useTestApp();

  const get = async () => {
    const res = await t.request({ method: 'GET', url: '/api/templates' });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const put = (payload: unknown, headers?: Record<string, string>) =>
    t.request({ method: 'PUT', url: '/api/templates', payload: payload as object, headers });

  /** The top-level lists: the wish language's set, as older clients read it. */
  const lists = (answer: { today: string[]; late: string[] }) => ({ today: answer.today, late: answer.late });
  const patchSettings = (payload: object) => t.request({ method: 'PATCH', url: '/api/settings', payload });

  it('serves the default wishes of each language until the account saves its own, French first', async () => {
    const templates = await get();
    expect(templates).toEqual({
      language: 'fr',
      today: DEFAULT_TEMPLATE_SETS.fr.today,
      late: DEFAULT_TEMPLATE_SETS.fr.late,
      sets: {
        fr: { ...DEFAULT_TEMPLATE_SETS.fr, custom: false },
        en: { ...DEFAULT_TEMPLATE_SETS.en, custom: false },
      },
    });
    expect(templates.today.every((s: string) => s.includes('{first_name}'))).toBe(true);
  });

  it('replaces the lists of the wish language without a language, and keeps them', async () => {
    const next = {
      today: ['Joyeux anniversaire {first_name} !', 'Bon anniversaire {name} 🎉'],
      late: ['Avec {days_late} jours de retard : bon anniversaire {first_name} !'],
    };
    const res = await put(next);
    expect(res.statusCode).toBe(200);
    expect(lists(res.json())).toEqual(next);
    expect(res.json().sets.fr).toEqual({ ...next, custom: true });
    expect(res.json().sets.en).toEqual({ ...DEFAULT_TEMPLATE_SETS.en, custom: false });
    expect(await get()).toEqual(res.json());
  });

  it("replaces one language's set and leaves the other; the top lists follow the wish language", async () => {
    const english = { today: ['Happy birthday {first_name}!'], late: ['Belated wishes, {name}!'] };
    const res = await put({ language: 'en', ...english });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ language: 'fr', sets: { en: { ...english, custom: true } } });
    expect(res.json().sets.fr).toEqual({ ...DEFAULT_TEMPLATE_SETS.fr, custom: false });
    expect(lists(res.json())).toEqual({
      today: DEFAULT_TEMPLATE_SETS.fr.today,
      late: DEFAULT_TEMPLATE_SETS.fr.late,
    });

    expect((await patchSettings({ birthday: { language: 'en' } })).statusCode).toBe(200);
    const after = await get();
    expect(after.language).toBe('en');
    expect(lists(after)).toEqual(english);
    // Without a language, a save now goes to the English set.
    expect((await put({ today: ['Hi {first_name}'], late: ['Late {name}'] })).statusCode).toBe(200);
    expect((await get()).sets.en).toEqual({
      today: ['Hi {first_name}'],
      late: ['Late {name}'],
      custom: true,
    });
    expect((await get()).sets.fr.custom).toBe(false);
  });

  it('refuses a language it has no set for, and a wish language setting outside fr|en, changing nothing', async () => {
    const before = await get();
    const res = await put({ language: 'de', today: ['Alles Gute {first_name}'], late: ['x'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toHaveProperty(['language']);
    const setting = await patchSettings({ birthday: { language: 'de' } });
    expect(setting.statusCode).toBe(400);
    expect(await get()).toEqual(before);
  });

  it('rejects an unknown placeholder naming the list and index, and keeps the old lists', async () => {
    const before = await get();
    const res = await put({
      today: ['Salut {first_name}', 'Hello', 'Bon anniversaire {prenom} !'],
      late: ['ok'],
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.details.fields)).toEqual(['today.2']);
    expect(error.details.fields['today.2']).toContain('{prenom}');
    expect(await get()).toEqual(before);
  });

  it('enforces 1–20 non-empty templates of at most 1000 characters per list', async () => {
    const cases: [unknown, string][] = [
      [{ today: [], late: ['x'] }, 'today'],
      [{ today: ['x'], late: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'late'],
      [{ today: ['x', '   '], late: ['x'] }, 'today.1'],
      [{ today: ['x'], late: ['y'.repeat(1001)] }, 'late.0'],
      [{ today: ['x'], late: [42] }, 'late.0'],
      [{ today: ['x'] }, 'late'],
    ];
    for (const [payload, field] of cases) {
      const res = await put(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.json().error.details.fields).toHaveProperty([field]);
    }
    expect(
      (await put({ today: ['y'.repeat(1000)], late: Array.from({ length: 20 }, () => 'z') })).statusCode,
    ).toBe(200);
  });

  it('strips control characters and bidi overrides, keeping line breaks and tabs', async () => {
    const res = await put({
      today: ['Happy\u0000 birthday\u202e {first_name}!\r\nSee you\u2028soon\u0085\u2066\tcheers'],
      late: ['Belated\u200f wishes\u0007 {first_name}\u2029Take care\u0013'],
    });
    expect(res.statusCode).toBe(200);
    const expected = {
      today: ['Happy birthday {first_name}!\nSee you\nsoon\tcheers'],
      late: ['Belated\u200f wishes {first_name}\nTake care'],
    };
    expect(lists(res.json())).toEqual(expected);
    expect(lists(await get())).toEqual(expected);
    // Nothing left once the invisible characters are gone: empty, refused.
    const empty = await put({ today: ['\u202e\u0000'], late: ['x'] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields).toHaveProperty(['today.0']);
  });

  it('rejects unknown fields', async () => {
    const res = await put({ today: ['x'], late: ['y'], other: ['z'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(JSON.stringify(res.json().error.details)).toContain('other');
  });

  it('audits the update with the actor', async () => {
    const cookie = await t.login();
    expect(
      (await put({ language: 'en', today: ['a {first_name}'], late: ['b', 'c'] }, { cookie })).statusCode,
    ).toBe(200);
    const [entry] = await t.ctx.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 5,
      action: 'templates.update',
    });
    expect(entry).toMatchObject({
      actor_type: 'user',
      actor_id: 'admin',
      details: { language: 'en', today: 1, late: 2 },
    });
  });
});
