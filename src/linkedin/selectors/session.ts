/**
 * What any page shows about the session: logged in (navigation, main content), logged out,
 * a challenge, or LinkedIn's limits.
 */
import type { SelectorList } from './fallback.ts';

/** LinkedIn's weekly/commercial limit banner or modal. */
export const LIMIT_TEXT =
  /(weekly|monthly|daily|commercial) (use |invitation |message )?limit|limit (has been )?reached|reached (the|your) (weekly |monthly |daily )?limit|too many requests|limite (hebdomadaire|mensuelle|quotidienne|commerciale|d['’]utilisation)|limite atteinte|atteint (la|votre) limite|trop de (demandes|messages|requêtes)/i;

/** A bare error page with no `main`: LinkedIn blocked the session for a while. */
export const BLOCKED_TEXT =
  /too many requests|slow down|try again later|request denied|trop de requêtes|ralentissez|réessayez plus tard|requête refusée/i;

export const SESSION_SELECTORS = {
  /** Logged in: LinkedIn's top navigation (older shell) or the new shell's navigation links. */
  globalNav: [
    { css: '#global-nav', primary: true },
    { css: "a[data-view-name='navigation-homepage']", primary: true },
    {
      role: 'navigation',
      name: /^(primary navigation|global navigation|navigation principale|navigation globale)$/i,
    },
    { css: '.global-nav' },
    { css: 'img.global-nav__me-photo' },
    { css: 'input.search-global-typeahead__input' },
    { css: "input[data-testid='typeahead-input']" },
    { css: "a[data-view-name^='navigation-']" },
    { css: "nav a[href*='/feed/'], nav a[href*='/mynetwork/']" },
  ],
  /** The page's main content: with a navigation, what a logged-in page has. */
  mainContent: [{ css: 'main#workspace', primary: true }, { css: 'main' }, { role: 'main' }],
  /** A login form, the authwall or the "Welcome back" account picker: logged out. */
  loggedOut: [
    { role: 'textbox', name: /^(email or phone|e-mail ou téléphone|adresse e-mail ou téléphone)$/i },
    { css: "input[name='session_key']" },
    { css: 'form.login__form' },
    { css: "form[action*='login-submit']" },
    { css: '.authwall-join-form' },
    { css: "[data-test-id='authwall']" },
    { css: '#username' },
    { css: '#rememberme-div' },
  ],
  captcha: [
    { css: '#captcha-internal' },
    { css: "iframe[src*='captcha']" },
    { css: "iframe[title*='captcha' i]" },
    { css: 'form#captcha-challenge' },
  ],
  /** LinkedIn's limit banner or modal. */
  limitBanner: [
    { role: 'alert', text: LIMIT_TEXT },
    { role: 'alertdialog', text: LIMIT_TEXT },
    // A dialog holding a composer is a conversation: a message mentioning a limit is not one.
    {
      css: "[role='dialog']:not(:has([contenteditable='true'])), dialog:not(:has([contenteditable='true']))",
      text: LIMIT_TEXT,
    },
    { css: "[class*='ip-fuse-limit-alert']" },
    { css: "[data-sdui-screen*='FuseLimit']" },
    { css: "[data-test-limit-banner], [data-test-id='limit-banner']" },
    { css: '.artdeco-toast-item', text: LIMIT_TEXT },
    { css: '.artdeco-inline-feedback', text: LIMIT_TEXT },
  ],
} as const satisfies Record<string, SelectorList>;
