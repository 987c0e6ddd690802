import http from 'node:http';

export interface SseFrame {
  event: string;
  data: unknown;
  /** performance.now() when the chunk carrying the frame's end arrived. */
  at: number;
}

/**
 * A minimal EventSource over node:http that timestamps every frame on arrival and keeps
 * them in `frames` (from the first byte: the initial `status` event comes with the headers).
 */
export class SseClient {
  readonly frames: SseFrame[] = [];
  private buffer = '';

  private constructor(private readonly request: http.ClientRequest) {}

  static connect(url: string, headers: Record<string, string>): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } });
      const client = new SseClient(request);
      request.once('error', reject);
      request.once('response', (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`GET ${url}: ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => client.receive(chunk, performance.now()));
        resolve(client);
      });
    });
  }

  close(): void {
    this.request.destroy();
  }

  private receive(chunk: string, at: number): void {
    this.buffer += chunk;
    for (;;) {
      const match = /\r?\n\r?\n/.exec(this.buffer);
      if (!match) return;
      const block = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const frame = parseBlock(block, at);
      if (frame) this.frames.push(frame);
    }
  }
}

/** One `event:`/`data:` block; comments (`: keep-alive`) and `retry:` blocks give nothing. */
function parseBlock(block: string, at: number): SseFrame | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  const text = data.join('\n');
  try {
    return { event, data: JSON.parse(text), at };
  } catch {
    return { event, data: text, at };
  }
}
