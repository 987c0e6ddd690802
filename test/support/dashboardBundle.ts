import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * What the dashboard's first page costs: the JavaScript the browser fetches before the
 * overview shows (the entry chunk and everything it imports statically, not the pages loaded
 * later), read from the Vite manifest of a build (`build.manifest: true`).
 */

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface FirstLoad {
  /** The chunks' files (`assets/…js`), the entry first. */
  files: string[];
  /** Their sizes gzipped (level 9, as served by a gzipping proxy at best), summed. */
  gzipBytes: number;
  rawBytes: number;
  /** The sources loaded later, each in a chunk of its own (`src/pages/Runs.tsx`…). */
  lazySources: string[];
}

export function readManifest(distDir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(distDir, '.vite/manifest.json'), 'utf8')) as Manifest;
}

/** The JavaScript of the first load of the dashboard built in `distDir`. */
export function firstLoad(distDir: string): FirstLoad {
  const manifest = readManifest(distDir);
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entry) throw new Error(`no entry chunk in ${distDir}/.vite/manifest.json`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entry);
  const files = [...seen].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'));
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(distDir, file));
    rawBytes += bytes.length;
    gzipBytes += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  const lazySources = Object.values(manifest)
    .filter((chunk) => chunk.isDynamicEntry && chunk.src)
    .map((chunk) => chunk.src!);
  return { files, gzipBytes, rawBytes, lazySources };
}

/** The budget of the issue: the overview's JavaScript under 200 KB gzipped. */
export const FIRST_LOAD_MAX_GZIP_BYTES = 200 * 1024;
