import { afterEach, describe, expect, it } from 'vitest';
import { type HttpReceiver, startHttpReceiver } from '../../../test/support/httpReceiver.ts';
import { sampleMessage } from '../testing.ts';
import { createTelegramAdapter, TELEGRAM_TEXT_LIMIT, telegramText } from './telegram.ts';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const CHAT = '-1001234567890';
const adapter = createTelegramAdapter({ timeoutMs: 1_000 });

const receivers: HttpReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

/**
 * A Bot API server: `sendMessage` for the known token, to the known chat, answers as Telegram
 * does (echoing the message); anything else gets Telegram's error answers.
 */
async function fakeBotApi(override?: { status: number; answer: object }) {
  const r = await startHttpReceiver((req, res) => {
    const json = (status: number, answer: object) =>
      void res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    if (override) return json(override.status, override.answer);
    if (!req.url.startsWith(`/bot${TOKEN}/`))
      return json(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    if (req.url !== `/bot${TOKEN}/sendMessage`)
      return json(404, { ok: false, error_code: 404, description: 'Not Found' });
    const body = JSON.parse(req.body.toString('utf8')) as { chat_id: string; text: string };
    if (body.chat_id !== CHAT)
      return json(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    json(200, { ok: true, result: { message_id: 1, chat: { id: Number(CHAT) }, date: 1, text: body.text } });
  });
  receivers.push(r);
  return r;
}

describe('telegram channel', () => {
  it("posts the message as plain text to the bot's sendMessage", async () => {
    const api = await fakeBotApi();
    const message = sampleMessage();
    const result = await adapter.send(message, { chat_id: CHAT, api_url: api.origin }, { bot_token: TOKEN });

    expect(result).toMatchObject({ ok: true, status: 200, error: null, retryable: false });
    expect(result.response).toContain('"message_id":1');
    expect(result.response).not.toContain(TOKEN);
    const request = api.requests[0]!;
    expect(request.url).toBe(`/bot${TOKEN}/sendMessage`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body.toString('utf8'))).toEqual({
      chat_id: CHAT,
      text: message.body,
      disable_web_page_preview: true,
    });
  });

  it('reads success from an answer cut at 1 KB (Telegram echoes long messages)', async () => {
    const api = await fakeBotApi();
    const body = `Résumé du jour\n${'Anniversaire souhaité à Jeanne Dupont.\n'.repeat(60)}`;
    const result = await adapter.send(
      sampleMessage({ event: 'daily_digest', text: 'Résumé du jour', body }),
      { chat_id: CHAT, api_url: api.origin },
      { bot_token: TOKEN },
    );
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(Buffer.byteLength(result.response!)).toBeLessThanOrEqual(1024);
    // Cut, so no longer JSON: success was read from its start.
    expect(() => JSON.parse(result.response!)).toThrow();
  });

  it('reports an unknown chat as not retryable, with Telegram’s reason', async () => {
    const api = await fakeBotApi();
    const result = await adapter.send(
      sampleMessage(),
      { chat_id: '@nobody_here', api_url: api.origin },
      { bot_token: TOKEN },
    );
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      error: 'Telegram refused the message: Bad Request: chat not found',
      retryable: false,
    });
  });

  it('reports a wrong token as not retryable, without the token', async () => {
    const api = await fakeBotApi();
    const wrong = '987654321:ZZZdqTcvCH1vGWJxfSeofSAs0K5PALDxyz';
    const result = await adapter.send(
      sampleMessage(),
      { chat_id: CHAT, api_url: api.origin },
      { bot_token: wrong },
    );
    expect(result).toMatchObject({
      ok: false,
      status: 401,
      error: 'Telegram refused the message: Unauthorized',
    });
    expect(result.retryable).toBe(false);
    expect(JSON.stringify(result)).not.toContain('ZZZdq');
  });

  it.each([
    [
      429,
      {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 5',
        parameters: { retry_after: 5 },
      },
      true,
    ],
    [502, { ok: false, error_code: 502, description: 'Bad Gateway' }, true],
    [408, { ok: false, error_code: 408, description: 'Request Timeout' }, true],
    [403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, false],
    [404, { ok: false, error_code: 404, description: 'Not Found' }, false],
    [200, { ok: false, description: 'odd' }, false],
  ])('reports HTTP %i as retryable: %s', async (status, answer, retryable) => {
    const api = await fakeBotApi({ status, answer });
    const result = await adapter.send(
      sampleMessage(),
      { chat_id: CHAT, api_url: api.origin },
      { bot_token: TOKEN },
    );
    expect(result).toMatchObject({ ok: false, status, retryable });
    expect(result.error).toContain(answer.description);
  });

  it('never shows the token when the API cannot be reached', async () => {
    const api = await fakeBotApi();
    await api.close();
    const result = await adapter.send(
      sampleMessage(),
      { chat_id: CHAT, api_url: api.origin },
      { bot_token: TOKEN },
    );
    expect(result).toMatchObject({ ok: false, status: null, retryable: true });
    expect(JSON.stringify(result)).not.toContain(TOKEN.split(':')[1]);
  });

  it('accepts an api_url with a trailing slash', async () => {
    const api = await fakeBotApi();
    const result = await adapter.send(
      sampleMessage(),
      { chat_id: CHAT, api_url: `${api.origin}/` },
      { bot_token: TOKEN },
    );
    expect(result.ok).toBe(true);
    expect(api.requests[0]!.url).toBe(`/bot${TOKEN}/sendMessage`);
  });
});

describe('telegramText', () => {
  it('sends the headline and the detail once each, within Telegram’s limit', () => {
    expect(telegramText(sampleMessage({ text: 'Titre', body: 'Titre\nDétail' }))).toBe('Titre\nDétail');
    expect(telegramText(sampleMessage({ text: 'Titre', body: 'Détail' }))).toBe('Titre\n\nDétail');
    expect(telegramText(sampleMessage({ text: 'Titre', body: '' }))).toBe('Titre');
    const long = telegramText(sampleMessage({ text: 'Titre', body: `Titre\n${'😀'.repeat(5000)}` }));
    expect(Array.from(long)).toHaveLength(TELEGRAM_TEXT_LIMIT);
    expect(long.endsWith('…')).toBe(true);
  });
});
