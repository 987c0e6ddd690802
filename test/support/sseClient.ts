/**
 * A minimal client of `GET /api/events` over a real socket (`inject` does not stream): the
 * events received, whether the server ended the stream, and the JSON body of a refusal.
 */
import http from 'node:http';
import { waitFor } from './waitFor.ts';

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

export interface SseClient {
  events: SseEvent[];
  /** The answer's head; for a non-200 answer, its JSON body is in `body()`. */
  opened: Promise<http.IncomingMessage>;
  body(): Promise<unknown>;
  /** True once the server has ended the stream. */
  readonly ended: boolean;
  waitFor(pred: (e: SseEvent) => boolean): Promise<SseEvent>;
  /** Resolves when the server ends the stream. */
  waitForEnd(): Promise<true>;
  close(): void;
}

export function openEvents(
  base: string,
  headers: Record<string, string>,
  opts: { localAddress?: string } = {},
): SseClient {
  const events: SseEvent[] = [];
  let buffer = '';
  let ended = false;
  let request!: http.ClientRequest;
  let text = '';
  let bodyDone!: () => void;
  const bodyRead = new Promise<void>((resolve) => {
    bodyDone = resolve;
  });
  const opened = new Promise<http.IncomingMessage>((resolve, reject) => {
    // A fresh connection per stream (no keep-alive pool), from the address asked for.
    request = http.get(
      `${base}/api/events`,
      { headers, agent: false, localAddress: opts.localAddress },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (res.statusCode !== 200) {
            text += chunk;
            return;
          }
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.+)$/m.exec(frame)?.[1];
            const data = /^data: (.+)$/m.exec(frame)?.[1];
            if (event && data) events.push({ event, data: JSON.parse(data) });
            end = buffer.indexOf('\n\n');
          }
        });
        res.on('end', () => {
          ended = true;
          bodyDone();
        });
        resolve(res);
      },
    );
    request.on('error', reject);
  });
  return {
    events,
    opened,
    get ended() {
      return ended;
    },
    async body() {
      await bodyRead;
      return JSON.parse(text);
    },
    waitFor: (pred) =>
      waitFor(() => events.find(pred), {
        intervalMs: 10,
        what: () => `such an event among ${events.map((e) => e.event).join(',')}`,
      }),
    waitForEnd: () => waitFor(() => ended, { intervalMs: 10, what: 'the server to end the stream' }),
    close: () => request.destroy(),
  };
}
