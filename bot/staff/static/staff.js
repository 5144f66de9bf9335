// Small helpers for the staff pages: add/remove rows in the edit form, confirm destructive actions.
(function () {
  document.addEventListener("click", function (ev) {
    var add = ev.target.closest(".add-row");
    if (add) {
      var table = document.querySelector('table.rows[data-prefix="' + add.dataset.for + '"] tbody');
      var clone = table.lastElementChild.cloneNode(true);
      var next = 0;
      table.querySelectorAll("input, textarea").forEach(function (input) {
        var m = input.name.match(/-(\d+)-/);
        if (m) next = Math.max(next, parseInt(m[1], 10) + 1);
      });
      clone.querySelectorAll("input, textarea").forEach(function (input) {
        input.name = input.name.replace(/-(\d+)-/, "-" + next + "-");
        if (input.dataset.row) input.setAttribute("aria-label", input.dataset.row + " " + (next + 1) + ": " + input.dataset.col);
        input.value = "";
        if (input.tagName === "TEXTAREA") input.rows = 1;
        input.classList.remove("bad");
      });
      clone.querySelectorAll(".ferr").forEach(function (e) { e.remove(); });
      table.appendChild(clone);
      clone.querySelector("input, textarea").focus();
      return;
    }
    var rm = ev.target.closest("button.rm");
    if (rm) {
      var row = rm.closest("tr");
      if (row.parentElement.children.length > 1) { row.remove(); }
      else { row.querySelectorAll("input, textarea").forEach(function (i) { i.value = ""; }); }
    }
  });
  document.addEventListener("submit", function (ev) {
    var msg = ev.target.dataset && ev.target.dataset.confirm;
    if (msg && !window.confirm(msg)) { ev.preventDefault(); }
  });
})();
