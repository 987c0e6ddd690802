import { describe, expect, it } from 'vitest';
import { createRng } from '../../sandbox/prng.ts';
import {
  type BrowserIdentity,
  createBrowserIdentity,
  parseBrowserIdentity,
  platformOf,
  reconcileBrowserIdentity,
  userAgentTraits,
} from './browserIdentity.ts';

const WINDOWS_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const MAC_CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';
const MAC_FIREFOX = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0';
const WINDOWS_EDGE = `${WINDOWS_CHROME} Edg/131.0.2903.86`;
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

const seeded = (seed: number) => {
  const rng = createRng(seed);
  return () => rng.next();
};

describe('what the user agent of the user’s browser tells', () => {
  it('the desktop system, and the Chrome version only from a Chrome', () => {
    expect(userAgentTraits(WINDOWS_CHROME)).toEqual({ platform: 'windows', chromeMajor: 131 });
    expect(userAgentTraits(MAC_CHROME)).toEqual({ platform: 'macos', chromeMajor: 150 });
    // Another family's version is not Chrome's: the system only.
    expect(userAgentTraits(MAC_FIREFOX)).toEqual({ platform: 'macos', chromeMajor: null });
    expect(userAgentTraits(WINDOWS_EDGE)).toEqual({ platform: 'windows', chromeMajor: null });
    // A phone is not a computer to present.
    expect(userAgentTraits(ANDROID_CHROME)).toEqual({ platform: null, chromeMajor: null });
    expect(userAgentTraits(null)).toEqual({ platform: null, chromeMajor: null });
    expect(platformOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0.0.0')).toBe('linux');
  });
});

describe('createBrowserIdentity', () => {
  it('takes the system and version of the user’s Chrome, and draws a computer of that system', () => {
    const identity = createBrowserIdentity(MAC_CHROME, seeded(1));
    expect(identity).toMatchObject({ platform: 'macos', chromeMajor: 150, platformSource: 'user_agent' });
    expect(identity.hardwareConcurrency).toBeGreaterThanOrEqual(8);
  });

  it('draws the system too when the user agent is unknown, the same for the same draws', () => {
    const identity = createBrowserIdentity(null, seeded(7));
    expect(identity.platformSource).toBe('random');
    expect(identity.chromeMajor).toBeNull();
    expect(createBrowserIdentity(null, seeded(7))).toEqual(identity);
  });

  it('draws common desktops: most often Windows, screens of at most 1920 CSS pixels', () => {
    const identities = Array.from({ length: 300 }, (_, i) => createBrowserIdentity(null, seeded(i)));
    const windows = identities.filter((i) => i.platform === 'windows').length;
    expect(windows).toBeGreaterThan(150);
    expect(new Set(identities.map((i) => i.platform))).toEqual(new Set(['windows', 'macos', 'linux']));
    for (const i of identities) {
      expect(i.screen.width).toBeLessThanOrEqual(1920);
      expect(i.screen.width).toBeGreaterThan(i.screen.height);
      expect([4, 8, 10, 12, 16]).toContain(i.hardwareConcurrency);
      expect([4, 8, 16]).toContain(i.deviceMemory);
      // Only Macs have Apple silicon.
      if (i.platform !== 'macos') expect(i.architecture).toBe('x86');
    }
  });
});

describe('reconcileBrowserIdentity', () => {
  const stored = createBrowserIdentity(WINDOWS_CHROME, seeded(3));

  it('changes nothing for the same browser or an unknown one', () => {
    expect(reconcileBrowserIdentity(stored, WINDOWS_CHROME)).toBe(stored);
    expect(reconcileBrowserIdentity(stored, null)).toBe(stored);
    expect(reconcileBrowserIdentity(stored, ANDROID_CHROME)).toBe(stored);
  });

  it('follows a newer Chrome on the same computer, screen and hardware kept', () => {
    const newer = WINDOWS_CHROME.replace('Chrome/131', 'Chrome/133');
    expect(reconcileBrowserIdentity(stored, newer)).toEqual({ ...stored, chromeMajor: 133 });
  });

  it('makes another computer when the session now comes from another system', () => {
    const moved = reconcileBrowserIdentity(stored, MAC_CHROME, seeded(4));
    expect(moved).toMatchObject({ platform: 'macos', chromeMajor: 150, platformSource: 'user_agent' });
  });

  it('adopts the user’s system once known, over a drawn one that happens to match', () => {
    const drawn: BrowserIdentity = { ...stored, platformSource: 'random', chromeMajor: null };
    expect(reconcileBrowserIdentity(drawn, WINDOWS_CHROME)).toEqual({
      ...drawn,
      platformSource: 'user_agent',
      chromeMajor: 131,
    });
  });
});

describe('parseBrowserIdentity', () => {
  it('reads back a stored identity, and nothing from a damaged or older one', () => {
    const identity = createBrowserIdentity(WINDOWS_CHROME, seeded(5));
    expect(parseBrowserIdentity(JSON.stringify(identity))).toEqual(identity);
    expect(parseBrowserIdentity(null)).toBeNull();
    expect(parseBrowserIdentity('{not json')).toBeNull();
    expect(parseBrowserIdentity(JSON.stringify({ ...identity, v: 0 }))).toBeNull();
    expect(
      parseBrowserIdentity(JSON.stringify({ ...identity, screen: { width: 10, height: 10 } })),
    ).toBeNull();
  });
});
