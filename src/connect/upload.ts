/**
 * Where the session goes: the server's `/api/linkedin/session` with the API key (each refusal
 * told in words the user can act on), or a file only the user can read.
 */
import fs from 'node:fs';
import { ConnectError } from './connectError.ts';

/** `error.message` of the server's `{"error":{…}}` answer, with the names of refused fields. */
async function serverError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as {
      error?: { message?: string; details?: { fields?: Record<string, string> } };
    };
    const fields = body.error?.details?.fields;
    const detail = fields
      ? ` (${Object.entries(fields)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')})`
      : '';
    return `${body.error?.message ?? res.statusText}${detail}`;
  } catch {
    return res.statusText || `HTTP ${res.status}`;
  }
}

export async function callServer(
  server: string,
  apiKey: string,
  method: 'GET' | 'PUT',
  body?: unknown,
): Promise<Record<string, unknown>> {
  const url = `${server}/api/linkedin/session`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        'x-api-key': apiKey,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
    throw new ConnectError(
      `Cannot reach the server at ${server} (${reason}). Is it running, and is --server the address you open the dashboard at?`,
    );
  }
  if (res.ok) return (await res.json()) as Record<string, unknown>;
  const message = await serverError(res);
  switch (res.status) {
    case 401:
      throw new ConnectError(
        `The server refused the API key (401: ${message}). Use the API key the server printed at its first start (or its API_KEY setting): --api-key <key>, or the API_KEY environment variable.`,
      );
    case 403:
      throw new ConnectError(`This API key may not change the LinkedIn session (403: ${message}).`);
    case 404:
      throw new ConnectError(
        `${server} does not look like a linkedin-birthday-bot server (404 for /api/linkedin/session): check --server.`,
      );
    case 421:
      throw new ConnectError(
        `The server does not accept the name "${new URL(server).host}" (421): use the address of its dashboard, or add the name to the server's PUBLIC_HOSTS.`,
      );
    case 400:
      throw new ConnectError(`The server refused the session: ${message}`);
    default:
      throw new ConnectError(`The server answered ${res.status}: ${message}`);
  }
}

/** Writes the session file, readable by the user only (also when it existed before). */
export function writePrivateFile(file: string, content: string): void {
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, content);
  } finally {
    fs.closeSync(fd);
  }
}
