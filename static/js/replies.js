// Progressive enhancement for replies; everything works without it.
// 1. "Reply to NAME" fills the form's hidden parent field instead of reloading the page.
// 2. The reader's own replies (awaiting moderation, editable for a few minutes) are
//    fetched from /comments/mine/, which reads a cookie only that path receives, so the
//    article page itself stays the same for everyone.
// 3. A refused form's error summary takes the focus (where autofocus did not), and a text
//    with a length limit counts down as the reader types (the server refuses what is over).
(function () {
  "use strict";

  function setReplyTo(id, name) {
    var form = document.getElementById("reply-form");
    var note = document.getElementById("replying-to");
    if (!form || !note) { return false; }
    var parent = form.querySelector("input[name=parent]");
    if (!parent) { return false; }
    parent.value = id || "";
    var label = note.querySelector(".replying-to-cancel").getAttribute("data-label");
    note.querySelector(".replying-to-text").textContent = id ? label + " " + name : "";
    note.hidden = !id;
    if (id) {
      var first = form.querySelector("textarea, input:not([type=hidden])");
      if (first) { first.focus(); }
    }
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.reply-to");
    if (link && setReplyTo(link.getAttribute("data-reply-id"), link.getAttribute("data-reply-name"))) {
      event.preventDefault();
      document.getElementById("leave-a-reply").scrollIntoView();
      return;
    }
    if (event.target.closest("a.replying-to-cancel") && setReplyTo("", "")) {
      event.preventDefault();
    }
  });

  var own = document.getElementById("own-replies");
  if (own && window.fetch) {
    fetch(own.getAttribute("data-url"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (!html.trim()) { return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        own.replaceChildren.apply(own, Array.prototype.slice.call(doc.body.childNodes));
      })
      .catch(function () { /* the link stays: the reader can still follow it */ });
  }

  // After load: the browser's own jump to the URL's #anchor would take the focus back.
  window.addEventListener("load", function () {
    var summary = document.querySelector(".error-summary");
    if (summary && document.activeElement !== summary) { summary.focus(); }
  });

  Array.prototype.forEach.call(document.querySelectorAll("textarea[data-maxlength]"), function (field) {
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    var count = document.createElement("p");
    count.className = "field-count";
    count.id = field.id + "_count";
    count.setAttribute("aria-live", "polite");
    (document.getElementById(field.id + "_helptext") || field).insertAdjacentElement("afterend", count);
    function update() {
      var left = limit - field.value.length;
      count.textContent = Math.abs(left).toLocaleString(document.documentElement.lang) + " " +
        field.getAttribute(left < 0 ? "data-count-over" : "data-count-left");
      count.classList.toggle("field-count-over", left < 0);
    }
    field.addEventListener("input", update);
    update();
  });
}());
