/* Rød Løber map component (kortkomponent): MapLibre + vector tiles from /tiles/.
   Markup: web/templates/web/components/map.html. No build step, no framework.
   MapLibre itself is loaded here after the first paint (not by a <script> tag), and
   with data-url-state the view is kept in the URL fragment (#kort=z/lat/lon).
   With data-activate="interaction" (map_preview) a server-drawn picture is the first
   paint and MapLibre loads on the first pointer or keyboard interaction with the map
   or its button, or at once when the URL fragment carries a view (ADR 0029).
   Layer toggles are real checkboxes with labels outside the canvas; synthetic
   layers are labelled "syntetiske demodata" in the toggle and the attribution. */
(function () {
  "use strict";

  var DENMARK = [[7.9, 54.5], [12.8, 57.8]];
  var SYNTHETIC = "syntetiske demodata";
  // Colours with >= 3:1 contrast against the land colour (WCAG 1.4.11).
  var COLOURS = {
    section3_nature: "#2e7d32", natura2000_habitat: "#00695c", natura2000_birds: "#1565c0",
    fredninger: "#6a1b9a", nature_national_parks: "#33691e", industrial_parks_2025: "#c62828",
    energy_parks: "#ef6c00", business_clusters: "#ad1457", grid_substations: "#37474f",
    grid_lines: "#546e7a", motorways: "#b71c1c", railways: "#3e2723", ports: "#0d47a1",
    towns: "#4e342e", universities: "#283593", international_schools: "#4527a0",
    regioner: "#455a64", kommuner: "#616161"
  };
  var FALLBACK = ["#5d4037", "#00838f", "#7b1fa2", "#558b2f", "#d84315"];

  function split(value) {
    return (value || "").split(",").map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function colour(name, i) { return COLOURS[name] || FALLBACK[i % FALLBACK.length]; }

  function title(layer, lang) { return lang === "en" ? layer.title_en : layer.title_da; }

  function styleLayers(layer, i, visible) {
    var c = colour(layer.name, i);
    var base = { source: layer.name, "source-layer": layer.name,
                 layout: { visibility: visible ? "visible" : "none" } };
    function make(suffix, type, paint, layout) {
      var l = Object.assign({ id: layer.name + suffix, type: type, paint: paint }, base);
      l.layout = Object.assign({}, base.layout, layout || {});
      return l;
    }
    if (layer.kind === "point") {
      return [make("-circle", "circle", { "circle-radius": 5, "circle-color": c,
        "circle-stroke-color": "#ffffff", "circle-stroke-width": 1 })];
    }
    if (layer.kind === "line") {
      return [make("-line", "line", { "line-color": c, "line-width": 2 })];
    }
    return [make("-fill", "fill", { "fill-color": c, "fill-opacity": 0.3 }),
            make("-outline", "line", { "line-color": c, "line-width": 1.2 })];
  }

  function buildStyle(basemap, overlays, visible) {
    var style = { version: 8, sources: {}, layers: [
      { id: "sea", type: "background", paint: { "background-color": "#d4e6f1" } }] };
    if (basemap) {
      style.sources.basemap = { type: "vector", tiles: [basemap.tiles], minzoom: 0, maxzoom: 14,
                                attribution: basemap.attribution };
      style.layers.push(
        { id: "land", type: "fill", source: "basemap", "source-layer": "land",
          paint: { "fill-color": "#f5f2ea" } },
        { id: "kommune-borders", type: "line", source: "basemap", "source-layer": "kommuner",
          paint: { "line-color": "#9e978a", "line-width": 0.6 } },
        { id: "coast", type: "line", source: "basemap", "source-layer": "coast",
          paint: { "line-color": "#5b7f95", "line-width": 1 } });
    }
    overlays.forEach(function (layer, i) {
      style.sources[layer.name] = { type: "vector", tiles: [layer.tiles], minzoom: 0,
                                    maxzoom: layer.maxzoom || 14, attribution: layer.attribution };
      style.layers = style.layers.concat(styleLayers(layer, i, visible.indexOf(layer.name) >= 0));
    });
    return style;
  }

  function toggle(list, map, layer, i, lang, checked, mapId) {
    var id = mapId + "-layer-" + layer.name;
    var li = document.createElement("li");
    li.className = "form-group-checkbox";
    var input = document.createElement("input");
    input.type = "checkbox";
    input.className = "form-checkbox";
    input.id = id;
    input.checked = checked;
    input.value = layer.name;
    var label = document.createElement("label");
    label.className = "form-label";
    label.htmlFor = id;
    var swatch = document.createElement("span");
    swatch.className = "rl-map-swatch rl-map-swatch-" + (layer.kind || "polygon");
    swatch.style.backgroundColor = colour(layer.name, i);
    swatch.setAttribute("aria-hidden", "true");
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(title(layer, lang)));
    if (layer.synthetic) {
      var tag = document.createElement("span");
      tag.className = "rl-map-synthetic";
      tag.lang = "da";
      tag.textContent = " (" + SYNTHETIC + ")";
      label.appendChild(tag);
    }
    input.addEventListener("change", function () {
      var vis = input.checked ? "visible" : "none";
      map.getStyle().layers.forEach(function (l) {
        if (l.source === layer.name) { map.setLayoutProperty(l.id, "visibility", vis); }
      });
    });
    li.appendChild(input);
    li.appendChild(label);
    list.appendChild(li);
  }

  // The view in the URL fragment: #kort=zoom/lat/lon (other fragment parts are kept).
  function readView() {
    var m = /(?:^#|&)kort=([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)/.exec(window.location.hash);
    if (!m) { return null; }
    var z = Number(m[1]), lat = Number(m[2]), lon = Number(m[3]);
    if (!(z >= 0 && z <= 18 && Math.abs(lat) <= 85 && Math.abs(lon) <= 180)) { return null; }
    return { zoom: z, center: [lon, lat] };
  }

  function setHashPart(key, value) {
    var parts = window.location.hash.replace(/^#/, "").split("&").filter(function (p) {
      return p && p.indexOf(key + "=") !== 0;
    });
    if (value !== null && value !== undefined && value !== "") { parts.unshift(key + "=" + value); }
    var url = window.location.pathname + window.location.search + (parts.length ? "#" + parts.join("&") : "");
    window.history.replaceState(window.history.state, "", url);
  }

  function writeView(map) {
    var c = map.getCenter();
    setHashPart("kort", map.getZoom().toFixed(2) + "/" + c.lat.toFixed(5) + "/" + c.lng.toFixed(5));
  }

  function build(el, layers) {
    var lang = el.dataset.lang === "en" ? "en" : "da";
    var wanted = split(el.dataset.layers);
    var visible = split(el.dataset.visible);
    var canvas = el.querySelector("[data-rl-map-canvas]");
    var list = el.querySelector("[data-rl-map-toggles]");
    var basemap = layers.filter(function (l) { return l.name === "basemap"; })[0];
    var overlays = layers.filter(function (l) {
      return l.name !== "basemap" && (!wanted.length || wanted.indexOf(l.name) >= 0);
    });
    var view = el.dataset.urlState ? readView() : null;
    var options = {
      container: canvas, style: buildStyle(basemap, overlays, visible),
      attributionControl: false, maxZoom: 18, cooperativeGestures: !el.dataset.urlState,
      fadeDuration: 0
    };
    if (view) { options.center = view.center; options.zoom = view.zoom; } else { options.bounds = DENMARK; }
    var map = new window.maplibregl.Map(options);
    map.rlFromUrl = !!view;
    if (el.dataset.urlState) { map.on("moveend", function () { writeView(map); }); }
    map.addControl(new window.maplibregl.NavigationControl({ showCompass: false }), "top-right");
    map.addControl(new window.maplibregl.AttributionControl({ compact: true }), "bottom-right");
    map.addControl(new window.maplibregl.ScaleControl({ unit: "metric" }), "bottom-left");
    overlays.forEach(function (layer, i) {
      toggle(list, map, layer, i, lang, visible.indexOf(layer.name) >= 0, canvas.id);
    });
    // The toggles can make the grid row (and so the canvas) taller than when the map
    // measured it; MapLibre ignores its ResizeObserver's first report, so resize now.
    map.resize();
    el.rlMap = map;
    map.on("load", function () {
      map.resize();
      // the compact attribution starts open; keep it as the (i) button so it covers
      // neither the map nor the scale bar (the full text is one click away)
      el.querySelectorAll(".maplibregl-ctrl-attrib.maplibregl-compact-show").forEach(function (a) {
        a.classList.remove("maplibregl-compact-show");
        a.removeAttribute("open");
      });
      var preview = el.querySelector("[data-rl-map-preview]");
      if (preview) {
        var hadFocus = preview.contains(document.activeElement);
        preview.hidden = true;
        if (hadFocus) { map.getCanvas().focus(); }
      }
      el.dispatchEvent(new CustomEvent("rl-map:ready", { detail: { map: map } }));
    });
  }

  function status(el, da, en) {
    var s = el.querySelector("[data-rl-map-status]");
    if (s) { s.textContent = el.dataset.lang === "en" ? en : da; }
  }

  // MapLibre (1 MB) is loaded once, by this script, after the page's first paint.
  var maplibreLoading = null;

  function loadMaplibre(el) {
    if (window.maplibregl) { return Promise.resolve(); }
    if (!maplibreLoading) {
      maplibreLoading = new Promise(function (resolve, reject) {
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = el.dataset.maplibreCss;
        document.head.appendChild(css);
        var js = document.createElement("script");
        js.src = el.dataset.maplibreJs;
        js.async = true;
        js.onload = function () { resolve(); };
        js.onerror = reject;
        document.head.appendChild(js);
      });
    }
    return maplibreLoading;
  }

  function start(el) {
    if (el.dataset.rlMapReady) { return; }
    el.dataset.rlMapReady = "1";
    var button = el.querySelector("[data-rl-map-activate]");
    if (button) {
      button.setAttribute("aria-busy", "true");
      button.textContent = el.dataset.lang === "en" ? "Loading the map …" : "Kortet indlæses …";
    }
    var layers = fetch(el.dataset.layersUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); });
    Promise.all([loadMaplibre(el), layers])
      .then(function (done) { build(el, done[1].layers || []); })
      .catch(function () {
        status(el, "Kortet kunne ikke indlæses.", "The map could not be loaded.");
      });
  }

  // Interactions that mean "I am using the map": pointer over or on it, a wheel or
  // touch on it, keyboard focus inside it (its button or layer panel).
  var ACTIVATING = ["pointerenter", "pointerdown", "touchstart", "wheel", "focusin"];

  // The in-map layer panel starts closed (it would cover the map); once the user opens
  // or closes it, that choice is kept for the next visit (localStorage), except on
  // phones, where it always starts closed.
  var PANEL_KEY = "rl-map-panel";

  function rememberPanel(el) {
    var panel = el.querySelector("[data-rl-map-panel]");
    if (!panel) { return; }
    var stored = null;
    try { stored = window.localStorage.getItem(PANEL_KEY); } catch (e) { /* private mode */ }
    panel.open = stored === "open" && !window.matchMedia("(max-width: 767px)").matches;
    panel.addEventListener("toggle", function () {
      try { window.localStorage.setItem(PANEL_KEY, panel.open ? "open" : "closed"); } catch (e) { /* ignore */ }
    });
  }

  function init(el) {
    rememberPanel(el);
    if (el.dataset.activate !== "interaction" || /(?:^#|&)(kort|valgt)=/.test(window.location.hash)) {
      start(el);
      return;
    }
    var button = el.querySelector("[data-rl-map-activate]");
    if (button) { button.hidden = false; button.addEventListener("click", function () { start(el); }); }
    function go() {
      ACTIVATING.forEach(function (type) { el.removeEventListener(type, go); });
      start(el);
    }
    ACTIVATING.forEach(function (type) { el.addEventListener(type, go, { passive: true }); });
  }

  function initAll() { document.querySelectorAll("[data-rl-map]").forEach(init); }

  // After the first paint: two animation frames after the document is parsed.
  function afterFirstPaint(fn) {
    window.requestAnimationFrame(function () { window.requestAnimationFrame(fn); });
  }

  window.RodLoeberMap = { init: init, initAll: initAll, start: start, setHashPart: setHashPart };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { afterFirstPaint(initAll); });
  } else {
    afterFirstPaint(initAll);
  }
})();
