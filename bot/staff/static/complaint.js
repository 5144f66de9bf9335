// Complaint form opened from the copilot: submits JSON to the complaints API (POST /bot/complaints).
(function () {
  var form = document.getElementById("complaint-form");
  var result = document.getElementById("cf-result");
  function say(kind, text) { result.className = "alert " + kind; result.textContent = text; }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var data = Object.fromEntries(new FormData(form).entries());
    if (!data.content.trim()) { say("error", "Vui lòng nhập nội dung phản ánh."); return; }
    var body = { channel: "hotline", content: data.content.trim(), name: data.name || null, phone: data.phone || null,
      procedure_code: data.procedure_code || null };
    fetch(form.dataset.endpoint, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().catch(function () { return {}; }).then(function (j) { return { ok: r.ok, status: r.status, json: j }; }); })
      .then(function (r) {
        if (r.ok) say("ok", "Đã ghi nhận phản ánh" + (r.json.code ? " mã " + r.json.code : "") + ". Đọc mã này cho người gọi để tra cứu sau.");
        else if (r.status === 404) say("error", "Chức năng tiếp nhận phản ánh chưa được bật trên máy chủ. Vui lòng ghi lại nội dung và báo quản trị viên.");
        else say("error", "Chưa gửi được phản ánh (" + (r.json.detail && r.json.detail.toString() || r.status) + "). Kiểm tra nội dung rồi thử lại.");
      })
      .catch(function () { say("error", "Không kết nối được máy chủ. Vui lòng thử lại sau ít phút."); });
  });
})();
