import type { Kysely, Selectable } from 'kysely';
import type { BirthdayListing, BirthdayListingsRepository, ListedBirthday } from '../interfaces.ts';
import type { BirthdayListingsTable, Database } from '../schema.ts';

function toListing(row: Selectable<BirthdayListingsTable>): BirthdayListing {
  return { ...row, contacts: JSON.parse(row.contacts) as ListedBirthday[] };
}

export class KyselyBirthdayListingsRepository implements BirthdayListingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(listing: BirthdayListing): Promise<void> {
    const contacts = JSON.stringify(
      listing.contacts.map(({ slug, name, profile_url, days_late }) => ({
        slug,
        name,
        profile_url,
        days_late,
      })),
    );
    const { seen_at, local_date } = listing;
    await this.db
      .insertInto('birthday_listings')
      .values({ run_id: listing.run_id, account_id: listing.account_id, seen_at, local_date, contacts })
      .onConflict((oc) => oc.column('run_id').doUpdateSet({ seen_at, local_date, contacts }))
      .execute();
  }

  async latest(accountId: string): Promise<BirthdayListing | null> {
    const row = await this.db
      .selectFrom('birthday_listings')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('seen_at', 'desc')
      .orderBy('run_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toListing(row) : null;
  }
}
