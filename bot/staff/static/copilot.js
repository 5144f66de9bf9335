// Hotline copilot: send what the caller said to /staff/api/copilot/analyze and draw the result, no reload.
(function () {
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var form = document.getElementById("cp-form");
  var input = document.getElementById("cp-text");
  var status = document.getElementById("cp-status");
  var last = null;
  var ONLINE = { "toàn trình": "Toàn trình", "một phần": "Một phần", "không": "Không", "unknown": "Chưa rõ" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === "class") node.className = attrs[k]; else node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) node.append(c.nodeType ? c : String(c)); });
    return node;
  }
  function vnd(n) { return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".") + " đồng"; }
  function vdate(s) { if (!s) return ""; var p = s.split("-"); return p.length === 3 ? p[2] + "/" + p[1] + "/" + p[0] : s; }
  function show(id, on) { document.getElementById(id).classList.toggle("hidden", !on); }
  function unknown(text) { return el("span", { class: "unknown" }, [text]); }

  function drawUnderstood(u) {
    var box = document.getElementById("cp-understood");
    box.replaceChildren();
    if (u.note) box.append(el("div", { class: "alert warn" }, [u.note]));
    var row = el("div", { class: "understood" }, [
      el("div", {}, [el("div", { class: "k" }, ["Ý định"]), el("div", { class: "v", id: "cp-intent" }, [u.intent_label || u.intent || "Chưa xác định", u.confidence != null ? el("span", { class: "conf" }, [" " + Math.round(u.confidence * 100) + "%"]) : null])]),
      el("div", {}, [el("div", { class: "k" }, ["Thủ tục được nhắc tới"]), el("div", { class: "v" }, [u.mention || "—"])]),
      el("div", {}, [el("div", { class: "k" }, ["Nguồn hiểu câu hỏi"]), el("div", { class: "v" }, [u.source === "rasa" ? "Rasa NLU + tra cứu danh mục" : "Chỉ tra cứu danh mục"])])
    ]);
    box.append(el("h2", {}, ["Câu hỏi được hiểu là"]), row);
    show("cp-understood", true);
  }

  function drawCard(p) {
    var box = document.getElementById("cp-card");
    box.replaceChildren();
    if (!p) { show("cp-card", false); return; }
    var t = p.processing_time, f = p.fees;
    var time = t.status === "unknown" ? unknown("Chưa có thông tin") :
      (t.working_days ? t.working_days + " ngày làm việc" : t.calendar_days ? t.calendar_days + " ngày" : "") + (t.text ? " (" + t.text + ")" : "");
    var fees = f.status === "none" ? "Không thu phí" : f.status === "unknown" ? unknown("Nguồn chưa công bố") :
      el("ul", { class: "plain" }, f.items.map(function (i) {
        var today = new Date().toISOString().slice(0, 10);
        var past = i.valid_until && i.valid_until < today;
        return el("li", past ? { class: "muted" } : {}, [i.kind + ": ", i.amount_vnd ? el("b", {}, [vnd(i.amount_vnd) + (i.per ? "/" + i.per : "")]) : null, i.text ? " " + i.text : "",
          past ? el("span", { class: "unknown" }, [" [lịch sử — hết hiệu lực sau " + vdate(i.valid_until) + "]"]) : null]);
      }));
    var docs = p.documents.length ? el("div", {}, p.documents.map(function (g) {
      return el("div", {}, [g.case ? el("div", { class: "case" }, [g.case]) : null, el("ol", {}, g.items.map(function (d) {
        var extra = [d.original ? d.original + " bản chính" : null, d.copies ? d.copies + " bản sao" : null, d.form ? "mẫu " + d.form : null].filter(Boolean);
        return el("li", {}, [d.name, extra.length ? el("span", { class: "muted" }, [" (" + extra.join("; ") + ")"]) : null]);
      }))]);
    })) : unknown("Chưa có danh mục hồ sơ đã xác minh — xem cổng dịch vụ công");
    var laws = p.legal_basis.length ? el("ul", { class: "plain" }, p.legal_basis.map(function (b) { return el("li", {}, [b.number, b.title && b.title !== b.number ? el("span", { class: "muted" }, [" — " + b.title]) : null]); })) : unknown("Chưa có");
    var src = p.source;
    var source = el("span", {}, [src.title + (src.decision ? ", " + src.decision : "") + " ", src.url ? el("a", { href: src.url, target: "_blank", rel: "noopener noreferrer" }, ["mở nguồn"]) : null]);
    var rows = [["Mã · Lĩnh vực", p.code + " · " + p.field], ["Cơ quan giải quyết", p.agency || "Nguồn không ghi"], ["Hồ sơ", docs], ["Phí, lệ phí", fees],
      ["Thời hạn", time], ["Nộp trực tuyến", el("span", {}, [ONLINE[p.online_level] || p.online_level, p.online_level !== "không" ? " · " : "", p.online_level !== "không" ? el("a", { href: p.portal_url, target: "_blank", rel: "noopener noreferrer" }, ["cổng dịch vụ công"]) : null])],
      ["Căn cứ pháp lý", laws], ["Nguồn", source], ["Rà soát lần cuối", vdate(p.last_reviewed)]];
    var dl = el("dl", { class: "facts" }, []);
    rows.forEach(function (r) { dl.append(el("dt", {}, [r[0]]), el("dd", {}, [r[1]])); });
    box.append(el("h2", { id: "cp-proc-name" }, [p.name]), dl);
    show("cp-card", true);
  }

  function drawRelated(items) {
    var box = document.getElementById("cp-related");
    box.replaceChildren();
    if (!items.length) { show("cp-related", false); return; }
    box.append(el("h2", {}, ["Thủ tục liên quan"]));
    var list = el("div", { class: "related" }, []);
    items.forEach(function (c) {
      var a = el("a", { href: "#" }, [c.name, el("span", { class: "muted small" }, [" · " + c.code])]);
      a.addEventListener("click", function (e) { e.preventDefault(); input.value = c.name; run(); });
      list.append(a);
    });
    box.append(list);
    show("cp-related", true);
  }

  function run() {
    var text = input.value.trim();
    if (!text) { status.textContent = "Vui lòng nhập nội dung người gọi hỏi."; input.focus(); return; }
    status.textContent = "Đang tra cứu…";
    fetch("/staff/api/copilot/analyze", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ text: text })
    }).then(function (r) {
      if (r.status === 401) { window.location = "/staff/login?next=/staff/copilot"; throw new Error("login"); }
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (data) {
      last = { text: text, data: data };
      drawUnderstood(data.understanding);
      document.getElementById("cp-readout").textContent = data.readout || "";
      show("cp-readout", !!data.readout);
      document.getElementById("cp-answer-text").textContent = (data.hint ? "💡 " + data.hint + "\n\n" : "") + (data.suggested_answer || "");
      show("cp-answer", true);
      drawCard(data.procedure);
      drawRelated(data.related || []);
      if (data.dossier_code) openDossier(data.dossier_code);
      status.textContent = "Đã tra cứu lúc " + new Date().toLocaleTimeString("vi-VN");
    }).catch(function (err) {
      if (err.message !== "login") status.textContent = "Không tra cứu được (" + err.message + "). Vui lòng thử lại; nếu vẫn lỗi, báo quản trị viên.";
    });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  input.addEventListener("keydown", function (e) { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); run(); } });
  document.getElementById("cp-copy").addEventListener("click", function () {
    var said = document.getElementById("cp-readout").textContent;
    navigator.clipboard && navigator.clipboard.writeText((said ? said + "\n\n" : "") + document.getElementById("cp-answer-text").textContent);
  });
  // Dossier look-up box: the bot's own look-up service, rate-limited per operator.
  var DL_LABELS = { found: ["ok", "Đã tìm thấy"], verification_failed: ["warn", "Sai 4 số cuối"], not_found: ["error", "Không tìm thấy"],
    invalid_code: ["warn", "Mã chưa đúng dạng"], rate_limited: ["error", "Tạm khóa tra cứu"], unavailable: ["error", "Hệ thống một cửa không phản hồi"] };
  var TIMELY = { early: ["ok", "Trước hạn"], on_time: ["ok", "Đúng hạn"], late: ["error", "Trả chậm"], within_time: ["ok", "Trong hạn"], overdue: ["error", "Quá hạn"] };
  var dlForm = document.getElementById("dl-form");
  var dlBox = document.getElementById("dl-result");
  // The reply the citizen bot would give, laid out for reading aloud: sample notice, paragraphs, headed lists.
  function dlText(text) {
    var box = el("div", { class: "dl-text", id: "dl-text" }, []);
    var list = null;
    (text || "").split("\n").forEach(function (line) {
      if (!line.trim()) return;
      if (line.indexOf("• ") === 0) {
        if (!list) { list = el("ul", {}, []); box.append(list); }
        list.append(el("li", {}, [line.slice(2)]));
        return;
      }
      list = null;
      if (line.charAt(0) === "[") box.append(el("div", { class: "sample" }, [line.replace(/^\[|\]$/g, "")]));
      else if (/:$/.test(line)) box.append(el("div", { class: "dl-head" }, [line.slice(0, -1)]));
      else box.append(el("p", {}, [line]));
    });
    return box;
  }
  function dlShow(data) {
    dlBox.replaceChildren();
    var st = DL_LABELS[data.status] || ["", data.status];
    var tags = el("div", { class: "dl-tags" }, [el("span", { class: "tag " + st[0], id: "dl-status" }, [st[1]])]);
    if (data.timeliness && TIMELY[data.timeliness]) tags.append(el("span", { class: "tag " + TIMELY[data.timeliness][0] }, [TIMELY[data.timeliness][1]]));
    if (data.status === "found" || data.status === "verification_failed") tags.append(el("span", { class: "tag " + (data.verified ? "ok" : "") }, [data.verified ? "Đã xác minh" : "Chưa xác minh"]));
    dlBox.append(tags, dlText(data.text));
    if (data.complaint_prefill) {
      var b = el("button", { type: "button", class: "wide" }, ["Gửi phản ánh về hồ sơ này"]);
      b.addEventListener("click", function () {
        var p = data.complaint_prefill;
        var params = new URLSearchParams({ content: p.content, dossier_code: p.dossier_code, procedure_code: p.procedure_code || "" });
        window.open("/staff/copilot/complaint?" + params.toString(), "_blank", "noopener");
      });
      dlBox.append(b);
    }
    dlBox.classList.remove("hidden");
  }
  dlForm.addEventListener("submit", function (e) {
    e.preventDefault();
    var code = document.getElementById("dl-code").value.trim();
    if (!code) { dlShow({ status: "invalid_code", text: "Vui lòng nhập mã hồ sơ người gọi đọc (in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả)." }); return; }
    dlBox.classList.remove("hidden");
    dlBox.replaceChildren(el("div", { class: "muted small" }, ["Đang tra cứu…"]));
    fetch("/staff/api/copilot/dossier", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ code: code, phone_last4: document.getElementById("dl-last4").value.trim() || null })
    }).then(function (r) {
      if (r.status === 401) { window.location = "/staff/login?next=/staff/copilot"; throw new Error("login"); }
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(dlShow).catch(function (err) {
      if (err.message !== "login") dlShow({ status: "unavailable", text: "Không tra cứu được (" + err.message + "). Vui lòng thử lại; nếu vẫn lỗi, báo quản trị viên." });
    });
  });

  // A dossier code in the question: put it in the dossier box and look it up there (same service, same limits).
  function openDossier(code) {
    var slot = document.getElementById("cp-dossier-slot");
    document.getElementById("dl-code").value = code;
    dlForm.requestSubmit();
    slot.classList.add("flash");
    setTimeout(function () { slot.classList.remove("flash"); }, 2500);
    slot.scrollIntoView({ block: "nearest" });
    document.getElementById("dl-last4").focus({ preventScroll: true });
  }

  document.getElementById("cp-complaint").addEventListener("click", function () {
    var params = new URLSearchParams({ content: input.value.trim() });
    var p = last && last.data.procedure;
    if (p) { params.set("procedure_code", p.code); params.set("procedure_name", p.name); }
    window.open("/staff/copilot/complaint?" + params.toString(), "_blank", "noopener");
  });
})();
