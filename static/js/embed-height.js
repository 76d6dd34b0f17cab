// Inside the embeddable results (elections/embed.html): tell the page that
// frames us how tall we are, now and whenever the results change size.
// static/js/embed-host.js on that page sets the frame's height from it.
(function () {
  "use strict";

  if (window.parent === window) { return; }
  var last = 0;

  function report() {
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: "newsroom:embed-height", height: height }, "*");
    }
  }

  window.addEventListener("load", report);
  if (window.ResizeObserver) { new ResizeObserver(report).observe(document.body); }
}());
