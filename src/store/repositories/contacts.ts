import type { Kysely } from 'kysely';
import type { Contact, ContactsRepository } from '../interfaces.ts';
import type { Database } from '../schema.ts';

export class KyselyContactsRepository implements ContactsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(contact: Contact): Promise<void> {
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
    return row ?? null;
  }
}
