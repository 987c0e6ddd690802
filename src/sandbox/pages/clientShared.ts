/**
 * The page-script helpers both designs share (requests with 401 → login, toasts, Send and
 * its error, the withdraw dialog, the common actions), so `CLIENT_JS` and `SDUI_CLIENT_JS`
 * keep only what is their design's. Each inlines `sandboxClient(design)` and calls it once
 * with what differs: `texts`, `loginWindow()`, `toastClass`, `composerEditor`, `sendButton`,
 * `sendErrorClass`, `placeSendError(box, el)`, `sent(box, editor, html)` (show the message,
 * empty the editor), `withdrawErrorClass`, `withdrawContent`.
 */
export const SHARED_CLIENT_JS = String.raw`function sandboxClient(design) {
    var texts = design.texts;

    // Every internal action: JSON in and out; 401 means the session is gone.
    function request(method, url, body) {
      var opts = { method: method, credentials: 'same-origin', headers: { accept: 'application/json' } };
      if (body !== undefined) {
        opts.headers['content-type'] = 'application/json';
        opts.body = JSON.stringify(body);
      }
      return fetch(url, opts).then(function (res) {
        if (res.status === 401) {
          var w = design.loginWindow();
          w.location.href = '/login?session_redirect=' + encodeURIComponent(w.location.pathname + w.location.search);
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
      el.className = design.toastClass;
      el.setAttribute('role', 'status');
      el.textContent = message;
      document.body.appendChild(el);
      setTimeout(function () { el.remove(); }, 3000);
    }
    function errorAlert(className, message) {
      var el = document.createElement('div');
      el.className = className;
      el.setAttribute('role', 'alert');
      el.setAttribute('data-sandbox-error', '');
      el.textContent = message;
      return el;
    }

    // ---- A message box ("box": the element holding the recipient, editor and Send).
    function focusComposer(root) {
      var editor = root.querySelector(design.composerEditor);
      if (editor) editor.focus();
    }
    function scrollThread(root) {
      var thread = root.querySelector('[data-sandbox-messages]');
      if (thread) thread.scrollTop = thread.scrollHeight;
    }
    function appendToThread(box, html) {
      var bubble = box.closest('[data-sandbox-thread]');
      var thread = bubble && bubble.querySelector('[data-sandbox-messages]');
      if (thread) {
        thread.insertAdjacentHTML('beforeend', html);
        thread.scrollTop = thread.scrollHeight;
      }
    }
    function editorOf(box) { return box.querySelector('[contenteditable="true"]'); }
    function sendButtonOf(box) { return box.querySelector(design.sendButton); }
    function editorText(editor) {
      return (editor ? editor.innerText || editor.textContent || '' : '').replace(/\u00a0/g, ' ').trim();
    }
    // Send is enabled only when there is text and no send is under way.
    function refreshSend(box) {
      var button = sendButtonOf(box);
      if (button) button.disabled = box.hasAttribute('data-sandbox-sending') || editorText(editorOf(box)) === '';
    }
    function clearError(box) {
      var old = box.querySelector('[data-sandbox-error]');
      if (old) old.remove();
    }
    function showError(box, message) {
      clearError(box);
      design.placeSendError(box, errorAlert(design.sendErrorClass, message));
    }
    function send(box) {
      var editor = editorOf(box);
      var text = editorText(editor);
      if (!text || box.hasAttribute('data-sandbox-sending')) return;
      box.setAttribute('data-sandbox-sending', '');
      refreshSend(box);
      clearError(box);
      var done = function () {
        box.removeAttribute('data-sandbox-sending');
        refreshSend(box);
      };
      request('POST', '/voyager/api/messaging/send', { to: box.getAttribute('data-sandbox-recipient'), text: text }).then(function (r) {
        if (r.ok) design.sent(box, editor, r.data.html);
        else showError(box, errorText(r, texts.sendFailed));
        done();
      }, function () {
        showError(box, texts.sendFailed);
        done();
      });
    }

    // ---- Sent invitations: withdraw opens a confirm dialog; confirming re-renders the list.
    function closeWithdraw() {
      var open = document.querySelectorAll('[data-sandbox-dialog]');
      for (var i = 0; i < open.length; i++) open[i].remove();
    }
    function replaceInvitations(html) {
      var old = document.querySelector('[data-sandbox-invitations]');
      if (old && html) old.outerHTML = html;
    }
    function openWithdraw(id) {
      request('GET', '/voyager/api/relationships/invitations/' + encodeURIComponent(id) + '/withdraw-dialog').then(function (r) {
        closeWithdraw();
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
          closeWithdraw();
          replaceInvitations(r.data.list);
          toast(texts.withdrawn);
          return;
        }
        if (r.status === 404) {
          closeWithdraw();
          replaceInvitations(r.data.list);
          return;
        }
        button.disabled = false;
        var dialog = button.closest('[data-sandbox-dialog]');
        var old = dialog.querySelector('[data-sandbox-error]');
        if (old) old.remove();
        var el = errorAlert(design.withdrawErrorClass, errorText(r, texts.genericError));
        dialog.querySelector(design.withdrawContent).appendChild(el);
      });
    }

    // The data-sandbox-action values every design has; others are left to the script.
    function commonAction(e, action, target) {
      if (action === 'page') {
        e.preventDefault();
        var url = new URL(location.href);
        url.searchParams.set('page', target.getAttribute('data-sandbox-page'));
        location.href = url.pathname + url.search;
      } else if (action === 'withdraw') {
        e.preventDefault();
        openWithdraw(target.getAttribute('data-sandbox-invitation'));
      } else if (action === 'cancel-withdraw') {
        e.preventDefault();
        closeWithdraw();
      } else if (action === 'confirm-withdraw') {
        e.preventDefault();
        confirmWithdraw(target);
      } else if (action === 'toggle') {
        e.preventDefault();
        target.setAttribute('aria-pressed', target.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
      }
    }

    return {
      request: request,
      errorText: errorText,
      toast: toast,
      focusComposer: focusComposer,
      scrollThread: scrollThread,
      appendToThread: appendToThread,
      refreshSend: refreshSend,
      send: send,
      closeWithdraw: closeWithdraw,
      commonAction: commonAction,
    };
  }`;
