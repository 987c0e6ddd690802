/**
 * An account's stable browser identity: the computer its Chrome seems to run on (system,
 * screen, cores, memory) and the user's own Chrome version when known. Created once per
 * account, at random among common desktops, or from the user agent of the browser the
 * user logged in with (`connect`): LinkedIn then sees the same computer it saw at the
 * login, run after run. Stored as JSON with the account's LinkedIn session.
 */
import { z } from 'zod';
import { browserOf } from '../userAgent.ts';

export const DEVICE_PLATFORMS = ['windows', 'macos', 'linux'] as const;

/** A BCP 47 language tag as pages give it (`fr`, `en-US`, `pt-br`). */
export const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}$/;
export type DevicePlatform = (typeof DEVICE_PLATFORMS)[number];

const browserIdentitySchema = z.object({
  v: z.literal(1),
  platform: z.enum(DEVICE_PLATFORMS),
  /** `Sec-CH-UA-Platform-Version`: 10.0.0 is Windows 10, 15.0.0 and up Windows 11; macOS its own. */
  platformVersion: z.string().max(20),
  /** `Sec-CH-UA-Arch`: `arm` for Apple silicon Macs. */
  architecture: z.enum(['x86', 'arm']),
  screen: z.object({
    width: z.number().int().min(800).max(3840),
    height: z.number().int().min(600).max(2160),
  }),
  hardwareConcurrency: z.number().int().min(1).max(64),
  deviceMemory: z.number().positive().max(64),
  /** The major version of the user's own Chrome (from the session's user agent); null when unknown. */
  chromeMajor: z.number().int().min(1).max(999).nullable(),
  /** Where the platform comes from: the user's browser or a random pick. */
  platformSource: z.enum(['user_agent', 'random']),
  /**
   * The language LinkedIn serves the member's pages in (`<html lang>`, as a run last saw
   * it): the browser's languages follow it. Absent until a run has seen a LinkedIn page.
   */
  linkedinLanguage: z.string().regex(LANGUAGE_TAG).optional(),
});

export type BrowserIdentity = z.infer<typeof browserIdentitySchema>;

type Weighted<T> = readonly (readonly [T, number])[];

interface PlatformTraits {
  platformVersions: Weighted<string>;
  architectures: Weighted<BrowserIdentity['architecture']>;
  /**
   * CSS pixels of common screens of that system, drawn at a device pixel ratio of 1
   * (a desktop monitor): a Retina ratio would double the page's raster memory.
   */
  screens: Weighted<readonly [number, number]>;
  cores: Weighted<number>;
  memory: Weighted<number>;
}

const TRAITS: Record<DevicePlatform, PlatformTraits> = {
  windows: {
    platformVersions: [
      ['10.0.0', 35],
      ['15.0.0', 30],
      ['19.0.0', 35],
    ],
    architectures: [['x86', 1]],
    screens: [
      [[1920, 1080], 50],
      [[1366, 768], 14],
      [[1600, 900], 10],
      [[1440, 900], 8],
      [[1680, 1050], 8],
      [[1280, 1024], 5],
      [[1280, 800], 5],
    ],
    cores: [
      [4, 20],
      [8, 40],
      [12, 20],
      [16, 20],
    ],
    memory: [
      [4, 15],
      [8, 45],
      [16, 40],
    ],
  },
  macos: {
    platformVersions: [
      ['13.7.4', 15],
      ['14.7.4', 30],
      ['15.3.2', 55],
    ],
    architectures: [
      ['arm', 75],
      ['x86', 25],
    ],
    screens: [
      [[1440, 900], 35],
      [[1920, 1080], 25],
      [[1680, 1050], 15],
      [[1280, 800], 10],
      [[1600, 900], 15],
    ],
    cores: [
      [8, 55],
      [10, 20],
      [12, 25],
    ],
    memory: [
      [8, 55],
      [16, 45],
    ],
  },
  linux: {
    platformVersions: [
      ['6.8.0', 50],
      ['6.5.0', 25],
      ['6.1.0', 25],
    ],
    architectures: [['x86', 1]],
    screens: [
      [[1920, 1080], 60],
      [[1366, 768], 15],
      [[1600, 900], 10],
      [[1680, 1050], 15],
    ],
    cores: [
      [4, 20],
      [8, 45],
      [16, 35],
    ],
    memory: [
      [8, 50],
      [16, 50],
    ],
  },
};

const PLATFORM_SHARE: Weighted<DevicePlatform> = [
  ['windows', 70],
  ['macos', 25],
  ['linux', 5],
];

/** A float in [0, 1). */
export type Random = () => number;

function pick<T>(items: Weighted<T>, random: Random): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let at = random() * total;
  for (const [item, weight] of items) {
    at -= weight;
    if (at < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** The desktop system a user agent names; null for a phone, a tablet or one we do not know. */
export function platformOf(userAgent: string): DevicePlatform | null {
  if (/\b(Android|iPhone|iPad|iPod|Mobile|CrOS)\b/.test(userAgent)) return null;
  if (/\bWindows NT\b/.test(userAgent)) return 'windows';
  if (/\bMacintosh\b/.test(userAgent)) return 'macos';
  if (/\bLinux\b/.test(userAgent)) return 'linux';
  return null;
}

/** What the user's browser tells about the identity: its system, and its Chrome major when it is a Chrome. */
export function userAgentTraits(userAgent: string | null): {
  platform: DevicePlatform | null;
  chromeMajor: number | null;
} {
  const platform = userAgent ? platformOf(userAgent) : null;
  const browser = userAgent && platform ? browserOf(userAgent) : null;
  // Another family's version (Edge, Firefox…) says nothing of the Chrome we present.
  const isChrome = browser?.family === 'Chrome' || browser?.family === 'Chromium';
  return { platform, chromeMajor: isChrome ? browser.major : null };
}

/** A computer of that system, drawn at random. */
function device(platform: DevicePlatform, random: Random) {
  const traits = TRAITS[platform];
  const [width, height] = pick(traits.screens, random);
  return {
    platform,
    platformVersion: pick(traits.platformVersions, random),
    architecture: pick(traits.architectures, random),
    screen: { width, height },
    hardwareConcurrency: pick(traits.cores, random),
    deviceMemory: pick(traits.memory, random),
  };
}

/** A new identity: the user's system and Chrome version when their user agent says, the rest at random. */
export function createBrowserIdentity(
  userAgent: string | null,
  random: Random = Math.random,
): BrowserIdentity {
  const known = userAgentTraits(userAgent);
  const platform = known.platform ?? pick(PLATFORM_SHARE, random);
  return {
    v: 1,
    ...device(platform, random),
    chromeMajor: known.chromeMajor,
    platformSource: known.platform ? 'user_agent' : 'random',
  };
}

/**
 * The identity after the session was replaced from a browser with `userAgent`: another
 * system is another computer (drawn anew for it), another Chrome version is kept; an
 * unknown user agent changes nothing. The same object when nothing changes.
 */
export function reconcileBrowserIdentity(
  identity: BrowserIdentity,
  userAgent: string | null,
  random: Random = Math.random,
): BrowserIdentity {
  const known = userAgentTraits(userAgent);
  if (!known.platform) return identity;
  if (known.platform !== identity.platform) return createBrowserIdentity(userAgent, random);
  if (identity.platformSource === 'user_agent' && known.chromeMajor === identity.chromeMajor) return identity;
  return {
    ...identity,
    platformSource: 'user_agent',
    chromeMajor: known.chromeMajor ?? identity.chromeMajor,
  };
}

/**
 * The identity once a run saw LinkedIn's pages in `pageLanguage` (`<html lang>`); the same
 * object when that is known already or is not a language tag.
 */
export function withLinkedInLanguage(
  identity: BrowserIdentity,
  pageLanguage: string | null,
): BrowserIdentity {
  const tag = pageLanguage?.trim() ?? '';
  if (!LANGUAGE_TAG.test(tag) || tag.toLowerCase() === identity.linkedinLanguage?.toLowerCase())
    return identity;
  return { ...identity, linkedinLanguage: tag };
}

/** The stored identity, or null when it is not one (an older or damaged value: made anew). */
export function parseBrowserIdentity(json: string | null): BrowserIdentity | null {
  if (!json) return null;
  try {
    const parsed = browserIdentitySchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The identity of a browser no account's identity was given to (tests, tools): a common Windows desktop. */
export const DEFAULT_BROWSER_IDENTITY: BrowserIdentity = {
  v: 1,
  platform: 'windows',
  platformVersion: '19.0.0',
  architecture: 'x86',
  screen: { width: 1920, height: 1080 },
  hardwareConcurrency: 8,
  deviceMemory: 8,
  chromeMajor: null,
  platformSource: 'random',
};
