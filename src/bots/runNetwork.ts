/**
 * A run's network identity: its browser goes through the account's proxy, and before the
 * first LinkedIn page it reads its exit IP (the address LinkedIn will see) from the IP echo
 * of `network.ip_check_url`, records it, and warns when it differs from the previous run's.
 * Through a proxy, an echo that cannot be read fails the run (`proxy_failed`) before
 * LinkedIn is touched; without one (a closed network) the run notes it and goes on.
 */

import { loadProxy } from '../config/proxySettings.ts';
import { coded } from '../contract/logCodes.ts';
import { DEFAULT_IP_CHECK_URL } from '../contract/networkSettings.ts';
import type { PlaywrightLinkedInClient } from '../linkedin/playwrightClient.ts';
import type { BrowserProxy } from '../linkedin/proxy.ts';
import { LINKEDIN_HOST } from '../linkedin/selectors.ts';
import { type RunContext, RunFailure } from './runContext.ts';

/** The account's proxy with its password decrypted; undefined when the browser goes direct. */
export function runProxy(ctx: RunContext): Promise<BrowserProxy | undefined> {
  const { store, run, config, settings } = ctx;
  const unreadable = (message: string) => new RunFailure('proxy_failed', message);
  return loadProxy(store, run.account_id, config.secretKey, unreadable, settings.network);
}

/**
 * The echo to ask. Against another site than LinkedIn (the sandbox of the demo and the
 * tests) the default public echo is replaced by that site's own, so nothing reaches the
 * internet; a URL the user chose is asked as it is.
 */
export function ipCheckUrlFor(setting: string, linkedinBaseUrl: string): string {
  const base = new URL(linkedinBaseUrl);
  if (setting !== DEFAULT_IP_CHECK_URL || LINKEDIN_HOST.test(base.hostname)) return setting;
  return new URL('/__sandbox/ip', base).toString();
}

/** Reads, records and compares the run's exit IP; throws `proxy_failed` when the proxy does not work. */
export async function checkExitIp(
  ctx: RunContext,
  client: PlaywrightLinkedInClient,
  proxy: BrowserProxy | undefined,
): Promise<void> {
  const url = ipCheckUrlFor(ctx.settings.network.ip_check_url, ctx.config.linkedinBaseUrl);
  const result = await client.exitIp(url, { signal: ctx.signal });
  if (!result.ok) {
    if (!proxy) {
      ctx.log(
        'info',
        `Exit IP not checked (${result.reason}): without a proxy the run goes on`,
        coded('network.ip_unchecked', { reason: result.reason }),
      );
      return;
    }
    const message = `The proxy ${proxy.server} did not work: ${result.reason}. Nothing was sent to LinkedIn`;
    ctx.log('error', message, coded('network.proxy_failed', { proxy: proxy.server, reason: result.reason }));
    throw new RunFailure('proxy_failed', message);
  }
  const recorded = await ctx.store.exitIps.record({
    account_id: ctx.run.account_id,
    ip: result.ip,
    checked_at: new Date().toISOString(),
    run_id: ctx.run.id,
  });
  const via = proxy ? ` through the proxy ${proxy.server}` : '';
  if (recorded.previous_ip !== null && recorded.previous_ip !== result.ip) {
    ctx.log(
      'warn',
      `The exit IP changed: LinkedIn now sees ${result.ip}${via}, the previous run came from ${recorded.previous_ip}`,
      coded('network.ip_changed', {
        ip: result.ip,
        proxy: proxy?.server ?? null,
        previous_ip: recorded.previous_ip,
      }),
    );
  } else {
    ctx.log(
      'info',
      `Exit IP ${result.ip}${via}`,
      coded('network.ip', { ip: result.ip, proxy: proxy?.server ?? null }),
    );
  }
}
