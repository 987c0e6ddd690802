import type { Kysely, Selectable } from 'kysely';
import { isMessageLanguage } from '../../contract/messageLanguages.ts';
import type { Contact, ContactsRepository, MessageLanguage, SeenContact } from '../interfaces.ts';
import type { ContactsTable, Database } from '../schema.ts';

const toContact = (row: Selectable<ContactsTable>): Contact => ({
  ...row,
  language: isMessageLanguage(row.language) ? row.language : null,
});

export class KyselyContactsRepository implements ContactsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(contact: SeenContact): Promise<void> {
    const { name, profile_url, updated_at } = contact;
    await this.db
      .insertInto('contacts')
      .values({ account_id: contact.account_id, slug: contact.slug, name, profile_url, updated_at })
      .onConflict((oc) => oc.columns(['account_id', 'slug']).doUpdateSet({ name, profile_url, updated_at }))
      .execute();
  }

  async get(accountId: string, slug: string): Promise<Contact | null> {
    const row = await this.db
      .selectFrom('contacts')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? toContact(row) : null;
  }

  async setLanguage(
    accountId: string,
    slug: string,
    language: MessageLanguage | null,
    at: string,
  ): Promise<Contact | null> {
    // The time moves: a contact just given a language is not one retention finds long unseen.
    const row = await this.db
      .updateTable('contacts')
      .set({ language, updated_at: at })
      .where('account_id', '=', accountId)
      .where('slug', '=', slug)
      .returningAll()
      .executeTakeFirst();
    return row ? toContact(row) : null;
  }
}
