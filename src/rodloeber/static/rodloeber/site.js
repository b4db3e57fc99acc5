/* Rød Løber: start Det Fælles Designsystem's components (mobile menu, accordions,
   error summary, ...). Loaded at the end of <body>, after dkfds.min.js. */
(function () {
  "use strict";
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
})();

/* Print buttons (data-print) without inline onclick handlers (CSP: no inline script). */
document.addEventListener("click", function (event) {
  var target = event.target;
  if (target instanceof Element && target.closest("[data-print]")) {
    window.print();
  }
});
