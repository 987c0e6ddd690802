/**
 * Templates per language: one set per account and language (`fr`, `en`), and a contact may
 * be given a language of its own (`contacts.language`, null: the account's wish language).
 *
 * An account's stored set becomes its set in the language its texts are written in (a
 * guess by their words, French when unsure), and that language becomes the account's wish
 * language (`birthday.language` in its settings), so it keeps sending what it sent. Two
 * English lines the old defaults mixed into the French ones are dropped from a French set
 * (and the French ones from an English set) when the list keeps another line.
 */
import { type Kysely, sql } from 'kysely';

type Language = 'fr' | 'en';

/** Kept here as they were: the lines the defaults mixed in before sets had a language. */
const OLD_MIXED_DEFAULTS: Record<Language, readonly string[]> = {
  en: ['Happy birthday {first_name}! 🎉', 'Belated happy birthday, {first_name}! 🎉'],
  fr: [
    'Joyeux anniversaire {first_name} ! 🎂',
    'Bon anniversaire {first_name} ! Excellente journée et belle année à venir.',
    'Joyeux anniversaire {first_name} ! Plein de bonnes choses pour cette nouvelle année, perso comme pro.',
    'Avec un peu de retard, joyeux anniversaire {first_name} !',
    'Bon anniversaire {first_name}, avec quelques jours de retard ! Belle année à venir.',
    'Un peu en retard mais sincère : joyeux anniversaire {first_name} ! 🎂',
  ],
};

const FRENCH_WORDS =
  /\b(joyeux|bon|bonne|anniversaire|retard|belle|ann[ée]e|avec|jours?|plein|excellente|journ[ée]e|mais|pour|toi|vous)\b/giu;
const ENGLISH_WORDS = /\b(happy|birthday|belated|wishes|late|days?|great|year|have|the|and|you|your)\b/giu;

const count = (text: string, words: RegExp) => text.match(words)?.length ?? 0;

/** The language a set is written in, by its words; French when unsure (the old default). */
export function guessLanguage(texts: readonly string[]): Language {
  const all = texts.join('\n');
  return count(all, ENGLISH_WORDS) > count(all, FRENCH_WORDS) ? 'en' : 'fr';
}

/** The list without the old defaults of the other language, unless nothing else is left. */
export function withoutMixedDefaults(list: readonly string[], language: Language): string[] {
  const other = OLD_MIXED_DEFAULTS[language === 'fr' ? 'en' : 'fr'];
  const kept = list.filter((text) => !other.includes(text));
  return kept.length > 0 ? kept : [...list];
}

interface OldRow {
  account_id: string;
  today: string;
  late: string;
  updated_at: string;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('templates_by_language')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('today', 'text', (c) => c.notNull())
    .addColumn('late', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('templates_by_language_pk', ['account_id', 'language'])
    .execute();

  const rows = (await sql<OldRow>`select account_id, today, late, updated_at from templates`.execute(db))
    .rows;
  for (const row of rows) {
    const today = JSON.parse(row.today) as string[];
    const late = JSON.parse(row.late) as string[];
    const language = guessLanguage([...today, ...late]);
    await sql`insert into templates_by_language (account_id, language, today, late, updated_at)
      values (${row.account_id}, ${language},
        ${JSON.stringify(withoutMixedDefaults(today, language))},
        ${JSON.stringify(withoutMixedDefaults(late, language))}, ${row.updated_at})`.execute(db);
    await setWishLanguage(db, row.account_id, language, row.updated_at);
  }

  await db.schema.dropTable('templates').execute();
  await db.schema.alterTable('templates_by_language').renameTo('templates').execute();
  await db.schema.alterTable('contacts').addColumn('language', 'text').execute();
}

/** `birthday.language` in the account's settings document (created when it has none: defaults fill the rest). */
async function setWishLanguage(db: Kysely<unknown>, accountId: string, language: Language, at: string) {
  const found = (
    await sql<{ value: string }>`select value from settings
      where account_id = ${accountId} and key = 'settings'`.execute(db)
  ).rows[0];
  if (!found) {
    const value = JSON.stringify({ birthday: { language } });
    await sql`insert into settings (account_id, key, value, updated_at)
      values (${accountId}, 'settings', ${value}, ${at})`.execute(db);
    return;
  }
  const settings = JSON.parse(found.value) as Record<string, unknown> | null;
  if (!settings || typeof settings !== 'object' || Array.isArray(settings)) return;
  const birthday = settings.birthday;
  const next = {
    ...settings,
    birthday: { ...(birthday && typeof birthday === 'object' ? birthday : {}), language },
  };
  await sql`update settings set value = ${JSON.stringify(next)}
    where account_id = ${accountId} and key = 'settings'`.execute(db);
}

/** The account's `birthday.language` as stored in its settings; null when unset or unreadable. */
async function wishLanguageOf(db: Kysely<unknown>, accountId: string): Promise<string | null> {
  const found = (
    await sql<{ value: string }>`select value from settings
      where account_id = ${accountId} and key = 'settings'`.execute(db)
  ).rows[0];
  if (!found) return null;
  try {
    const language = (JSON.parse(found.value) as { birthday?: { language?: unknown } } | null)?.birthday
      ?.language;
    return typeof language === 'string' ? language : null;
  } catch {
    return null;
  }
}

/**
 * Back to one set per account: the set in its wish language (French, the default, when its
 * settings name none), else the French set, else any, so it keeps sending what it sends now.
 */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contacts').dropColumn('language').execute();
  await db.schema
    .createTable('templates_single')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('today', 'text', (c) => c.notNull())
    .addColumn('late', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const rows = (
    await sql<OldRow & { language: string }>`select account_id, language, today, late, updated_at
      from templates order by account_id, language desc`.execute(db)
  ).rows;
  const byAccount = new Map<string, (OldRow & { language: string })[]>();
  for (const row of rows) byAccount.set(row.account_id, [...(byAccount.get(row.account_id) ?? []), row]);
  for (const [accountId, sets] of byAccount) {
    const wish = (await wishLanguageOf(db, accountId)) ?? 'fr';
    const kept = sets.find((s) => s.language === wish) ?? sets.find((s) => s.language === 'fr') ?? sets[0]!;
    await sql`insert into templates_single (account_id, today, late, updated_at)
      values (${accountId}, ${kept.today}, ${kept.late}, ${kept.updated_at})`.execute(db);
  }
  await db.schema.dropTable('templates').execute();
  await db.schema.alterTable('templates_single').renameTo('templates').execute();
}
