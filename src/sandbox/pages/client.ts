import { SHARED_CLIENT_JS } from './clientShared.ts';

/**
 * The one inline script of every sandbox page: where LinkedIn is dynamic (cards loading
 * as you scroll, the conversation overlay, the withdraw dialog). Plain browser JavaScript;
 * markup comes from the server (`/voyager/api/…` answers carry rendered HTML), so every
 * variant and locale lives in the templates. Hooks are `data-sandbox-*` attributes, which
 * real LinkedIn does not have: drivers must not use them.
 */
export const CLIENT_JS = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('sandbox-config').textContent);
  var texts = config.texts;

  ${SHARED_CLIENT_JS}
  var shared = sandboxClient({
    texts: texts,
    loginWindow: function () { return window; },
    toastClass: 'artdeco-toast-item',
    composerEditor: 'form.msg-form [contenteditable="true"]',
    sendButton: 'button[type="submit"]',
    sendErrorClass: 'msg-form__send-error',
    placeSendError: function (form, el) { form.insertBefore(el, form.querySelector('.msg-form__footer')); },
    sent: function (form, editor, html) {
      shared.appendToThread(form, html);
      editor.innerHTML = form.getAttribute('data-sandbox-empty') || '';
    },
    withdrawErrorClass: 'artdeco-inline-feedback artdeco-inline-feedback--error',
    withdrawContent: '.artdeco-modal__content',
  });

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
    shared.request('GET', '/voyager/api/birthdays?start=' + encodeURIComponent(next)).then(function (r) {
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
  function openConversation(slug, fromBirthday) {
    if (!overlayHost) {
      overlayHost = document.createElement('aside');
      overlayHost.className = 'msg-overlay-list-bubble';
      overlayHost.id = 'msg-overlay';
      document.body.appendChild(overlayHost);
    }
    var current = overlayHost.querySelector('[data-sandbox-thread]');
    if (current && current.getAttribute('data-sandbox-thread') === slug) {
      shared.focusComposer(overlayHost);
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
    shared.request('GET', url).then(function (r) {
      if (mine !== overlayRequest) return;
      overlayHost.innerHTML = '';
      if (!r.ok) {
        shared.toast(shared.errorText(r, texts.genericError));
        return;
      }
      overlayHost.innerHTML = r.data.html;
      shared.scrollThread(overlayHost);
      shared.focusComposer(overlayHost);
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

  // ---- Composer: the form is the box.
  function formOf(e) {
    return e.target && e.target.closest ? e.target.closest('form.msg-form') : null;
  }
  function onEdit(e) {
    var form = formOf(e);
    if (form) shared.refreshSend(form);
  }
  document.addEventListener('input', onEdit);
  document.addEventListener('keyup', onEdit);
  document.addEventListener('paste', function (e) { setTimeout(function () { onEdit(e); }, 0); });
  document.addEventListener('submit', function (e) {
    var form = formOf(e);
    if (!form) return;
    e.preventDefault();
    shared.send(form);
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') shared.closeWithdraw();
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
    } else {
      shared.commonAction(e, action, target);
    }
  });
})();`;
