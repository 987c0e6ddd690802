/**
 * The input recorder, a script of its own on every sandbox page of every design (and in
 * the message iframe's document): it notes each keystroke in a message composer (its time
 * and kind, never the key), each pointer move, each click (the target's role and label,
 * whether a real input device made it), and posts them to `/__sandbox/events` — at once on
 * a click, else within a quarter of a second, with a beacon when the page goes. Events
 * inside the message box's shadow root reach it too (they are composed). Real LinkedIn has
 * nothing of the kind: the driver must not depend on it.
 */
export const INPUT_LOG_JS = `(function () {
  'use strict';
  var ENDPOINT = '/__sandbox/events';
  var now = function () { return performance.timeOrigin + performance.now(); };
  var batch = { keys: [], moves: [], clicks: [] };
  var timer = null;

  function flush(leaving) {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (!batch.keys.length && !batch.moves.length && !batch.clicks.length) return;
    var body = JSON.stringify({ page: location.pathname, keys: batch.keys, moves: batch.moves, clicks: batch.clicks });
    batch = { keys: [], moves: [], clicks: [] };
    if (leaving && navigator.sendBeacon) {
      navigator.sendBeacon(ENDPOINT, new Blob([body], { type: 'application/json' }));
      return;
    }
    fetch(ENDPOINT, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body, keepalive: true, credentials: 'same-origin' }).catch(function () {});
  }
  function soon() {
    if (!timer) timer = setTimeout(function () { flush(false); }, 250);
  }

  // The element the event happened on, inside a shadow root too.
  function origin(e) {
    var t = e.composedPath ? e.composedPath()[0] : e.target;
    if (t && t.nodeType === 3) t = t.parentElement;
    return t && t.closest ? t : null;
  }
  function inComposer(t) {
    return !!(t && t.closest('[contenteditable="true"], [role="textbox"]'));
  }
  function keyKind(e) {
    var key = e.key || '';
    if (key === 'Shift' || key === 'Control' || key === 'Alt' || key === 'Meta') return null;
    if (e.ctrlKey || e.metaKey || e.altKey) return 'shortcut';
    if (key === 'Enter') return 'enter';
    if (key === 'Backspace' || key === 'Delete') return 'delete';
    if (key.length === 1 || /^[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]$/.test(key)) {
      if (/\\s/.test(key)) return 'space';
      if (/[\\p{L}\\p{N}]/u.test(key)) return 'character';
      return 'punctuation';
    }
    return 'other';
  }

  // A key's own input follows its keydown: only text that came with no key counts apart.
  var keyed = false;
  window.addEventListener('keydown', function (e) {
    keyed = false;
    var t = origin(e);
    if (!inComposer(t)) return;
    var kind = keyKind(e);
    if (!kind) return;
    keyed = true;
    batch.keys.push({ at: now(), kind: kind, trusted: e.isTrusted });
    soon();
  }, true);
  window.addEventListener('keyup', function () { keyed = false; }, true);
  window.addEventListener('beforeinput', function (e) {
    if (keyed) {
      keyed = false;
      return;
    }
    if (!inComposer(origin(e)) || (e.inputType !== 'insertText' && e.inputType !== 'insertReplacementText')) return;
    batch.keys.push({ at: now(), kind: 'inserted', trusted: e.isTrusted });
    soon();
  }, true);

  window.addEventListener('pointermove', function () {
    batch.moves.push(now());
    soon();
  }, { capture: true, passive: true });

  function roleOf(el) {
    if (!el) return '';
    var role = el.getAttribute('role');
    if (role) return role;
    var tag = el.tagName.toLowerCase();
    if (tag === 'a') return el.hasAttribute('href') ? 'link' : 'a';
    if (tag === 'button' || tag === 'summary') return 'button';
    if (tag === 'input' || tag === 'textarea' || el.isContentEditable) return 'textbox';
    return tag;
  }
  function labelOf(el) {
    if (!el) return '';
    var label = el.getAttribute('aria-label') || el.getAttribute('placeholder') || el.getAttribute('title') ||
      (el.isContentEditable ? '' : el.textContent) || '';
    return label.replace(/\\s+/g, ' ').trim().slice(0, 80);
  }
  window.addEventListener('click', function (e) {
    var t = origin(e);
    var el = t ? t.closest('a, button, input, textarea, select, summary, [role], [contenteditable="true"]') || t : null;
    batch.clicks.push({ at: now(), role: roleOf(el), label: labelOf(el), trusted: e.isTrusted });
    flush(false);
  }, true);
  window.addEventListener('pagehide', function () { flush(true); });
})();`;
