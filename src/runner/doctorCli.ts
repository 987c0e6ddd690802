/**
 * `linkedin-birthday-bot doctor`: the page check from a terminal, with the stored session
 * of the default account, against LINKEDIN_BASE_URL. It opens the store and reads the
 * session, writes nothing to the database but the account's browser identity when no
 * browser of the account made it yet (the server may be running: SQLite's WAL lets both
 * work), and runs the walk in a browser-task process like the server does: this
 * process never loads Playwright. One line per step, where the files are, and exit 0 when
 * every step is ok, 1 otherwise.
 */
import { prepareDataDir } from '../config/dataDir.ts';
import type { Config } from '../config/env.ts';
import { existingSecretKey } from '../config/secrets.ts';
import { DEFAULT_ACCOUNT_ID } from '../domain.ts';
import { createLogger } from '../logger.ts';
import { createStore, storeOptionsFor } from '../store/index.ts';
import { DoctorError, type DoctorStep, ProcessDoctor } from './doctor.ts';

/** `✔ birthdays    12 birthday card(s): 10 today, 2 late  [primary]` */
export function stepLine(step: DoctorStep): string {
  const name = step.name.padEnd(12);
  if (step.skipped) return `– ${name} skipped: ${step.detail}`;
  if (!step.ok) return `✘ ${name} ${step.error ? `${step.error.code}: ${step.error.message}` : step.detail}`;
  const fallbacks = step.strategies.filter((s) => !s.primary);
  const strategy =
    step.strategy === 'fallback'
      ? `  [fallback: ${fallbacks.map((s) => `${s.element} #${s.fallback}/${s.of}`).join(', ')}]`
      : step.strategy
        ? `  [${step.strategy}]`
        : '';
  return `✔ ${name} ${step.detail}${strategy}`;
}

export async function runDoctorCli(
  config: Config,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  const secretKey = existingSecretKey(config.dataDir, config);
  if (!secretKey) {
    out(`✘ No SECRET_KEY and no ${config.dataDir}/secrets.json: start the server once and store a session`);
    return 1;
  }
  const warning = prepareDataDir(config.dataDir);
  if (warning) out(`! ${warning}`);
  const store = await createStore(storeOptionsFor(config));
  const doctor = new ProcessDoctor({
    store,
    secretKey,
    dataDir: config.dataDir,
    linkedinBaseUrl: config.linkedinBaseUrl,
    chromiumPath: config.chromiumPath,
    chromiumProcessModel: config.chromiumProcessModel,
    logger: createLogger('error'),
  });
  const stop = () => void doctor.close().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    out(`Checking the LinkedIn pages at ${config.linkedinBaseUrl} (read-only: nothing is typed or sent)…`);
    const { report, dir } = await doctor.run(DEFAULT_ACCOUNT_ID);
    for (const step of report.steps) out(stepLine(step));
    out(`Screenshots and snapshots: ${dir}`);
    out(
      report.ok
        ? 'Every page looks as the bots expect.'
        : 'Some pages do not look as the bots expect: see README, "Checking the LinkedIn pages".',
    );
    return report.ok ? 0 : 1;
  } catch (err) {
    if (!(err instanceof DoctorError)) throw err;
    out(`✘ The page check could not complete (${err.reason}): ${err.message}`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await doctor.close();
    await store.close();
  }
}
