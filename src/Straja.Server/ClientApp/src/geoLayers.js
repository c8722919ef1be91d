// The static picture under the tracks: countries, the RO–UA border, protected zones and
// sensors. All vector, drawn by Leaflet's Canvas renderer; there is no tile layer, so the
// console needs nothing from outside the server.

import * as L from "leaflet";

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

/** Zones, inner ring solid red, outer ring dashed amber; one label per zone name. */
export function zonesLayer(geojson, renderer) {
  const group = L.layerGroup();
  const labelled = new Set();
  L.geoJSON(geojson, {
    renderer,
    interactive: false,
    style: (f) =>
      f.properties?.ring === "inner"
        ? { color: "#ff5c5c", weight: 2, fillColor: "#ff5c5c", fillOpacity: 0.12 }
        : { color: "#ffb347", weight: 1.5, dashArray: "6 5", fillColor: "#ffb347", fillOpacity: 0.04 },
    onEachFeature: (f, layer) => {
      group.addLayer(layer);
      const name = f.properties?.name ?? f.properties?.id;
      if (!name || labelled.has(name)) return;
      labelled.add(name);
      const centre = layer.getBounds().getCenter();
      L.tooltip({ permanent: true, direction: "center", className: "zone-label", interactive: false })
        .setLatLng(centre)
        .setContent(escapeHtml(name))
        .addTo(group);
    },
  });
  return group;
}

const SENSOR_KIND_LETTER = { radar: "R", "passive-rf": "RF", acoustic: "A", cooperative: "C" };

/** Sensor markers (always) and coverage circles (a separate group, so it can be toggled). */
export function sensorLayers(sensors, renderer) {
  const markers = L.layerGroup();
  const coverage = L.layerGroup();
  for (const s of sensors) {
    if (!Number.isFinite(s.lat) || !Number.isFinite(s.lon)) continue;
    const online = s.status === "online";
    const colour = online ? "#7fd1a8" : "#ff9f43";
    if (Number.isFinite(s.maxRangeM) && s.maxRangeM > 0) {
      L.circle([s.lat, s.lon], {
        renderer,
        interactive: false,
        radius: s.maxRangeM,
        color: colour,
        weight: 1,
        opacity: 0.35,
        fillOpacity: 0.03,
      }).addTo(coverage);
    }
    L.circleMarker([s.lat, s.lon], {
      renderer,
      radius: 4.5,
      color: "#0b1117",
      weight: 1.5,
      fillColor: colour,
      fillOpacity: 1,
    })
      .bindTooltip(
        `${escapeHtml(s.name ?? s.id)} · ${SENSOR_KIND_LETTER[s.kind] ?? escapeHtml(s.kind ?? "?")}` +
          ` · ${online ? "online" : "SILENT"}`,
        { className: "sensor-label", direction: "top", offset: [0, -6] },
      )
      .addTo(markers);
  }
  return { markers, coverage };
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
