// For pages that embed Newsroom's results: each results frame from the same
// site as this script gets the height its content reports
// (static/js/embed-height.js), so nothing is cut off and nothing scrolls.
(function () {
  "use strict";

  var script = document.currentScript;
  var origin = script ? new URL(script.src).origin : "";

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== "newsroom:embed-height") { return; }
    var height = Number(data.height);
    if (!(height > 0 && height < 20000)) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("iframe"), function (frame) {
      if (frame.contentWindow === event.source) { frame.setAttribute("height", String(height)); }
    });
  });
}());
