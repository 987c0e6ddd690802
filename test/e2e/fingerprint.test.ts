import { afterEach, describe, expect, it } from 'vitest';
import type { FingerprintVisitor as Visitor } from '../../src/sandbox/fingerprint.ts';
import { type Stack, startStack } from './stack.ts';

/**
 * The run's browser as LinkedIn sees it, end to end: birthday runs through the app (the run
 * process and Debian's Chromium, with the account's stored identity) on the sandbox's
 * designs, then what the sandbox recorded of that browser (`GET /__sandbox/fingerprint`):
 * its pages' request headers and what the pages saw.
 */

/** A member in Berlin whose LinkedIn is in English; one in Paris whose LinkedIn is in French. */
const BERLIN = { timezone: 'Europe/Berlin', locale: 'en' } as const;
const PARIS = { timezone: 'Europe/Paris', locale: 'fr' } as const;
type Member = typeof BERLIN | typeof PARIS;

const reset = (member: Member) => ({
  seed: 31,
  contacts: 20,
  today: 2,
  late: 0,
  invitations: 0,
  locale: member.locale,
});
// The settings' timezone (the window spans the day, as every e2e stack's does).
const settings = (member: Member) => ({
  schedule: { window_start: '00:00', window_end: '23:59', timezone: member.timezone },
});

async function visitors(stack: Stack, timezone: string): Promise<Visitor[]> {
  const answer = await stack.sandboxGet<{ visitors: Visitor[] }>(
    `/__sandbox/fingerprint?timezone=${encodeURIComponent(timezone)}`,
  );
  return answer.visitors;
}

/** A birthday run, and the sandbox's record of the pages its browser loaded. */
async function runAndRecord(stack: Stack, timezone: string): Promise<Visitor[]> {
  const before = new Set((await visitors(stack, timezone)).map((v) => v.id));
  const run = await stack.finished(await stack.start('birthday'));
  expect(run.status).toBe('succeeded');
  const seen = (await visitors(stack, timezone)).filter((v) => !before.has(v.id));
  expect(seen.length).toBeGreaterThan(0);
  return seen;
}

/** What the account's browser is: the same from one run to the next. */
function identityOf(visitor: Visitor) {
  const { page, headers } = visitor;
  return {
    userAgent: headers['user-agent'],
    clientHints: headers['sec-ch-ua'],
    platform: headers['sec-ch-ua-platform'],
    navigator: page && {
      userAgent: page.userAgent,
      platform: page.platform,
      userAgentData: page.userAgentData,
      languages: page.languages,
      screen: page.screen,
      outer: page.outer,
      inner: page.inner,
      hardwareConcurrency: page.hardwareConcurrency,
      deviceMemory: page.deviceMemory,
    },
  };
}

/** What the browser must say of its languages and timezone. */
interface Expected {
  timezone: string;
  languages: string[];
  acceptLanguage: string;
}

/** Before any run saw LinkedIn: the languages of the timezone's people. */
const GERMAN: Expected = {
  timezone: BERLIN.timezone,
  languages: ['de-DE', 'de', 'en-US', 'en'],
  acceptLanguage: 'de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7',
};
const FRENCH: Expected = {
  timezone: PARIS.timezone,
  languages: ['fr-FR', 'fr', 'en-US', 'en'],
  acceptLanguage: 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7',
};
/** The Berlin member once a run saw their LinkedIn in English. */
const ENGLISH_IN_BERLIN: Expected = {
  timezone: BERLIN.timezone,
  languages: ['en-US', 'en'],
  acceptLanguage: 'en-US,en;q=0.9',
};

function expectDesktopChrome(seen: Visitor[], expected: Expected): void {
  const reported = seen.filter((v) => v.page);
  // The last page can be left before its script reports; the others did.
  expect(reported.length).toBeGreaterThan(0);
  for (const visitor of seen) {
    const where = `${visitor.dest} ${visitor.path}`;
    for (const [name, value] of Object.entries(visitor.headers))
      expect(value, `${where}: ${name}`).not.toMatch(/headless/i);
    const major = /Chrome\/(\d+)\.0\.0\.0 Safari\/537\.36$/.exec(visitor.headers['user-agent'] ?? '')?.[1];
    expect(major, `${where}: user agent`).toBeDefined();
    expect(visitor.headers['sec-ch-ua'], where).toContain(`"Google Chrome";v="${major}"`);
    expect(visitor.headers['sec-ch-ua'], where).toContain(`"Chromium";v="${major}"`);
    expect(visitor.headers['accept-language'], where).toBe(expected.acceptLanguage);
    expect(visitor.tells, where).toEqual([]);
    // A server's GPU shows, and is only noted.
    for (const note of visitor.notes) expect(note.code, where).toBe('software_gpu');
    const page = visitor.page;
    if (!page) continue;
    expect(page.webdriver, where).toBe(false);
    expect(page.userAgent, where).toBe(visitor.headers['user-agent']);
    expect(JSON.stringify(page.userAgentData), where).not.toMatch(/headless/i);
    expect(page.userAgentData?.brands, where).toContainEqual({ brand: 'Google Chrome', version: major });
    expect(page.plugins, where).toContain('PDF Viewer');
    expect(page.windowChrome, where).toBe(true);
    expect(page.languages, where).toEqual(expected.languages);
    expect(page.timezone, where).toBe(expected.timezone);
    expect(page.outer.height, where).toBeGreaterThan(page.inner.height);
  }
}

describe('the run’s browser as LinkedIn sees it', { timeout: 300_000 }, () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('shows no automation tell on the default design, and the same browser on the next run', async () => {
    stack = await startStack({ reset: reset(PARIS), settings: settings(PARIS) });
    const first = await runAndRecord(stack, PARIS.timezone);
    expectDesktopChrome(first, FRENCH);

    // The next run (nothing left to wish: it only looks) is the same computer and Chrome,
    // LinkedIn's language (French) being the one it already spoke.
    const second = await runAndRecord(stack, PARIS.timezone);
    expectDesktopChrome(second, FRENCH);
    const identities = [...first, ...second].filter((v) => v.page).map(identityOf);
    for (const identity of identities) expect(identity).toEqual(identities[0]);
    // The account's stored identity is what the pages saw.
    const shown = identities[0]!.navigator!;
    const stored = await stack.ctx.store.linkedinSessions.getBrowserIdentity('default');
    expect(JSON.parse(stored!)).toMatchObject({
      screen: { width: shown.screen.width, height: shown.screen.height },
      hardwareConcurrency: shown.hardwareConcurrency,
      deviceMemory: shown.deviceMemory,
    });
  });

  it('shows no automation tell on the new design, its message box in an iframe included; then speaks LinkedIn’s language', async () => {
    stack = await startStack({ reset: reset(BERLIN), settings: settings(BERLIN) });
    await stack.faults({ dom_variant: 'sdui', overlay: 'iframe' });
    const seen = await runAndRecord(stack, BERLIN.timezone);
    expectDesktopChrome(seen, GERMAN);
    expect(seen.some((v) => v.path.startsWith('/mynetwork/catch-up/birthday'))).toBe(true);

    // That run saw the member's LinkedIn in English: the account's browser now speaks it.
    const stored = await stack.ctx.store.linkedinSessions.getBrowserIdentity('default');
    expect(JSON.parse(stored!)).toMatchObject({ linkedinLanguage: 'en' });
    expectDesktopChrome(await runAndRecord(stack, BERLIN.timezone), ENGLISH_IN_BERLIN);
  });
});
