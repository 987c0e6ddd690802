import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runSandboxCli } from './cli.ts';

describe('runSandboxCli', () => {
  it('starts the sandbox and prints its URL', async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    const sandbox = await runSandboxCli({ port: 0, out, handleSignals: false });
    try {
      expect(printed).toContain(`LinkedIn sandbox listening on ${sandbox.url}`);
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${sandbox.url}/feed/`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(/^\/login\?/);
    } finally {
      await sandbox.close();
    }
  });
});
