/**
 * Other people's data on disk and in the store: what a run, a session check or a page check
 * left about LinkedIn contacts (screenshots of their pages, structure snapshots, names,
 * texts), removed by the retention settings or forgotten at the user's request. The store
 * keeps what the limits count (src/store/personalDataInterfaces.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { runScreenshotDir } from '../config/dataDir.ts';
import { doctorRoot } from '../runner/doctor.ts';
import { SESSION_CHECKS_DIR } from '../runner/sessionCheck.ts';
import type { PersonalDataCounts, Store } from '../store/interfaces.ts';

/** What forgetting removed: the store's rows, and files. */
export interface Forgotten extends PersonalDataCounts {
  /** Screenshots of runs and session checks (files). */
  screenshots: number;
  /** Page-check walks (each a folder of screenshots, structure snapshots and a report). */
  doctor_reports: number;
}

/** Files under `dir` (recursively) last written before `before` (all when null); removes them and the folders they empty. */
export function removeFiles(dir: string, before: Date | null): number {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      removed += removeFiles(full, before);
      if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
    } else if (before === null || fs.lstatSync(full).mtimeMs < before.getTime()) {
      fs.rmSync(full, { force: true });
      removed++;
    }
  }
  return removed;
}

function readNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** Folders directly under `root` last written before `before` (all when null), removed whole. */
function removeFolders(root: string, before: Date | null): number {
  let removed = 0;
  for (const name of readNames(root)) {
    const full = path.join(root, name);
    if (before !== null && fs.statSync(full).mtimeMs >= before.getTime()) continue;
    fs.rmSync(full, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/**
 * The account's screenshots and page-check walks older than `before` (everything when null).
 * Session checks are not filed by account: their screenshots go with any account's.
 */
export async function removeScreenshots(
  store: Store,
  dataDir: string,
  accountId: string,
  before: Date | null,
): Promise<{ screenshots: number; doctor_reports: number }> {
  let screenshots = removeFiles(path.join(dataDir, SESSION_CHECKS_DIR), before);
  // Only the runs with a folder: most runs took no screenshot.
  const folders = new Set(readNames(path.dirname(runScreenshotDir(dataDir, 'any'))));
  for (const runId of await store.personalData.runIds(accountId)) {
    if (!folders.has(runId)) continue;
    const dir = runScreenshotDir(dataDir, runId);
    screenshots += removeFiles(dir, before);
    if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  }
  return { screenshots, doctor_reports: removeFolders(doctorRoot(dataDir, accountId), before) };
}

/** Forgets the account's LinkedIn people: the store's rows (keeping the counts), then the files. */
export async function forgetLinkedInData(
  store: Store,
  dataDir: string,
  accountId: string,
): Promise<Forgotten> {
  const counts = await store.personalData.forget(accountId);
  return { ...counts, ...(await removeScreenshots(store, dataDir, accountId, null)) };
}
