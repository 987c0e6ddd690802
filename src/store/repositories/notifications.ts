import type { Kysely, Selectable } from 'kysely';
import type {
  DeliveryAttempt,
  LeasesRepository,
  NewNotificationChannel,
  NewNotificationDelivery,
  NewNotificationEvent,
  NotificationChannel,
  NotificationChannelPatch,
  NotificationDelivery,
  NotificationEventRecord,
  NotificationsRepository,
} from '../notificationInterfaces.ts';
import { fromFlag, parseJson, parseJsonOrNull, toFlag } from '../rows.ts';
import type {
  Database,
  NotificationChannelsTable,
  NotificationDeliveriesTable,
  NotificationEventsTable,
} from '../schema.ts';

function toChannel(row: Selectable<NotificationChannelsTable>): NotificationChannel {
  return {
    ...row,
    enabled: fromFlag(row.enabled),
    events: parseJson(row.events),
    account_ids: parseJsonOrNull(row.account_ids),
    config: parseJson(row.config),
  };
}

function toEvent(row: Selectable<NotificationEventsTable>): NotificationEventRecord {
  return { ...row, data: parseJson(row.data) };
}

function toDelivery(row: Selectable<NotificationDeliveriesTable>): NotificationDelivery {
  return {
    ...row,
    data: parseJson(row.data),
    attempts: Number(row.attempts),
    response_status: row.response_status === null ? null : Number(row.response_status),
  };
}

function deliveryRow(d: NewNotificationDelivery) {
  return {
    id: d.id,
    event_id: d.event_id,
    channel_id: d.channel_id,
    account_id: d.account_id,
    event: d.event,
    data: JSON.stringify(d.data),
    status: d.status,
    attempts: d.attempts ?? 0,
    next_attempt_at: d.next_attempt_at,
    lease_until: d.lease_until ?? null,
    last_error: null,
    response_status: null,
    response_body: null,
    text: d.text ?? '',
    created_at: d.created_at,
    updated_at: d.created_at,
    delivered_at: null,
  };
}

export class KyselyNotificationsRepository implements NotificationsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async listChannels(): Promise<NotificationChannel[]> {
    const rows = await this.db
      .selectFrom('notification_channels')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toChannel);
  }

  async getChannel(id: string): Promise<NotificationChannel | null> {
    const row = await this.db
      .selectFrom('notification_channels')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toChannel(row) : null;
  }

  async insertChannel(channel: NewNotificationChannel): Promise<void> {
    await this.db
      .insertInto('notification_channels')
      .values({
        ...channel,
        enabled: toFlag(channel.enabled),
        events: JSON.stringify(channel.events),
        account_ids: channel.account_ids === null ? null : JSON.stringify(channel.account_ids),
        config: JSON.stringify(channel.config),
      })
      .execute();
  }

  async updateChannel(id: string, patch: NotificationChannelPatch): Promise<NotificationChannel | null> {
    const { enabled, events, account_ids, config, ...plain } = patch;
    const row = await this.db
      .updateTable('notification_channels')
      .set({
        ...plain,
        ...(enabled === undefined ? {} : { enabled: toFlag(enabled) }),
        ...(events === undefined ? {} : { events: JSON.stringify(events) }),
        ...(account_ids === undefined
          ? {}
          : { account_ids: account_ids === null ? null : JSON.stringify(account_ids) }),
        ...(config === undefined ? {} : { config: JSON.stringify(config) }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toChannel(row) : null;
  }

  async deleteChannel(id: string): Promise<boolean> {
    // Explicitly, not only by the foreign key's cascade: the delivery log goes with its channel.
    await this.db.deleteFrom('notification_deliveries').where('channel_id', '=', id).execute();
    const result = await this.db.deleteFrom('notification_channels').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async recordEvent(event: NewNotificationEvent): Promise<boolean> {
    // DO NOTHING rather than a caught violation: the cause's transaction around it stays usable.
    const inserted = await this.db
      .insertInto('notification_events')
      .values({ ...event, data: JSON.stringify(event.data), dispatched_at: null })
      .onConflict((oc) => oc.column('dedup_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async undispatchedEvents(limit: number): Promise<NotificationEventRecord[]> {
    const rows = await this.db
      .selectFrom('notification_events')
      .selectAll()
      .where('dispatched_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  async dispatchEvent(eventId: string, deliveries: NewNotificationDelivery[], at: string): Promise<boolean> {
    // Deliveries first, then the mark: a crash in between leaves the event to fan out again,
    // and the (event, channel) unique index makes that second fan-out add nothing twice.
    // No transaction of its own, so it also runs inside a caller's.
    for (const delivery of deliveries) {
      await this.db
        .insertInto('notification_deliveries')
        .values(deliveryRow({ ...delivery, event_id: eventId }))
        .onConflict((oc) => oc.columns(['event_id', 'channel_id']).doNothing())
        .execute();
    }
    const marked = await this.db
      .updateTable('notification_events')
      .set({ dispatched_at: at })
      .where('id', '=', eventId)
      .where('dispatched_at', 'is', null)
      .executeTakeFirst();
    return Number(marked.numUpdatedRows) > 0;
  }

  async insertDelivery(delivery: NewNotificationDelivery): Promise<void> {
    await this.db.insertInto('notification_deliveries').values(deliveryRow(delivery)).execute();
  }

  async getDelivery(id: string): Promise<NotificationDelivery | null> {
    const row = await this.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toDelivery(row) : null;
  }

  async claimDue(now: string, leaseUntil: string, limit: number): Promise<NotificationDelivery[]> {
    const candidates = await this.db
      .selectFrom('notification_deliveries')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .orderBy('created_at')
      .limit(limit)
      .execute();
    const claimed: NotificationDelivery[] = [];
    for (const { id } of candidates) {
      // Conditional: another sender that took it since the read makes this update match nothing.
      const row = await this.db
        .updateTable('notification_deliveries')
        .set((eb) => ({
          status: 'sending',
          attempts: eb('attempts', '+', 1),
          lease_until: leaseUntil,
          updated_at: now,
        }))
        .where('id', '=', id)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
          ]),
        )
        .returningAll()
        .executeTakeFirst();
      if (row) claimed.push(toDelivery(row));
    }
    return claimed;
  }

  async recordAttempt(id: string, attempt: DeliveryAttempt, claimedLeaseUntil: string): Promise<boolean> {
    const result = await this.db
      .updateTable('notification_deliveries')
      .set({
        status: attempt.status,
        next_attempt_at: attempt.next_attempt_at,
        lease_until: null,
        last_error: attempt.last_error,
        response_status: attempt.response_status,
        response_body: attempt.response_body,
        text: attempt.text,
        updated_at: attempt.at,
        ...(attempt.status === 'delivered' ? { delivered_at: attempt.at } : {}),
      })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      // The claim's token: a sender whose lease passed and whose delivery was claimed again writes nothing.
      .where('lease_until', '=', claimedLeaseUntil)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async resend(id: string, at: string): Promise<NotificationDelivery | null> {
    const row = await this.db
      .updateTable('notification_deliveries')
      // Afresh: a failed delivery gets its full round of retries again. `last_error` stays
      // (the log shows why it failed) until the next attempt replaces it.
      .set({ status: 'pending', attempts: 0, next_attempt_at: at, lease_until: null, updated_at: at })
      .where('id', '=', id)
      .where('status', 'in', ['delivered', 'failed'])
      .returningAll()
      .executeTakeFirst();
    return row ? toDelivery(row) : null;
  }

  async listDeliveries(query: { channel_id?: string; limit: number }): Promise<NotificationDelivery[]> {
    let q = this.db.selectFrom('notification_deliveries').selectAll();
    if (query.channel_id !== undefined) q = q.where('channel_id', '=', query.channel_id);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toDelivery);
  }

  async nextDueAt(): Promise<string | null> {
    const pending = await this.db
      .selectFrom('notification_deliveries')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    const sending = await this.db
      .selectFrom('notification_deliveries')
      .select((eb) => eb.fn.min('lease_until').as('at'))
      .where('status', '=', 'sending')
      .executeTakeFirst();
    const times = [pending?.at, sending?.at].filter((t): t is string => typeof t === 'string');
    return times.length === 0 ? null : times.sort()[0]!;
  }
}

export class KyselyLeasesRepository implements LeasesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async acquire(name: string, holder: string, until: string, now: string): Promise<boolean> {
    const inserted = await this.db
      .insertInto('leases')
      .values({ name, holder, expires_at: until })
      .onConflict((oc) => oc.column('name').doNothing())
      .returning('name')
      .executeTakeFirst();
    if (inserted) return true;
    const taken = await this.db
      .updateTable('leases')
      .set({ holder, expires_at: until })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<=', now)]))
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) > 0;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
  }
}
