import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from './server.ts';

/** `GET /__sandbox/ip` over a real socket: the address the connection comes from. */

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

/** GET from a chosen local address (all of 127.0.0.0/8 is loopback on Linux). */
function getIp(localAddress: string, headers: Record<string, string> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${sandbox.url}/__sandbox/ip`, { localAddress, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve(JSON.parse(body)));
    });
    req.on('error', reject);
  });
}

describe('GET /__sandbox/ip', () => {
  it("answers the connection's source address", async () => {
    expect(await getIp('127.0.0.1')).toEqual({ ip: '127.0.0.1' });
    expect(await getIp('127.0.0.2')).toEqual({ ip: '127.0.0.2' });
  });

  it('ignores forwarding headers a client could set', async () => {
    const headers = {
      'x-forwarded-for': '203.0.113.9',
      'x-real-ip': '203.0.113.10',
      forwarded: 'for=203.0.113.11',
    };
    expect(await getIp('127.0.0.3', headers)).toEqual({ ip: '127.0.0.3' });
  });
});
