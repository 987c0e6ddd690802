/**
 * The notifications' part of the store port: channels, the outbox of events, each event's
 * deliveries to each channel, and the leases that keep one sender per cluster.
 *
 * The outbox is written in the same transaction as an event's cause (a run's end, a session
 * marked expired) through `tx.notifications.recordEvent`, or under a de-duplication key where
 * there is no cause to join (`worker_offline` per worker and outage, the digest per account
 * and day): a second event with the same key is not recorded. The sender then fans each
 * event out to the channels subscribed to it, one delivery per channel, and sends each
 * delivery until it is delivered or failed.
 */
import type {
  ChannelType,
  DeliveryEvent,
  DeliveryStatus,
  NotificationEvent,
  NotificationLanguage,
} from '../contract/notifications.ts';

export interface NotificationChannel {
  id: string;
  type: ChannelType;
  name: string;
  enabled: boolean;
  events: NotificationEvent[];
  /** null: every account. */
  account_ids: string[] | null;
  language: NotificationLanguage;
  /** Non-secret settings (`channelConfigSchemas[type].config`). */
  config: Record<string, unknown>;
  /** The secret fields as JSON, encrypted with SECRET_KEY (`encryptSecret`); null: none stored. */
  secrets_encrypted: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type NewNotificationChannel = NotificationChannel;

export type NotificationChannelPatch = Partial<
  Pick<
    NotificationChannel,
    'name' | 'enabled' | 'events' | 'account_ids' | 'language' | 'config' | 'secrets_encrypted'
  >
> & { updated_at: string };

/** An event in the outbox. */
export interface NotificationEventRecord {
  id: string;
  account_id: string;
  event: NotificationEvent;
  /** Unique: an event whose key is already recorded is not recorded again. */
  dedup_key: string;
  /** What the message says: the run's or session's fields (the webhook body's `data`). */
  data: Record<string, unknown>;
  created_at: string;
  /** When the sender fanned it out to the channels; null until then. */
  dispatched_at: string | null;
}

export type NewNotificationEvent = Omit<NotificationEventRecord, 'dispatched_at'>;

export interface NotificationDelivery {
  /** Also the receiver's de-duplication id (`X-LBB-Delivery`). */
  id: string;
  /** null for a test send (no outbox event). */
  event_id: string | null;
  channel_id: string;
  account_id: string;
  event: DeliveryEvent;
  /** The event's data, frozen when the delivery was created. */
  data: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  /** When a pending delivery is due. */
  next_attempt_at: string | null;
  /** A `sending` delivery whose lease passed was abandoned by a dead sender: due again. */
  lease_until: string | null;
  last_error: string | null;
  response_status: number | null;
  /** At most 1 KB. */
  response_body: string | null;
  /** The one-line text of the last attempt (shown in the delivery log). */
  text: string;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

export type NewNotificationDelivery = Pick<
  NotificationDelivery,
  | 'id'
  | 'event_id'
  | 'channel_id'
  | 'account_id'
  | 'event'
  | 'data'
  | 'status'
  | 'next_attempt_at'
  | 'created_at'
> & {
  text?: string;
  lease_until?: string | null;
  /** 0 unless given: a test send is inserted `sending` with its one attempt counted. */
  attempts?: number;
};

/** The outcome of one attempt, recorded on a `sending` delivery. */
export interface DeliveryAttempt {
  /** `delivered`, `pending` (retry at `next_attempt_at`) or `failed` (no more tries). */
  status: Exclude<DeliveryStatus, 'sending'>;
  at: string;
  next_attempt_at: string | null;
  last_error: string | null;
  response_status: number | null;
  response_body: string | null;
  text: string;
}

export interface NotificationsRepository {
  listChannels(): Promise<NotificationChannel[]>;
  getChannel(id: string): Promise<NotificationChannel | null>;
  insertChannel(channel: NewNotificationChannel): Promise<void>;
  /** The channel as it now is; null when there is none with this id. */
  updateChannel(id: string, patch: NotificationChannelPatch): Promise<NotificationChannel | null>;
  /** Deletes the channel and its deliveries; false when there was none. */
  deleteChannel(id: string): Promise<boolean>;

  /** Records an event in the outbox; false when its `dedup_key` is already there (nothing written). */
  recordEvent(event: NewNotificationEvent): Promise<boolean>;
  /** Events not yet fanned out, oldest first. */
  undispatchedEvents(limit: number): Promise<NotificationEventRecord[]>;
  /**
   * Fans an event out: inserts its deliveries (one per channel; a channel that has one for
   * this event already keeps it) and marks the event dispatched, in one transaction. False
   * when another sender dispatched it first (nothing written).
   */
  dispatchEvent(eventId: string, deliveries: NewNotificationDelivery[], at: string): Promise<boolean>;

  /** Inserts a delivery (the test button's, which has no outbox event). */
  insertDelivery(delivery: NewNotificationDelivery): Promise<void>;
  getDelivery(id: string): Promise<NotificationDelivery | null>;
  /**
   * Takes up to `limit` due deliveries for sending, oldest due first: `pending` ones whose
   * `next_attempt_at` is reached, and `sending` ones whose lease passed (a sender died). Each
   * becomes `sending` with `attempts + 1` and `lease_until`; a delivery is taken by one
   * caller only (a conditional update).
   */
  claimDue(now: string, leaseUntil: string, limit: number): Promise<NotificationDelivery[]>;
  /**
   * Records an attempt's outcome by the sender holding the claim whose `lease_until` was
   * `claimedLeaseUntil`; false (nothing written) when the delivery is no longer `sending` under
   * that claim (its lease passed and another sender claimed it again, or it was recorded).
   */
  recordAttempt(id: string, attempt: DeliveryAttempt, claimedLeaseUntil: string): Promise<boolean>;
  /**
   * A delivered or failed delivery sent again, afresh: `pending`, due `at`, `attempts` 0 (its
   * `last_error` kept until the next attempt). Null when none or still in flight.
   */
  resend(id: string, at: string): Promise<NotificationDelivery | null>;
  /** Newest first. */
  listDeliveries(query: { channel_id?: string; limit: number }): Promise<NotificationDelivery[]>;
  /** The earliest `next_attempt_at` of a pending delivery or `lease_until` of a sending one: when to wake. */
  nextDueAt(): Promise<string | null>;
}

/** Named leases held for a time (one notification sender per cluster). */
export interface LeasesRepository {
  /**
   * Takes or extends the lease `name` for `holder` until `until`: succeeds when it is free,
   * expired at `now`, or already this holder's. True when `holder` now holds it.
   */
  acquire(name: string, holder: string, until: string, now: string): Promise<boolean>;
  /** Gives the lease up if `holder` holds it. */
  release(name: string, holder: string): Promise<void>;
}
