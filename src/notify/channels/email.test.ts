import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SelfSignedCert, selfSignedCert } from '../../../test/support/selfSignedCert.ts';
import {
  parseMail,
  type SmtpReceiver,
  type SmtpReceiverOptions,
  startSmtpReceiver,
} from '../../../test/support/smtpReceiver.ts';
import type { EmailConfig } from '../../contract/notifications.ts';
import { sampleMessage } from '../testing.ts';
import { createEmailAdapter } from './email.ts';

let certificate: SelfSignedCert;
beforeAll(() => {
  certificate = selfSignedCert();
});

const receivers: SmtpReceiver[] = [];
async function smtp(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const started = await startSmtpReceiver(options);
  receivers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

const adapter = createEmailAdapter({ timeoutMs: 2_000 });
/** Trusts the test certificate, as the system CAs would trust a real server's. */
const trusting = () => createEmailAdapter({ timeoutMs: 2_000, tls: { ca: certificate.cert } });

const config = (port: number, overrides: Partial<EmailConfig> = {}): EmailConfig => ({
  host: '127.0.0.1',
  port,
  tls: 'none',
  from: 'bot@example.test',
  to: ['me@example.test', 'you@example.test'],
  ...overrides,
});

describe('email channel', () => {
  it('sends the subject, the text and HTML parts, from and to, over plain SMTP', async () => {
    const server = await smtp();
    const message = sampleMessage();
    const result = await adapter.send(message, config(server.port), {});

    expect(result).toMatchObject({ ok: true, status: 250, error: null, retryable: false });
    expect(result.response).toContain('OK: queued as test');
    expect(server.mails).toHaveLength(1);
    const mail = server.mails[0]!;
    expect(mail).toMatchObject({
      from: 'bot@example.test',
      to: ['me@example.test', 'you@example.test'],
      secure: false,
    });
    const parsed = parseMail(mail.raw);
    expect(parsed.subject).toBe('Session LinkedIn expirée');
    expect(parsed.text).toBe(message.body);
    expect(parsed.html).toBe(message.html);
    expect(parsed.headers.get('from')).toBe('bot@example.test');
    expect(parsed.headers.get('to')).toBe('me@example.test, you@example.test');
    expect(parsed.headers.get('x-lbb-delivery')).toBe(message.deliveryId);
    expect(parsed.headers.get('message-id')).toBe(`<${message.deliveryId}@linkedin-birthday-bot>`);
  });

  it('logs in with the user and the password', async () => {
    const server = await smtp({ credentials: { user: 'bot', password: 'pa55-wörd' } });
    const result = await adapter.send(sampleMessage(), config(server.port, { user: 'bot' }), {
      password: 'pa55-wörd',
    });
    expect(result).toMatchObject({ ok: true, status: 250 });
    expect(server.mails[0]!.user).toBe('bot');
  });

  it('reports a wrong password as a 535 that retrying cannot fix, without the password', async () => {
    const server = await smtp({ credentials: { user: 'bot', password: 'right-password' } });
    const result = await adapter.send(sampleMessage(), config(server.port, { user: 'bot' }), {
      password: 'wrong-password',
    });
    expect(result).toMatchObject({ ok: false, status: 535, retryable: false });
    expect(result.error).toContain('535');
    expect(JSON.stringify(result)).not.toContain('wrong-password');
    expect(server.mails).toHaveLength(0);
  });

  it('upgrades with STARTTLS when required, verifying the certificate', async () => {
    const server = await smtp({ tls: { mode: 'starttls', ...certificate } });
    const result = await trusting().send(sampleMessage(), config(server.port, { tls: 'starttls' }), {});
    expect(result).toMatchObject({ ok: true, status: 250 });
    expect(server.mails[0]!.secure).toBe(true);

    // The same server with a certificate nobody vouches for: nothing is sent.
    const untrusted = await adapter.send(sampleMessage(), config(server.port, { tls: 'starttls' }), {});
    expect(untrusted).toMatchObject({ ok: false, status: null });
    expect(server.mails).toHaveLength(1);
  });

  it('sends nothing in clear when STARTTLS is required but not offered', async () => {
    const server = await smtp();
    const result = await trusting().send(sampleMessage(), config(server.port, { tls: 'starttls' }), {});
    expect(result.ok).toBe(false);
    expect(server.mails).toHaveLength(0);
  });

  it('speaks implicit TLS', async () => {
    const server = await smtp({
      tls: { mode: 'implicit', ...certificate },
      credentials: { user: 'u', password: 'p' },
    });
    const result = await trusting().send(sampleMessage(), config(server.port, { tls: 'tls', user: 'u' }), {
      password: 'p',
    });
    expect(result).toMatchObject({ ok: true, status: 250 });
    expect(server.mails[0]).toMatchObject({ secure: true, user: 'u' });
  });

  it.each([
    [550, false],
    [450, true],
  ])('reports a recipient refused with %i as retryable: %s', async (code, retryable) => {
    const server = await smtp({ refuseRecipient: { address: 'me@example.test', code } });
    const result = await adapter.send(sampleMessage(), config(server.port, { to: ['me@example.test'] }), {});
    expect(result).toMatchObject({ ok: false, status: code, retryable });
    expect(result.error).toContain('me@example.test');
  });

  it('reports a refused connection as retryable', async () => {
    const server = await smtp();
    await server.close();
    receivers.splice(0);
    const result = await adapter.send(sampleMessage(), config(server.port), {});
    expect(result).toMatchObject({ ok: false, status: null, retryable: true });
  });

  describe('with a server that never greets', () => {
    let silent: net.Server;
    let port: number;
    const sockets = new Set<net.Socket>();
    beforeAll(async () => {
      silent = net.createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      port = (silent.address() as net.AddressInfo).port;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    it('gives up within the deadline, as a retryable failure', async () => {
      const started = Date.now();
      const result = await createEmailAdapter({ timeoutMs: 400 }).send(sampleMessage(), config(port), {});
      expect(result).toMatchObject({ ok: false, status: null, retryable: true });
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it("stops when the caller's signal aborts", async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      const result = await createEmailAdapter({ timeoutMs: 5_000 }).send(
        sampleMessage(),
        config(port),
        {},
        controller.signal,
      );
      expect(result).toMatchObject({
        ok: false,
        status: null,
        error: 'The sending was cancelled',
        retryable: true,
      });
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });
});
