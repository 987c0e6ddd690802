/**
 * A channel's secret fields (webhook secret, SMTP password, bot token, ntfy token) at rest:
 * one JSON object encrypted with SECRET_KEY, as the LinkedIn cookies are. Only the sender
 * and the test button open it; the API only says which fields are set.
 */
import { decryptSecret, encryptSecret } from '../crypto.ts';

export type ChannelSecrets = Record<string, string>;

export function sealSecrets(secrets: ChannelSecrets, secretKey: string): string | null {
  const present = Object.fromEntries(
    Object.entries(secrets).filter(([, v]) => typeof v === 'string' && v !== ''),
  );
  return Object.keys(present).length === 0 ? null : encryptSecret(JSON.stringify(present), secretKey);
}

/** The stored secrets; throws `DecryptionError` when SECRET_KEY changed since they were sealed. */
export function openSecrets(sealed: string | null, secretKey: string): ChannelSecrets {
  return sealed === null ? {} : (JSON.parse(decryptSecret(sealed, secretKey)) as ChannelSecrets);
}

/** Which secret fields are stored, for the API's `secrets` map (never their values). */
export function secretsPresence(fields: readonly string[], secrets: ChannelSecrets): Record<string, boolean> {
  return Object.fromEntries(fields.map((f) => [f, typeof secrets[f] === 'string' && secrets[f] !== '']));
}
