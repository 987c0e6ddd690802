/**
 * The run process's composition root: forked by the RunSupervisor (`src/runner/`) for one
 * run; opens its own store connection, reads the account's settings, loads the handler of
 * the run's type and serves the run over IPC (`serveRun`).
 */

// First: its temporary files go to DATA_DIR before anything (Playwright) asks where they go.
import '../runner/processTmpDir.ts';
import { RunFailure } from '../bots/runContext.ts';
import { privateFiles } from '../config/dataDir.ts';
import { loadSettings } from '../config/settingsStore.ts';
import { createRunRegistry } from '../jobs/registry.ts';
import { serveRun } from '../runner/runProcess.ts';
import { createStore, storeOptionsFor } from '../store/index.ts';

// Its screenshots, browser state and temporary files are private, whatever umask it was given.
privateFiles();

serveRun(async (runId, config, opened) => {
  const store = await createStore(storeOptionsFor(config));
  opened(store);
  const run = await store.runs.get(runId);
  if (!run) throw new RunFailure('run_not_found', `Run ${runId} does not exist`);
  const settings = await loadSettings(store, run.account_id);
  const handler = await createRunRegistry({ testRuns: config.testRuns }).load(run.type);
  return { run, store, settings, handler };
});
