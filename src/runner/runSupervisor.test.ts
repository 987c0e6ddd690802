import { describe, expect, it } from 'vitest';
import { RUN_PROCESS_NODE_FLAGS, runProcessEnv } from './runSupervisor.ts';

describe('run process settings', () => {
  it('limits glibc to two malloc arenas unless the user chose otherwise', () => {
    expect(runProcessEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', MALLOC_ARENA_MAX: '2' });
    expect(runProcessEnv({ MALLOC_ARENA_MAX: '4' }).MALLOC_ARENA_MAX).toBe('4');
    expect(runProcessEnv({ MALLOC_ARENA_MAX: '' }).MALLOC_ARENA_MAX).toBe('2');
  });

  it('passes no secret, only what a process needs, and the run temporary folder', () => {
    const env = runProcessEnv(
      {
        PATH: '/bin',
        HOME: '/home/bot',
        LANG: 'fr_FR.UTF-8',
        LC_ALL: 'C',
        TMPDIR: '/tmp',
        LOG_LEVEL: 'debug',
        LBB_HEARTBEAT_MS: '100',
        PGSSLMODE: 'require',
        API_KEY: 'api-key-value',
        ADMIN_PASSWORD: 'admin-password',
        SECRET_KEY: 'secret-key-value',
        DATABASE_URL: 'postgres://bot:pw@db/bot',
        REDIS_URL: 'redis://:pw@redis:6379',
        PGPASSWORD: 'pw',
        AWS_SECRET_ACCESS_KEY: 'aws',
      },
      '/data/tmp/run-1',
    );
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/home/bot',
      LANG: 'fr_FR.UTF-8',
      LC_ALL: 'C',
      TMPDIR: '/tmp',
      LBB_PROCESS_TMPDIR: '/data/tmp/run-1',
      LOG_LEVEL: 'debug',
      LBB_HEARTBEAT_MS: '100',
      PGSSLMODE: 'require',
      MALLOC_ARENA_MAX: '2',
    });
  });

  it('passes Node flags that Node accepts', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, [...RUN_PROCESS_NODE_FLAGS, '-e', 'process.exit(0)'], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
