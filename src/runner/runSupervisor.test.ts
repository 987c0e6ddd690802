import { describe, expect, it } from 'vitest';
import { RUN_PROCESS_NODE_FLAGS, runProcessEnv } from './runSupervisor.ts';

describe('run process settings', () => {
  it('limits glibc to two malloc arenas unless the user chose otherwise', () => {
    expect(runProcessEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', MALLOC_ARENA_MAX: '2' });
    expect(runProcessEnv({ MALLOC_ARENA_MAX: '4' }).MALLOC_ARENA_MAX).toBe('4');
    expect(runProcessEnv({ MALLOC_ARENA_MAX: '' }).MALLOC_ARENA_MAX).toBe('2');
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
