/* Land map (/kort): adds the business areas to the shared map component.
   All areas come as vector tiles (/kort/fliser/…), the current result as GeoJSON
   from the API with the same filters. The result list stays the primary,
   keyboard-usable view; the map follows it. No build step. */
(function () {
  "use strict";

  var mapRef = null;

  function results() { return document.getElementById("land-results"); }

  function tilesTemplate(section) {
    var url = new URL(section.dataset.tilesUrl, window.location.href).href;
    return url.replace(/0\/0\/0\.mvt$/, "{z}/{x}/{y}.mvt");
  }

  function loadResults(map) {
    var section = results();
    if (!section) { return; }
    fetch(section.dataset.areasUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var src = map.getSource("land-results");
        if (src) { src.setData(data); }
        if (data.features && data.features.length) {
          var b = new maplibregl.LngLatBounds();
          data.features.forEach(function (f) {
            var p = f.properties; b.extend([p.centroid_lon, p.centroid_lat]);
          });
          map.fitBounds(b, { padding: 40, maxZoom: 12, duration: 0 });
        }
      })
      .catch(function () { /* the list still works */ });
  }

  function highlight(map, id) {
    if (map.getLayer("land-results-selected")) {
      map.setFilter("land-results-selected", ["==", ["id"], id === null ? -1 : Number(id)]);
    }
  }

  function setup(map) {
    mapRef = map;
    var section = results();
    if (!section) { return; }
    map.addSource("land-areas", { type: "vector", tiles: [tilesTemplate(section)], minzoom: 8, maxzoom: 14,
      attribution: "Erhvervsarealer: kommunerne (syntetiske demodata i demoen)" });
    map.addLayer({ id: "land-areas-fill", type: "fill", source: "land-areas", "source-layer": "land_areas",
      paint: { "fill-color": "#6d6d6d", "fill-opacity": 0.25 } });
    map.addSource("land-results", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
    map.addLayer({ id: "land-results-fill", type: "fill", source: "land-results",
      paint: { "fill-color": "#b5121b", "fill-opacity": 0.45 } });
    map.addLayer({ id: "land-results-line", type: "line", source: "land-results",
      paint: { "line-color": "#7a0c12", "line-width": 1.5 } });
    map.addLayer({ id: "land-results-selected", type: "line", source: "land-results",
      filter: ["==", ["id"], -1], paint: { "line-color": "#000000", "line-width": 4 } });
    map.on("click", "land-results-fill", function (e) {
      var f = e.features && e.features[0];
      if (!f) { return; }
      var item = document.querySelector("[data-area-id='" + f.id + "'] [data-area-link]");
      highlight(map, f.id);
      if (item) { item.focus(); item.scrollIntoView({ block: "nearest" }); }
      else { window.location.href = f.properties.url; }
    });
    map.on("mouseenter", "land-results-fill", function () { map.getCanvas().style.cursor = "pointer"; });
    map.on("mouseleave", "land-results-fill", function () { map.getCanvas().style.cursor = ""; });
    loadResults(map);
  }

  document.addEventListener("rl-map:ready", function (e) {
    if (e.target.closest && e.target.closest(".rl-land-map")) { setup(e.detail.map); }
  }, true);

  function itemId(target) {
    var li = target.closest && target.closest("[data-area-id]");
    return li ? li.getAttribute("data-area-id") : null;
  }
  document.addEventListener("focusin", function (e) { if (mapRef) { highlight(mapRef, itemId(e.target)); } });
  document.addEventListener("mouseover", function (e) {
    var id = itemId(e.target); if (mapRef && id) { highlight(mapRef, id); }
  });
  document.body.addEventListener("htmx:afterSwap", function (e) {
    if (mapRef && e.detail.target && (e.detail.target.id === "land-results" || results())) { loadResults(mapRef); }
  });
})();
