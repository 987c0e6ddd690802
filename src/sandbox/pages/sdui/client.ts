import { SHARED_CLIENT_JS } from '../clientShared.ts';

/**
 * The one inline script of every sdui page (and of `/preload/`, the interop iframe's
 * document). Plain browser JavaScript; markup comes from the server. Hooks are
 * `data-sandbox-*` attributes, which real LinkedIn does not have: drivers must not use them.
 *
 * What it does: "Load more" on the birthday page; compose links open the message box where
 * the `overlay` fault says (main document, open shadow root of `#interop-outlet`, the
 * `/preload/` iframe, a `<dialog>`; "page" lets the link navigate); Send; search rows
 * rendered as they scroll into view; the withdraw dialog; and absolute
 * `https://www.linkedin.com/…` links kept inside the sandbox when clicked.
 */
export const SDUI_CLIENT_JS = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('sandbox-config').textContent);
  var texts = config.texts;
  var classes = config.classes;
  var placement = config.overlay;
  var LINKEDIN = 'https://www.linkedin.com';
  var EMPTY_EDITOR = '<p class="' + classes.editorP + '"><br></p>';

  function topWindow() {
    try {
      if (window.top && window.top.location.href) return window.top;
    } catch (e) { /* another origin */ }
    return window;
  }
  ${SHARED_CLIENT_JS}
  var shared = sandboxClient({
    texts: texts,
    loginWindow: topWindow,
    toastClass: classes.toast,
    composerEditor: '[contenteditable="true"]',
    sendButton: '[data-sandbox-send]',
    sendErrorClass: classes.alert,
    placeSendError: function (box, el) {
      box.querySelector('[data-sandbox-composer]').insertBefore(el, box.querySelector('[data-sandbox-send]'));
    },
    sent: function (box, editor, html) {
      // The dialog placement has no thread: a sent message closes it.
      var dialog = box.closest('dialog');
      if (dialog) {
        dialog.remove();
        return;
      }
      shared.appendToThread(box, html);
      editor.innerHTML = EMPTY_EDITOR;
    },
    withdrawErrorClass: classes.alert,
    withdrawContent: '[data-sandbox-dialog-content]',
  });

  function targetOf(e) {
    var t = e.target;
    if (t && t.nodeType === 3) t = t.parentElement;
    return t && t.closest ? t : null;
  }

  // ---- Birthday page: only the "Load more" button loads the next cards.
  function loadMore(button) {
    var list = document.querySelector('[data-sandbox-birthdays]');
    if (!list || button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    var done = function () {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    };
    shared.request('GET', '/voyager/api/birthdays?start=' + encodeURIComponent(button.getAttribute('data-sandbox-next'))).then(function (r) {
      done();
      if (!r.ok) {
        shared.toast(shared.errorText(r, texts.genericError));
        return;
      }
      list.insertAdjacentHTML('beforeend', r.data.html);
      if (r.data.next === null || r.data.next === undefined) button.remove();
      else button.setAttribute('data-sandbox-next', String(r.data.next));
    }, done);
  }

  // ---- The message box and where it is mounted.
  var overlayRequest = 0;
  var shadowRoot = null;
  var outlet = config.preload ? null : document.getElementById('interop-outlet');
  if (outlet) {
    shadowRoot = outlet.shadowRoot || outlet.attachShadow({ mode: 'open' });
    var sheet = document.querySelector('style[data-sandbox-styles]');
    var style = document.createElement('style');
    style.textContent = sheet ? sheet.textContent : '';
    shadowRoot.appendChild(style);
  }
  var frame = config.preload ? null : document.querySelector('iframe[data-testid="interop-iframe"]');

  function frameMount() {
    try {
      var doc = frame.contentDocument;
      return (doc && doc.querySelector('[data-sandbox-preload]')) || null;
    } catch (e) {
      return null;
    }
  }
  function withFrameMount(ready) {
    var mount = frameMount();
    if (mount) {
      ready(mount);
      return;
    }
    var onLoad = function () {
      frame.removeEventListener('load', onLoad);
      var m = frameMount();
      if (m) ready(m);
    };
    frame.addEventListener('load', onLoad);
  }
  function shadowMount() {
    var mount = shadowRoot.querySelector('[data-sandbox-mount]');
    if (!mount) {
      mount = document.createElement('div');
      mount.setAttribute('data-sandbox-mount', '');
      shadowRoot.appendChild(mount);
    }
    return mount;
  }
  function mainMount() {
    var aside = document.getElementById('msg-overlay');
    if (!aside) {
      aside = document.createElement('aside');
      aside.id = 'msg-overlay';
      aside.className = classes.overlay;
      document.body.appendChild(aside);
    }
    return aside;
  }
  /** Every open box goes: one conversation at a time. */
  function closeAll() {
    var aside = document.getElementById('msg-overlay');
    if (aside) aside.innerHTML = '';
    if (shadowRoot) shadowMount().innerHTML = '';
    if (frame) {
      var m = frameMount();
      if (m) m.innerHTML = '';
      frame.removeAttribute('data-sandbox-open');
    }
    var dialogs = document.querySelectorAll('dialog[data-sandbox-msg-dialog]');
    for (var i = 0; i < dialogs.length; i++) dialogs[i].remove();
  }
  function loader() {
    var el = document.createElement('div');
    el.className = classes.loader;
    el.setAttribute('aria-busy', 'true');
    el.textContent = texts.loading;
    return el;
  }
  function openConversation(link) {
    var url = new URL(link.getAttribute('href'), location.href);
    var recipient = url.searchParams.get('recipient') || '';
    var body = url.searchParams.get('body') || '';
    var where = placement === 'shadow' && !shadowRoot ? 'main' : placement === 'iframe' && !frame ? 'main' : placement;
    var query = '?placement=' + encodeURIComponent(where) + '&body=' + encodeURIComponent(body) +
      (link.getAttribute('data-sandbox-kind') === 'birthday' ? '&from=birthday' : '');
    var mine = ++overlayRequest;
    closeAll();
    var mount = where === 'main' ? mainMount() : where === 'shadow' ? shadowMount() : null;
    if (mount) mount.appendChild(loader());
    shared.request('GET', '/voyager/api/messaging/conversations/' + encodeURIComponent(recipient) + '/overlay' + query).then(function (r) {
      if (mine !== overlayRequest) return;
      if (mount) mount.innerHTML = '';
      if (!r.ok) {
        shared.toast(shared.errorText(r, texts.genericError));
        return;
      }
      if (where === 'dialog') {
        document.body.insertAdjacentHTML('beforeend', r.data.html);
        var dialog = document.querySelector('dialog[data-sandbox-msg-dialog]');
        if (dialog) shared.focusComposer(dialog);
        return;
      }
      if (where === 'iframe') {
        withFrameMount(function (m) {
          if (mine !== overlayRequest) return;
          m.innerHTML = r.data.html;
          frame.setAttribute('data-sandbox-open', '');
          shared.scrollThread(m);
          shared.focusComposer(m);
        });
        return;
      }
      mount.innerHTML = r.data.html;
      shared.scrollThread(mount);
      shared.focusComposer(mount);
    });
  }
  function closeConversation(button) {
    overlayRequest++;
    var dialog = button.closest('dialog');
    if (dialog) {
      dialog.remove();
      return;
    }
    var box = button.closest('[data-sandbox-thread]');
    if (box && box.parentNode) box.parentNode.innerHTML = '';
    if (config.preload && window.frameElement) window.frameElement.removeAttribute('data-sandbox-open');
  }

  // ---- People search: placeholder rows get their content once they scroll into view.
  var rowsScript = document.getElementById('sandbox-search-rows');
  if (rowsScript && 'IntersectionObserver' in window) {
    var rows = JSON.parse(rowsScript.textContent);
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        var el = entry.target;
        observer.unobserve(el);
        setTimeout(function () {
          var index = el.getAttribute('data-sandbox-row');
          if (rows[index] !== undefined) el.innerHTML = rows[index];
          el.removeAttribute('data-sandbox-row');
        }, 150);
      });
    });
    var placeholders = document.querySelectorAll('[data-sandbox-row]');
    for (var p = 0; p < placeholders.length; p++) observer.observe(placeholders[p]);
  }

  // ---- Events, on the document and inside the shadow root.
  function onClick(e) {
    var t = targetOf(e);
    if (!t) return;
    var target = t.closest('[data-sandbox-action]');
    if (target) {
      var action = target.getAttribute('data-sandbox-action');
      if (action === 'compose') {
        if (placement === 'page' || e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        openConversation(target);
      } else if (action === 'load-more') {
        e.preventDefault();
        loadMore(target);
      } else if (action === 'close-overlay') {
        e.preventDefault();
        closeConversation(target);
      } else if (action === 'send') {
        e.preventDefault();
        var box = target.closest('[data-sandbox-thread]');
        if (box) shared.send(box);
      } else {
        shared.commonAction(e, action, target);
      }
      return;
    }
    // LinkedIn's absolute links: followed inside the sandbox, never to linkedin.com.
    var absolute = t.closest('a[href^="https://www.linkedin.com/"]');
    if (absolute) {
      e.preventDefault();
      topWindow().location.href = absolute.getAttribute('href').slice(LINKEDIN.length);
    }
  }
  function onAuxClick(e) {
    var t = targetOf(e);
    if (t && t.closest('a[href^="https://www.linkedin.com/"]')) e.preventDefault();
  }
  function onEdit(e) {
    var t = targetOf(e);
    var box = t ? t.closest('[data-sandbox-thread]') : null;
    if (box) shared.refreshSend(box);
  }
  function onSubmit(e) {
    var t = targetOf(e);
    var box = t ? t.closest('[data-sandbox-thread]') : null;
    if (!box) return;
    e.preventDefault();
    shared.send(box);
  }
  function bind(root) {
    root.addEventListener('click', onClick);
    root.addEventListener('auxclick', onAuxClick);
    root.addEventListener('input', onEdit);
    root.addEventListener('keyup', onEdit);
    root.addEventListener('paste', function (e) { setTimeout(function () { onEdit(e); }, 0); });
    root.addEventListener('submit', onSubmit);
  }
  bind(document);
  if (shadowRoot) bind(shadowRoot);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') shared.closeWithdraw();
  });
})();`;
