import { describe, expect, it } from 'vitest';
import { channelConfigSchemas } from '../../../src/contract/notifications.ts';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../src/contract/settings.ts';
import { parseSessionInput } from '../../../src/linkedin/sessionCookies.ts';
import { issuesToDetails } from '../../../src/server/errors.ts';
import { ApiError } from '../api/client.ts';
import { en } from '../i18n/en.ts';
import { fr } from '../i18n/fr.ts';
import { fieldErrorText, localizedFieldErrors } from './fieldErrors.ts';

const translator =
  (dict: Record<string, string>) =>
  (key: string, vars?: Record<string, string | number>): string =>
    (dict[key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) =>
      vars && name in vars ? String(vars[name]) : m,
    );
const tFr = translator(fr) as Parameters<typeof fieldErrorText>[2];
const tEn = translator(en) as Parameters<typeof fieldErrorText>[2];

/** A 400 as the server answers it for this settings document. */
function settingsError(doc: unknown): ApiError {
  const parsed = settingsSchema.safeParse(doc);
  if (parsed.success) throw new Error('expected the document to be refused');
  const details = issuesToDetails(parsed.error.issues, undefined, doc);
  return new ApiError(400, 'invalid_input', 'Invalid input', details.fields, { ...details });
}

describe('field errors in the user language', () => {
  const bad = {
    ...DEFAULT_SETTINGS,
    limits: { ...DEFAULT_SETTINGS.limits, daily: 5000, weekly: null, per_run: 1.5, visits_per_run: -1 },
    delays: { ...DEFAULT_SETTINGS.delays, min_seconds: 200 },
    schedule: { ...DEFAULT_SETTINGS.schedule, window_start: '7h', timezone: 'Mars/Olympus' },
    visitor: { keywords: [''], location: 'x'.repeat(101) },
    birthday: { ...DEFAULT_SETTINGS.birthday, process_today: 'yes' },
    network: { ...DEFAULT_SETTINGS.network, ip_check_url: 'ftp://x' },
    colour: 'blue',
  };

  it('never shows the API English sentences in French, for every code the settings give', () => {
    const error = settingsError(bad);
    const english = error.fields;
    const shown = localizedFieldErrors(error, tFr, 'fr');
    expect(Object.keys(shown).sort()).toEqual(Object.keys(english).sort());
    expect(Object.keys(shown).length).toBeGreaterThanOrEqual(12);
    for (const [path, text] of Object.entries(shown)) {
      expect(text, path).not.toBe(english[path]);
      expect(text, path).not.toMatch(/Too big|Too small|expected|Invalid|must|Unknown/);
      expect(text, path).not.toMatch(/\{\w+\}/);
    }
    expect(shown).toMatchObject({
      'limits.daily': 'Doit être inférieur ou égal à 1000',
      'limits.weekly': 'Obligatoire',
      'limits.per_run': 'Doit être un nombre entier',
      'limits.visits_per_run': 'Doit être supérieur ou égal à 0',
      'delays.max_seconds': 'Doit être supérieur ou égal au minimum',
      'schedule.window_start': 'Heure sur 24 h attendue, au format HH:MM',
      'schedule.timezone': 'Fuseau horaire inconnu : utilisez un nom IANA, par ex. Europe/Paris',
      'visitor.keywords.0': 'Ne doit pas être vide',
      'visitor.location': '100 caractères au maximum',
      'network.ip_check_url': 'Doit être une URL en http:// ou https://',
      colour: 'Champ inconnu',
    });
    // A refinement of a group runs once its fields are valid: an enum on its own.
    const profile = settingsError({
      ...DEFAULT_SETTINGS,
      delays: { ...DEFAULT_SETTINGS.delays, profile: 'slow' },
    });
    expect(localizedFieldErrors(profile, tFr, 'fr')).toEqual({
      'delays.profile': 'Doit être l’une de ces valeurs : human, fast',
    });
  });

  it('words them in English too, and keeps the API sentence for a code it does not know', () => {
    const shown = localizedFieldErrors(settingsError(bad), tEn, 'en');
    expect(shown['limits.daily']).toBe('Must be at most 1000');
    expect(shown['visitor.location']).toBe('At most 100 characters');
    expect(fieldErrorText({ code: 'brand_new' }, 'must be blue', tEn, 'en')).toBe('must be blue');
    expect(fieldErrorText({ code: 'brand_new' }, 'must be blue', tFr, 'fr')).toBe('Valeur invalide');
    // An older server without codes: its sentence in English, never in French.
    expect(fieldErrorText(undefined, 'Too big', tFr, 'fr')).toBe('Valeur invalide');
  });

  it("words every refusal of the LinkedIn session's cookies in French, none as a bare invalid value", () => {
    const now = new Date('2025-06-15T10:00:00.000Z');
    const seconds = now.getTime() / 1000;
    const cookie = (fields: Record<string, unknown>) => ({
      name: 'bcookie',
      value: 'v',
      domain: '.linkedin.com',
      ...fields,
    });
    const inputs: unknown[] = [
      'li_at=abc',
      { cookies: 42 },
      { cookies: { lang: 'v=2' } },
      { li_at: '' },
      { li_at: 'a b' },
      { cookies: { li_at: 5 } },
      { cookies: { li_at: 'abc' }, lang: 'x' },
      { li_at: 'abc', user_agent: 'curl/8.5' },
      {
        li_at: 'abc',
        user_agent:
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
      },
      {
        cookies: [
          { name: 'li_at', value: 'abc', expires: seconds - 60 },
          cookie({ name: 'b c' }),
          cookie({ domain: '.linked in.com' }),
          cookie({ path: 'feed' }),
          cookie({ path: `/${'a'.repeat(2000)}` }),
          cookie({ sameSite: 'Sometimes' }),
          cookie({ expires: -5 }),
          cookie({ expires: 1e308 }),
          { name: 'x' },
        ],
        origins: [{ origin: 'javascript:alert(1)' }],
        extra: true,
      },
    ];
    const codes = new Set<string>();
    for (const input of inputs) {
      const parsed = parseSessionInput(input, now);
      if (parsed.ok) throw new Error(`accepted ${JSON.stringify(input)}`);
      const error = new ApiError(400, 'invalid_input', 'Invalid input', parsed.fields, { ...parsed });
      for (const [path, text] of Object.entries(localizedFieldErrors(error, tFr, 'fr'))) {
        const code = parsed.field_errors[path]?.code ?? '?';
        codes.add(code);
        expect(text, `${path} (${code})`).not.toBe('Valeur invalide');
        expect(text, path).not.toBe(parsed.fields[path]);
        expect(text, path).not.toMatch(/\{\w+\}|must|expected|Unknown/);
      }
    }
    expect(codes.size).toBeGreaterThanOrEqual(17);
    expect(
      localizedFieldErrors(
        new ApiError(
          400,
          'invalid_input',
          'Invalid input',
          { li_at: 'x' },
          { field_errors: { li_at: { code: 'session_cookie_expired' } } },
        ),
        tFr,
        'fr',
      ),
    ).toEqual({
      li_at: 'Ce cookie li_at a expiré : copiez-en un récent depuis un navigateur connecté à LinkedIn',
    });
  });

  it('names unknown template placeholders with the allowed ones', () => {
    const text = fieldErrorText(
      { code: 'unknown_placeholder', placeholders: ['{prenom}'], allowed: ['first_name', 'name'] },
      'unknown placeholder {prenom}',
      tFr,
      'fr',
    );
    expect(text).toBe('Variable inconnue {prenom} ; autorisées : {first_name}, {name}');
  });

  it('has French words for every code of its own', () => {
    for (const key of Object.keys(en).filter((k) => k.startsWith('fieldError.'))) {
      expect(fr[key as keyof typeof fr], key).toBeTruthy();
      expect(fr[key as keyof typeof fr], key).not.toBe(en[key as keyof typeof en]);
    }
  });

  it("words the notification channels' refusals in French, from the schemas the API checks", () => {
    const refused = (type: keyof typeof channelConfigSchemas, config: object) => {
      const parsed = channelConfigSchemas[type].config.safeParse(config);
      if (parsed.success) throw new Error(`expected the ${type} config to be refused`);
      // The route names the fields inside `config`, as the dashboard reads them.
      const details = issuesToDetails(parsed.error.issues, 'config', config);
      return localizedFieldErrors(
        new ApiError(400, 'invalid_input', 'Invalid input', details.fields, { ...details }),
        tFr,
        'fr',
      );
    };
    expect(refused('webhook', { url: 'ftp://hooks.example.test' })).toEqual({
      'config.url': 'Doit être une adresse http:// ou https://',
    });
    expect(refused('webhook', { url: 'https://me:pw@hooks.example.test' })).toEqual({
      'config.url': "Ne doit contenir ni nom d'utilisateur ni mot de passe",
    });
    expect(refused('telegram', { chat_id: 'my chat' })).toEqual({
      'config.chat_id': 'Doit être un identifiant de discussion (un nombre) ou @canal',
    });
    expect(refused('ntfy', { topic: 'not a topic!' })).toEqual({
      'config.topic': 'Lettres, chiffres, - et _ seulement, 64 au plus',
    });
    const email = refused('email', { host: '', port: 70000, tls: 'ssl', from: 'nobody', to: [] });
    expect(Object.keys(email).sort()).toEqual([
      'config.from',
      'config.host',
      'config.port',
      'config.tls',
      'config.to',
    ]);
    for (const [path, text] of Object.entries(email)) {
      expect(text, path).not.toMatch(/Too big|Too small|expected|Invalid|must|Unknown/);
    }
    const bot = channelConfigSchemas.telegram.secrets.safeParse({ bot_token: 'nope' });
    expect(bot.success).toBe(false);
    const token = issuesToDetails(bot.error?.issues ?? [], undefined, {}).field_errors;
    expect(fieldErrorText(Object.values(token)[0], 'must be a Telegram bot token', tFr, 'fr')).toBe(
      'Doit être un jeton de bot Telegram, de la forme 123456:ABC…',
    );
  });
});
