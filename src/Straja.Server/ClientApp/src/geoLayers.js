// The static picture under the tracks: countries, the RO–UA border, protected zones and
// sensors, plus the markers of unacknowledged alerts. Vectors are drawn by a Canvas renderer
// the caller passes (one per pane, see panes.js); sensors and alert marks are small DOM
// markers in their own panes. There is no tile layer, so the console needs nothing from
// outside the server.

import * as L from "leaflet";
import { zoneStyle } from "./zonesEditor.js";

const COUNTRY_STYLE = {
  RO: { fillColor: "#2a3a4c", color: "#5a7088" },
  UA: { fillColor: "#2c2a33", color: "#55505f" },
};
const OTHER_COUNTRY = { fillColor: "#23262b", color: "#4a4f57" };

export function countriesLayer(geojson, renderer) {
  return L.geoJSON(geojson, {
    renderer,
    interactive: false,
    style: (f) => ({
      ...(COUNTRY_STYLE[f.properties?.iso] ?? OTHER_COUNTRY),
      weight: 1,
      fillOpacity: 1,
    }),
  });
}

export function borderLayer(geojson, renderer) {
  return L.geoJSON(geojson, {
    renderer,
    interactive: false,
    style: () => ({ color: "#f2b233", weight: 3.5, opacity: 0.95 }),
  });
}

/**
 * Zones from GET /api/zones, styled by kind and severity (zonesEditor.js): polygons as drawn, a
 * Point with `radiusM` as a circle. One label per zone, beside its eastern edge so that it does
 * not cover the zone (or the sensors at a site).
 */
export function zonesLayer(geojson, renderer) {
  const group = L.layerGroup();
  const extent = new Map(); // zone name -> bounds of all its volumes
  const add = (f, layer) => {
    group.addLayer(layer);
    const name = f.properties?.name ?? f.properties?.id;
    if (!name) return;
    const bounds = extent.get(name);
    if (bounds) bounds.extend(layer.getBounds());
    else extent.set(name, L.latLngBounds(layer.getBounds().getSouthWest(), layer.getBounds().getNorthEast()));
  };
  for (const f of geojson?.features ?? []) {
    const style = { ...zoneStyle(f.properties?.kind, f.properties?.severity), renderer, interactive: false };
    if (f.geometry?.type === "Point") {
      const [lon, lat] = f.geometry.coordinates;
      // A circle's bounds need a map; compute them from the radius instead.
      const circle = L.circle([lat, lon], { ...style, radius: f.properties?.radiusM ?? 0 });
      circle.getBounds = () => L.latLng(lat, lon).toBounds(2 * (f.properties?.radiusM ?? 0));
      add(f, circle);
    } else {
      add(f, L.geoJSON(f, { renderer, interactive: false, style: () => style }));
    }
  }
  for (const [name, bounds] of extent) {
    L.tooltip({ permanent: true, direction: "right", offset: [2, 0], className: "zone-label", interactive: false })
      .setLatLng([bounds.getCenter().lat, bounds.getEast()])
      .setContent(escapeHtml(name))
      .addTo(group);
  }
  return group;
}

const SENSOR_KIND_LETTER = { radar: "R", "passive-rf": "RF", acoustic: "A", camera: "EO", cooperative: "C", tracker: "T" };

/** The letter(s) a sensor marker shows for its kind; "?" for a kind this console does not know. */
export function sensorKindLetter(kind) {
  return Object.hasOwn(SENSOR_KIND_LETTER, kind) ? SENSOR_KIND_LETTER[kind] : "?";
}

/**
 * Sensor markers (a small square with the kind letter, green online, orange silent; always
 * shown) in `markerPane`, and coverage circles (thin and light, a separate group so it can be
 * toggled) on `coverageRenderer`.
 */
export function sensorLayers(sensors, { markerPane, coverageRenderer }) {
  const markers = L.layerGroup();
  const coverage = L.layerGroup();
  for (const s of sensors) {
    if (!Number.isFinite(s.lat) || !Number.isFinite(s.lon)) continue;
    const online = s.status === "online";
    if (Number.isFinite(s.maxRangeM) && s.maxRangeM > 0) {
      L.circle([s.lat, s.lon], {
        renderer: coverageRenderer,
        interactive: false,
        radius: s.maxRangeM,
        color: online ? "#9fd8bd" : "#ffb77a",
        weight: 1,
        opacity: 0.3,
        dashArray: "2 4",
        fillColor: online ? "#9fd8bd" : "#ffb77a",
        fillOpacity: 0.025,
      }).addTo(coverage);
    }
    const letter = sensorKindLetter(s.kind);
    L.marker([s.lat, s.lon], {
      pane: markerPane,
      keyboard: false,
      // Size 0 at the anchor: the square centres itself (CSS), whatever its letter's width.
      icon: L.divIcon({
        className: "sensor-mark",
        iconSize: [0, 0],
        html: `<span class="sensor-box ${online ? "online" : "silent"}">${escapeHtml(letter)}</span>`,
      }),
    })
      .bindTooltip(
        `${escapeHtml(s.name ?? s.id)} · ${escapeHtml(s.kind ?? "?")} · ${online ? "online" : "SILENT"}`,
        { className: "sensor-label", direction: "top", offset: [0, -10] },
      )
      .addTo(markers);
  }
  return { markers, coverage };
}

/**
 * A pulsing ring at each given alert's position (where its track was when it was raised), in
 * `pane`. Not interactive: a click there is meant for the track under it.
 */
export function alertMarksLayer(alerts, pane) {
  const group = L.layerGroup();
  for (const a of alerts) {
    L.marker([a.lat, a.lon], {
      pane,
      interactive: false,
      keyboard: false,
      icon: L.divIcon({
        className: "alert-mark",
        iconSize: [0, 0],
        html: `<span class="alert-ring sev-${escapeHtml(a.severity ?? "info")}"></span>`,
      }),
    }).addTo(group);
  }
  return group;
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
