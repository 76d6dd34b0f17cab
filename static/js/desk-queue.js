// The moderator's queue without page loads. Every row's buttons already work
// as a plain form post (form="desk-act"); here the same post goes through
// fetch, the row leaves the list, and the keyboard moves and acts:
// j/k move, a/s/d approve/spam/remove, r opens the reply box
// (Ctrl+Enter sends, Esc closes).
(function () {
  "use strict";

  var form = document.getElementById("desk-act");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("desk-status");
  var current = null;

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("#result_list tbody tr"));
  }

  function select(row) {
    if (current) { current.classList.remove("desk-current"); current.removeAttribute("aria-current"); }
    current = row || null;
    if (!current) { return; }
    current.classList.add("desk-current");
    current.setAttribute("aria-current", "true");
    current.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var all = rows();
    var index = all.indexOf(current);
    select(all[Math.min(Math.max(index + step, 0), all.length - 1)]);
  }

  function say(message) { if (status) { status.textContent = message; } }

  function showCount(label) {
    document.querySelectorAll("[data-pending-count]").forEach(function (node) { node.textContent = label; });
  }

  function done(row, data) {
    say(data.message);
    showCount(data.pending);
    var all = rows();
    var next = all[all.indexOf(row) + 1] || all[all.indexOf(row) - 1];
    row.remove();
    select(next);
    if (!rows().length) { say(data.message + " " + form.getAttribute("data-empty")); }
  }

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    var row = button && button.closest("#result_list tbody tr");
    if (!row) { return; }
    event.preventDefault();
    var data = new FormData(form);
    data.append(button.name, button.value);
    row.setAttribute("aria-busy", "true");
    fetch(button.formAction, {
      method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" },
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      row.removeAttribute("aria-busy");
      if (result.ok) { done(row, result.body); } else { say(result.body.message); }
    }).catch(function () {
      // Nothing sent or no answer: let the browser post the form itself.
      form.action = button.formAction;
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = button.name;
      field.value = button.value;
      form.appendChild(field);
      form.submit();
    });
  });

  function typing(target) {
    return target.closest && target.closest("input, textarea, select, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.target.tagName === "TEXTAREA" && event.target.form === form) {
      var box = event.target.closest("details");
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        box.querySelector("button[value=reply]").click();
      } else if (event.key === "Escape") {
        box.open = false;
        box.querySelector("summary").focus();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    if (event.key === "j" || event.key === "k") {
      move(event.key === "j" ? 1 : -1);
      return;
    }
    if (!current) { select(rows()[0]); }
    if (!current) { return; }
    if (event.key === "r") {
      event.preventDefault();
      var details = current.querySelector("details.desk-reply-box");
      details.open = true;
      details.querySelector("textarea").focus();
      return;
    }
    var button = current.querySelector("button[data-key='" + event.key + "']");
    if (button) { event.preventDefault(); button.click(); }
  });

  // A click anywhere in a row makes it the one the keys act on.
  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("#result_list tbody tr");
    if (row) { select(row); }
  });

  select(rows()[0]);
}());
