/**
 * The store port's share of other people's data: what the bots recorded about LinkedIn
 * contacts (names, profile links, the texts sent, run outcomes), expired by the retention
 * settings or forgotten on request. What the limits count from stays: the ledger's
 * exactly-once keys (contact, birthday, template, time) and the visits' and withdrawals'
 * times, without names, links or texts. Re-exported by `interfaces.ts`.
 */

/** Rows deleted or stripped of names, links and texts, by kind. */
export interface PersonalDataCounts {
  contacts: number;
  outcomes: number;
  /** Ledger rows whose message text was removed (the key and time stay). */
  ledger_texts: number;
  /** Ledger rows removed (older than every window that reads them). */
  ledger_keys: number;
  profile_visits: number;
  invitation_withdrawals: number;
  /** Run error messages removed (they may name a contact; the error code stays). */
  run_errors: number;
  /** Run log lines (they name contacts). */
  log_lines: number;
  /** Notification events and deliveries (a digest names the contacts not wished). */
  notifications: number;
}

export interface PersonalDataExpiry {
  /** Contacts, outcomes, texts, names and links older than this go (retention `outcomes_days`). */
  before: string;
  /** Ledger and visit rows older than this go entirely (no limit or exactly-once check reads them). */
  keysBefore: string;
  /** Outcomes older than this lose their screenshot reference (retention `screenshots_days`). */
  screenshotsBefore: string;
}

export interface PersonalDataRepository {
  /**
   * Forgets the account's LinkedIn people, in one transaction: deletes its contacts, run
   * outcomes and run log lines, removes the ledger's texts and the names and links of
   * visits and withdrawals; keeps the keys and times the limits count.
   */
  forget(accountId: string): Promise<PersonalDataCounts>;
  /** Retention for one account: the same, for what is older than the limits. */
  expire(accountId: string, expiry: PersonalDataExpiry): Promise<PersonalDataCounts>;
  /** Ids of the account's runs (their screenshot folders are DATA_DIR/runs/<id>). */
  runIds(accountId: string): Promise<string[]>;
}
