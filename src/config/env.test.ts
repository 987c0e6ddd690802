import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import { loadConfig } from './env.ts';

describe('CHROMIUM_PROCESS_MODEL', () => {
  it('is single by default and takes multi', () => {
    expect(loadConfig({}).chromiumProcessModel).toBe('single');
    expect(loadConfig({ CHROMIUM_PROCESS_MODEL: 'multi' }).chromiumProcessModel).toBe('multi');
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => loadConfig({ CHROMIUM_PROCESS_MODEL: 'two' })).toThrow(ConfigError);
    expect(() => loadConfig({ CHROMIUM_PROCESS_MODEL: 'two' })).toThrow(/CHROMIUM_PROCESS_MODEL/);
  });
});

describe('reverse proxy and allowed hosts', () => {
  it('is off and loopback-only by default', () => {
    const config = loadConfig({});
    expect(config.trustProxy).toBe(false);
    expect(config.publicHosts).toEqual([]);
    expect(config.publicUrl).toBeUndefined();
  });

  it('reads TRUST_PROXY as a switch, a hop count or a list of addresses', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).trustProxy).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
    ]);
  });

  it('takes PUBLIC_URL without its trailing slash and PUBLIC_HOSTS lower-cased', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://bot.example.org/',
      PUBLIC_HOSTS: 'Bot.LAN, 192.168.1.20:8080',
    });
    expect(config.publicUrl).toBe('https://bot.example.org');
    expect(config.publicHosts).toEqual(['bot.lan', '192.168.1.20:8080']);
  });

  it('refuses a PUBLIC_URL that is not http(s) and a host entry with a path', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://bot.example.org' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_HOSTS: 'bot.lan/x' })).toThrow(/PUBLIC_HOSTS/);
  });
});
