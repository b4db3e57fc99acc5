/* Land map (/kort) on narrow screens: the panel with the filters and the result list
   is a bottom drawer over the map. The button in the panel's head opens and closes
   it (aria-expanded); opening moves focus into the drawer, Escape or the button
   closes it and returns focus to the button. "Show on map" closes it so the map is
   visible; selecting an area on the map opens it at that area. Without JavaScript,
   or on wide screens, the panel is an ordinary column (landmap.css). */
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 991px)");

  function parts() {
    var root = document.querySelector("[data-rl-kort]");
    if (!root) { return null; }
    return {
      root: root,
      panel: root.querySelector("[data-rl-kort-panel]"),
      toggle: root.querySelector("[data-rl-drawer-toggle]"),
      body: root.querySelector("[data-rl-drawer-body]")
    };
  }

  function isOpen(p) { return p.panel.classList.contains("rl-kort-panel--open"); }

  function setOpen(p, open, moveFocus) {
    p.panel.classList.toggle("rl-kort-panel--open", open);
    p.toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (moveFocus) { (open ? p.body : p.toggle).focus(); }
  }

  function apply(p) {
    var drawer = NARROW.matches;
    p.root.classList.toggle("rl-kort--drawer", drawer);
    p.toggle.hidden = !drawer;
    // a page with filter errors opens with the drawer open, at the error summary
    setOpen(p, drawer && !!p.root.querySelector("#error-summary"), false);
  }

  function setup() {
    var p = parts();
    if (!p || !p.panel || !p.toggle || !p.body) { return; }
    apply(p);
    NARROW.addEventListener("change", function () { apply(p); });
    p.toggle.addEventListener("click", function () { setOpen(p, !isOpen(p), true); });
    p.panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && NARROW.matches && isOpen(p)) {
        e.preventDefault();
        setOpen(p, false, true);
      }
    });
    document.addEventListener("click", function (e) {
      var zoom = e.target.closest && e.target.closest("[data-area-zoom]");
      if (zoom && NARROW.matches && isOpen(p)) { setOpen(p, false, false); }
    });
    // an area chosen on the map: open the drawer so its list item can take focus
    document.addEventListener("rl-kort:select", function () {
      if (NARROW.matches && !isOpen(p)) { setOpen(p, true, false); }
    });
    document.body.addEventListener("htmx:afterSwap", function () {
      var heading = document.getElementById("land-results-heading");
      var count = p.toggle.querySelector("[data-rl-drawer-count]");
      var m = heading && /\d[\d.,\s]*/.exec(heading.textContent);
      if (count && m) { count.textContent = "(" + m[0].trim() + ")"; }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
