import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  CHANNEL_TYPES,
  createChannelSchema,
  DEFAULT_CHANNEL_EVENTS,
  DELIVERY_STATUSES,
  NOTIFICATION_EVENTS,
  NOTIFICATION_LANGUAGES,
  type NotificationChannelView,
  type NotificationDeliveryView,
  type NotificationEvent,
  SECRET_FIELDS,
  updateChannelSchema,
} from '../../contract/notifications.ts';
import { DecryptionError } from '../../crypto.ts';
import { actorLabel, DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { badRequest, conflict, notFound, tooManyRequests } from '../../errors.ts';
import {
  type ChannelSecrets,
  openSecrets,
  sealSecrets,
  secretsPresence,
} from '../../notify/channelSecrets.ts';
import { channelAdapters } from '../../notify/channels/index.ts';
import type { DeliveryDeps } from '../../notify/deliver.ts';
import { renderMessage } from '../../notify/render.ts';
import { sendTestNotification } from '../../notify/testSend.ts';
import type {
  NotificationChannel,
  NotificationChannelPatch,
  NotificationDelivery,
} from '../../store/notificationInterfaces.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import {
  auditedConfig,
  type ChannelInput,
  channelInputOfCreate,
  channelInputOfPatch,
  languageOfAcceptLanguage,
} from '../notificationChannelInput.ts';
import { pageLimit } from '../querySchemas.ts';

const time = (what: string) => z.string().describe(`${what} (ISO 8601 UTC)`);

const channelViewSchema = z.object({
  id: z.string(),
  type: z.enum(CHANNEL_TYPES),
  name: z.string(),
  enabled: z.boolean(),
  events: z.array(z.enum(NOTIFICATION_EVENTS)),
  account_ids: z
    .array(z.string())
    .nullable()
    .describe('The accounts whose events it receives; null: every account'),
  language: z.enum(NOTIFICATION_LANGUAGES),
  config: z.record(z.string(), z.unknown()).describe('Non-secret settings'),
  secrets: z
    .record(z.string(), z.boolean())
    .describe('Which secret fields are stored (write-only: their values are never returned)'),
  created_at: time('Created'),
  updated_at: time('Last changed'),
}) satisfies z.ZodType<NotificationChannelView>;

const deliveryViewSchema = z.object({
  id: z.string().describe('The delivery id: X-LBB-Delivery, the webhook body id'),
  channel_id: z.string(),
  account_id: z.string(),
  event: z.enum([...NOTIFICATION_EVENTS, 'test']),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  next_attempt_at: time('When a pending delivery is due').nullable(),
  last_error: z.string().nullable(),
  response_status: z
    .number()
    .int()
    .nullable()
    .describe("The receiver's last HTTP status (SMTP reply code for e-mail)"),
  response_body: z.string().nullable().describe("The start of the receiver's last answer, at most 1 KB"),
  text: z.string().describe('The one-line text sent'),
  created_at: time('Created'),
  updated_at: time('Last changed'),
  delivered_at: time('Delivered').nullable(),
}) satisfies z.ZodType<NotificationDeliveryView>;

const channelIdParams = z.object({ id: z.string().min(1).max(100) });

const testAnswerSchema = z.object({
  delivery: deliveryViewSchema,
  ok: z.boolean().describe('The receiver accepted it'),
  status: z
    .number()
    .int()
    .nullable()
    .describe("The receiver's HTTP status (SMTP reply code for e-mail); null when nothing answered"),
  response: z.string().nullable().describe("The start of the receiver's answer, at most 1 KB"),
  error: z.string().nullable().describe('Why it failed, one line; null when ok'),
});

const deliveriesQuery = z.object({
  channel: z.string().min(1).max(100).optional().describe("Only this channel's deliveries"),
  limit: pageLimit(200, 50),
});

/** One test per channel in this window: the button must not become a request amplifier. */
export const TEST_INTERVAL_MS = 2_000;

function deliveryView(delivery: NotificationDelivery): NotificationDeliveryView {
  const { event_id: _event, data: _data, lease_until: _lease, ...view } = delivery;
  return view;
}

/** Events in the contract's order, each once. */
const eventsInOrder = (events: readonly NotificationEvent[]) =>
  NOTIFICATION_EVENTS.filter((e) => events.includes(e));

const withoutRepeats = (ids: string[] | null) => (ids === null ? null : [...new Set(ids)]);

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function invalid(input: Extract<ChannelInput, { ok: false }>) {
  return badRequest('Invalid input', input.problems);
}

/**
 * The installation's notification channels (webhook, e-mail, Telegram, ntfy), their test
 * button and their delivery log. Channel secrets are write-only: sealed with SECRET_KEY,
 * never in an answer, a log line or the audit log.
 */
export async function notificationsRoutes(app: App, ctx: AppContext): Promise<void> {
  const accountId = DEFAULT_ACCOUNT_ID;

  /** The stored secrets; none when SECRET_KEY changed since they were sealed (they must be given again). */
  const secretsOf = (channel: NotificationChannel): ChannelSecrets => {
    try {
      return openSecrets(channel.secrets_encrypted, ctx.secretKey);
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      ctx.logger.warn(
        { channel_id: channel.id },
        "a notification channel's secrets cannot be decrypted with this SECRET_KEY: give them again",
      );
      return {};
    }
  };

  const channelView = (channel: NotificationChannel): NotificationChannelView => ({
    id: channel.id,
    type: channel.type,
    name: channel.name,
    enabled: channel.enabled,
    events: channel.events,
    account_ids: channel.account_ids,
    language: channel.language,
    config: channel.config,
    secrets: secretsPresence(SECRET_FIELDS[channel.type], secretsOf(channel)),
    created_at: channel.created_at,
    updated_at: channel.updated_at,
  });

  const channelOr404 = async (id: string): Promise<NotificationChannel> => {
    const channel = await ctx.store.notifications.getChannel(id);
    if (!channel) throw notFound(`No notification channel ${id}`);
    return channel;
  };

  /** Field errors for account ids the installation does not have. */
  const unknownAccounts = async (ids: string[] | null | undefined) => {
    if (!ids) return null;
    const known = new Set((await ctx.store.accounts.list()).map((a) => a.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length === 0) return null;
    return badRequest('Invalid input', {
      fields: { account_ids: `Unknown account: ${unknown.join(', ')}` },
      field_errors: { account_ids: { code: 'unknown_account', accounts: unknown } },
    });
  };

  app.get(
    '/api/notifications/channels',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Notification channels (secrets are never returned: `secrets` says which are stored)',
        response: { 200: z.object({ channels: z.array(channelViewSchema) }) },
      },
    },
    async () => ({ channels: (await ctx.store.notifications.listChannels()).map(channelView) }),
  );

  app.post(
    '/api/notifications/channels',
    {
      schema: {
        tags: ['notifications'],
        summary:
          "Adds a channel. `config` holds the type's settings and its write-only secrets together (webhook: url, secret of 16+ characters; email: host, port, tls, user?, from, to, password?; telegram: chat_id, api_url?, bot_token; ntfy: server_url?, topic, token?). `events` defaults to every event but run_succeeded; `language` to the request's Accept-Language (fr or en)",
        body: createChannelSchema,
        response: { 201: channelViewSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      const input = channelInputOfCreate(body.type, body.config);
      if (!input.ok) throw invalid(input);
      const accounts = withoutRepeats(body.account_ids);
      const accountProblem = await unknownAccounts(accounts);
      if (accountProblem) throw accountProblem;
      const at = ctx.clock.now().toISOString();
      const channel: NotificationChannel = {
        id: randomUUID(),
        type: body.type,
        name: body.name,
        enabled: body.enabled,
        events: eventsInOrder(body.events ?? DEFAULT_CHANNEL_EVENTS),
        account_ids: accounts,
        language: body.language ?? languageOfAcceptLanguage(request.headers['accept-language']),
        config: input.config,
        secrets_encrypted: sealSecrets(input.secrets, ctx.secretKey),
        created_by: actorLabel(actor),
        created_at: at,
        updated_at: at,
      };
      await ctx.audit.change(
        (tx) => tx.notifications.insertChannel(channel),
        () => ({
          accountId,
          actor,
          action: 'notification_channel.create',
          target: channel.id,
          details: {
            channel_type: channel.type,
            name: channel.name,
            enabled: channel.enabled,
            events: channel.events,
            account_ids: channel.account_ids,
            notification_language: channel.language,
            config: auditedConfig(channel.config),
            secrets: Object.keys(input.secrets),
          },
        }),
      );
      return reply.code(201).send(channelView(channel));
    },
  );

  app.patch(
    '/api/notifications/channels/:id',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'Changes a channel. `config` merges field by field (null removes a field); a secret field given replaces the stored one, null removes it, omitted keeps it (a stored token or password is forgotten when the server it goes to changes)',
        params: channelIdParams,
        body: updateChannelSchema,
        response: { 200: channelViewSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      const body = request.body;
      const before = await channelOr404(id);
      const storedSecrets = secretsOf(before);
      const input = body.config
        ? channelInputOfPatch(before.type, { config: before.config, secrets: storedSecrets }, body.config)
        : ({ ok: true, config: before.config, secrets: storedSecrets } as const);
      if (!input.ok) throw invalid(input);
      const accounts = body.account_ids === undefined ? before.account_ids : withoutRepeats(body.account_ids);
      const accountProblem = await unknownAccounts(body.account_ids === undefined ? null : accounts);
      if (accountProblem) throw accountProblem;

      const next = {
        name: body.name ?? before.name,
        enabled: body.enabled ?? before.enabled,
        events: body.events ? eventsInOrder(body.events) : before.events,
        account_ids: accounts,
        language: body.language ?? before.language,
      };
      const changes: Record<string, { old: unknown; new: unknown }> = {};
      for (const key of Object.keys(next) as (keyof typeof next)[]) {
        if (!sameJson(before[key], next[key])) changes[key] = { old: before[key], new: next[key] };
      }
      const fields = new Set([...Object.keys(before.config), ...Object.keys(input.config)]);
      for (const field of fields) {
        const [old, now] = [before.config[field], input.config[field]];
        if (!sameJson(old, now)) {
          changes[`config.${field}`] = {
            old: auditedConfig({ v: old ?? null }).v,
            new: auditedConfig({ v: now ?? null }).v,
          };
        }
      }
      const secretsChanged = SECRET_FIELDS[before.type].filter(
        (field) => storedSecrets[field] !== input.secrets[field],
      );
      // Nothing changes: no write, no audit entry.
      if (Object.keys(changes).length === 0 && secretsChanged.length === 0) return channelView(before);

      const patch: NotificationChannelPatch = {
        ...next,
        config: input.config,
        updated_at: ctx.clock.now().toISOString(),
        ...(secretsChanged.length > 0
          ? { secrets_encrypted: sealSecrets(input.secrets, ctx.secretKey) }
          : {}),
      };
      const saved = await ctx.audit.change(
        (tx) => tx.notifications.updateChannel(id, patch),
        (channel) =>
          channel
            ? {
                accountId,
                actor,
                action: 'notification_channel.update',
                target: id,
                details: {
                  name: channel.name,
                  changed: [...Object.keys(changes), ...secretsChanged.map((f) => `config.${f}`)],
                  // Secrets by name only.
                  changes,
                },
              }
            : null,
      );
      // Deleted between the read and the write.
      if (!saved) throw notFound(`No notification channel ${id}`);
      return channelView(saved);
    },
  );

  app.delete(
    '/api/notifications/channels/:id',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Removes a channel and its delivery log',
        params: channelIdParams,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params;
      const channel = await channelOr404(id);
      const deleted = await ctx.audit.change(
        (tx) => tx.notifications.deleteChannel(id),
        (done) =>
          done
            ? {
                accountId,
                actor,
                action: 'notification_channel.delete',
                target: id,
                details: { channel_type: channel.type, name: channel.name },
              }
            : null,
      );
      if (!deleted) throw notFound(`No notification channel ${id}`);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/notifications/deliveries',
    {
      schema: {
        tags: ['notifications'],
        summary: "The delivery log, newest first (status, attempts, last error, the receiver's answer)",
        querystring: deliveriesQuery,
        response: { 200: z.object({ deliveries: z.array(deliveryViewSchema) }) },
      },
    },
    async (request) => {
      const { channel, limit } = request.query;
      if (channel !== undefined && !(await ctx.store.notifications.getChannel(channel))) {
        throw badRequest('Invalid input', {
          fields: { channel: 'No such notification channel' },
          field_errors: { channel: { code: 'unknown_channel' } },
        });
      }
      const deliveries = await ctx.store.notifications.listDeliveries({ channel_id: channel, limit });
      return { deliveries: deliveries.map(deliveryView) };
    },
  );

  app.post(
    '/api/notifications/deliveries/:id/resend',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Sends a delivered or failed delivery again (pending now, with the same delivery id)',
        params: channelIdParams,
        response: { 200: z.object({ delivery: deliveryViewSchema }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      const delivery = await ctx.store.notifications.getDelivery(id);
      if (!delivery) throw notFound(`No notification delivery ${id}`);
      const resent = await ctx.audit.change(
        (tx) => tx.notifications.resend(id, ctx.clock.now().toISOString()),
        (done) =>
          done
            ? {
                accountId,
                actor,
                action: 'notification_delivery.resend',
                target: id,
                details: { channel_id: done.channel_id, event: done.event, previous_status: delivery.status },
              }
            : null,
      );
      if (!resent) {
        if (!(await ctx.store.notifications.getDelivery(id)))
          throw notFound(`No notification delivery ${id}`);
        throw conflict(
          'delivery_in_flight',
          'This delivery is still pending or being sent: it cannot be resent yet',
          {
            status: delivery.status,
          },
        );
      }
      return { delivery: deliveryView(resent) };
    },
  );

  // When each channel was last tested: one test per channel per TEST_INTERVAL_MS.
  const lastTests = new Map<string, number>();
  const deliveryDeps: DeliveryDeps = {
    store: ctx.store,
    secretKey: ctx.secretKey,
    adapters: channelAdapters,
    render: renderMessage,
    now: () => ctx.clock.now(),
    dashboardUrl: ctx.config.publicUrl,
  };

  app.post(
    '/api/notifications/channels/:id/test',
    {
      schema: {
        tags: ['notifications'],
        summary:
          "Sends a `test` event through the channel now (even when it is disabled) and answers with the receiver's answer; it is logged as a delivery. One test per channel every 2 s (429)",
        params: channelIdParams,
        response: { 200: testAnswerSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const channel = await channelOr404(request.params.id);
      const now = Date.now();
      for (const [id, at] of lastTests) if (now - at >= TEST_INTERVAL_MS) lastTests.delete(id);
      if (lastTests.has(channel.id)) {
        throw tooManyRequests(
          'This channel was tested less than 2 seconds ago: wait before testing it again',
          Math.ceil(TEST_INTERVAL_MS / 1000),
        );
      }
      lastTests.set(channel.id, now);
      const { delivery, result } = await sendTestNotification(deliveryDeps, channel, accountId);
      await ctx.audit.record(accountId, actor, 'notification_channel.test', channel.id, {
        name: channel.name,
        delivery_id: delivery.id,
        ok: result.ok,
        status: result.status,
      });
      return {
        delivery: deliveryView(delivery),
        ok: result.ok,
        status: result.status,
        response: result.response,
        error: result.error,
      };
    },
  );
}
