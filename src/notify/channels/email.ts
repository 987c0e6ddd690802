/**
 * E-mail channel: one SMTP connection per attempt (nodemailer, no pool: notifications are
 * rare). The subject is the message's line, the text and HTML parts its body. The outcome is
 * the server's reply code: 2xx delivered, 4xx (and no answer) worth another try, 5xx (bad
 * credentials 535, unknown recipient 550…) the user's to fix.
 */
import type { ConnectionOptions } from 'node:tls';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { EmailConfig, EmailSecrets, EmailTlsMode } from '../../contract/notifications.ts';
import { VERSION } from '../../version.ts';
import type { ChannelAdapter, NotificationMessage, SendResult } from '../interfaces.ts';
import { DEFAULT_TIMEOUT_MS, RESPONSE_BODY_LIMIT, redact, utf8Start } from '../safeHttp.ts';

export interface EmailAdapterOptions {
  /** The deadline of one attempt, and of each SMTP phase (connection, greeting, silence); 5 s by default. */
  timeoutMs?: number;
  /**
   * TLS options of the connection, for tests only (trusting a self-signed certificate); never
   * a user setting: certificates are always verified otherwise.
   */
  tls?: ConnectionOptions;
}

/** The transport options of each TLS mode. */
export function smtpSecurity(
  mode: EmailTlsMode,
): Pick<SMTPTransport.Options, 'secure' | 'ignoreTLS' | 'requireTLS'> {
  switch (mode) {
    case 'none':
      return { secure: false, ignoreTLS: true };
    case 'starttls':
      return { secure: false, requireTLS: true };
    case 'tls':
      return { secure: true };
  }
}

/** The mail of `message`: the same Message-ID on every retry, so mail clients show it once. */
export function emailMail(message: NotificationMessage, config: EmailConfig) {
  return {
    from: config.from,
    to: config.to,
    subject: message.text,
    text: message.body,
    html: message.html,
    messageId: `<${message.deliveryId}@linkedin-birthday-bot>`,
    headers: {
      'X-LBB-Delivery': message.deliveryId,
      'X-LBB-Event': message.event,
      'X-Mailer': `linkedin-birthday-bot/${VERSION}`,
    },
  };
}

/** The leading reply code of an SMTP answer (`250 OK…` → 250), or null. */
export function smtpReplyCode(response: unknown): number | null {
  if (typeof response !== 'string') return null;
  const code = /^([2-5]\d\d)\b/.exec(response.trim())?.[1];
  return code === undefined ? null : Number(code);
}

/** Failures nodemailer raises before or without a reply code that retrying cannot fix. */
const PERMANENT_CODES = new Set(['EAUTH', 'ENOAUTH', 'ECONFIG', 'EENVELOPE', 'EMESSAGE']);

const oneLine = (text: string, secrets: readonly string[]) =>
  utf8Start(Buffer.from(redact(text, secrets).replace(/\s+/g, ' ').trim()), RESPONSE_BODY_LIMIT);

/** An attempt stopped by its deadline or the caller's signal. */
class Stopped extends Error {
  constructor(readonly reason: 'timeout' | 'aborted') {
    super(reason);
  }
}

function failure(error: unknown, secrets: readonly string[], timeoutMs: number, host: string): SendResult {
  if (error instanceof Stopped)
    return {
      ok: false,
      status: null,
      response: null,
      error:
        error.reason === 'timeout'
          ? `No answer from the SMTP server ${host} within ${timeoutMs} ms`
          : 'The sending was cancelled',
      retryable: true,
    };
  const err = error as { message?: unknown; code?: unknown; responseCode?: unknown; response?: unknown };
  const status = typeof err.responseCode === 'number' ? err.responseCode : smtpReplyCode(err.response);
  const message = oneLine(typeof err.message === 'string' ? err.message : String(error), secrets);
  const retryable =
    status !== null ? status < 500 : !(typeof err.code === 'string' && PERMANENT_CODES.has(err.code));
  return {
    ok: false,
    status,
    response: typeof err.response === 'string' ? oneLine(err.response, secrets) : null,
    error: `SMTP server ${host}: ${message}`,
    retryable,
  };
}

export function createEmailAdapter(
  options: EmailAdapterOptions = {},
): ChannelAdapter<EmailConfig, EmailSecrets> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    type: 'email',
    async send(message, config, secrets, signal) {
      const secretValues = secrets.password ? [secrets.password] : [];
      if (signal?.aborted) return failure(new Stopped('aborted'), secretValues, timeoutMs, config.host);
      const transport = nodemailer.createTransport({
        host: config.host,
        port: config.port,
        ...smtpSecurity(config.tls),
        ...(config.user
          ? {
              auth: { user: config.user, pass: secrets.password ?? '' },
              // Log in even when the server does not offer AUTH, rather than send unauthenticated.
              forceAuth: true,
            }
          : {}),
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
        dnsTimeout: timeoutMs,
        // Our own message: no attachment or content may be read from a file or a URL.
        disableFileAccess: true,
        disableUrlAccess: true,
        ...(options.tls ? { tls: options.tls } : {}),
      });
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      // nodemailer has no AbortSignal: the attempt is raced against the deadline and the signal.
      const stopped = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Stopped('timeout')), timeoutMs);
        onAbort = () => reject(new Stopped('aborted'));
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      try {
        const info = await Promise.race([transport.sendMail(emailMail(message, config)), stopped]);
        const refused = info.rejected.map((address) =>
          typeof address === 'string' ? address : address.address,
        );
        const answer =
          refused.length > 0 ? `${info.response} (refused: ${refused.join(', ')})` : info.response;
        return {
          ok: true,
          status: smtpReplyCode(info.response),
          response: oneLine(answer, secretValues),
          error: null,
          retryable: false,
        };
      } catch (error) {
        return failure(error, secretValues, timeoutMs, config.host);
      } finally {
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
        transport.close();
      }
    },
  };
}

export const emailAdapter = createEmailAdapter();
