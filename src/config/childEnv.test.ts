import { describe, expect, it } from 'vitest';
import { browserEnv, nodeChildEnv } from './childEnv.ts';

const PARENT = {
  PATH: '/usr/bin',
  HOME: '/home/bot',
  TZ: 'Europe/Paris',
  XDG_RUNTIME_DIR: '/run/user/1000',
  FONTCONFIG_PATH: '/etc/fonts',
  NODE_OPTIONS: '--max-old-space-size=512',
  LBB_TEST_JOBS: '1',
  API_KEY: 'k',
  ADMIN_PASSWORD: 'p',
  SECRET_KEY: 's',
  DATABASE_URL: 'postgres://u:p@h/d',
  REDIS_URL: 'redis://:p@h',
  PGPASSWORD: 'p',
  GITHUB_TOKEN: 't',
};

describe('child environments', () => {
  it("give Chromium the system's part only", () => {
    expect(browserEnv(PARENT)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/bot',
      TZ: 'Europe/Paris',
      XDG_RUNTIME_DIR: '/run/user/1000',
      FONTCONFIG_PATH: '/etc/fonts',
    });
  });

  it('give our Node processes the app settings too, never a secret', () => {
    expect(nodeChildEnv(PARENT)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/bot',
      TZ: 'Europe/Paris',
      XDG_RUNTIME_DIR: '/run/user/1000',
      FONTCONFIG_PATH: '/etc/fonts',
      NODE_OPTIONS: '--max-old-space-size=512',
      LBB_TEST_JOBS: '1',
    });
  });
});
