import { createHash } from 'node:crypto';

/**
 * The sdui design's hashed class names: 8 hex digits derived from (reset seed, a logical
 * name), so they change with the seed the way LinkedIn's change with each release. Each
 * element gets two (`_3c49d163 cf281a13`); the stylesheet is generated from the same names.
 */

const cache = new Map<string, string>();

export function hashName(seed: number, name: string): string {
  const key = `${seed}\u0000${name}`;
  let hex = cache.get(key);
  if (hex === undefined) {
    hex = createHash('sha256').update(key).digest('hex').slice(0, 8);
    if (cache.size > 20_000) cache.clear();
    cache.set(key, hex);
  }
  return hex;
}

/** The `class` attribute value of the logical element `name`: `_<hash> <hash2>`. */
export function hashedClass(seed: number, name: string): string {
  return `_${hashName(seed, name)} ${hashName(seed, `${name}/2`)}`;
}

/** The CSS selector of the logical element `name` (its first, underscore-led class). */
export function hashedSelector(seed: number, name: string): string {
  return `._${hashName(seed, name)}`;
}

/** Logical element → declarations. */
const RULES: Record<string, string> = {
  body: 'margin:0;font-family:-apple-system,system-ui,"Segoe UI",Roboto,Arial,sans-serif;background:#f4f2ee;color:rgba(0,0,0,.9);font-size:14px',
  'preload-body':
    'margin:0;background:#fff;font-family:-apple-system,system-ui,"Segoe UI",Roboto,Arial,sans-serif;color:rgba(0,0,0,.9);font-size:14px',
  shell: 'position:sticky;top:0;z-index:10;background:#fff;border-bottom:1px solid #e0dfdc;height:52px',
  'shell-inner':
    'max-width:1128px;margin:0 auto;display:flex;align-items:center;gap:16px;height:100%;padding:0 12px',
  logo: 'display:inline-block;background:#0a66c2;color:#fff;font-weight:700;border-radius:4px;padding:2px 6px;font-size:20px;text-decoration:none',
  'search-input': 'background:#edf3f8;border:0;border-radius:4px;padding:8px 12px;width:260px',
  nav: 'display:flex;gap:18px;align-items:center;margin-left:auto',
  'nav-link': 'color:rgba(0,0,0,.6);font-size:12px;text-decoration:none',
  'nav-me': 'border-radius:50%',
  workspace: 'max-width:760px;margin:24px auto;padding:0 12px',
  card: 'background:#fff;border-radius:8px;box-shadow:0 0 0 1px rgba(0,0,0,.08);padding:16px;margin-bottom:12px',
  title: 'font-size:20px;font-weight:600;margin:0 0 12px',
  muted: 'color:rgba(0,0,0,.6);font-size:12px;margin:2px 0',
  text: 'margin:2px 0',
  'limit-alert':
    'background:#fde8e8;color:#b24020;border-radius:8px;padding:12px 16px;margin-bottom:12px;font-weight:600',
  'lazy-list': 'display:flex;flex-direction:column;gap:12px',
  'nurture-card':
    'display:flex;gap:12px;align-items:center;justify-content:space-between;background:#fff;border-radius:8px;box-shadow:0 0 0 1px rgba(0,0,0,.08);padding:16px;min-height:120px',
  'nurture-main': 'flex:1;min-width:0',
  'nurture-profile': 'display:flex;gap:12px;align-items:center;color:inherit;text-decoration:none',
  'nurture-name': 'font-weight:600;font-size:16px;margin:0',
  'nurture-when': 'margin:6px 0 0;color:rgba(0,0,0,.7)',
  'nurture-primary':
    'display:inline-block;border:1px solid #0a66c2;border-radius:16px;color:#0a66c2;padding:6px 14px;font-weight:600;text-decoration:none;max-width:260px;text-align:center',
  'load-more':
    'display:block;margin:8px auto 16px;border:1px solid rgba(0,0,0,.6);background:#fff;border-radius:16px;padding:6px 18px;font:inherit;font-weight:600;cursor:pointer',
  avatar: 'border-radius:50%;flex:none',
  'empty-state': 'text-align:center;color:rgba(0,0,0,.6);padding:24px',
  overlay: 'position:fixed;right:24px;bottom:0;width:400px;z-index:20',
  conversation:
    'background:#fff;border-radius:8px 8px 0 0;box-shadow:0 4px 12px rgba(0,0,0,.3);display:flex;flex-direction:column;max-height:520px;font-family:-apple-system,system-ui,"Segoe UI",Roboto,Arial,sans-serif;font-size:14px',
  'conversation-page':
    'background:#fff;border-radius:8px;box-shadow:0 0 0 1px rgba(0,0,0,.08);display:flex;flex-direction:column',
  'conversation-header':
    'display:flex;gap:8px;align-items:center;justify-content:space-between;padding:8px 12px;border-bottom:1px solid #e0dfdc',
  'conversation-title': 'font-size:14px;margin:0;flex:1',
  'icon-button': 'background:none;border:0;font-size:16px;cursor:pointer',
  'message-list': 'margin:0;padding:12px;overflow-y:auto;min-height:120px;max-height:300px',
  message: 'margin-bottom:10px',
  'message-meta': 'font-size:12px;color:rgba(0,0,0,.6)',
  'message-text': 'margin:2px 0;white-space:pre-wrap',
  composer: 'border-top:1px solid #e0dfdc;padding:8px 12px;display:flex;flex-direction:column;gap:8px',
  editor:
    'min-height:64px;background:#f4f2ee;border-radius:6px;padding:8px;outline:none;white-space:pre-wrap',
  'editor-p': 'margin:0',
  'send-button':
    'align-self:flex-end;border:0;border-radius:16px;background:#0a66c2;color:#fff;padding:4px 16px;font:inherit;font-weight:600;cursor:pointer',
  alert: 'color:#b24020;font-weight:600',
  toast:
    'position:fixed;left:24px;bottom:24px;background:#1d2226;color:#fff;padding:12px 16px;border-radius:8px;z-index:40',
  loader: 'padding:16px;text-align:center;color:rgba(0,0,0,.6);background:#fff',
  'modal-dialog':
    'position:fixed;top:20%;left:0;right:0;margin:0 auto;width:480px;max-width:90vw;border:0;border-radius:8px;box-shadow:0 4px 24px rgba(0,0,0,.4);padding:0;background:#fff;z-index:30',
  'modal-header':
    'display:flex;justify-content:space-between;align-items:center;padding:12px 16px;border-bottom:1px solid #e0dfdc',
  'modal-title': 'margin:0;font-size:18px',
  'modal-content': 'padding:12px 16px',
  'modal-actions':
    'display:flex;justify-content:flex-end;gap:8px;padding:12px 16px;border-top:1px solid #e0dfdc',
  'secondary-button':
    'border:1px solid #0a66c2;background:#fff;color:#0a66c2;border-radius:16px;padding:4px 14px;font:inherit;font-weight:600;cursor:pointer',
  'primary-button':
    'display:inline-block;margin-top:8px;text-decoration:none;border:1px solid #0a66c2;background:#0a66c2;color:#fff;border-radius:16px;padding:4px 14px;font:inherit;font-weight:600;cursor:pointer',
  row: 'display:flex;gap:12px;align-items:center;background:#fff;padding:12px 16px;border-bottom:1px solid #e0dfdc;min-height:88px',
  'row-body': 'flex:1;min-width:0',
  'row-title': 'font-weight:600;font-size:16px;color:rgba(0,0,0,.9);text-decoration:none',
  'withdraw-link': 'color:rgba(0,0,0,.6);font-weight:600;text-decoration:none;padding:4px 10px',
  'withdraw-button':
    'border:0;background:none;color:rgba(0,0,0,.6);font:inherit;font-weight:600;cursor:pointer;padding:4px 10px',
  pagination: 'display:flex;gap:12px;align-items:center;justify-content:center;margin:16px 0',
  post: 'background:#fff;border-radius:8px;box-shadow:0 0 0 1px rgba(0,0,0,.08);padding:16px;margin-bottom:12px',
  'post-actor': 'display:flex;gap:8px;align-items:center;color:inherit;text-decoration:none;font-weight:600',
  'profile-card': 'background:#fff;border-radius:8px;box-shadow:0 0 0 1px rgba(0,0,0,.08);overflow:hidden',
  'profile-banner': 'height:120px;background:linear-gradient(90deg,#a0b4b7,#dce6f1)',
  'profile-body': 'padding:0 24px 24px',
  'profile-photo': 'border-radius:50%;border:4px solid #fff;margin-top:-60px;width:128px;height:128px',
  'profile-name': 'font-size:24px;font-weight:600;margin:8px 0 4px',
  login:
    'max-width:360px;margin:48px auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 4px 12px rgba(0,0,0,.15)',
  'login-input':
    'display:block;width:100%;padding:10px;border:1px solid rgba(0,0,0,.6);border-radius:4px;margin-bottom:12px;box-sizing:border-box',
  'login-button':
    'width:100%;padding:12px;border-radius:24px;border:0;background:#0a66c2;color:#fff;font-weight:600;cursor:pointer',
  'picker-member':
    'display:flex;gap:12px;align-items:center;width:100%;padding:12px;border:1px solid #e0dfdc;border-radius:8px;background:#fff;font:inherit;cursor:pointer;margin:12px 0',
};

/** Rules keyed on attributes the sdui pages emit (they do not change with the seed). */
const ATTRIBUTE_RULES = `
*{box-sizing:border-box}
a{color:#0a66c2}
button[disabled]{cursor:not-allowed;opacity:.5}
[data-testid="lazy-column"]{height:calc(100vh - 150px);min-height:320px;overflow-y:auto;padding:2px}
iframe[data-testid="interop-iframe"]{position:fixed;right:24px;bottom:0;width:0;height:0;border:0;visibility:hidden;z-index:20;background:#fff}
iframe[data-testid="interop-iframe"][data-sandbox-open]{width:400px;height:500px;visibility:visible;box-shadow:0 4px 12px rgba(0,0,0,.3)}
#interop-outlet{position:fixed;right:24px;bottom:0;width:400px;z-index:20}
[data-sandbox-row]{min-height:96px}
`;

/** The whole sdui stylesheet for a seed. */
export function sduiStyles(seed: number): string {
  const rules = Object.entries(RULES).map(([name, css]) => `${hashedSelector(seed, name)}{${css}}`);
  return `${ATTRIBUTE_RULES}${rules.join('\n')}\n`;
}
