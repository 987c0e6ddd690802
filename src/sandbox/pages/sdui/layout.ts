import { html, jsonScript, raw, type SafeHtml } from '../../html.ts';
import { OWNER } from '../../state.ts';
import { INPUT_LOG_JS } from '../clientInputLog.ts';
import { avatarUrl, type PageContext } from '../layout.ts';
import { hashedClass, sduiStyles } from './classes.ts';
import { SDUI_CLIENT_JS } from './client.ts';

/**
 * The sdui design's shell (LinkedIn's new pages): hashed classes, `main#workspace`, a `nav`
 * of `data-view-name="navigation-…"` links, `input[data-testid="typeahead-input"]`, and
 * the message box's mount points (`#interop-outlet`, the `/preload/` iframe) per the
 * `overlay` fault.
 */

export const LINKEDIN_ORIGIN = 'https://www.linkedin.com';

/** Profile links of the sdui design are absolute, with no query string. */
export function absoluteProfileUrl(slug: string): string {
  return `${LINKEDIN_ORIGIN}/in/${slug}/`;
}

/** The class attribute value of a logical element for this page's seed. */
export function cx(ctx: PageContext, name: string): string {
  return hashedClass(ctx.state.world.options.seed, name);
}

export function limitDialog(ctx: PageContext): SafeHtml {
  if (!ctx.rateLimited) return html``;
  return html`<div class="${cx(ctx, 'limit-alert')}" role="dialog" aria-modal="false" data-sdui-screen="com.linkedin.sdui.FuseLimitAlert"><p class="${cx(ctx, 'text')}">${ctx.t.rateLimited}</p></div>`;
}

function shell(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  const link = (view: string, href: string, text: string) =>
    html`<a class="${cx(ctx, 'nav-link')}" data-view-name="navigation-${view}" href="${href}">${text}</a>`;
  return html`<header class="${cx(ctx, 'shell')}">
  <div class="${cx(ctx, 'shell-inner')}">
    <a class="${cx(ctx, 'logo')}" href="/feed/" aria-label="LinkedIn">in</a>
    <form class="${cx(ctx, 'search')}" action="/search/results/people/" method="get" role="search">
      <input class="${cx(ctx, 'search-input')}" data-testid="typeahead-input" type="text" name="keywords" placeholder="${t.searchPlaceholder}" aria-label="${t.searchPlaceholder}" autocomplete="off">
    </form>
    <nav class="${cx(ctx, 'nav')}" aria-label="Primary">
      ${link('homepage', '/feed/', t.navHome)}
      ${link('mynetwork', '/mynetwork/', t.navNetwork)}
      ${link('messaging', '/messaging/', t.navMessaging)}
      ${link('settings', '/mypreferences/d/categories/account', t.sdui.navSettings)}
      <img class="${cx(ctx, 'nav-me')}" src="${avatarUrl(OWNER.name)}" alt="${OWNER.name}" width="24" height="24">
    </nav>
  </div>
</header>`;
}

export interface SduiLayoutOptions {
  title: string;
  body: SafeHtml;
  /** Logged-in pages have the shell and the message box's mount points. */
  loggedIn: boolean;
  /** The `/preload/` document (inside the interop iframe): nothing but a mount point. */
  preload?: boolean;
  /** The whole `<title>` (default `<title> | LinkedIn`). */
  fullTitle?: string;
}

export function sduiLayout(ctx: PageContext, opts: SduiLayoutOptions): SafeHtml {
  const overlay = ctx.state.faults.overlay;
  const seed = ctx.state.world.options.seed;
  const config = {
    locale: ctx.locale,
    variant: ctx.variant,
    overlay,
    preload: opts.preload === true,
    texts: {
      sendFailed: ctx.t.sendFailed,
      genericError: ctx.t.genericError,
      withdrawn: ctx.t.withdrawn,
      loading: ctx.t.loading,
    },
    classes: {
      toast: cx(ctx, 'toast'),
      alert: cx(ctx, 'alert'),
      overlay: cx(ctx, 'overlay'),
      loader: cx(ctx, 'loader'),
      editorP: cx(ctx, 'editor-p'),
    },
  };
  const shellPart = opts.loggedIn && !opts.preload ? shell(ctx) : '';
  const mounts =
    opts.loggedIn && !opts.preload
      ? html`${overlay === 'shadow' ? html`<div id="interop-outlet" data-testid="interop-shadowdom"></div>` : ''}${overlay === 'iframe' ? html`<iframe data-testid="interop-iframe" src="/preload/" title="${ctx.t.navMessaging}" tabindex="-1"></iframe>` : ''}`
      : '';
  const main = opts.preload
    ? html`<div data-sandbox-preload></div>`
    : opts.loggedIn
      ? html`<main id="workspace" class="${cx(ctx, 'workspace')}">
${limitDialog(ctx)}
${opts.body}
</main>`
      : html`<main class="${cx(ctx, 'workspace')}">
${opts.body}
</main>`;
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.fullTitle ?? `${opts.title} | LinkedIn`}</title>
<style data-sandbox-styles>${raw(sduiStyles(seed))}</style>
</head>
<body class="${cx(ctx, opts.preload ? 'preload-body' : 'body')}">
${shellPart}
${main}
${mounts}
${jsonScript('sandbox-config', config)}
<script>${raw(SDUI_CLIENT_JS)}</script>
<script>${raw(INPUT_LOG_JS)}</script>
</body>
</html>`;
}
