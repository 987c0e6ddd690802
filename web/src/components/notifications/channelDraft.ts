import {
  CHANNEL_TYPES,
  type ChannelType,
  DEFAULT_CHANNEL_EVENTS,
  EMAIL_TLS_MODES,
  type NotificationEvent,
  type NotificationLanguage,
  SECRET_FIELDS,
} from '../../../../src/contract/notifications.ts';
import { type Channel, randomSecret } from '../../api/notifications.ts';

/**
 * A channel as its form edits it, and the request body made of it. Each type's fields follow
 * `channelConfigSchemas` (src/contract/notifications.ts); secrets are write-only: the form
 * starts them empty and sends one only when typed (or null when the user removes it).
 */

export { CHANNEL_TYPES, EMAIL_TLS_MODES };

export interface FieldSpec {
  key: string;
  kind: 'text' | 'url' | 'number' | 'email' | 'emails' | 'tls' | 'secret';
  /** May be left empty (a secret: may be removed). */
  optional?: boolean;
  /** Behind "Advanced": empty means the server's default. */
  advanced?: boolean;
  /** A new channel's value. */
  initial?: string;
  /** Monospaced (tokens, ids). */
  mono?: boolean;
}

export const CHANNEL_FIELDS: Record<ChannelType, FieldSpec[]> = {
  webhook: [
    { key: 'url', kind: 'url' },
    { key: 'secret', kind: 'secret', mono: true },
  ],
  email: [
    { key: 'host', kind: 'text' },
    { key: 'port', kind: 'number', initial: '587' },
    { key: 'tls', kind: 'tls', initial: 'starttls' },
    { key: 'user', kind: 'text', optional: true },
    { key: 'password', kind: 'secret', optional: true },
    { key: 'from', kind: 'email' },
    { key: 'to', kind: 'emails' },
  ],
  telegram: [
    { key: 'bot_token', kind: 'secret', mono: true },
    { key: 'chat_id', kind: 'text', mono: true },
    { key: 'api_url', kind: 'url', optional: true, advanced: true },
  ],
  ntfy: [
    { key: 'server_url', kind: 'url', optional: true },
    { key: 'topic', kind: 'text', mono: true },
    { key: 'token', kind: 'secret', optional: true, mono: true },
  ],
};

export interface ChannelDraft {
  type: ChannelType;
  name: string;
  enabled: boolean;
  events: NotificationEvent[];
  language: NotificationLanguage;
  /** Every field as typed, secrets included (empty: keep the stored one). */
  values: Record<string, string>;
  /** Stored secrets the user asked to remove. */
  removed: Record<string, boolean>;
  /** Secrets the page generated and shows once (a new webhook's). */
  generated: Record<string, boolean>;
}

const isSecret = (type: ChannelType, key: string) => SECRET_FIELDS[type].includes(key);

/** A new channel of `type`: its defaults, and a fresh signing secret for a webhook. */
export function newDraft(type: ChannelType, language: NotificationLanguage, name = ''): ChannelDraft {
  const values: Record<string, string> = {};
  for (const field of CHANNEL_FIELDS[type]) values[field.key] = field.initial ?? '';
  const generated: Record<string, boolean> = {};
  if (type === 'webhook') {
    values.secret = randomSecret();
    generated.secret = true;
  }
  return {
    type,
    name,
    enabled: true,
    events: [...DEFAULT_CHANNEL_EVENTS],
    language,
    values,
    removed: {},
    generated,
  };
}

/** The form of a stored channel: its settings as text, its secrets empty. */
export function draftOf(channel: Channel): ChannelDraft {
  const values: Record<string, string> = {};
  for (const field of CHANNEL_FIELDS[channel.type]) {
    const value = channel.config[field.key];
    values[field.key] = isSecret(channel.type, field.key)
      ? ''
      : Array.isArray(value)
        ? value.join(', ')
        : value === undefined || value === null
          ? ''
          : String(value);
  }
  return {
    type: channel.type,
    name: channel.name,
    enabled: channel.enabled,
    events: [...channel.events],
    language: channel.language,
    values,
    removed: {},
    generated: {},
  };
}

/** A number as typed: the text itself when it is not one, so the server names the field. */
function numberOf(text: string): number | string {
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? n : text;
}

/** `config` of a create (`editing` false) or of a PATCH: settings and secrets together. */
export function configOf(draft: ChannelDraft, editing: boolean): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of CHANNEL_FIELDS[draft.type]) {
    const raw = draft.values[field.key] ?? '';
    const text = field.kind === 'secret' ? raw : raw.trim();
    if (field.kind === 'secret') {
      if (text !== '') config[field.key] = text;
      else if (editing && draft.removed[field.key]) config[field.key] = null;
      continue;
    }
    if (text === '' && (field.optional || field.advanced)) {
      // Emptied on a stored channel: removed (its default applies again).
      if (editing) config[field.key] = null;
      continue;
    }
    if (field.kind === 'number') config[field.key] = numberOf(text);
    else if (field.kind === 'emails')
      config[field.key] = text
        .split(/[,;\n]/)
        .map((a) => a.trim())
        .filter(Boolean);
    else config[field.key] = text;
  }
  return config;
}

export function createBody(draft: ChannelDraft) {
  return {
    type: draft.type,
    name: draft.name.trim(),
    enabled: draft.enabled,
    events: draft.events,
    language: draft.language,
    config: configOf(draft, false),
  };
}

export function updateBody(draft: ChannelDraft) {
  return {
    name: draft.name.trim(),
    enabled: draft.enabled,
    events: draft.events,
    language: draft.language,
    config: configOf(draft, true),
  };
}

/** What a channel posts to, in a few words for the list (no secret). */
export function targetOf(channel: Channel): string {
  const c = channel.config;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (channel.type) {
    case 'webhook':
      try {
        return new URL(text(c.url)).host;
      } catch {
        return text(c.url);
      }
    case 'email':
      return Array.isArray(c.to) ? c.to.join(', ') : '';
    case 'telegram':
      return text(c.chat_id);
    case 'ntfy':
      return text(c.topic);
  }
}
