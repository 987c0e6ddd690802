/**
 * The failure screenshots of a run, as the API serves them: only image files lying directly
 * in that run's folder (DATA_DIR/runs/<run id>/), never through a symlink, never elsewhere.
 * An outcome stores the path its run process wrote; clients get its file name and a URL.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { runScreenshotDir } from '../config/dataDir.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

/** A plain file name: letters, digits, `_`, `-` and dots (no leading dot), an image extension. */
const SCREENSHOT_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

export interface RunScreenshot {
  file: string;
  contentType: string;
}

/** The content type of an acceptable screenshot name, else null (paths, `..`, other files). */
export function screenshotContentType(name: string): string | null {
  if (!SCREENSHOT_NAME.test(name) || name.includes('..')) return null;
  return CONTENT_TYPES[path.extname(name).toLowerCase()] ?? null;
}

/**
 * The image `name` of run `runId`, when it is a regular file directly in the run's folder
 * (neither the folder nor the file a symlink); null otherwise.
 */
export async function findRunScreenshot(
  dataDir: string,
  runId: string,
  name: string,
): Promise<RunScreenshot | null> {
  const contentType = screenshotContentType(name);
  if (!contentType) return null;
  const runsRoot = path.join(dataDir, 'runs');
  const dir = runScreenshotDir(dataDir, runId);
  if (path.dirname(dir) !== runsRoot) return null;
  const file = path.join(dir, name);
  if (path.dirname(file) !== dir) return null;
  try {
    if (!(await fs.lstat(dir)).isDirectory()) return null;
    if (!(await fs.lstat(file)).isFile()) return null;
    // Whatever links further up, the file must really be in the run's own folder.
    if (path.dirname(await fs.realpath(file)) !== (await fs.realpath(dir))) return null;
  } catch {
    return null;
  }
  return { file, contentType };
}

/** The file name clients see for an outcome's stored screenshot path. */
export function screenshotName(stored: string): string {
  return path.basename(stored.replaceAll('\\', '/'));
}

/**
 * The URL of an outcome's screenshot, from its stored name alone (no file system access per
 * outcome of a listing): null when the name is not one the route would ever serve. Serving
 * checks the file (`findRunScreenshot`), so a file gone since answers 404.
 */
export function screenshotUrl(runId: string, stored: string | null): string | null {
  if (!stored) return null;
  const name = screenshotName(stored);
  if (!screenshotContentType(name)) return null;
  return `/api/runs/${encodeURIComponent(runId)}/screenshots/${encodeURIComponent(name)}`;
}
