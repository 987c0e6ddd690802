import type { DomVariant } from '../faults.ts';
import { html, jsonScript, raw, type SafeHtml } from '../html.ts';
import { type Texts, textsFor } from '../i18n.ts';
import { OWNER, type SandboxState } from '../state.ts';
import type { Locale } from '../world.ts';
import { CLIENT_JS } from './client.ts';
import { STYLES } from './styles.ts';

/** What every template needs: the words, the DOM variant, the faults to show. */
export interface PageContext {
  locale: Locale;
  variant: DomVariant;
  t: Texts;
  rateLimited: boolean;
  state: SandboxState;
}

export function pageContext(state: SandboxState): PageContext {
  return {
    locale: state.locale,
    variant: state.variant,
    t: textsFor(state.locale),
    rateLimited: state.faults.rate_limited,
    state,
  };
}

const COLORS = ['#0a66c2', '#057642', '#b24020', '#915907', '#5f4b8b', '#c37d16', '#0e7a8a'];

/** A round avatar with initials, as an inline SVG data URL (no network). */
export function avatarUrl(name: string): string {
  const letters = name
    .replace(/[^\p{L}\s-]/gu, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  const color = COLORS[hash % COLORS.length]!;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="32" fill="${color}"/><text x="32" y="41" font-family="Arial" font-size="24" fill="#fff" text-anchor="middle">${letters}</text></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A profile link as LinkedIn writes it: with a tracking query string to strip. */
export function profileHref(slug: string, urn: string, trk = 'miniProfileUrn'): string {
  if (trk === 'miniProfileUrn') {
    return `/in/${slug}/?miniProfileUrn=${encodeURIComponent(`urn:li:fsd_profile:${urn}`)}`;
  }
  return `/in/${slug}/?trk=${trk}`;
}

function globalNav(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  // The alt variant keeps the id and the "Me" photo but drops the `global-nav` class.
  const navClass = ctx.variant === 'alt' ? 'global-alert-offset nav-main' : 'global-nav';
  return html`<header id="global-nav" class="${navClass}" role="banner">
  <div class="global-nav__content">
    <a class="global-nav__logo" href="/feed/" aria-label="LinkedIn"><span class="logo">in</span></a>
    <form class="search-global-typeahead" action="/search/results/people/" method="get" role="search">
      <input class="search-global-typeahead__input" type="text" name="keywords" placeholder="${t.searchPlaceholder}" aria-label="${t.searchPlaceholder}" autocomplete="off">
    </form>
    <nav class="global-nav__nav" aria-label="Primary">
      <ul class="global-nav__primary-items">
        <li class="global-nav__primary-item"><a class="global-nav__primary-link" href="/feed/">${t.navHome}</a></li>
        <li class="global-nav__primary-item"><a class="global-nav__primary-link" href="/mynetwork/catch-up/birthday/">${t.navNetwork}</a></li>
        <li class="global-nav__primary-item"><a class="global-nav__primary-link" href="/messaging/">${t.navMessaging}</a></li>
        <li class="global-nav__primary-item"><button class="global-nav__primary-link global-nav__primary-link-me-menu-trigger" type="button">
          <img class="global-nav__me-photo" src="${avatarUrl(OWNER.name)}" alt="${OWNER.name}" width="24" height="24"><span>${t.navMe}</span>
        </button></li>
      </ul>
    </nav>
  </div>
</header>`;
}

export function rateLimitBanner(ctx: PageContext): SafeHtml {
  if (!ctx.rateLimited) return html``;
  if (ctx.variant === 'alt') {
    return html`<div class="ip-fuse-limit-alert" role="alert"><h2 class="ip-fuse-limit-alert__header">${ctx.t.rateLimited}</h2></div>`;
  }
  return html`<div class="artdeco-inline-feedback artdeco-inline-feedback--error" role="alert"><p class="artdeco-inline-feedback__message">${ctx.t.rateLimited}</p></div>`;
}

export interface LayoutOptions {
  title: string;
  body: SafeHtml;
  /** Logged-in pages have the global nav; login/authwall/checkpoint pages do not. */
  loggedIn: boolean;
}

export function layout(ctx: PageContext, opts: LayoutOptions): SafeHtml {
  const config = {
    locale: ctx.locale,
    variant: ctx.variant,
    texts: {
      sendFailed: ctx.t.sendFailed,
      genericError: ctx.t.genericError,
      withdrawn: ctx.t.withdrawn,
      loading: ctx.t.loading,
    },
  };
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} | LinkedIn</title>
<style>${raw(STYLES)}</style>
</head>
<body class="${ctx.variant === 'alt' ? 'render-mode-BIGPIPE' : 'render-mode-default'}">
${opts.loggedIn ? globalNav(ctx) : ''}
<main id="main" class="scaffold-layout__main">
${opts.loggedIn ? rateLimitBanner(ctx) : ''}
${opts.body}
</main>
${jsonScript('sandbox-config', config)}
<script>${raw(CLIENT_JS)}</script>
</body>
</html>`;
}
