// Cached pages are the same for every reader, so their forms carry no CSRF
// token. This adds the reader's own to every POST form that lacks one:
// from the csrftoken cookie when the browser already has it (no request),
// otherwise from /csrf/ (which also sets that cookie), fetched only once the
// reader starts using a form, so that reading pages costs nothing extra.
(function () {
  "use strict";

  var FIELD = "csrfmiddlewaretoken";
  var pending = null;

  function forms() {
    return Array.prototype.filter.call(document.querySelectorAll("form"), function (form) {
      return form.classList.contains("needs-csrf") || (form.getAttribute("method") || "").toLowerCase() === "post";
    });
  }

  function fromCookie() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function fill(form, token) {
    var input = form.querySelector("input[name=" + FIELD + "]");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = FIELD;
      form.appendChild(input);
    }
    if (!input.value || form.classList.contains("needs-csrf")) { input.value = token; }
  }

  function fillAll(token) {
    if (token) { forms().forEach(function (form) { fill(form, token); }); }
    return token;
  }

  function fetchToken() {
    if (!pending) {
      pending = fetch("/csrf/", { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : {}; })
        .then(function (data) { return fillAll(data.token || fromCookie()); })
        .catch(function () { pending = null; return ""; });
    }
    return pending;
  }

  function needsToken(form) {
    var input = form && form.querySelector("input[name=" + FIELD + "]");
    return form && !form.hasAttribute("data-csrf-tried") && forms().indexOf(form) !== -1 && !(input && input.value);
  }

  if (!fillAll(fromCookie()) && window.fetch) {
    // The first sign that the reader is about to use a form fetches the token.
    ["focusin", "pointerdown"].forEach(function (type) {
      document.addEventListener(type, function (event) {
        var form = event.target.closest && event.target.closest("form");
        if (needsToken(form)) { fetchToken(); }
      });
    });
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!needsToken(form)) { return; }
      event.preventDefault();
      var submitter = event.submitter;
      fetchToken().then(function () {
        // Sent once more whatever happened: without a token the site explains what to do.
        form.setAttribute("data-csrf-tried", "");
        if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
      });
    });
  }
}());
