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

  // Up to this zoom the tiles hold grid-cell clusters (points with a count); from the next
  // zoom on, each area's polygon (landmap/tiles.py, CLUSTER_MAX_ZOOM).
  var CLUSTER_MAX_ZOOM = 10;
  var EMPTY = { type: "FeatureCollection", features: [] };

  function centroids(data) {
    return { type: "FeatureCollection", features: (data.features || []).map(function (f) {
      var p = f.properties;
      return { type: "Feature", id: f.id, properties: p,
               geometry: { type: "Point", coordinates: [p.centroid_lon, p.centroid_lat] } };
    }) };
  }

  function loadResults(map, fit) {
    var section = results();
    if (!section) { return; }
    fetch(section.dataset.areasUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var src = map.getSource("land-results");
        if (src) { src.setData(data); }
        var pts = map.getSource("land-results-points");
        if (pts) { pts.setData(centroids(data)); }
        map.getContainer().dataset.landResults = String((data.features || []).length);
        // fit the view to the result unless the user has already moved the map
        if (fit && !map.rlLandUserMoved && data.features && data.features.length) {
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
    var filter = ["==", ["id"], id === null ? -1 : Number(id)];
    ["land-results-selected", "land-results-selected-point"].forEach(function (layer) {
      if (map.getLayer(layer)) { map.setFilter(layer, filter); }
    });
  }

  function focusArea(map, id, url) {
    var item = document.querySelector("[data-area-id='" + id + "'] [data-area-link]");
    highlight(map, id);
    if (item) { item.focus(); item.scrollIntoView({ block: "nearest" }); }
    else if (url) { window.location.href = url; }
  }

  function setup(map) {
    mapRef = map;
    var section = results();
    if (!section) { return; }
    // All areas (grey): density circles at country and region scale, polygons closer in.
    map.addSource("land-areas", { type: "vector", tiles: [tilesTemplate(section)], minzoom: 5, maxzoom: 14,
      attribution: "Erhvervsarealer: kommunerne (syntetiske demodata i demoen)" });
    map.addLayer({ id: "land-areas-clusters", type: "circle", source: "land-areas", "source-layer": "land_areas",
      maxzoom: CLUSTER_MAX_ZOOM + 1, filter: ["==", ["geometry-type"], "Point"],
      paint: { "circle-color": "#4d4d4d", "circle-opacity": 0.55,
               "circle-radius": ["interpolate", ["linear"], ["get", "count"], 1, 3, 10, 7, 100, 13, 1000, 22],
               "circle-stroke-color": "#ffffff", "circle-stroke-width": 1 } });
    map.addLayer({ id: "land-areas-fill", type: "fill", source: "land-areas", "source-layer": "land_areas",
      minzoom: CLUSTER_MAX_ZOOM + 1, filter: ["==", ["geometry-type"], "Polygon"],
      paint: { "fill-color": "#6d6d6d", "fill-opacity": 0.3 } });
    map.addLayer({ id: "land-areas-outline", type: "line", source: "land-areas", "source-layer": "land_areas",
      minzoom: CLUSTER_MAX_ZOOM + 1, filter: ["==", ["geometry-type"], "Polygon"],
      paint: { "line-color": "#4d4d4d", "line-width": 0.8 } });
    // The current result (red), from the API with the list's filters.
    map.addSource("land-results", { type: "geojson", data: EMPTY });
    map.addSource("land-results-points", { type: "geojson", data: EMPTY });
    map.addLayer({ id: "land-results-point", type: "circle", source: "land-results-points",
      maxzoom: CLUSTER_MAX_ZOOM + 1,
      paint: { "circle-color": "#5b2a86", "circle-radius": ["interpolate", ["linear"], ["zoom"], 5, 2.5, 10, 5],
               "circle-stroke-color": "#ffffff", "circle-stroke-width": 0.8 } });
    map.addLayer({ id: "land-results-fill", type: "fill", source: "land-results", minzoom: CLUSTER_MAX_ZOOM,
      paint: { "fill-color": "#5b2a86", "fill-opacity": 0.45 } });
    map.addLayer({ id: "land-results-line", type: "line", source: "land-results", minzoom: CLUSTER_MAX_ZOOM,
      paint: { "line-color": "#3d1a5b", "line-width": 1.5 } });
    map.addLayer({ id: "land-results-selected", type: "line", source: "land-results",
      filter: ["==", ["id"], -1], paint: { "line-color": "#000000", "line-width": 4 } });
    map.addLayer({ id: "land-results-selected-point", type: "circle", source: "land-results-points",
      maxzoom: CLUSTER_MAX_ZOOM + 1, filter: ["==", ["id"], -1],
      paint: { "circle-color": "rgba(0,0,0,0)", "circle-radius": 9,
               "circle-stroke-color": "#000000", "circle-stroke-width": 3 } });
    ["land-results-fill", "land-results-point"].forEach(function (layer) {
      map.on("click", layer, function (e) {
        var f = e.features && e.features[0];
        if (f) { focusArea(map, f.id, f.properties.url); }
      });
    });
    map.on("click", "land-areas-clusters", function (e) {
      var f = e.features && e.features[0];
      if (!f) { return; }
      map.easeTo({ center: e.lngLat, zoom: Math.min(map.getZoom() + 2, CLUSTER_MAX_ZOOM + 1) });
    });
    ["land-results-fill", "land-results-point", "land-areas-clusters"].forEach(function (layer) {
      map.on("mouseenter", layer, function () { map.getCanvas().style.cursor = "pointer"; });
      map.on("mouseleave", layer, function () { map.getCanvas().style.cursor = ""; });
    });
    map.on("movestart", function (e) { if (e.originalEvent) { map.rlLandUserMoved = true; } });
    loadResults(map, true);
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
    if (mapRef && e.detail.target && (e.detail.target.id === "land-results" || results())) {
      mapRef.rlLandUserMoved = false;
      loadResults(mapRef, true);
    }
  });
})();
