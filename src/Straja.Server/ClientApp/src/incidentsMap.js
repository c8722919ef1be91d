// The small maps of the incidents pages: no tiles (nothing is fetched from outside), the country
// outlines and the border from /api/geo drawn as on the main map (geoLayers.js), SVG rather than
// canvas so that each drawn shape is an element a browser test can find by its class.

import * as L from "leaflet";
import * as api from "./api.js";
import { borderLayer, countriesLayer } from "./geoLayers.js";
import { candidatePath } from "./incidentsModel.js";
import { debrisPolygon } from "./incidentsEllipse.js";
import { el } from "./registryDom.js";

const PATH_COLOURS = ["#ff6b6b", "#ffd166", "#6ecbff", "#c792ea", "#7bd88f"];

/** A Leaflet map in `container` with the outlines; `onStatus` hears a failed outline load. */
export function outlineMap(container, { center = [45.2, 28.5], zoom = 9, onStatus } = {}) {
  const map = L.map(container, { center, zoom, minZoom: 5, maxZoom: 16, attributionControl: false, zoomAnimation: false });
  // The outlines arrive after the shapes are drawn: their own pane keeps them underneath.
  map.createPane("outlines").style.zIndex = "350";
  const renderer = L.svg({ pane: "outlines" });
  Promise.all([api.getCountries(), api.getBorder()])
    .then(([countries, border]) => {
      countriesLayer(countries, renderer).addTo(map);
      borderLayer(border, renderer).addTo(map);
    })
    .catch((e) => onStatus?.(`outlines: ${e.message}`));
  L.control.scale({ metric: true, imperial: false }).addTo(map);
  return map;
}

/** "New incident": a map whose click gives the place of a ground find. */
export function placePicker(container, onPick) {
  const map = outlineMap(container);
  let mark = null;
  map.on("click", (e) => {
    const { lat, lng } = e.latlng;
    mark?.remove();
    mark = L.circleMarker([lat, lng], { radius: 6, color: "#ffd166", className: "find-mark" }).addTo(map);
    onPick(Number(lat.toFixed(5)), Number(lng.toFixed(5)));
  });
  return map;
}

/**
 * The back-tracking map: the find, every candidate's path, and the selected candidate's debris
 * ellipse. Returns select(index) to change the candidate shown with its ellipse.
 */
export function backtrackMap(container, find, candidates) {
  const map = outlineMap(container, { center: [find.place.latDeg, find.place.lonDeg], zoom: 11 });
  const shapes = L.layerGroup().addTo(map);
  const findLatLng = [find.place.latDeg, find.place.lonDeg];
  const bounds = L.latLngBounds([findLatLng, findLatLng]);
  const paths = candidates.map((c, i) => {
    const line = L.polyline(candidatePath(c), { color: PATH_COLOURS[i % PATH_COLOURS.length], weight: 2, opacity: 0.8, className: "candidate-path" })
      .bindTooltip(`#${c.rank} ${c.trackId}`)
      .addTo(shapes);
    if (line.getLatLngs().length > 0) bounds.extend(line.getBounds());
    return line;
  });
  L.circleMarker(findLatLng, { radius: 7, color: "#ffffff", fillColor: "#ffd166", fillOpacity: 1, weight: 2, className: "find-mark" })
    .bindTooltip("the find").addTo(shapes);
  let ellipse = null;
  function select(index) {
    ellipse?.remove();
    ellipse = null;
    container.dataset.selected = "";
    paths.forEach((p, i) => p.setStyle({ weight: i === index ? 4 : 2, opacity: i === index ? 1 : 0.5 }));
    const c = candidates[index];
    if (!c) return;
    ellipse = L.polygon(debrisPolygon(c.debris), { color: "#ff9f43", weight: 2, fillOpacity: 0.15, className: "debris-ellipse" }).addTo(shapes);
    paths[index].bringToFront();
    container.dataset.selected = c.trackId;
  }
  container.dataset.candidates = String(candidates.length);
  for (const c of candidates) bounds.extend(debrisPolygon(c.debris, 16));
  map.fitBounds(bounds.pad(0.1), { maxZoom: 14 });
  return { map, select };
}

/** A short legend under a map. */
export const legend = (...items) => el("p", { class: "muted map-legend" }, items.join(" · "));
