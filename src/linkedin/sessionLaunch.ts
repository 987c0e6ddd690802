/**
 * Starting the run's Chromium. The one-process layout takes about half the memory, but not
 * every Chromium build or host can start so: rather than failing the run, Chromium is then
 * started again in its multi-process layout, with a warning.
 */

import type { ChromiumProcessModel } from '../config/env.ts';
import { type CodedLog, coded } from '../contract/logCodes.ts';
import { findChromium, firstLine, type LaunchedBrowser, launchChromium } from './browser.ts';
import { LinkedInError } from './interfaces.ts';
import type { BrowserProxy } from './proxy.ts';

const LAUNCH_TIMEOUT_MS = 30_000;

export const stoppedBeforeStart = () => new LinkedInError('aborted', 'Stopped before the browser started');

/** What launching needs of the session's options (BrowserSessionOptions says what each is). */
export interface ChromiumLaunchOptions {
  chromiumPath?: string;
  processModel?: ChromiumProcessModel;
  proxy?: BrowserProxy;
  signal?: AbortSignal;
  onWarning?: (message: string, what?: CodedLog) => void;
  diskCacheDir?: string | null;
}

/**
 * Finds and launches Chromium. A Chromium that cannot start in one process is started
 * again in its multi-process layout, with a warning.
 */
export async function launchSessionBrowser(opts: ChromiumLaunchOptions): Promise<LaunchedBrowser> {
  if (opts.signal?.aborted) throw stoppedBeforeStart();
  const executablePath = findChromium({ configured: opts.chromiumPath });
  const preferred = opts.processModel ?? 'single';
  const start = (processModel: ChromiumProcessModel) =>
    launchChromium({
      executablePath,
      processModel,
      timeoutMs: LAUNCH_TIMEOUT_MS,
      proxy: opts.proxy,
      diskCacheDir: opts.diskCacheDir,
    });
  let launched: LaunchedBrowser;
  try {
    launched = await start(preferred);
  } catch (err) {
    if (opts.signal?.aborted) throw stoppedBeforeStart();
    if (preferred === 'multi') throw err;
    const why = firstLine(err);
    opts.onWarning?.(
      `Chromium did not start in one process (${why}): starting it multi-process, which takes more memory`,
      coded('browser.multi_process', { reason: why }),
    );
    try {
      launched = await start('multi');
    } catch (second) {
      if (opts.signal?.aborted) throw stoppedBeforeStart();
      throw new LinkedInError('browser_crashed', `${why}; multi-process: ${firstLine(second)}`);
    }
  }
  return launched;
}
