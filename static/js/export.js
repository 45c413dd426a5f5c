// Reloads the state of a PDF export in place until it is finished or failed. Without
// JavaScript the page offers a link to reload it.
(function () {
  "use strict";
  function watch(box) {
    box.querySelectorAll(".noscript-hinweis").forEach(function (hint) {
      hint.textContent = "Die Seite aktualisiert sich selbst, sobald das PDF fertig ist.";
    });
    if (box.hasAttribute("data-abgeschlossen")) { return; }
    window.setTimeout(function () {
      fetch(box.getAttribute("data-export-stand"), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(); })
        .then(function (html) {
          var next = new DOMParser().parseFromString(html, "text/html").querySelector("[data-export-stand]");
          if (!next) { return; }
          box.replaceWith(next);
          watch(next);
        })
        .catch(function () { watch(box); });
    }, 1500);
  }
  document.querySelectorAll("[data-export-stand]").forEach(watch);
})();
