/**
 * Which address sites see the browser come from (its "exit IP"): the browser itself fetches
 * an IP echo (`network.ip_check_url`), so through the account's proxy when there is one,
 * exactly as its LinkedIn pages would go.
 */
import { isIP } from 'node:net';
import { type Page, errors as playwrightErrors, type Response } from 'playwright-core';
import { firstLine } from './browser.ts';

/** Not reaching the echo is an answer the caller weighs (fatal through a proxy, a note without). */
export type ExitIpResult = { ok: true; ip: string } | { ok: false; reason: string };

/** The address in an echo's answer: `{"ip":"…"}` or the address alone as text; null otherwise. */
export function parseExitIp(body: string): string | null {
  const text = body.trim();
  let candidate = text;
  if (text.startsWith('{')) {
    try {
      const ip = (JSON.parse(text) as { ip?: unknown }).ip;
      candidate = typeof ip === 'string' ? ip.trim() : '';
    } catch {
      return null;
    }
  }
  return isIP(candidate) ? candidate : null;
}

/** Opens the echo in `page` and reads the address it answers. A dead browser still throws. */
export async function fetchExitIp(page: Page, url: string, timeoutMs: number): Promise<ExitIpResult> {
  let response: Response | null;
  try {
    response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  } catch (err) {
    if (err instanceof playwrightErrors.TimeoutError) {
      return { ok: false, reason: `no answer from ${url} within ${Math.round(timeoutMs / 1000)} s` };
    }
    const line = firstLine(err);
    if (/net::ERR_/.test(line)) return { ok: false, reason: line.replace(/^page\.goto: /, '') };
    throw err;
  }
  if (!response) return { ok: false, reason: `no response from ${url}` };
  const status = response.status();
  if (status === 407) return { ok: false, reason: 'the proxy refused its credentials (HTTP 407)' };
  if (status < 200 || status >= 300) return { ok: false, reason: `${url} answered HTTP ${status}` };
  const ip = parseExitIp(await response.text());
  if (!ip) return { ok: false, reason: `${url} did not answer an IP address ({"ip":"…"} or plain text)` };
  return { ok: true, ip };
}
