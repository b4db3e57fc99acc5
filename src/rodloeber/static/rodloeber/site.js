/* Rød Løber: start Det Fælles Designsystem's components (mobile menu, accordions,
   error summary, ...). Loaded at the end of <body>, after dkfds.min.js. */
(function () {
  "use strict";
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
})();
