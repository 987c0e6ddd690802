/**
 * The one Chrome a run presents: the user agent, its client hints, `navigator.platform`,
 * languages, timezone, screen and window, cores and memory, all telling the same story:
 * a desktop Google Chrome of the version that really runs (or the user's own, when it is
 * newer), on the account's computer (its stable identity), used by someone of the
 * settings' timezone. Pure: the browser applies it (`apply.ts`).
 */
import type { BrowserIdentity, DevicePlatform } from './browserIdentity.ts';
import { type Brand, chromeBrands, chromeFullVersionList } from './clientHints.ts';
import { languagesFor } from './languages.ts';

/** What CDP's `Emulation.setUserAgentOverride` takes as `userAgentMetadata`. */
export interface UserAgentMetadata {
  brands: Brand[];
  fullVersionList: Brand[];
  platform: string;
  platformVersion: string;
  architecture: string;
  model: string;
  mobile: boolean;
  bitness: string;
  wow64: boolean;
  formFactors: string[];
}

export interface Size {
  width: number;
  height: number;
}

export interface ChromeIdentity {
  userAgent: string;
  /** The major version claimed by the user agent and the client hints. */
  major: number;
  /** `navigator.platform`. */
  navigatorPlatform: string;
  metadata: UserAgentMetadata;
  /** `navigator.languages`; Chrome derives `Accept-Language` from the same list. */
  languages: string[];
  /** Intl's locale (number and date formats). */
  locale: string;
  timezoneId: string | undefined;
  screen: Size;
  /** The browser window (`outerWidth`/`outerHeight`): the page plus the browser's own bars. */
  window: Size;
  /** The page (`innerWidth`/`innerHeight`). */
  viewport: Size;
  hardwareConcurrency: number;
  deviceMemory: number;
}

export interface ChromeIdentityInput {
  identity: BrowserIdentity;
  /** The running browser's version (`156.0.8078.114`). */
  browserVersion: string;
  locale: string;
  timezoneId?: string;
}

interface PlatformFacts {
  /** The system's part of the user agent (frozen by Chrome's user-agent reduction). */
  userAgentOs: string;
  navigatorPlatform: string;
  clientHint: string;
  /** Screen height the system keeps for itself (taskbar, menu bar): a window never covers it. */
  reservedHeight: number;
  /** The browser's frame and bars around the page (what Playwright measures of a headed Chromium). */
  insets: Size;
}

const PLATFORMS: Record<DevicePlatform, PlatformFacts> = {
  windows: {
    userAgentOs: 'Windows NT 10.0; Win64; x64',
    navigatorPlatform: 'Win32',
    clientHint: 'Windows',
    reservedHeight: 40,
    insets: { width: 16, height: 88 },
  },
  macos: {
    userAgentOs: 'Macintosh; Intel Mac OS X 10_15_7',
    navigatorPlatform: 'MacIntel',
    clientHint: 'macOS',
    reservedHeight: 25,
    insets: { width: 2, height: 80 },
  },
  linux: {
    userAgentOs: 'X11; Linux x86_64',
    navigatorPlatform: 'Linux x86_64',
    clientHint: 'Linux',
    reservedHeight: 32,
    insets: { width: 8, height: 85 },
  },
};

/** The major version of a browser version string (`156.0.8078.114` → 156). */
export function majorOf(version: string): number {
  const major = Number(/^(\d+)/.exec(version)?.[1]);
  if (!Number.isInteger(major) || major <= 0) throw new Error(`Not a browser version: ${version}`);
  return major;
}

/**
 * The version to claim: the running browser's, unless the user's own Chrome is newer.
 * Chrome updates itself, so LinkedIn seeing the account's Chrome move up to the version
 * that runs is routine, and the engine's features then match the claim; going back to an
 * older version than the user logged in with would not be.
 */
export function claimedMajor(runningMajor: number, userMajor: number | null): number {
  return userMajor !== null && userMajor > runningMajor ? userMajor : runningMajor;
}

export function chromeIdentity(input: ChromeIdentityInput): ChromeIdentity {
  const { identity } = input;
  const facts = PLATFORMS[identity.platform];
  const running = majorOf(input.browserVersion);
  const major = claimedMajor(running, identity.chromeMajor);
  // The build number of another major is unknown: the reduced form rather than a made-up build.
  const fullVersion = major === running ? input.browserVersion : `${major}.0.0.0`;
  const browserWindow = {
    width: identity.screen.width,
    height: identity.screen.height - facts.reservedHeight,
  };
  return {
    userAgent: `Mozilla/5.0 (${facts.userAgentOs}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`,
    major,
    navigatorPlatform: facts.navigatorPlatform,
    metadata: {
      brands: chromeBrands(major),
      fullVersionList: chromeFullVersionList(major, fullVersion),
      platform: facts.clientHint,
      platformVersion: identity.platformVersion,
      architecture: identity.architecture,
      model: '',
      mobile: false,
      bitness: '64',
      wow64: false,
      formFactors: ['Desktop'],
    },
    languages: languagesFor(input.locale),
    locale: input.locale,
    timezoneId: input.timezoneId,
    screen: { ...identity.screen },
    window: browserWindow,
    viewport: {
      width: browserWindow.width - facts.insets.width,
      height: browserWindow.height - facts.insets.height,
    },
    hardwareConcurrency: identity.hardwareConcurrency,
    deviceMemory: identity.deviceMemory,
  };
}
