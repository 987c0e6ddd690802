import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';

describe('contacts routes', () => {
  const t = useTestApp();

  const seen = (slug: string, name: string) =>
    t.ctx.store.contacts.upsert({
      account_id: DEFAULT_ACCOUNT_ID,
      slug,
      name,
      profile_url: `https://www.linkedin.com/in/${slug}/`,
      updated_at: '2025-03-01T00:00:00.000Z',
    });
  const patch = (slug: string, payload: unknown, headers?: Record<string, string>) =>
    t.request({
      method: 'PATCH',
      url: `/api/contacts/${encodeURIComponent(slug)}`,
      payload: payload as object,
      headers,
    });
  const get = (slug: string) =>
    t.request({ method: 'GET', url: `/api/contacts/${encodeURIComponent(slug)}` });

  it("shows a contact a run met, wished in the account's language until given one", async () => {
    await seen('ada-lovelace', 'Ada Lovelace');
    const res = await get('ada-lovelace');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      slug: 'ada-lovelace',
      name: 'Ada Lovelace',
      profile_url: 'https://www.linkedin.com/in/ada-lovelace/',
      language: null,
      wish_language: 'fr',
      updated_at: '2025-03-01T00:00:00.000Z',
    });
  });

  it('gives a contact a language, audited with the actor, and takes it back with null', async () => {
    await seen('ada-lovelace', 'Ada Lovelace');
    const cookie = await t.login();
    const res = await patch('ada-lovelace', { language: 'en' }, { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ slug: 'ada-lovelace', language: 'en', wish_language: 'en' });
    expect((await get('ada-lovelace')).json()).toMatchObject({ language: 'en', wish_language: 'en' });
    const [entry] = await t.ctx.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 5,
      action: 'contact.language',
    });
    expect(entry).toMatchObject({
      actor_type: 'user',
      actor_id: 'admin',
      target: 'ada-lovelace',
      details: { language: 'en', previous: null },
    });

    // The account's language changes the wish language of contacts without their own only.
    await seen('bob', 'Bob');
    expect(
      (await t.request({ method: 'PATCH', url: '/api/settings', payload: { birthday: { language: 'en' } } }))
        .statusCode,
    ).toBe(200);
    expect((await get('bob')).json()).toMatchObject({ language: null, wish_language: 'en' });
    expect((await patch('ada-lovelace', { language: 'fr' })).json()).toMatchObject({ wish_language: 'fr' });
    const back = await patch('ada-lovelace', { language: null });
    expect(back.json()).toMatchObject({ language: null, wish_language: 'en' });
  });

  it('finds a slug with non-ASCII letters as runs store it', async () => {
    await seen('zoé-durand', 'Zoé Durand');
    expect((await patch('zoé-durand', { language: 'en' })).json()).toMatchObject({ language: 'en' });
  });

  it('answers 404 for a contact no run met, and creates none', async () => {
    const res = await patch('nobody', { language: 'en' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await get('nobody')).statusCode).toBe(404);
    expect(await t.ctx.store.contacts.get(DEFAULT_ACCOUNT_ID, 'nobody')).toBeNull();
    const audited = await t.ctx.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 5,
      action: 'contact.language',
    });
    expect(audited).toEqual([]);
  });

  it('refuses a language without a set, a missing one and unknown fields, changing nothing', async () => {
    await seen('ada-lovelace', 'Ada Lovelace');
    for (const payload of [{ language: 'de' }, {}, { language: 'en', name: 'x' }, { language: 1 }]) {
      const res = await patch('ada-lovelace', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    expect((await get('ada-lovelace')).json()).toMatchObject({ language: null, name: 'Ada Lovelace' });
  });

  it('needs a login', async () => {
    await seen('ada-lovelace', 'Ada Lovelace');
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/contacts/ada-lovelace',
      payload: { language: 'en' },
    });
    expect(res.statusCode).toBe(401);
    expect((await get('ada-lovelace')).json()).toMatchObject({ language: null });
  });
});
