import { describe, expect, it } from 'vitest';
import { DEFAULT_BROWSER_IDENTITY } from './browserIdentity.ts';
import { chromeIdentity, claimedMajor } from './identity.ts';
import { languagesFor, localeFor, localeForTimezone, parseAcceptLanguage } from './languages.ts';

const RUNNING = '156.0.8078.114';

describe('chromeIdentity', () => {
  it('tells one story: a desktop Google Chrome of the running version on the account’s computer', () => {
    const id = chromeIdentity({
      identity: DEFAULT_BROWSER_IDENTITY,
      browserVersion: RUNNING,
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    expect(id.userAgent).toBe(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    );
    expect(id.navigatorPlatform).toBe('Win32');
    expect(id.metadata).toMatchObject({
      platform: 'Windows',
      platformVersion: '19.0.0',
      architecture: 'x86',
      bitness: '64',
      mobile: false,
      model: '',
    });
    expect(id.metadata.brands.map((b) => `${b.brand} ${b.version}`)).toEqual([
      'Not:A-Brand 8',
      'Chromium 156',
      'Google Chrome 156',
    ]);
    expect(id.metadata.fullVersionList.at(-1)).toEqual({ brand: 'Google Chrome', version: RUNNING });
    expect(JSON.stringify(id)).not.toMatch(/headless/i);
    expect(id.languages).toEqual(['fr-FR', 'fr', 'en-US', 'en']);
    // The window holds the page and the browser's bars, the screen holds the window and the taskbar.
    expect(id.screen).toEqual({ width: 1920, height: 1080 });
    expect(id.window.height).toBeLessThan(id.screen.height);
    expect(id.viewport.height).toBeLessThan(id.window.height);
    expect(id.viewport.width).toBeLessThan(id.window.width);
  });

  it('presents a Mac as Chrome does on one: frozen Intel user agent, real architecture in the hints', () => {
    const id = chromeIdentity({
      identity: {
        ...DEFAULT_BROWSER_IDENTITY,
        platform: 'macos',
        platformVersion: '15.3.2',
        architecture: 'arm',
      },
      browserVersion: RUNNING,
      locale: 'en-US',
    });
    expect(id.userAgent).toContain('(Macintosh; Intel Mac OS X 10_15_7)');
    expect(id.navigatorPlatform).toBe('MacIntel');
    expect(id.metadata).toMatchObject({ platform: 'macOS', architecture: 'arm', platformVersion: '15.3.2' });
    expect(id.languages).toEqual(['en-US', 'en']);
  });

  it('claims the user’s newer Chrome, with the reduced full version, never an older one', () => {
    expect(claimedMajor(156, null)).toBe(156);
    expect(claimedMajor(156, 150)).toBe(156);
    expect(claimedMajor(156, 158)).toBe(158);
    const newer = chromeIdentity({
      identity: { ...DEFAULT_BROWSER_IDENTITY, chromeMajor: 158 },
      browserVersion: RUNNING,
      locale: 'en-US',
    });
    expect(newer.userAgent).toContain('Chrome/158.0.0.0');
    expect(newer.metadata.brands).toContainEqual({ brand: 'Google Chrome', version: '158' });
    expect(newer.metadata.fullVersionList).toContainEqual({ brand: 'Google Chrome', version: '158.0.0.0' });
  });
});

describe('languages', () => {
  it('are those of the people of the settings’ timezone, English after', () => {
    expect(localeForTimezone('Europe/Paris')).toBe('fr-FR');
    expect(localeForTimezone('America/New_York')).toBe('en-US');
    expect(localeForTimezone(undefined)).toBe('en-US');
    expect(languagesFor('en-GB')).toEqual(['en-GB', 'en-US', 'en']);
    expect(languagesFor('de-CH')).toEqual(['de-CH', 'de', 'en-US', 'en']);
  });

  it("follow LinkedIn's language once a run saw it, with the timezone's region when its people speak it", () => {
    expect(localeFor(undefined, 'Europe/Berlin')).toBe('de-DE');
    expect(localeFor('en', 'Europe/Berlin')).toBe('en-US');
    expect(localeFor('fr', 'Europe/Brussels')).toBe('fr-BE');
    expect(localeFor('fr', 'America/New_York')).toBe('fr-FR');
    expect(localeFor('en-gb', 'Europe/Paris')).toBe('en-GB');
    expect(localeFor('tr', 'Europe/Paris')).toBe('tr');
    expect(languagesFor(localeFor('en', 'Europe/Berlin'))).toEqual(['en-US', 'en']);
  });

  it('reads an Accept-Language header without its q-values', () => {
    expect(parseAcceptLanguage('fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7')).toEqual([
      'fr-FR',
      'fr',
      'en-US',
      'en',
    ]);
  });
});
