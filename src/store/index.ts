/**
 * The store: one Kysely database (SQLite or PostgreSQL) behind the `Store` port.
 * `createStore` opens it, migrates it, and wires one repository per aggregate.
 */
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { openDatabase } from './db.ts';
import type { Store, StoreOptions } from './interfaces.ts';
import { KyselyAccountPausesRepository } from './repositories/accountPauses.ts';
import { KyselyAccountsRepository } from './repositories/accounts.ts';
import { KyselyAuditRepository } from './repositories/audit.ts';
import { KyselyAuthSessionsRepository } from './repositories/authSessions.ts';
import { KyselyBirthdayListingsRepository } from './repositories/birthdayListings.ts';
import { KyselyBirthdayMessagesRepository } from './repositories/birthdayMessages.ts';
import { KyselyBlacklistRepository } from './repositories/blacklist.ts';
import { KyselyContactsRepository } from './repositories/contacts.ts';
import { KyselyExitIpsRepository } from './repositories/exitIps.ts';
import { KyselyInvitationWithdrawalsRepository } from './repositories/invitationWithdrawals.ts';
import { KyselyLinkedInSessionsRepository } from './repositories/linkedinSessions.ts';
import { KyselyLogsRepository } from './repositories/logs.ts';
import { KyselyNoticeAcknowledgementsRepository } from './repositories/noticeAcknowledgements.ts';
import { KyselyLeasesRepository, KyselyNotificationsRepository } from './repositories/notifications.ts';
import { KyselyOutcomesRepository } from './repositories/outcomes.ts';
import { KyselyPersonalDataRepository } from './repositories/personalData.ts';
import { KyselyProfileVisitsRepository } from './repositories/profileVisits.ts';
import { KyselyRunsRepository } from './repositories/runs.ts';
import { KyselySettingsRepository } from './repositories/settings.ts';
import { KyselyTemplatesRepository } from './repositories/templates.ts';
import { KyselyUsersRepository } from './repositories/users.ts';
import type { Database } from './schema.ts';

export { dropPgSchema, isPostgresUrl } from './db.ts';
export type * from './interfaces.ts';

/** The store of a configured process: its database, backed up into `DATA_DIR/backups` before migrations. */
export function storeOptionsFor(config: { databaseUrl: string; dataDir: string }): StoreOptions {
  return { databaseUrl: config.databaseUrl, backupDir: join(config.dataDir, 'backups') };
}

type Repositories = Omit<Store, 'dialect' | 'transaction' | 'ping' | 'close'>;

/** The repositories over a database or over one of its transactions. */
function repositoriesOf(db: Kysely<Database>): Repositories {
  return {
    accounts: new KyselyAccountsRepository(db),
    users: new KyselyUsersRepository(db),
    authSessions: new KyselyAuthSessionsRepository(db),
    settings: new KyselySettingsRepository(db),
    runs: new KyselyRunsRepository(db),
    outcomes: new KyselyOutcomesRepository(db),
    logs: new KyselyLogsRepository(db),
    audit: new KyselyAuditRepository(db),
    templates: new KyselyTemplatesRepository(db),
    blacklist: new KyselyBlacklistRepository(db),
    linkedinSessions: new KyselyLinkedInSessionsRepository(db),
    exitIps: new KyselyExitIpsRepository(db),
    contacts: new KyselyContactsRepository(db),
    birthdayMessages: new KyselyBirthdayMessagesRepository(db),
    birthdayListings: new KyselyBirthdayListingsRepository(db),
    profileVisits: new KyselyProfileVisitsRepository(db),
    invitationWithdrawals: new KyselyInvitationWithdrawalsRepository(db),
    personalData: new KyselyPersonalDataRepository(db),
    accountPauses: new KyselyAccountPausesRepository(db),
    noticeAcknowledgements: new KyselyNoticeAcknowledgementsRepository(db),
    notifications: new KyselyNotificationsRepository(db),
    leases: new KyselyLeasesRepository(db),
  };
}

/** The store a transaction's function writes through: nested transactions join it. */
function transactionStore(trx: Kysely<Database>, dialect: Store['dialect']): Store {
  const tx: Store = {
    dialect,
    ...repositoriesOf(trx),
    transaction: (fn) => fn(tx),
    async ping() {
      await sql`select 1`.execute(trx);
    },
    close() {
      return Promise.reject(new Error('A transaction’s store is not closed: its transaction ends by itself'));
    },
  };
  return tx;
}

/**
 * SQLite's BEGIN (which Kysely issues) is deferred: a transaction that reads, then writes
 * while another process (a run) wrote in between, fails with SQLITE_BUSY at once, past any
 * busy_timeout. A write first, changing nothing, takes the write lock up front (as BEGIN
 * IMMEDIATE would), waiting its turn under busy_timeout instead.
 */
async function takeWriteLock(trx: Kysely<Database>): Promise<void> {
  await sql`update accounts set name = name where 0`.execute(trx);
}

export async function createStore(options: StoreOptions): Promise<Store> {
  const { db, dialect } = await openDatabase(options);
  let closed: Promise<void> | undefined;
  return {
    dialect,
    ...repositoriesOf(db),
    transaction: (fn) =>
      db.transaction().execute(async (trx) => {
        if (dialect === 'sqlite') await takeWriteLock(trx);
        return fn(transactionStore(trx, dialect));
      }),
    async ping() {
      await sql`select 1`.execute(db);
    },
    // Idempotent: shutdown paths may close twice.
    close() {
      closed ??= db.destroy();
      return closed;
    },
  };
}
