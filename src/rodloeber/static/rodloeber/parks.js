/* Industrial parks: draws park or application areas (GeoJSON) on the shared map
   component. The same information is in the table on the page (no JS needed). */
(function () {
  "use strict";
  function bounds(fc) {
    var b = [180, 90, -180, -90];
    fc.features.forEach(function (f) {
      JSON.stringify(f.geometry.coordinates).replace(/\[(-?[\d.]+),(-?[\d.]+)\]/g, function (_, x, y) {
        x = +x; y = +y;
        b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
      });
    });
    return b[0] <= b[2] ? [[b[0], b[1]], [b[2], b[3]]] : null;
  }
  document.querySelectorAll("[data-parks-geojson]").forEach(function (wrapper) {
    var el = wrapper.querySelector("[data-rl-map]");
    if (!el) { return; }
    el.addEventListener("rl-map:ready", function (event) {
      var map = event.detail.map;
      fetch(wrapper.getAttribute("data-parks-geojson"), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (fc) {
          map.addSource("parks-areas", { type: "geojson", data: fc,
            attribution: "Industriparker: syntetiske demodata hvor markeret" });
          map.addLayer({ id: "parks-areas-fill", type: "fill", source: "parks-areas",
            paint: { "fill-color": "#c62828", "fill-opacity": 0.35 } });
          map.addLayer({ id: "parks-areas-line", type: "line", source: "parks-areas",
            paint: { "line-color": "#8e0000", "line-width": 2 } });
          map.on("click", "parks-areas-fill", function (e) {
            var url = e.features && e.features[0].properties.url;
            if (url) { window.location.href = url; }
          });
          var b = bounds(fc);
          if (b && fc.features.length) { map.fitBounds(b, { padding: 40, maxZoom: 12 }); }
        });
    });
  });
}());
