/**
 * A real SMTP server on loopback (smtp-server) for the e-mail channel's tests: it keeps every
 * message it accepted, with its envelope, whether the session was encrypted and who logged
 * in, and `parseMail` reads a message's subject and text/HTML parts back.
 */
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The session ran over TLS (implicit or after STARTTLS). */
  secure: boolean;
  /** The user who logged in, or null. */
  user: string | null;
  raw: string;
}

export interface SmtpReceiver {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export interface SmtpReceiverOptions {
  /** The only accepted login; without it, AUTH is not required (but accepted). */
  credentials?: { user: string; password: string };
  /** Implicit TLS (`secure`) or STARTTLS offered; both need `key` and `cert`. */
  tls?: { mode: 'implicit' | 'starttls'; key: string; cert: string };
  /** The reply to RCPT TO of this address: an error with this code. */
  refuseRecipient?: { address: string; code: number };
}

export async function startSmtpReceiver(opts: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const options: SMTPServerOptions = {
    logger: false,
    secure: opts.tls?.mode === 'implicit',
    ...(opts.tls ? { key: opts.tls.key, cert: opts.tls.cert } : { disabledCommands: ['STARTTLS'] }),
    authOptional: opts.credentials === undefined,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      const expected = opts.credentials;
      if (expected && auth.username === expected.user && auth.password === expected.password)
        return callback(null, { user: auth.username });
      if (!expected) return callback(null, { user: auth.username });
      callback(new Error('Error: Authentication credentials invalid'));
    },
    onRcptTo(address, _session, callback) {
      const refuse = opts.refuseRecipient;
      if (refuse && address.address === refuse.address) {
        const error = Object.assign(new Error(`Mailbox ${refuse.address} unavailable`), {
          responseCode: refuse.code,
        });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = session.envelope;
        mails.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
          secure: session.secure,
          user: typeof session.user === 'string' ? session.user : null,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback(null, 'OK: queued as test');
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  text: string | null;
  html: string | null;
}

/** Headers (unfolded, lower-case names) and body of one MIME entity. */
function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at === -1 ? raw : raw.slice(0, at);
  const body = at === -1 ? '' : raw.slice(at + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) decoded. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_all, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return body;
  }
}

/** The subject and the text and HTML parts of a message as nodemailer writes it. */
export function parseMail(raw: string): ParsedMail {
  const { headers, body } = splitEntity(raw);
  const parsed: ParsedMail = {
    headers,
    subject: decodeWords(headers.get('subject') ?? ''),
    text: null,
    html: null,
  };
  const entities: { headers: Map<string, string>; body: string }[] = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      entities.push(splitEntity(part.replace(/^\r\n/, '')));
    }
  } else entities.push({ headers, body });
  for (const entity of entities) {
    const type = (entity.headers.get('content-type') ?? 'text/plain').toLowerCase();
    // SMTP carries lines as CRLF: back to the LF the message was written with.
    const content = decodeBody(
      entity.body.replace(/\r\n$/, ''),
      entity.headers.get('content-transfer-encoding'),
    ).replace(/\r\n/g, '\n');
    if (type.startsWith('text/plain')) parsed.text = content;
    if (type.startsWith('text/html')) parsed.html = content;
  }
  return parsed;
}
