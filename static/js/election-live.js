// Refresh an open election's figures without a reload. The server answers
// 304 while nothing changed, so polling costs a few bytes. Without
// JavaScript the page shows the same figures as of its last load.
(function () {
  "use strict";
  var region = document.querySelector("[data-live-url]");
  if (!region || !window.fetch || !window.DOMParser) {
    return;
  }
  var url = region.getAttribute("data-live-url");
  var every = Math.max(10, parseInt(region.getAttribute("data-live-every"), 10) || 30) * 1000;
  var note = document.querySelector(".live-note");
  var etag = null;

  function replace(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".election-live");
    if (!fresh) {
      return;
    }
    region.replaceWith(fresh);
    region = fresh;
    if (note) {
      // The server's time, in the newsroom's zone like the rest of the page.
      note.textContent = note.getAttribute("data-updated-text") + " " + fresh.getAttribute("data-updated-at");
    }
  }

  function poll() {
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(url, { headers: headers, cache: "no-store", credentials: "omit" })
      .then(function (response) {
        if (response.status !== 200) {
          return null;
        }
        etag = response.headers.get("ETag");
        return response.text();
      })
      .then(function (html) {
        if (html) {
          replace(html);
        }
      })
      .catch(function () {})
      .then(function () {
        // Once the count closes the fresh region has no URL: stop asking.
        if (region.hasAttribute("data-live-url") && !document.hidden) {
          window.setTimeout(poll, every);
        } else if (region.hasAttribute("data-live-url")) {
          document.addEventListener("visibilitychange", poll, { once: true });
        }
      });
  }

  window.setTimeout(poll, every);
})();
