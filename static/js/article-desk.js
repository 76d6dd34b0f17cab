// The article's change page: give the rich-text editor the name of its field,
// which django-prose-editor leaves unnamed for screen readers.
(function () {
  "use strict";

  document.addEventListener("prose-editor:ready", function (event) {
    var textarea = event.detail.textarea;
    var label = document.querySelector("label[for='" + textarea.id + "']");
    var name = label ? label.textContent.replace(/:\s*$/, "").trim() : textarea.name;
    event.detail.editor.view.dom.setAttribute("aria-label", name);
  });
}());

// Django's tabular inlines label their boxes by the column heading alone; name each box
// after its column so that a screen reader says what it is for.
(function () {
  "use strict";

  function nameCells(root) {
    root.querySelectorAll(".tabular table").forEach(function (table) {
      var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (box) {
            if (!box.labels.length && !box.getAttribute("aria-label") && headings[index]) {
              box.setAttribute("aria-label", headings[index]);
            }
          });
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { nameCells(document); });
  document.addEventListener("formset:added", function () { nameCells(document); });
}());
