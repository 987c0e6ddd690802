import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoResetDir, demoVariant, prepareDemo } from './demo.ts';
import { ConfigError } from './errors.ts';

describe('demoVariant (SANDBOX_VARIANT)', () => {
  it('defaults to the sdui design and takes default, alt and sdui', () => {
    expect(demoVariant({})).toBe('sdui');
    expect(demoVariant({ SANDBOX_VARIANT: '' })).toBe('sdui');
    for (const v of ['default', 'alt', 'sdui'] as const) expect(demoVariant({ SANDBOX_VARIANT: v })).toBe(v);
  });

  it('refuses anything else with one clear line', () => {
    let error: unknown;
    try {
      demoVariant({ SANDBOX_VARIANT: 'new' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'SANDBOX_VARIANT: must be one of default, alt, sdui (got "new")',
    ]);
  });
});

describe('demo --reset (demoResetDir)', () => {
  it("deletes the demo's own ./data-demo, where the demo is started", () => {
    expect(demoResetDir({}, '/home/me/bot')).toBe('/home/me/bot/data-demo');
    expect(demoResetDir({ DATA_DIR: './data-demo' }, '/home/me/bot')).toBe('/home/me/bot/data-demo');
    expect(demoResetDir({ DATA_DIR: '/home/me/bot/data-demo/' }, '/home/me/bot')).toBe(
      '/home/me/bot/data-demo',
    );
  });

  it('refuses a DATA_DIR pointing elsewhere (maybe a real installation)', () => {
    expect(() => demoResetDir({ DATA_DIR: './data' }, '/home/me/bot')).toThrow(ConfigError);
    expect(() => demoResetDir({ DATA_DIR: '/var/lib/bot' }, '/home/me/bot')).toThrow(
      /deletes only \.\/data-demo/,
    );
  });

  it('refuses with DATABASE_URL set: the database it names would keep the old runs', () => {
    expect(() => demoResetDir({ DATABASE_URL: 'postgres://127.0.0.1/test' }, '/home/me/bot')).toThrow(
      /not the database DATABASE_URL names/,
    );
  });
});

describe('prepareDemo with reset', () => {
  it('starts from an empty data-demo folder, and a refused reset deletes nothing', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-demo-'));
    const before = process.cwd();
    process.chdir(cwd);
    try {
      fs.mkdirSync('data-demo');
      fs.writeFileSync('data-demo/bot.sqlite', 'old runs');
      fs.mkdirSync('data');
      fs.writeFileSync('data/bot.sqlite', 'real installation');
      const env = { SECRET_KEY: 's'.repeat(40), SANDBOX_PORT: '0', PORT: '0' };
      await expect(prepareDemo({ ...env, DATA_DIR: './data' }, { reset: true })).rejects.toThrow(ConfigError);
      expect(fs.readFileSync('data/bot.sqlite', 'utf8')).toBe('real installation');

      const { sandbox, config } = await prepareDemo(env, { reset: true });
      await sandbox.close();
      expect(path.resolve(config.dataDir)).toBe(path.join(fs.realpathSync(cwd), 'data-demo'));
      expect(fs.existsSync('data-demo/bot.sqlite')).toBe(false);
      expect(fs.readFileSync('data/bot.sqlite', 'utf8')).toBe('real installation');

      // Without --reset the demo's data stays.
      fs.mkdirSync('data-demo', { recursive: true });
      fs.writeFileSync('data-demo/bot.sqlite', 'kept');
      const again = await prepareDemo(env);
      await again.sandbox.close();
      expect(fs.readFileSync('data-demo/bot.sqlite', 'utf8')).toBe('kept');
    } finally {
      process.chdir(before);
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
