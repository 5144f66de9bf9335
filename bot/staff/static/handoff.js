// Handoff queue: poll /staff/api/handoffs, claim one, read its transcript, reply, hand it back to the bot.
(function () {
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var QUEUE_MS = 3000, CHAT_MS = 2000;
  var current = null, lastId = 0, busy = false, queueFailed = false;
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) { var n = document.createElement(tag); if (cls) n.className = cls; if (text != null) n.textContent = text; return n; }
  function waited(s) { if (s < 60) return s + " giây"; if (s < 3600) return Math.floor(s / 60) + " phút"; return Math.floor(s / 3600) + " giờ " + Math.floor(s % 3600 / 60) + " phút"; }
  function showError(text) { var box = $("ho-error"); box.textContent = text || ""; box.classList.toggle("hidden", !text); }

  function api(method, path, body) {
    var opts = { method: method, headers: { "Accept": "application/json" }, credentials: "same-origin" };
    if (method !== "GET") { opts.headers["X-CSRF-Token"] = csrf; opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body || {}); }
    return fetch(path, opts).then(function (res) {
      if (res.status === 401) { window.location = "/staff/login?next=/staff/handoff"; throw new Error("login"); }
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) throw new Error(typeof data.detail === "string" ? data.detail : "Có lỗi xảy ra, vui lòng thử lại.");
        return data;
      });
    });
  }

  function drawQueue(data) {
    var d = data.desk;
    $("ho-desk").textContent = d.open ? "Đang nhận yêu cầu" : "Ngoài giờ nhận yêu cầu (" + d.hours + ")";
    $("ho-desk").className = "tag" + (d.open ? " ok" : "");
    if (document.activeElement !== $("ho-mode")) $("ho-mode").value = d.mode;
    var body = $("ho-queue").tBodies[0];
    body.replaceChildren();
    var waiting = data.handoffs.filter(function (h) { return h.status === "queued"; }).length;
    $("ho-count").textContent = "(" + waiting + " đang chờ)";
    if (!data.handoffs.length) {  // the most common moment: say so (append() returns undefined, so no chaining)
      var none = el("tr"), td = el("td", "empty", "Chưa có người dân nào đang chờ.");
      td.colSpan = 6; none.append(td); body.append(none); return;
    }
    data.handoffs.forEach(function (h) {
      var tr = el("tr"); tr.dataset.id = h.id; if (current === h.id) tr.className = "sel";
      tr.append(el("td", "mono", String(h.id)), el("td", null, h.channel_label), el("td", "nowrap", waited(h.waiting_seconds)));
      tr.append(el("td", null, h.status === "claimed" ? h.status_label + " · " + h.claimed_by : h.status_label));
      tr.append(el("td", "q", h.first_question || "—"));
      var cell = el("td", "actions");
      var open = el("button", "small", h.status === "queued" ? "Xem" : "Mở"); open.type = "button";
      open.addEventListener("click", function () { select(h.id); });
      cell.append(open);
      if (h.status === "queued") {
        var claimBtn = el("button", "small primary ho-claim", "Nhận"); claimBtn.type = "button";
        claimBtn.addEventListener("click", function () { claim(h.id); });
        cell.append(" ", claimBtn);
      }
      tr.append(cell); body.append(tr);
    });
  }

  function refreshQueue() {
    return api("GET", "/staff/api/handoffs").then(function (data) {
      drawQueue(data);
      if (queueFailed) { queueFailed = false; showError(""); }  // only the queue's own error: a claim's stays
    }).catch(function (e) { if (e.message !== "login") { queueFailed = true; showError(e.message); } });
  }

  function addMessages(messages) {
    var box = $("ho-messages");
    messages.forEach(function (m) {
      lastId = Math.max(lastId, m.id);
      var who = m.role === "citizen" ? "Người dân" : m.role === "staff" ? (m.author || "Cán bộ") : "Hệ thống";
      var div = el("div", "ho-msg " + m.role); div.append(el("span", "a", who + " · " + new Date(m.created_at).toLocaleTimeString("vi-VN")), document.createTextNode(m.text));
      box.append(div);
    });
    if (messages.length) box.scrollTop = box.scrollHeight;
  }

  function drawDetail(h, fresh) {
    $("ho-panel").classList.remove("hidden");
    $("ho-title").textContent = "Yêu cầu #" + h.id + " · " + h.channel_label;
    $("ho-who").textContent = h.status === "claimed" ? "Cán bộ phụ trách: " + h.claimed_by : h.status_label + " · chờ " + waited(h.waiting_seconds);
    if (fresh) {
      var list = $("ho-summary").querySelector("ol"); list.replaceChildren();
      if (!h.summary.length) list.append(el("li", "muted", "Không có nội dung trước đó."));
      h.summary.forEach(function (t) { var li = el("li"); li.append(el("span", "r", t.role === "citizen" ? "Người dân: " : "Trợ lý ảo: "), document.createTextNode(t.text)); list.append(li); });
    }
    $("ho-reply").classList.toggle("hidden", !(h.status === "claimed" && h.mine));
    $("ho-claimbar").classList.toggle("hidden", h.status !== "queued");
    addMessages(h.messages || []);
  }

  function select(id) {
    current = id; lastId = 0; $("ho-messages").replaceChildren(); showError("");
    return api("GET", "/staff/api/handoffs/" + id).then(function (h) { drawDetail(h, true); refreshQueue(); }).catch(function (e) { showError(e.message); });
  }

  function refreshDetail() {
    if (current === null || busy) return;
    var id = current;
    api("GET", "/staff/api/handoffs/" + id + "?after=" + lastId).then(function (h) {
      if (id !== current) return;
      drawDetail(h, false);
      if (h.status === "closed") { $("ho-reply").classList.add("hidden"); }
    }).catch(function () {});
  }

  function claim(id) {
    showError("");
    return api("POST", "/staff/api/handoffs/" + id + "/claim").then(function () { return select(id); }).then(function () { $("ho-text").focus(); }).catch(function (e) { showError(e.message); refreshQueue(); });
  }

  function send() {
    var text = $("ho-text").value.trim();
    if (!text || current === null || busy) return;
    busy = true; showError("");
    api("POST", "/staff/api/handoffs/" + current + "/reply", { text: text }).then(function () { $("ho-text").value = ""; })
      .catch(function (e) { showError(e.message); })
      .then(function () { busy = false; refreshDetail(); });
  }

  $("ho-reply").addEventListener("submit", function (e) { e.preventDefault(); send(); });
  $("ho-text").addEventListener("keydown", function (e) { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); send(); } });
  $("ho-claim").addEventListener("click", function () { if (current !== null) claim(current); });
  $("ho-close").addEventListener("click", function () {
    if (current === null || !window.confirm("Kết thúc cuộc trò chuyện và trả lại cho trợ lý ảo?")) return;
    api("POST", "/staff/api/handoffs/" + current + "/close").then(function () { refreshDetail(); $("ho-reply").classList.add("hidden"); refreshQueue(); })
      .catch(function (e) { showError(e.message); });
  });
  $("ho-mode").addEventListener("change", function () {
    api("POST", "/staff/api/handoff-desk", { mode: $("ho-mode").value }).then(refreshQueue).catch(function (e) { showError(e.message); });
  });

  refreshQueue();
  setInterval(function () { if (!document.hidden) refreshQueue(); }, QUEUE_MS);
  setInterval(function () { if (!document.hidden) refreshDetail(); }, CHAT_MS);
})();
