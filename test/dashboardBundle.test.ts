import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_LOAD_MAX_GZIP_BYTES, firstLoad, readManifest } from './support/dashboardBundle.ts';

/** The built dashboard (dist/web, rebuilt by the global setup when older than web/src). */
const DIST = path.resolve(import.meta.dirname, '../dist/web');

describe('the dashboard bundle', () => {
  it('loads the overview with under 200 KB of JavaScript gzipped', () => {
    const load = firstLoad(DIST);
    expect(load.files.length).toBeGreaterThan(0);
    expect(load.gzipBytes).toBeGreaterThan(10 * 1024);
    expect(load.gzipBytes, `${load.files.join(', ')}: ${load.gzipBytes} bytes gzipped`).toBeLessThan(
      FIRST_LOAD_MAX_GZIP_BYTES,
    );
  });

  it('keeps every page but the overview and the login page out of the first load', () => {
    const load = firstLoad(DIST);
    const manifest = readManifest(DIST);
    for (const page of [
      'Runs',
      'RunDetail',
      'Logs',
      'Settings',
      'Templates',
      'Blacklist',
      'Notifications',
      'Session',
      'Audit',
    ]) {
      const source = `src/pages/${page}.tsx`;
      expect(load.lazySources, source).toContain(source);
      expect(load.files, source).not.toContain(manifest[source]!.file);
    }
  });
});
