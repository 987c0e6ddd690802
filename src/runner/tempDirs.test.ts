import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempDir, removeStaleTempDirs, tempRoot } from './tempDirs.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-tempdirs-'));
  dirs.push(dir);
  return dir;
}

/** A pid that no process has any more. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('temporary folders under DATA_DIR/tmp', () => {
  it('are private, and gone once removed', () => {
    const root = dataDir();
    const temp = createTempDir(root, 'run-1');
    expect(temp.dir).toBe(path.join(root, 'tmp', 'run-1'));
    expect(fs.statSync(temp.dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(tempRoot(root)).mode & 0o777).toBe(0o700);
    fs.mkdirSync(path.join(temp.dir, 'playwright_chromiumdev_profile-x'));
    temp.remove();
    expect(fs.existsSync(temp.dir)).toBe(false);
  });

  it('left by a process that died are removed at start; those of a live one are kept', () => {
    const root = dataDir();
    const live = createTempDir(root, 'run-live');
    const dead = path.join(tempRoot(root), 'run-dead');
    fs.mkdirSync(path.join(dead, 'playwright_chromiumdev_profile-y'), { recursive: true });
    fs.writeFileSync(path.join(dead, '.owner'), `${deadPid()}\n`);
    const unowned = path.join(tempRoot(root), 'task-unowned');
    fs.mkdirSync(unowned);
    expect(removeStaleTempDirs(root)).toBe(2);
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(unowned)).toBe(false);
    expect(fs.existsSync(live.dir)).toBe(true);
  });
});
