/**
 * A notification channel's `config` as the API writes it, checked against its type's schemas
 * (src/contract/notifications.ts): the secret fields are split out of `config` (they are
 * sealed apart and never returned), each half is validated, and problems are field errors
 * named `config.<field>` so the dashboard shows them next to the field. A secret's value is
 * never echoed in an error.
 */
import {
  type ChannelType,
  channelConfigSchemas,
  type NotificationLanguage,
  SECRET_FIELDS,
} from '../contract/notifications.ts';
import type { ChannelSecrets } from '../notify/channelSecrets.ts';
import { type FieldDetails, issuesToDetails } from './errors.ts';

type Json = Record<string, unknown>;

/** Valid settings and secrets, or the field errors that refuse them. */
export type ChannelInput =
  | { ok: true; config: Json; secrets: ChannelSecrets }
  | { ok: false; problems: FieldDetails };

const isSecret = (type: ChannelType, field: string) => SECRET_FIELDS[type].includes(field);

/** Both halves checked, problems of both reported at once. */
function validated(type: ChannelType, config: Json, secrets: Json, extra?: FieldDetails): ChannelInput {
  const schemas = channelConfigSchemas[type];
  const parsedConfig = schemas.config.safeParse(config);
  const parsedSecrets = schemas.secrets.safeParse(secrets);
  const problems: FieldDetails = { fields: {}, field_errors: {} };
  for (const part of [
    parsedConfig.success ? null : issuesToDetails(parsedConfig.error.issues, 'config', config),
    parsedSecrets.success ? null : issuesToDetails(parsedSecrets.error.issues, 'config', secrets),
    extra ?? null,
  ]) {
    if (!part) continue;
    Object.assign(problems.fields, part.fields);
    Object.assign(problems.field_errors, part.field_errors);
  }
  if (!parsedConfig.success || !parsedSecrets.success || Object.keys(problems.fields).length > 0) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    config: parsedConfig.data as Json,
    secrets: parsedSecrets.data as ChannelSecrets,
  };
}

/** A create's `config`: null fields count as not given (what a blank form field sends). */
export function channelInputOfCreate(type: ChannelType, body: Json): ChannelInput {
  const config: Json = {};
  const secrets: Json = {};
  for (const [field, value] of Object.entries(body)) {
    if (value === null) continue;
    (isSecret(type, field) ? secrets : config)[field] = value;
  }
  return validated(type, config, secrets);
}

/**
 * Where a type's credential goes: a secret stays with the channel only while this stays the
 * same, so pointing a channel at another server never sends it the stored token or password
 * (as for the proxy password). The webhook secret only signs: it is never sent, and stays.
 */
function credentialServer(type: ChannelType, config: Json): string | null {
  const origin = (url: unknown) => {
    try {
      return typeof url === 'string' ? new URL(url).origin : null;
    } catch {
      return null;
    }
  };
  switch (type) {
    case 'webhook':
      return null;
    case 'email':
      return typeof config.host === 'string' ? config.host.trim().toLowerCase() : null;
    case 'telegram':
      return origin(config.api_url);
    case 'ntfy':
      return origin(config.server_url);
  }
}

/**
 * A PATCH's `config` merged into the stored channel's: a field given replaces, null removes
 * it, omitted keeps it; the same for secrets, except that stored secrets are forgotten when the
 * server they are sent to changes (`credentialServer`). The result is validated as a whole.
 */
export function channelInputOfPatch(
  type: ChannelType,
  stored: { config: Json; secrets: ChannelSecrets },
  patch: Json,
): ChannelInput {
  const config: Json = { ...stored.config };
  const given: Json = {};
  for (const [field, value] of Object.entries(patch)) {
    if (isSecret(type, field)) given[field] = value;
    else if (value === null) delete config[field];
    else config[field] = value;
  }
  // Defaults filled before comparing servers: a stored `api_url` may have been the default.
  const before = channelConfigSchemas[type].config.safeParse(stored.config);
  const after = channelConfigSchemas[type].config.safeParse(config);
  const serverChanged =
    credentialServer(type, before.success ? (before.data as Json) : stored.config) !==
    credentialServer(type, after.success ? (after.data as Json) : config);
  const secrets: Json = serverChanged ? {} : { ...stored.secrets };
  const removed: string[] = [];
  for (const [field, value] of Object.entries(given)) {
    if (value === null) {
      delete secrets[field];
      removed.push(field);
    } else {
      secrets[field] = value;
    }
  }
  const result = validated(type, config, secrets);
  if (result.ok || !serverChanged) return result;
  // Say why a secret that was stored is now missing.
  for (const field of Object.keys(stored.secrets)) {
    const path = `config.${field}`;
    if (result.problems.field_errors[path]?.code === 'required' && !removed.includes(field)) {
      result.problems.fields[path] = 'Required again: the channel now sends to another server';
      result.problems.field_errors[path] = { code: 'required', reason: 'server_changed' };
    }
  }
  return result;
}

/** `fr…` as the most preferred language of an Accept-Language header: French; anything else English. */
export function languageOfAcceptLanguage(header: string | undefined): NotificationLanguage {
  if (!header) return 'en';
  let best: { tag: string; q: number } | null = null;
  for (const part of header.split(',').slice(0, 50)) {
    const [tag = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!tag || !Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { tag: tag.toLowerCase(), q };
  }
  return best && /^fr(-|$)/.test(best.tag) ? 'fr' : 'en';
}

/**
 * A channel's settings as the audit log keeps them: URLs reduced to their origin (a Slack or
 * Discord webhook URL carries its token in the path, a Telegram API URL may too).
 */
export function auditedConfig(config: Json): Json {
  return Object.fromEntries(Object.entries(config).map(([field, value]) => [field, auditedValue(value)]));
}

function auditedValue(value: unknown): unknown {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return value;
  try {
    return `${new URL(value).origin}/…`;
  } catch {
    return '…';
  }
}
