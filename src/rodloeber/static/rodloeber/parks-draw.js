/* Industrial parks: draw the application area on the shared map component.
   Click the map to add a corner; "Undo last point", "Finish area" and "Clear"
   are real buttons. The polygon is written as GeoJSON (EPSG:4326) into the
   "paste GeoJSON" text field, which is also the keyboard alternative (paste or
   upload a file); the server checks and measures it (the size shown here is
   approximate). Without JavaScript the tool stays hidden. */
(function () {
  "use strict";

  function approxHa(ring) {
    // Equirectangular projection at the mean latitude; good to ~1 % for park-sized areas.
    var lat0 = 0;
    ring.forEach(function (p) { lat0 += p[1]; });
    lat0 = (lat0 / ring.length) * Math.PI / 180;
    var kx = 111320 * Math.cos(lat0), ky = 110574, sum = 0;
    for (var i = 0; i < ring.length - 1; i++) {
      sum += ring[i][0] * kx * ring[i + 1][1] * ky - ring[i + 1][0] * kx * ring[i][1] * ky;
    }
    return Math.abs(sum) / 2 / 10000;
  }

  function wire(tool) {
    var el = tool.querySelector("[data-rl-map]");
    var field = document.getElementById(tool.dataset.target);
    var status = tool.querySelector("[data-draw-status]");
    var controls = tool.querySelector("[data-draw-controls]");
    if (!el || !field || !controls) { return; }
    controls.hidden = false;
    var en = el.dataset.lang === "en";
    var points = [], finished = false;
    var fixed = null; // a MultiPolygon from the field (e.g. an uploaded file), shown until cleared

    function say(da, eng) { status.textContent = en ? eng : da; }

    function ring() { return points.length >= 3 ? points.concat([points[0]]) : null; }

    function render(map) {
      var features = points.map(function (p) {
        return { type: "Feature", geometry: { type: "Point", coordinates: p }, properties: {} };
      });
      if (fixed) { features.push({ type: "Feature", properties: {}, geometry: fixed }); }
      var r = ring();
      if (r) {
        features.push({ type: "Feature", properties: {},
          geometry: { type: "Polygon", coordinates: [r] } });
      } else if (points.length === 2) {
        features.push({ type: "Feature", properties: {},
          geometry: { type: "LineString", coordinates: points } });
      }
      map.getSource("parks-draw").setData({ type: "FeatureCollection", features: features });
    }

    function write() {
      var r = ring();
      if (r) {
        field.value = JSON.stringify({ type: "Polygon", coordinates: [r] });
        var ha = approxHa(r).toFixed(1);
        say((finished ? "Området er tegnet: " : "Punkt " + points.length + ". Området: ") + "ca. " +
            ha.replace(".", ",") + " ha." + (finished ? "" : " Klik videre, eller vælg Afslut område."),
            (finished ? "The area is drawn: " : "Point " + points.length + ". Area: ") + "about " +
            ha + " ha." + (finished ? "" : " Click on, or choose Finish area."));
      } else {
        if (field.dataset.drawn) { field.value = ""; }
        say("Punkt " + points.length + " af mindst 3.", "Point " + points.length + " of at least 3.");
      }
      field.dataset.drawn = "1";
    }

    function load() {
      // Show an area already in the field (preview, edit, or pasted GeoJSON).
      try {
        var g = JSON.parse(field.value || "null");
        if (g && g.type === "Feature") { g = g.geometry; }
        if (g && g.type === "Polygon" && g.coordinates[0].length >= 4) {
          points = g.coordinates[0].slice(0, -1);
          finished = true;
        } else if (g && g.type === "MultiPolygon") {
          fixed = g;
          finished = true;
        }
      } catch (e) { points = []; }
    }

    function attach(map) {
      map.addSource("parks-draw", { type: "geojson",
        data: { type: "FeatureCollection", features: [] } });
      map.addLayer({ id: "parks-draw-fill", type: "fill", source: "parks-draw",
        filter: ["==", "$type", "Polygon"],
        paint: { "fill-color": "#c62828", "fill-opacity": 0.3 } });
      map.addLayer({ id: "parks-draw-line", type: "line", source: "parks-draw",
        filter: ["!=", "$type", "Point"], paint: { "line-color": "#8e0000", "line-width": 2 } });
      map.addLayer({ id: "parks-draw-points", type: "circle", source: "parks-draw",
        filter: ["==", "$type", "Point"],
        paint: { "circle-radius": 5, "circle-color": "#ffffff",
                 "circle-stroke-color": "#8e0000", "circle-stroke-width": 2 } });
      var current = null;
      try { current = JSON.parse(tool.dataset.current || "null"); } catch (e) { current = null; }
      if (current) {
        // The saved area (edit page): shown for reference, replaced only if a new one is drawn.
        map.addSource("parks-current", { type: "geojson",
          data: { type: "Feature", geometry: current, properties: {} } });
        map.addLayer({ id: "parks-current-line", type: "line", source: "parks-current",
          paint: { "line-color": "#1a1a1a", "line-width": 2, "line-dasharray": [2, 1] } }, "parks-draw-fill");
      }
      load();
      var extent = points.length ? points : [];
      var shown = fixed || current;
      if (!extent.length && shown) {
        JSON.stringify(shown.coordinates).replace(/\[(-?[\d.]+),(-?[\d.]+)\]/g, function (_, x, y) {
          extent.push([+x, +y]);
        });
      }
      if (points.length || fixed) { render(map); }
      if (extent.length) {
        var xs = extent.map(function (p) { return p[0]; });
        var ys = extent.map(function (p) { return p[1]; });
        map.fitBounds([[Math.min.apply(null, xs), Math.min.apply(null, ys)],
                       [Math.max.apply(null, xs), Math.max.apply(null, ys)]],
                      { padding: 60, maxZoom: 15, duration: 0 });
      }
      map.getCanvas().style.cursor = "crosshair";
      map.on("click", function (e) {
        if (finished) {
          say("Området er afsluttet. Vælg Ryd for at tegne et nyt.",
              "The area is finished. Choose Clear to draw a new one.");
          return;
        }
        points.push([+e.lngLat.lng.toFixed(7), +e.lngLat.lat.toFixed(7)]);
        render(map);
        write();
      });
      controls.addEventListener("click", function (e) {
        var button = e.target.closest("button[data-draw]");
        if (!button) { return; }
        var action = button.dataset.draw;
        if (action === "undo") { points.pop(); finished = false; }
        if (action === "clear") { points = []; finished = false; fixed = null; field.value = ""; }
        if (action === "finish") {
          if (points.length < 3) {
            say("Klik mindst 3 punkter på kortet først.", "Click at least 3 points on the map first.");
            return;
          }
          finished = true;
        }
        render(map);
        write();
      });
    }

    if (el.rlMap && el.rlMap.loaded()) { attach(el.rlMap); } else {
      el.addEventListener("rl-map:ready", function (e) { attach(e.detail.map); });
    }
  }

  function init() { document.querySelectorAll("[data-parks-draw]").forEach(wire); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
