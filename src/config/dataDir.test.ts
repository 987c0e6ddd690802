import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareDataDir } from './dataDir.ts';

const dirs: string[] = [];
const umask = process.umask();
afterEach(() => {
  process.umask(umask);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('DATA_DIR', () => {
  it('made by someone else 0755 becomes 0700, and what is created in it afterwards is private', () => {
    process.umask(0o022);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-datadir-'));
    dirs.push(dir);
    fs.chmodSync(dir, 0o755);
    expect(prepareDataDir(dir)).toBeNull();
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    fs.writeFileSync(path.join(dir, 'linkedin-bot.sqlite'), '');
    fs.mkdirSync(path.join(dir, 'screenshots'));
    expect(fs.statSync(path.join(dir, 'linkedin-bot.sqlite')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'screenshots')).mode & 0o777).toBe(0o700);
  });

  it('missing is created 0700, parents included', () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-datadir-'));
    dirs.push(parent);
    const dir = path.join(parent, 'a', 'data');
    expect(prepareDataDir(dir)).toBeNull();
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });
});
