/* Rød Løber: the public check (/tjek). Progressive enhancement only; every
   step works without JavaScript. Picks the site on the map (hidden lon/lat +
   municipality lookup through htmx), syncs the municipality list, keeps
   "none"/"don't know" checkboxes exclusive, focuses errors after htmx swaps,
   and offers a print button. */
(function () {
  "use strict";

  function setKommune(scope, code) {
    var select = document.querySelector("[data-check-kommune]");
    if (select && code) { select.value = code; }
  }

  function wireMap(group) {
    if (group.dataset.checkWired) { return; }
    var el = group.querySelector("[data-rl-map]");
    if (!el) { return; }
    group.dataset.checkWired = "1";
    var lon = group.querySelector("[data-check-lon]");
    var lat = group.querySelector("[data-check-lat]");
    var status = group.querySelector("[data-check-point-status]");
    var clear = group.querySelector("[data-check-clear-point]");
    var marker = null;

    function place(map, lngLat) {
      if (!window.maplibregl) { return; }
      if (marker) { marker.remove(); }
      marker = new window.maplibregl.Marker({ color: "#c62828" }).setLngLat(lngLat).addTo(map);
    }

    function attach(map) {
      if (lon.value && lat.value) { place(map, [parseFloat(lon.value), parseFloat(lat.value)]); }
      map.on("click", function (e) {
        lon.value = e.lngLat.lng.toFixed(6);
        lat.value = e.lngLat.lat.toFixed(6);
        place(map, e.lngLat);
        if (clear) { clear.hidden = false; }
        var url = group.dataset.lookupUrl + "?site_lon=" + lon.value + "&site_lat=" + lat.value;
        if (window.htmx) {
          window.htmx.ajax("GET", url, { target: status, swap: "innerHTML", select: "[data-kommune-kode]" });
        }
      });
      if (clear) {
        clear.addEventListener("click", function () {
          lon.value = ""; lat.value = "";
          if (marker) { marker.remove(); marker = null; }
          status.textContent = "";
          clear.hidden = true;
        });
      }
    }

    if (el.rlMap) { attach(el.rlMap); } else {
      el.addEventListener("rl-map:ready", function (e) { attach(e.detail.map); });
    }
  }

  function exclusive(form) {
    form.addEventListener("change", function (e) {
      var box = e.target;
      if (!box || box.type !== "checkbox" || !box.checked) { return; }
      var group = box.closest("fieldset");
      if (!group) { return; }
      var isExclusive = !!box.closest(".rl-exclusive");
      group.querySelectorAll("input[type=checkbox][name='" + box.name + "']").forEach(function (other) {
        if (other === box) { return; }
        var otherExclusive = !!other.closest(".rl-exclusive");
        if (isExclusive || otherExclusive) { other.checked = false; }
      });
    });
  }

  /* Questions asked only when relevant (data-check-shown-if="kind=expansion;
     crma_strategic=yes,unknown"): hidden unless every named question has one of
     the listed answers checked. Without JavaScript they stay visible. */
  function relevance(form) {
    var items = form.querySelectorAll("[data-check-shown-if]");
    if (!items.length) { return; }
    function update() {
      items.forEach(function (item) {
        var show = item.dataset.checkShownIf.split(";").every(function (cond) {
          var parts = cond.split("=");
          var checked = form.querySelector("input[name='" + parts[0] + "']:checked");
          return !!checked && parts[1].split(",").indexOf(checked.value) !== -1;
        });
        item.hidden = !show;
      });
    }
    form.addEventListener("change", update);
    update();
  }

  function init(root) {
    document.querySelectorAll("[data-check-map]").forEach(wireMap);
    var form = document.getElementById("check-form");
    if (form && !form.dataset.checkWired) {
      form.dataset.checkWired = "1";
      exclusive(form);
      relevance(form);
    }
    document.querySelectorAll("[data-check-print]").forEach(function (b) {
      b.hidden = false;
      if (!b.dataset.checkWired) {
        b.dataset.checkWired = "1";
        b.addEventListener("click", function () { window.print(); });
      }
    });
    if (root && root !== document) {
      var target = document.getElementById("error-summary") || document.querySelector("main h1");
      if (target) {
        if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
        target.focus();
      }
    }
  }

  document.addEventListener("htmx:afterSwap", function (e) {
    var found = e.target && e.target.querySelector && e.target.querySelector("[data-kommune-kode]");
    if (found && found.dataset.kommuneKode) { setKommune(document, found.dataset.kommuneKode); }
  });
  document.addEventListener("htmx:afterSettle", function (e) {
    if (e.target && e.target.id === "main-content") { init(e.target); }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
