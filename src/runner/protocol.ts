/**
 * What a supervisor (parent) and a run process (child) say to each other over IPC, and the
 * configuration the run process gets (never on argv or in the environment).
 */

import type { RunConfig } from '../bots/runContext.ts';
import type { Config } from '../config/env.ts';
import type { LogCode, LogParams } from '../contract/logCodes.ts';
import type { LogLevel, RunCounters, RunError, RunProgress } from '../domain.ts';

/** Messages between the server (parent) and a run process (child). */
export type ParentMessage =
  | { type: 'start'; runId: string; config: RunConfig }
  | { type: 'abort'; by: string };

export type ChildMessage =
  | { type: 'progress'; counters: RunCounters; progress: RunProgress }
  | { type: 'log'; level: LogLevel; message: string; code: LogCode; params: LogParams; ts: string }
  | { type: 'heartbeat' }
  | {
      type: 'done';
      status: 'succeeded' | 'failed' | 'stopped';
      error: RunError | null;
      counters: RunCounters;
    };

/** What a run process needs from the configuration (sent over IPC, never on argv). */
export function runProcessConfig(config: Config, secretKey: string): RunConfig {
  return {
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    linkedinBaseUrl: config.linkedinBaseUrl,
    chromiumPath: config.chromiumPath,
    chromiumProcessModel: config.chromiumProcessModel,
    logLevel: config.logLevel,
    testRuns: config.testRuns,
    secretKey,
  };
}
