/**
 * The faults the admin API switches on to test the bots (an expired session, rate limits,
 * failing or stalled sends, another DOM…), all off after a reset.
 */
export type DomVariant = 'default' | 'alt' | 'sdui';
/** Where the sdui design mounts the conversation opened from a card (PAGES.md). */
export type OverlayPlacement = 'main' | 'shadow' | 'iframe' | 'dialog' | 'page';

export interface Faults {
  session_expired: boolean;
  rate_limited: boolean;
  latency_ms: number;
  dom_variant: DomVariant;
  send_fails: number;
  /** sdui: where the message box is mounted. */
  overlay: OverlayPlacement;
  /** The next n conversations opened from a birthday card open another contact's. */
  wrong_recipient: number;
  /** Sends are stored, but their HTTP answer is delayed by this many ms. */
  send_stall_ms: number;
  /** Pages answer 302 /authwall ⇄ /login forever (ERR_TOO_MANY_REDIRECTS). */
  redirect_loop: boolean;
  /** Pages redirect to /login, which shows the "Welcome back" account picker. */
  account_picker: boolean;
  /** sdui: nurture cards and their primary links lose their `data-view-name`. */
  break_primary: boolean;
  /** Pages answer LinkedIn's bare "request denied" page (HTTP 999, no `main`). */
  blocked: boolean;
  /** Pages redirect to a security check (`/checkpoint/challenge/…`), as LinkedIn does. */
  checkpoint: boolean;
  /** Pages show a captcha challenge in their place (same URL, no navigation). */
  captcha: boolean;
}

export const DEFAULT_FAULTS: Readonly<Faults> = Object.freeze({
  session_expired: false,
  rate_limited: false,
  latency_ms: 0,
  dom_variant: 'default',
  send_fails: 0,
  overlay: 'main',
  wrong_recipient: 0,
  send_stall_ms: 0,
  redirect_loop: false,
  account_picker: false,
  break_primary: false,
  blocked: false,
  checkpoint: false,
  captcha: false,
});
