// Passerelle's shell: each table of the page scrolls inside its own box, so a wide table never
// makes the whole page scroll sideways on a phone. A box that does scroll can be reached and
// scrolled with the keyboard (tabindex) and is named by the table's caption.
(function () {
  "use strict";
  var boxes = [];

  function wrap(table, index) {
    var box = document.createElement("div");
    box.className = "table-scroll";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
    var caption = table.querySelector("caption");
    if (caption) {
      caption.id = caption.id || "table-caption-" + index;
      box.setAttribute("aria-labelledby", caption.id);
    }
    boxes.push(box);
    // Whether it scrolls changes as fonts, components and the window settle.
    if (window.ResizeObserver) new ResizeObserver(mark).observe(box);
  }

  function mark() {
    boxes.forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls) {
        box.setAttribute("tabindex", "0");
        if (box.hasAttribute("aria-labelledby")) box.setAttribute("role", "region");
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
      }
    });
  }

  function wrapAll() {
    var tables = document.querySelectorAll("main table");
    Array.prototype.forEach.call(tables, function (table) {
      if (!table.parentNode.classList.contains("table-scroll")) wrap(table, boxes.length);
    });
    mark();
  }

  function start() {
    wrapAll();
    window.addEventListener("resize", mark);
    window.addEventListener("load", mark);
    // Tables that htmx brings in later are wrapped too.
    document.body.addEventListener("htmx:afterSettle", wrapAll);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
