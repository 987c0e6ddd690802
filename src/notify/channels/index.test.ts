import { afterEach, describe, expect, it } from 'vitest';
import { type HttpReceiver, startHttpReceiver } from '../../../test/support/httpReceiver.ts';
import { parseMail, type SmtpReceiver, startSmtpReceiver } from '../../../test/support/smtpReceiver.ts';
import { CHANNEL_TYPES } from '../../contract/notifications.ts';
import { sampleMessage } from '../testing.ts';
import { channelAdapters, createChannelAdapters, sendVia } from './index.ts';

const servers: (HttpReceiver | SmtpReceiver)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const adapters = createChannelAdapters({ timeoutMs: 1_000 });

describe('sendVia', () => {
  it('has an adapter for every channel type', () => {
    for (const type of CHANNEL_TYPES) expect(channelAdapters[type].type).toBe(type);
  });

  it('sends through the adapter of the type, with the stored settings', async () => {
    const hook = await startHttpReceiver();
    const smtp = await startSmtpReceiver();
    servers.push(hook, smtp);
    const message = sampleMessage();

    const webhook = await sendVia(
      'webhook',
      message,
      { url: `${hook.origin}/in` },
      { secret: 'sixteen-chars-at-least' },
      undefined,
      adapters,
    );
    expect(webhook).toMatchObject({ ok: true, status: 200 });
    expect(hook.requests[0]!.headers['x-lbb-delivery']).toBe(message.deliveryId);

    const email = await sendVia(
      'email',
      message,
      { host: '127.0.0.1', port: smtp.port, tls: 'none', from: 'bot@example.test', to: ['me@example.test'] },
      {},
      undefined,
      adapters,
    );
    expect(email).toMatchObject({ ok: true, status: 250 });
    expect(parseMail(smtp.mails[0]!.raw).subject).toBe(message.text);
  });

  it('fails without retry, naming the fields but never the values, when the settings do not fit', async () => {
    const result = await sendVia(
      'telegram',
      sampleMessage(),
      { chat_id: 'not a chat', api_url: 'ftp://example.test' },
      { bot_token: 'leaked-token-value' },
      undefined,
      adapters,
    );
    expect(result).toMatchObject({ ok: false, status: null, retryable: false });
    expect(result.error).toContain('chat_id');
    expect(result.error).toContain('api_url');
    expect(result.error).toContain('bot_token');
    expect(result.error).not.toContain('leaked-token-value');
  });
});
