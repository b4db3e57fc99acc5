/* Land map (/kort): adds the business areas to the shared map component.
   All areas come as vector tiles (/kort/fliser/…). The current result comes as ids
   and points from /kort/resultat.json with the list's filters: points at country
   scale, and closer in the area polygons of the tiles filtered to those ids.
   The list and the map stay in sync: hovering or focusing a list item outlines the
   area, "Show on map" zooms to it and selects it, clicking an area on the map
   selects it and moves focus to its list item. The selection and the view are in
   the URL fragment (#valgt=ID&kort=z/lat/lon), the filters in the query string, so
   a link reproduces the view. The result list stays the keyboard and screen-reader
   view. No build step. */
(function () {
  "use strict";

  var mapRef = null;
  var pendingZoom = null;  // a "Show on map" pressed before the map was started
  var resultIds = [];
  // Up to this zoom the tiles hold grid-cell clusters (points with a count); from the next
  // zoom on, each area's polygon (landmap/tiles.py, CLUSTER_MAX_ZOOM).
  var CLUSTER_MAX_ZOOM = 10;
  var NONE = ["==", ["id"], -1];

  function results() { return document.getElementById("land-results"); }

  function tilesTemplate(section) {
    var url = new URL(section.dataset.tilesUrl, window.location.href).href;
    return url.replace(/0\/0\/0\.mvt$/, "{z}/{x}/{y}.mvt");
  }

  function selectedFromUrl() {
    var m = /(?:^#|&)valgt=(\d+)/.exec(window.location.hash);
    return m ? Number(m[1]) : null;
  }

  function points(data) {
    var features = (data.ids || []).map(function (id, i) {
      return { type: "Feature", id: id, properties: { id: id },
               geometry: { type: "Point", coordinates: [data.lon[i], data.lat[i]] } };
    });
    return { type: "FeatureCollection", features: features };
  }

  function resultFilter(ids) {
    return ["all", ["==", ["geometry-type"], "Polygon"], ["in", ["get", "id"], ["literal", ids]]];
  }

  function loadResults(map, fit) {
    var section = results();
    if (!section) { return; }
    fetch(section.dataset.resultUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        resultIds = data.ids || [];
        map.getSource("land-results-points").setData(points(data));
        ["land-results-fill", "land-results-line"].forEach(function (layer) {
          map.setFilter(layer, resultFilter(resultIds));
        });
        map.getContainer().dataset.landResults = String(resultIds.length);
        // fit the view to a filtered result unless the URL or the user set the view
        if (fit && section.dataset.filtered && !map.rlFromUrl && !map.rlLandUserMoved && resultIds.length) {
          var b = new window.maplibregl.LngLatBounds();
          data.lon.forEach(function (lon, i) { b.extend([lon, data.lat[i]]); });
          map.fitBounds(b, { padding: 40, maxZoom: 12, duration: 0 });
        }
      })
      .catch(function () { /* the list still works */ });
  }

  function highlight(map, id) {
    var filter = id === null ? NONE : ["==", ["id"], Number(id)];
    ["land-results-selected", "land-results-selected-point"].forEach(function (layer) {
      if (map.getLayer(layer)) { map.setFilter(layer, filter); }
    });
  }

  function select(map, id) {
    map.rlSelected = id;
    highlight(map, id);
    window.RodLoeberMap.setHashPart("valgt", id === null ? null : String(id));
    document.querySelectorAll("[data-area-id]").forEach(function (li) {
      li.classList.toggle("rl-land-item--selected", Number(li.getAttribute("data-area-id")) === id);
    });
  }

  function focusArea(map, id, url) {
    document.dispatchEvent(new CustomEvent("rl-kort:select", { detail: { id: id } }));
    var item = document.querySelector("[data-area-id='" + id + "'] [data-area-link]");
    select(map, id);
    if (item) { item.focus({ preventScroll: true }); item.scrollIntoView({ block: "nearest" }); }
    else if (url) { window.location.href = url; }
  }

  function zoomTo(map, li) {
    var id = Number(li.getAttribute("data-area-id"));
    var lon = Number(li.getAttribute("data-lon")), lat = Number(li.getAttribute("data-lat"));
    map.rlLandUserMoved = true;
    select(map, id);
    map.flyTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 14), essential: true });
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
    // The current result (purple): points below z11, the tiles' polygons from z11.
    map.addSource("land-results-points", { type: "geojson", data: points({}) });
    map.addLayer({ id: "land-results-point", type: "circle", source: "land-results-points",
      maxzoom: CLUSTER_MAX_ZOOM + 1,
      paint: { "circle-color": "#5b2a86", "circle-radius": ["interpolate", ["linear"], ["zoom"], 5, 2.5, 10, 5],
               "circle-stroke-color": "#ffffff", "circle-stroke-width": 0.8 } });
    map.addLayer({ id: "land-results-fill", type: "fill", source: "land-areas", "source-layer": "land_areas",
      minzoom: CLUSTER_MAX_ZOOM + 1, filter: resultFilter([]),
      paint: { "fill-color": "#5b2a86", "fill-opacity": 0.45 } });
    map.addLayer({ id: "land-results-line", type: "line", source: "land-areas", "source-layer": "land_areas",
      minzoom: CLUSTER_MAX_ZOOM + 1, filter: resultFilter([]),
      paint: { "line-color": "#3d1a5b", "line-width": 1.5 } });
    // the selected or hovered area: its polygon outlined, or its point ringed
    map.addLayer({ id: "land-results-selected", type: "line", source: "land-areas", "source-layer": "land_areas",
      minzoom: CLUSTER_MAX_ZOOM + 1, filter: NONE, paint: { "line-color": "#000000", "line-width": 4 } });
    map.addLayer({ id: "land-results-selected-point", type: "circle", source: "land-results-points",
      maxzoom: CLUSTER_MAX_ZOOM + 1, filter: NONE,
      paint: { "circle-color": "rgba(0,0,0,0)", "circle-radius": 9,
               "circle-stroke-color": "#000000", "circle-stroke-width": 3 } });
    ["land-results-fill", "land-results-point", "land-areas-fill"].forEach(function (layer) {
      map.on("click", layer, function (e) {
        var f = e.features && e.features[0];
        var id = f && (f.id !== undefined ? f.id : f.properties.id);
        if (id !== undefined && id !== null) { focusArea(map, Number(id), "/kort/omraade/" + Number(id)); }
      });
    });
    map.on("click", "land-areas-clusters", function (e) {
      var f = e.features && e.features[0];
      if (!f) { return; }
      map.easeTo({ center: e.lngLat, zoom: Math.min(map.getZoom() + 2, CLUSTER_MAX_ZOOM + 1) });
    });
    ["land-results-fill", "land-results-point", "land-areas-clusters", "land-areas-fill"].forEach(function (layer) {
      map.on("mouseenter", layer, function () { map.getCanvas().style.cursor = "pointer"; });
      map.on("mouseleave", layer, function () { map.getCanvas().style.cursor = ""; });
    });
    map.on("movestart", function (e) { if (e.originalEvent) { map.rlLandUserMoved = true; } });
    var selected = selectedFromUrl();
    if (selected !== null) { select(map, selected); }
    loadResults(map, true);
    if (pendingZoom) { zoomTo(map, pendingZoom); pendingZoom = null; }
  }

  function showZoomButtons() {
    document.querySelectorAll("[data-area-zoom]").forEach(function (b) { b.hidden = false; });
  }

  // Until the interactive map is started, the picture follows the filters.
  function updatePreview() {
    var section = results();
    var img = document.querySelector(".rl-land-map [data-rl-map-preview-img]");
    if (section && img && section.dataset.previewUrl) { img.src = section.dataset.previewUrl; }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showZoomButtons);
  } else {
    showZoomButtons();
  }

  document.addEventListener("rl-map:ready", function (e) {
    if (e.target.closest && e.target.closest(".rl-land-map")) { setup(e.detail.map); }
  }, true);

  function itemId(target) {
    var li = target.closest && target.closest("[data-area-id]");
    return li ? li.getAttribute("data-area-id") : null;
  }
  document.addEventListener("focusin", function (e) {
    var id = itemId(e.target);
    if (mapRef && id) { highlight(mapRef, id); }
  });
  document.addEventListener("mouseover", function (e) {
    var id = itemId(e.target); if (mapRef && id) { highlight(mapRef, id); }
  });
  document.addEventListener("mouseout", function (e) {
    if (mapRef && itemId(e.target)) { highlight(mapRef, mapRef.rlSelected === undefined ? null : mapRef.rlSelected); }
  });
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-area-zoom]");
    if (!button) { return; }
    if (mapRef) { zoomTo(mapRef, button.closest("[data-area-id]")); return; }
    var el = document.querySelector(".rl-land-map [data-rl-map]");
    if (el && window.RodLoeberMap) {
      pendingZoom = button.closest("[data-area-id]");
      window.RodLoeberMap.start(el);
    }
  });
  document.body.addEventListener("htmx:afterSwap", function (e) {
    showZoomButtons();
    if (!mapRef) { updatePreview(); }
    if (mapRef && e.detail.target && (e.detail.target.id === "land-results" || results())) {
      mapRef.rlLandUserMoved = false;
      mapRef.rlFromUrl = false;
      loadResults(mapRef, true);
    }
  });
  // htmx pushes the filter URL without the fragment: put the view and selection back.
  document.body.addEventListener("htmx:pushedIntoHistory", function () {
    if (!mapRef) { return; }
    var c = mapRef.getCenter();
    window.RodLoeberMap.setHashPart("kort", mapRef.getZoom().toFixed(2) + "/" + c.lat.toFixed(5) + "/" + c.lng.toFixed(5));
    if (mapRef.rlSelected) { window.RodLoeberMap.setHashPart("valgt", String(mapRef.rlSelected)); }
  });
})();
