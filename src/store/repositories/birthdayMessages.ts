import type { Kysely, Selectable } from 'kysely';
import type { BirthdayMessage, BirthdayMessagesRepository } from '../interfaces.ts';
import { countRows, hasRow } from '../queries.ts';
import { fromFlag, toFlag, withNumericId } from '../rows.ts';
import type { BirthdayMessagesTable, Database } from '../schema.ts';

function toMessage(row: Selectable<BirthdayMessagesTable>): BirthdayMessage {
  return { ...withNumericId(row), dry_run: fromFlag(row.dry_run) };
}

export class KyselyBirthdayMessagesRepository implements BirthdayMessagesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async createIntent(
    msg: Omit<BirthdayMessage, 'id' | 'state' | 'confirmed_at'>,
  ): Promise<BirthdayMessage | null> {
    // ON CONFLICT DO NOTHING on the exactly-once key: a concurrent or earlier message for
    // the same birthday makes this insert return no row instead of failing.
    const row = await this.db
      .insertInto('birthday_messages')
      .values({
        account_id: msg.account_id,
        contact_slug: msg.contact_slug,
        birthday_date: msg.birthday_date,
        run_id: msg.run_id,
        template: msg.template,
        text: msg.text,
        dry_run: toFlag(msg.dry_run),
        state: 'intent',
        created_at: msg.created_at,
        confirmed_at: null,
      })
      .onConflict((oc) => oc.columns(['account_id', 'contact_slug', 'birthday_date']).doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async confirm(id: number, at: string): Promise<void> {
    // Idempotent: a second confirm keeps the first confirmation time.
    await this.db
      .updateTable('birthday_messages')
      .set({ state: 'confirmed', confirmed_at: at })
      .where('id', '=', id)
      .where('state', '=', 'intent')
      .execute();
  }

  async discardIntent(id: number): Promise<void> {
    // Never removes a confirmed message: that would allow wishing the contact twice.
    await this.db
      .deleteFrom('birthday_messages')
      .where('id', '=', id)
      .where('state', '=', 'intent')
      .execute();
  }

  async find(accountId: string, contactSlug: string, birthdayDate: string): Promise<BirthdayMessage | null> {
    const row = await this.db
      .selectFrom('birthday_messages')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('contact_slug', '=', contactSlug)
      .where('birthday_date', '=', birthdayDate)
      .executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async listUnconfirmed(accountId: string): Promise<BirthdayMessage[]> {
    const rows = await this.db
      .selectFrom('birthday_messages')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('state', '=', 'intent')
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toMessage);
  }

  async listForRun(accountId: string, runId: string, createdFrom: string): Promise<BirthdayMessage[]> {
    const rows = await this.db
      .selectFrom('birthday_messages')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('created_at', '>=', createdFrom)
      .where('run_id', '=', runId)
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toMessage);
  }

  async wishedSince(accountId: string, contactSlug: string, since: string): Promise<boolean> {
    return hasRow(
      this.db
        .selectFrom('birthday_messages')
        .select('id')
        .where('account_id', '=', accountId)
        .where('contact_slug', '=', contactSlug)
        .where('created_at', '>=', since)
        .where('dry_run', '=', 0),
    );
  }

  async templatesUsedSince(accountId: string, contactSlug: string, since: string): Promise<string[]> {
    // Dry runs never reached the contact, so they do not count as "used"; pending intents may have.
    const rows = await this.db
      .selectFrom('birthday_messages')
      .select('template')
      .distinct()
      .where('account_id', '=', accountId)
      .where('contact_slug', '=', contactSlug)
      .where('created_at', '>=', since)
      .where('dry_run', '=', 0)
      .orderBy('template', 'asc')
      .execute();
    return rows.map((r) => r.template);
  }

  async countSent(accountId: string, from: string, to?: string): Promise<number> {
    let q = this.db
      .selectFrom('birthday_messages')
      .where('account_id', '=', accountId)
      .where('state', '=', 'confirmed')
      .where('dry_run', '=', 0)
      .where('created_at', '>=', from);
    if (to !== undefined) q = q.where('created_at', '<', to);
    return countRows(q);
  }
}
