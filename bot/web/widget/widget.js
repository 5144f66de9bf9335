/*!
 * Sở Công Thương chat widget: one script tag, plain JavaScript, no dependencies.
 *
 *   <script src="https://<backend>/widget/widget.js" data-api="https://<backend>"
 *           data-title="Sở Công Thương thành phố Hải Phòng" defer></script>
 *
 * Talks to the backend chat hub (POST /chat/messages) and polls staff/system messages (GET /chat/updates).
 * The backend opens the conversation (POST /chat/sessions: sender id + token); only that token reads its updates.
 * Everything the user or the bot wrote is put on the page as text nodes, never parsed as HTML.
 * The session id, its token and the last messages live in localStorage, so the conversation survives a reload.
 */
(function () {
  'use strict';

  if (window.SCTChatWidget) return; // the script tag was included twice

  var script = document.currentScript || document.querySelector('script[src*="/widget/widget.js"]');
  var scriptUrl = new URL(script ? script.src : '/widget/widget.js', document.baseURI);
  var data = (script && script.dataset) || {};
  var API = (data.api || scriptUrl.origin).replace(/\/+$/, '');
  var TITLE = data.title || 'Sở Công Thương';
  var SUBTITLE = data.subtitle || 'Trợ lý ảo · Đang trực tuyến';
  var STORE_KEY = 'sct-chat:v1:' + API;
  var MAX_HISTORY = 100;
  var MAX_CHARS = 2000;
  var POLL_MS = 4000;
  var REQUEST_TIMEOUT_MS = 20000;

  var T = {
    launcher: 'Mở cửa sổ hỏi đáp với ' + TITLE,
    launcherText: 'Hỏi đáp thủ tục',
    dialog: 'Trò chuyện với trợ lý ảo ' + TITLE,
    close: 'Thu nhỏ cửa sổ trò chuyện',
    reset: 'Cuộc trò chuyện mới',
    log: 'Nội dung trò chuyện',
    inputLabel: 'Nhập câu hỏi của bạn',
    placeholder: 'Nhập câu hỏi…',
    send: 'Gửi',
    retry: 'Gửi lại',
    typing: 'Trợ lý đang trả lời…',
    failed: 'Chưa gửi được',
    you: 'Bạn',
    bot: 'Trợ lý ảo',
    staff: 'Cán bộ ' + TITLE,
    footer: 'Trợ lý ảo trả lời tự động theo danh mục thủ tục hành chính đã rà soát.',
    networkError:
      'Xin lỗi, tin nhắn của anh/chị chưa gửi được do kết nối mạng hoặc máy chủ đang gián đoạn. ' +
      'Anh/chị vui lòng kiểm tra kết nối rồi bấm «Gửi lại».',
    unread: 'tin nhắn mới',
    welcome:
      'Xin chào anh/chị! Tôi là trợ lý ảo của ' + TITLE + '. Tôi có thể hướng dẫn hồ sơ, lệ phí, thời hạn ' +
      'giải quyết và cách nộp các thủ tục hành chính ngành Công Thương. Anh/chị cần hỏi thủ tục nào ạ?',
    suggestions: [
      'Hồ sơ xin giấy phép bán lẻ rượu gồm những gì?',
      'Mở cửa hàng xăng dầu cần thủ tục gì?',
      'Thông báo lắp điện mặt trời mái nhà',
    ],
  };

  // ---------------------------------------------------------------- helpers

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function el(tag, cls, attrs) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    }
    return node;
  }

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var ICONS = {
    chat: 'M12 3C6.5 3 2 6.9 2 11.7c0 2.6 1.3 4.9 3.4 6.5L4.6 21.4c-.1.4.3.7.7.5l3.7-1.8c.9.2 1.9.3 3 .3 5.5 0 ' +
      '10-3.9 10-8.7S17.5 3 12 3zm-4.5 10a1.3 1.3 0 110-2.6 1.3 1.3 0 010 2.6zm4.5 0a1.3 1.3 0 110-2.6 1.3 1.3 0 ' +
      '010 2.6zm4.5 0a1.3 1.3 0 110-2.6 1.3 1.3 0 010 2.6z',
    close: 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z',
    minimize: 'M7.4 8.6 12 13.2l4.6-4.6L18 10l-6 6-6-6z',
    reset: 'M17.7 6.3A8 8 0 1 0 19.8 14h-2.1a6 6 0 1 1-1.4-6.3L13 11h7V4z',
    send: 'M3.4 20.4 21 12 3.4 3.6 3.4 10.2 15 12 3.4 13.8z',
    building: 'M12 2 2 7v2h20V7L12 2zM4 11v7h3v-7H4zm6.5 0v7h3v-7h-3zM17 11v7h3v-7h-3zM2 20v2h20v-2H2z',
    person: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zm0 2c-4 0-8 2-8 5v2h16v-2c0-3-4-5-8-5z',
    alert: 'M1 21h22L12 2 1 21zm12-3h-2v-2h2v2zm0-4h-2v-4h2v4z',
  };

  function icon(name, cls) {
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    if (cls) svg.setAttribute('class', cls);
    var path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', ICONS[name]);
    svg.appendChild(path);
    return svg;
  }

  var URL_PATTERN = /https?:\/\/[^\s<>"'«»]+/g;
  var TRAILING_PUNCTUATION = /[.,;:!?)\]}»"']+$/;

  /** Put text into `node` as text nodes, with http(s) links as <a> elements; line breaks kept by CSS. */
  function appendText(node, text) {
    var last = 0;
    var match;
    URL_PATTERN.lastIndex = 0;
    while ((match = URL_PATTERN.exec(text)) !== null) {
      var raw = match[0].replace(TRAILING_PUNCTUATION, '');
      var url = safeUrl(raw);
      if (!url) continue;
      node.appendChild(document.createTextNode(text.slice(last, match.index)));
      var a = el('a', 'sct-link', { href: url, target: '_blank', rel: 'noopener noreferrer nofollow' });
      a.textContent = raw;
      node.appendChild(a);
      last = match.index + raw.length;
      URL_PATTERN.lastIndex = last;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
  }

  function safeUrl(raw) {
    try {
      var u = new URL(raw);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function clock(ts) {
    var d = new Date(ts);
    return ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2);
  }

  // ---------------------------------------------------------------- state

  function freshState() {
    return { sessionId: null, token: null, cursor: 0, open: false, history: [] }; // session: at the first message
  }

  function loadState() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORE_KEY) || 'null');
      if (saved && Array.isArray(saved.history)) {
        if (typeof saved.sessionId !== 'string' || typeof saved.token !== 'string') {
          saved.sessionId = null; // kept by an older widget without a token: a new conversation at the next message
          saved.token = null;
        }
        saved.cursor = Number(saved.cursor) || 0;
        saved.history = saved.history.filter(function (m) {
          return m && typeof m.text === 'string' && typeof m.id === 'string';
        }).slice(-MAX_HISTORY);
        return saved;
      }
    } catch (e) { /* storage disabled or corrupt: start afresh */ }
    return freshState();
  }

  function saveState() {
    if (state.history.length > MAX_HISTORY) state.history = state.history.slice(-MAX_HISTORY);
    try {
      window.localStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (e) { /* full or disabled storage: the conversation just won't survive a reload */ }
  }

  var state = loadState();
  var sessionRequest = null; // the pending POST /chat/sessions: { owner: state it is for, promise }
  var queue = []; // user messages waiting to be delivered, in order
  var sending = false;
  var pollTimer = null;
  var polling = false;
  var unread = 0;

  // ---------------------------------------------------------------- DOM

  var host = el('div', null, { id: 'sct-chat-widget' });
  var shadow = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  var root = el('div', 'sct-root');
  root.hidden = true; // shown once the stylesheet has loaded (no flash of unstyled widget)
  var css = el('link', null, { rel: 'stylesheet', href: new URL('widget.css', scriptUrl).href });
  css.addEventListener('load', function () { root.hidden = false; });
  css.addEventListener('error', function () { root.hidden = false; });

  var launcher = el('button', 'sct-launcher', {
    type: 'button', 'aria-label': T.launcher, 'aria-expanded': 'false', 'aria-controls': 'sct-panel',
  });
  launcher.appendChild(icon('chat', 'sct-launcher-icon'));
  launcher.appendChild(icon('minimize', 'sct-launcher-icon sct-launcher-icon--open'));
  var launcherText = el('span', 'sct-launcher-text');
  launcherText.textContent = T.launcherText;
  launcher.appendChild(launcherText);
  var badge = el('span', 'sct-badge', { 'aria-hidden': 'true' });
  badge.hidden = true;
  launcher.appendChild(badge);

  var panel = el('section', 'sct-panel', {
    id: 'sct-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'sct-title',
  });
  panel.hidden = true;

  var header = el('header', 'sct-header');
  var avatar = el('span', 'sct-header-avatar');
  avatar.appendChild(icon('building'));
  var heading = el('div', 'sct-heading');
  var title = el('h2', 'sct-title', { id: 'sct-title' });
  title.textContent = TITLE;
  var subtitle = el('p', 'sct-subtitle');
  subtitle.appendChild(el('span', 'sct-online-dot', { 'aria-hidden': 'true' }));
  subtitle.appendChild(document.createTextNode(SUBTITLE));
  heading.appendChild(title);
  heading.appendChild(subtitle);
  var resetBtn = el('button', 'sct-icon-btn sct-reset', { type: 'button', 'aria-label': T.reset, title: T.reset });
  resetBtn.appendChild(icon('reset'));
  var closeBtn = el('button', 'sct-icon-btn sct-close', { type: 'button', 'aria-label': T.close, title: T.close });
  closeBtn.appendChild(icon('minimize'));
  header.appendChild(avatar);
  header.appendChild(heading);
  header.appendChild(resetBtn);
  header.appendChild(closeBtn);

  var scroller = el('div', 'sct-scroller', { tabindex: '0', 'aria-label': T.log, role: 'region' });
  var log = el('ol', 'sct-log', { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  var typing = el('div', 'sct-typing', { 'aria-hidden': 'true' });
  var typingFace = el('span', 'sct-avatar sct-avatar--bot');
  typingFace.appendChild(icon('building'));
  typing.appendChild(typingFace);
  var dots = el('span', 'sct-typing-dots');
  dots.appendChild(el('i'));
  dots.appendChild(el('i'));
  dots.appendChild(el('i'));
  typing.appendChild(dots);
  typing.hidden = true;
  scroller.appendChild(log);
  scroller.appendChild(typing);
  var status = el('p', 'sct-visually-hidden', { role: 'status' });

  var form = el('form', 'sct-composer', { novalidate: '' });
  var label = el('label', 'sct-visually-hidden', { for: 'sct-input' });
  label.textContent = T.inputLabel;
  var input = el('textarea', 'sct-input', {
    id: 'sct-input', rows: '1', maxlength: String(MAX_CHARS), placeholder: T.placeholder,
    autocomplete: 'off', enterkeyhint: 'send',
  });
  var sendBtn = el('button', 'sct-send', { type: 'submit', 'aria-label': T.send, title: T.send });
  sendBtn.appendChild(icon('send'));
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(sendBtn);
  var footer = el('p', 'sct-footer');
  footer.textContent = T.footer;

  panel.appendChild(header);
  panel.appendChild(scroller);
  panel.appendChild(status);
  panel.appendChild(form);
  panel.appendChild(footer);
  root.appendChild(panel);
  root.appendChild(launcher);
  shadow.appendChild(css);
  shadow.appendChild(root);

  // ---------------------------------------------------------------- rendering

  var nodes = {}; // history item id -> <li>

  function lastUserIndex() {
    for (var i = state.history.length - 1; i >= 0; i--) if (state.history[i].role === 'user') return i;
    return -1;
  }

  function renderItem(item, showButtons) {
    var li = el('li', 'sct-msg sct-msg--' + item.role);
    li.dataset.id = item.id;
    if (item.role === 'system') {
      var pill = el('p', 'sct-system');
      appendText(pill, item.text);
      li.appendChild(pill);
      return li;
    }
    // a staff message carries the name the citizen was told when the staff member joined (never a login)
    var staffName = item.author ? 'Cán bộ ' + item.author : T.staff;
    var who = el('span', 'sct-visually-hidden');
    who.textContent = (item.role === 'user' ? T.you : item.role === 'staff' ? staffName : T.bot) + ': ';
    if (item.role !== 'user') {
      var face = el('span', 'sct-avatar sct-avatar--' + item.role, { 'aria-hidden': 'true' });
      face.appendChild(icon(item.role === 'staff' ? 'person' : item.role === 'error' ? 'alert' : 'building'));
      li.appendChild(face);
    }
    var body = el('div', 'sct-body');
    if (item.role === 'staff') {
      var name = el('p', 'sct-name', { 'aria-hidden': 'true' });
      name.textContent = staffName;
      body.appendChild(name);
    }
    var bubble = el('div', 'sct-bubble');
    bubble.appendChild(who);
    var text = el('p', 'sct-text');
    appendText(text, item.text);
    bubble.appendChild(text);
    var meta = el('p', 'sct-meta');
    var time = el('time', 'sct-time', { datetime: new Date(item.ts || Date.now()).toISOString() });
    time.textContent = clock(item.ts || Date.now());
    meta.appendChild(time);
    if (item.role === 'user' && item.status === 'failed') {
      var failed = el('span', 'sct-failed');
      failed.textContent = ' · ' + T.failed;
      meta.appendChild(failed);
      li.classList.add('sct-msg--failed');
    }
    bubble.appendChild(meta);
    body.appendChild(bubble);
    if (item.role === 'error' && item.retryOf) {
      var actions = el('div', 'sct-quick');
      var retry = el('button', 'sct-chip sct-chip--retry', { type: 'button' });
      retry.textContent = T.retry;
      retry.addEventListener('click', function (e) {
        retryMessage(item);
        keepFocus(e);
      });
      actions.appendChild(retry);
      body.appendChild(actions);
    } else if (showButtons && item.buttons && item.buttons.length) {
      var quick = el('div', 'sct-quick', { role: 'group', 'aria-label': 'Gợi ý trả lời nhanh' });
      item.buttons.forEach(function (b) {
        var chip = el('button', 'sct-chip', { type: 'button' });
        chip.textContent = b.title;
        chip.addEventListener('click', function (e) {
          sendMessage(b.payload, b.title);
          keepFocus(e);
        });
        quick.appendChild(chip);
      });
      body.appendChild(quick);
    }
    li.appendChild(body);
    return li;
  }

  /** The pressed button has just been removed: keep focus in the chat (the input for keyboard users,
   *  the message list after a tap, so a phone's keyboard does not pop up). */
  function keepFocus(e) {
    if (e.detail === 0) input.focus();
    else scroller.focus({ preventScroll: true });
  }

  function renderAll() {
    log.textContent = '';
    nodes = {};
    var lastUser = lastUserIndex();
    state.history.forEach(function (item, i) {
      var li = renderItem(item, i > lastUser);
      nodes[item.id] = li;
      log.appendChild(li);
    });
    scrollToEnd();
  }

  function rerender(item) {
    var old = nodes[item.id];
    if (!old) return;
    var i = state.history.indexOf(item);
    var li = renderItem(item, i > lastUserIndex());
    nodes[item.id] = li;
    old.replaceWith(li);
  }

  function add(item) {
    item.id = item.id || uuid();
    item.ts = item.ts || Date.now();
    if (item.role === 'user') removeQuickReplies();
    state.history.push(item);
    var li = renderItem(item, true);
    nodes[item.id] = li;
    log.appendChild(li);
    if (state.history.length > MAX_HISTORY) {
      state.history.splice(0, state.history.length - MAX_HISTORY).forEach(function (old) {
        if (nodes[old.id]) nodes[old.id].remove();
        delete nodes[old.id];
      });
    }
    saveState();
    scrollToEnd();
    if (panel.hidden && item.role !== 'user') setUnread(unread + 1);
    return item;
  }

  function remove(item) {
    var i = state.history.indexOf(item);
    if (i >= 0) state.history.splice(i, 1);
    if (nodes[item.id]) nodes[item.id].remove();
    delete nodes[item.id];
    saveState();
  }

  function removeQuickReplies() {
    Array.prototype.forEach.call(log.querySelectorAll('.sct-quick'), function (q) {
      if (!q.querySelector('.sct-chip--retry')) q.remove();
    });
  }

  function scrollToEnd() {
    window.requestAnimationFrame(function () { scroller.scrollTop = scroller.scrollHeight; });
  }

  function setTyping(on) {
    typing.hidden = !on;
    status.textContent = on ? T.typing : '';
    if (on) scrollToEnd();
  }

  function setUnread(n) {
    unread = n;
    badge.hidden = n === 0;
    badge.textContent = n > 9 ? '9+' : String(n);
    launcher.setAttribute('aria-label', n ? T.launcher + ' (' + n + ' ' + T.unread + ')' : T.launcher);
  }

  function welcome() {
    add({ role: 'bot', text: T.welcome, buttons: T.suggestions.map(function (s) { return { title: s, payload: s }; }) });
    setUnread(0); // a greeting is not news
  }

  // ---------------------------------------------------------------- sending

  function sendMessage(payload, shown) {
    var text = String(payload || '').trim();
    if (!text) return;
    var item = add({ role: 'user', text: (shown || text).slice(0, MAX_CHARS), payload: text.slice(0, MAX_CHARS),
      status: 'pending' });
    queue.push(item);
    pump();
  }

  function retryMessage(errorItem) {
    var original = state.history.filter(function (m) { return m.id === errorItem.retryOf; })[0];
    remove(errorItem);
    if (!original) return;
    original.status = 'pending';
    rerender(original);
    saveState();
    queue.push(original);
    pump();
  }

  /** The conversation's sender id and token from the backend, asked for once (when the chat opens). */
  function ensureSession() {
    if (state.sessionId && state.token) return Promise.resolve();
    if (sessionRequest && sessionRequest.owner === state) return sessionRequest.promise;
    var request = { owner: state, promise: null };
    request.promise = fetch(API + '/chat/sessions', { method: 'POST', credentials: 'omit' })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (body) {
        if (!body || typeof body.sender !== 'string' || typeof body.token !== 'string') throw new Error('session');
        request.owner.sessionId = body.sender;
        request.owner.token = body.token;
        request.owner.cursor = 0;
        if (request.owner === state) saveState();
      })
      .then(function () { if (sessionRequest === request) sessionRequest = null; },
        function (e) { if (sessionRequest === request) sessionRequest = null; throw e; });
    sessionRequest = request;
    return request.promise;
  }

  function pump() {
    if (sending || !queue.length) return;
    var item = queue.shift();
    var owner = state; // a reset replaces the state: a late reply then belongs to nothing on screen
    sending = true;
    setTyping(true);
    var controller = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) controller.abort(); }, REQUEST_TIMEOUT_MS);
    ensureSession()
      .then(function () {
        if (owner !== state || !owner.sessionId) throw new Error('conversation changed');
        return fetch(API + '/chat/messages', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            channel: 'web', sender: owner.sessionId, text: item.payload || item.text, message_id: item.id,
          }),
          signal: controller ? controller.signal : undefined,
          credentials: 'omit',
        });
      })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (reply) {
        if (owner !== state) return; // the user started a new conversation meanwhile
        var messages = (reply && Array.isArray(reply.messages)) ? reply.messages : [];
        if (reply.status === 'unavailable') {
          markFailed(item, messages.length ? String(messages[0].text || '') : T.networkError);
          return;
        }
        item.status = 'sent';
        rerender(item);
        messages.forEach(function (m) {
          var buttons = Array.isArray(m.buttons) ? m.buttons.filter(function (b) {
            return b && typeof b.title === 'string' && typeof b.payload === 'string';
          }) : [];
          if (typeof m.text === 'string' && (m.text || buttons.length)) {
            add({ role: 'bot', text: m.text, buttons: buttons });
          }
        });
        saveState();
      })
      .catch(function () {
        if (owner === state) markFailed(item, T.networkError);
      })
      .then(function () {
        clearTimeout(timer);
        sending = false;
        setTyping(false);
        pump();
      });
  }

  function markFailed(item, text) {
    item.status = 'failed';
    rerender(item);
    add({ role: 'error', text: text, retryOf: item.id });
  }

  // ---------------------------------------------------------------- staff / system messages

  function poll() {
    if (polling || panel.hidden || document.hidden) return;
    if (!state.token) { // the chat just opened: open the conversation first (offline: again at the next tick)
      ensureSession().then(poll, function () {});
      return;
    }
    polling = true;
    var owner = state;
    var url = API + '/chat/updates?channel=web&sender=' + encodeURIComponent(owner.sessionId) +
      '&after=' + encodeURIComponent(String(owner.cursor));
    fetch(url, { credentials: 'omit', cache: 'no-store', headers: { 'X-SCT-Conversation-Token': owner.token } })
      .then(function (res) {
        if (res.status === 403 && owner === state) { // the token is no longer valid: a new conversation next time
          state.sessionId = null;
          state.token = null;
          state.cursor = 0;
          saveState();
        }
        return res.ok ? res.json() : null;
      })
      .then(function (body) {
        if (!body || owner !== state || !Array.isArray(body.messages)) return;
        body.messages.forEach(function (m) {
          if (typeof m.text !== 'string' || typeof m.id !== 'number' || m.id <= state.cursor) return;
          var author = typeof m.author === 'string' ? m.author.slice(0, 120) : '';
          add({ role: m.sender_role === 'staff' ? 'staff' : 'system', text: m.text, serverId: m.id, author: author });
        });
        if (typeof body.cursor === 'number' && body.cursor > state.cursor) state.cursor = body.cursor;
        saveState();
      })
      .catch(function () { /* offline: try again on the next tick */ })
      .then(function () { polling = false; });
  }

  function startPolling() {
    if (pollTimer) return;
    poll();
    pollTimer = setInterval(poll, POLL_MS);
  }

  function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = null;
  }

  // ---------------------------------------------------------------- open / close / reset

  function open(focus) {
    panel.hidden = false;
    root.classList.add('sct-is-open');
    launcher.setAttribute('aria-expanded', 'true');
    state.open = true;
    saveState();
    setUnread(0);
    scrollToEnd();
    startPolling();
    if (focus === false) return;
    // into the chat for keyboard and screen-reader users; on a phone not the input, or its keyboard covers the answer
    if (isPhone()) scroller.focus({ preventScroll: true });
    else input.focus();
  }

  function isPhone() {
    return window.matchMedia('(max-width: 520px)').matches;
  }

  function close() {
    panel.hidden = true;
    root.classList.remove('sct-is-open');
    launcher.setAttribute('aria-expanded', 'false');
    state.open = false;
    saveState();
    stopPolling();
    launcher.focus();
  }

  function reset() {
    queue = [];
    var wasOpen = state.open;
    state = freshState();
    state.open = wasOpen;
    setTyping(false);
    renderAll();
    welcome();
    input.value = '';
    autoGrow();
    input.focus();
  }

  function autoGrow() {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight, 120) + 'px';
  }

  launcher.addEventListener('click', function () { if (panel.hidden) open(); else close(); });
  closeBtn.addEventListener('click', close);
  resetBtn.addEventListener('click', reset);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value;
    if (!text.trim()) { input.focus(); return; }
    input.value = '';
    autoGrow();
    sendMessage(text);
    input.focus();
  });
  input.addEventListener('input', autoGrow);
  input.addEventListener('keydown', function (e) {
    // Enter sends, Shift+Enter is a new line; never while a Vietnamese IME (Telex/VNI) is composing
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      if (form.requestSubmit) form.requestSubmit(); else form.dispatchEvent(new Event('submit', { cancelable: true }));
    }
  });
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab' && isPhone()) {
      trapFocus(e); // full screen on a phone: keep Tab inside the chat
    }
  });
  document.addEventListener('visibilitychange', function () { if (!document.hidden && !panel.hidden) poll(); });

  function trapFocus(e) {
    var focusable = panel.querySelectorAll('button:not([disabled]), textarea, [tabindex="0"], a[href]');
    if (!focusable.length) return;
    var first = focusable[0];
    var last = focusable[focusable.length - 1];
    var active = shadow.activeElement || document.activeElement;
    if (e.shiftKey && active === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && active === last) { e.preventDefault(); first.focus(); }
  }

  // ---------------------------------------------------------------- start

  function start() {
    document.body.appendChild(host);
    // a reply that was still on its way when the page was left: offer to send it again
    state.history.slice().forEach(function (m) {
      if (m.role === 'user' && m.status === 'pending') {
        m.status = 'failed';
        state.history.push({ id: uuid(), role: 'error', text: T.networkError, retryOf: m.id, ts: Date.now() });
      }
    });
    if (!state.history.length) welcome();
    renderAll();
    saveState();
    if (state.open) open(false);
  }

  window.SCTChatWidget = {
    open: function () { open(); },
    close: close,
    reset: reset,
  };

  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
