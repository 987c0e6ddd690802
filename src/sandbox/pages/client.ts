/**
 * The one inline script of every sandbox page: where LinkedIn is dynamic (cards loading
 * as you scroll, the conversation overlay, the withdraw dialog). Plain browser JavaScript;
 * markup comes from the server (`/voyager/api/…` answers carry rendered HTML), so every
 * variant and locale lives in the templates. Hooks are `data-sandbox-*` attributes, which
 * real LinkedIn does not have: drivers must not use them.
 */
export const CLIENT_JS = String.raw`(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('sandbox-config').textContent);
  var texts = config.texts;

  function toLogin() {
    location.href = '/login?session_redirect=' + encodeURIComponent(location.pathname + location.search);
  }

  // Every internal action: JSON in and out; 401 means the session is gone.
  function request(method, url, body) {
    var opts = { method: method, credentials: 'same-origin', headers: { accept: 'application/json' } };
    if (body !== undefined) {
      opts.headers['content-type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    return fetch(url, opts).then(function (res) {
      if (res.status === 401) {
        toLogin();
        return new Promise(function () {});
      }
      return res.json().catch(function () { return {}; }).then(function (data) {
        return { ok: res.ok, status: res.status, data: data || {} };
      });
    });
  }

  function errorText(r, fallback) {
    return (r.data && r.data.error && r.data.error.message) || fallback;
  }

  function toast(message) {
    var el = document.createElement('div');
    el.className = 'artdeco-toast-item';
    el.setAttribute('role', 'status');
    el.textContent = message;
    document.body.appendChild(el);
    setTimeout(function () { el.remove(); }, 3000);
  }

  // ---- Birthday cards: more load as the page is scrolled near its bottom.
  var list = document.querySelector('[data-sandbox-birthdays]');
  var loadingCards = false;
  function nearBottom() {
    return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 300;
  }
  function loadMoreCards() {
    if (!list || loadingCards) return;
    var next = list.getAttribute('data-sandbox-next');
    if (!next || !nearBottom()) return;
    loadingCards = true;
    // The spinner exists only while a batch loads, like LinkedIn's.
    var loader = document.createElement('div');
    loader.className = 'artdeco-loader';
    loader.setAttribute('aria-busy', 'true');
    loader.textContent = texts.loading || '…';
    list.insertAdjacentElement('afterend', loader);
    var done = function () {
      loadingCards = false;
      loader.remove();
    };
    request('GET', '/voyager/api/birthdays?start=' + encodeURIComponent(next)).then(function (r) {
      done();
      if (!r.ok) return;
      list.insertAdjacentHTML('beforeend', r.data.html);
      if (r.data.next === null || r.data.next === undefined) {
        list.removeAttribute('data-sandbox-next');
      } else {
        list.setAttribute('data-sandbox-next', String(r.data.next));
        setTimeout(loadMoreCards, 50);
      }
    }, done);
  }
  if (list) {
    window.addEventListener('scroll', loadMoreCards, { passive: true });
    window.addEventListener('resize', loadMoreCards);
    setTimeout(loadMoreCards, 0);
  }

  // ---- Conversation overlay.
  var overlayHost = null;
  var overlayRequest = 0;
  function focusComposer(root) {
    var editor = root.querySelector('form.msg-form [contenteditable="true"]');
    if (editor) editor.focus();
  }
  function scrollThread(root) {
    var thread = root.querySelector('[data-sandbox-messages]');
    if (thread) thread.scrollTop = thread.scrollHeight;
  }
  function openConversation(slug, fromBirthday) {
    if (!overlayHost) {
      overlayHost = document.createElement('aside');
      overlayHost.className = 'msg-overlay-list-bubble';
      overlayHost.id = 'msg-overlay';
      document.body.appendChild(overlayHost);
    }
    var current = overlayHost.querySelector('[data-sandbox-thread]');
    if (current && current.getAttribute('data-sandbox-thread') === slug) {
      focusComposer(overlayHost);
      return;
    }
    var mine = ++overlayRequest;
    overlayHost.innerHTML = '';
    var loader = document.createElement('div');
    loader.className = 'loader-overlay artdeco-loader';
    loader.setAttribute('aria-busy', 'true');
    loader.textContent = texts.loading || '…';
    overlayHost.appendChild(loader);
    // from=birthday: a birthday card's button (where the wrong_recipient fault strikes).
    var url = '/voyager/api/messaging/conversations/' + encodeURIComponent(slug) + '/overlay' + (fromBirthday ? '?from=birthday' : '');
    request('GET', url).then(function (r) {
      if (mine !== overlayRequest) return;
      overlayHost.innerHTML = '';
      if (!r.ok) {
        toast(errorText(r, texts.genericError));
        return;
      }
      overlayHost.innerHTML = r.data.html;
      scrollThread(overlayHost);
      focusComposer(overlayHost);
    });
  }
  function closeConversation(button) {
    if (button.closest('.msg-thread')) {
      location.href = '/messaging/';
      return;
    }
    overlayRequest++;
    if (overlayHost) overlayHost.innerHTML = '';
  }

  // ---- Composer: Send is enabled only when there is text; sending posts, then shows it.
  function editorOf(form) { return form.querySelector('[contenteditable="true"]'); }
  function sendButtonOf(form) { return form.querySelector('button[type="submit"]'); }
  function editorText(editor) {
    return (editor ? editor.innerText || editor.textContent || '' : '').replace(/\u00a0/g, ' ').trim();
  }
  function refreshSend(form) {
    var button = sendButtonOf(form);
    if (button) button.disabled = form.hasAttribute('data-sandbox-sending') || editorText(editorOf(form)) === '';
  }
  function clearError(form) {
    var old = form.querySelector('[data-sandbox-error]');
    if (old) old.remove();
  }
  function showError(form, message) {
    clearError(form);
    var el = document.createElement('div');
    el.className = 'msg-form__send-error';
    el.setAttribute('role', 'alert');
    el.setAttribute('data-sandbox-error', '');
    el.textContent = message;
    var footer = form.querySelector('.msg-form__footer');
    form.insertBefore(el, footer);
  }
  function onEdit(e) {
    var form = e.target && e.target.closest ? e.target.closest('form.msg-form') : null;
    if (form) refreshSend(form);
  }
  document.addEventListener('input', onEdit);
  document.addEventListener('keyup', onEdit);
  document.addEventListener('paste', function (e) { setTimeout(function () { onEdit(e); }, 0); });
  document.addEventListener('submit', function (e) {
    var form = e.target && e.target.closest ? e.target.closest('form.msg-form') : null;
    if (!form) return;
    e.preventDefault();
    var editor = editorOf(form);
    var text = editorText(editor);
    if (!text || form.hasAttribute('data-sandbox-sending')) return;
    form.setAttribute('data-sandbox-sending', '');
    refreshSend(form);
    clearError(form);
    var done = function () {
      form.removeAttribute('data-sandbox-sending');
      refreshSend(form);
    };
    request('POST', '/voyager/api/messaging/send', { to: form.getAttribute('data-sandbox-recipient'), text: text }).then(function (r) {
      if (r.ok) {
        var bubble = form.closest('[data-sandbox-thread]');
        var thread = bubble && bubble.querySelector('[data-sandbox-messages]');
        if (thread) {
          thread.insertAdjacentHTML('beforeend', r.data.html);
          thread.scrollTop = thread.scrollHeight;
        }
        editor.innerHTML = form.getAttribute('data-sandbox-empty') || '';
      } else {
        showError(form, errorText(r, texts.sendFailed));
      }
      done();
    }, function () {
      showError(form, texts.sendFailed);
      done();
    });
  });

  // ---- Sent invitations: withdraw opens a confirm dialog; confirming re-renders the list.
  function closeDialog() {
    var open = document.querySelectorAll('[data-sandbox-dialog]');
    for (var i = 0; i < open.length; i++) open[i].remove();
  }
  function replaceInvitations(html) {
    var old = document.querySelector('[data-sandbox-invitations]');
    if (old && html) old.outerHTML = html;
  }
  function openWithdraw(id) {
    request('GET', '/voyager/api/relationships/invitations/' + encodeURIComponent(id) + '/withdraw-dialog').then(function (r) {
      closeDialog();
      if (!r.ok) {
        replaceInvitations(r.data.list);
        toast(errorText(r, texts.genericError));
        return;
      }
      document.body.insertAdjacentHTML('beforeend', r.data.html);
      var primary = document.querySelector('[data-sandbox-dialog] [data-sandbox-action="confirm-withdraw"]');
      if (primary) primary.focus();
    });
  }
  function confirmWithdraw(button) {
    var id = button.getAttribute('data-sandbox-invitation');
    button.disabled = true;
    request('POST', '/voyager/api/relationships/invitations/' + encodeURIComponent(id) + '/withdraw', {}).then(function (r) {
      if (r.ok) {
        closeDialog();
        replaceInvitations(r.data.list);
        toast(texts.withdrawn);
        return;
      }
      if (r.status === 404) {
        closeDialog();
        replaceInvitations(r.data.list);
        return;
      }
      button.disabled = false;
      var dialog = button.closest('[role="dialog"]');
      var old = dialog.querySelector('[data-sandbox-error]');
      if (old) old.remove();
      var el = document.createElement('div');
      el.className = 'artdeco-inline-feedback artdeco-inline-feedback--error';
      el.setAttribute('role', 'alert');
      el.setAttribute('data-sandbox-error', '');
      el.textContent = errorText(r, texts.genericError);
      dialog.querySelector('.artdeco-modal__content').appendChild(el);
    });
  }
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') closeDialog();
  });

  // ---- Clicks.
  document.addEventListener('click', function (e) {
    var target = e.target && e.target.closest ? e.target.closest('[data-sandbox-action]') : null;
    if (!target) return;
    var action = target.getAttribute('data-sandbox-action');
    if (action === 'message') {
      e.preventDefault();
      openConversation(target.getAttribute('data-sandbox-recipient'), !!target.closest('[data-sandbox-birthdays]'));
    } else if (action === 'close-overlay') {
      e.preventDefault();
      closeConversation(target);
    } else if (action === 'page') {
      e.preventDefault();
      var url = new URL(location.href);
      url.searchParams.set('page', target.getAttribute('data-sandbox-page'));
      location.href = url.pathname + url.search;
    } else if (action === 'withdraw') {
      e.preventDefault();
      openWithdraw(target.getAttribute('data-sandbox-invitation'));
    } else if (action === 'cancel-withdraw') {
      e.preventDefault();
      closeDialog();
    } else if (action === 'confirm-withdraw') {
      e.preventDefault();
      confirmWithdraw(target);
    } else if (action === 'toggle') {
      e.preventDefault();
      target.setAttribute('aria-pressed', target.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
    }
  });
})();`;
