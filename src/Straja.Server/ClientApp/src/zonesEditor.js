// Zones as the operator manages them: the kind styles used on the map, and an editor to draw a
// polygon or a circle, set its name, kind, severity and altitude band, and save, edit, delete or
// import zones over /api/zones (docs/zones.md). The functions above `createZonesEditor` are pure
// (node tests in test/zonesEditor.test.mjs); the editor takes Leaflet as an argument so that this
// module loads without a browser.

import { antiforgeryHeaders } from "./login.js";
export const ZONE_KINDS = Object.freeze(["restricted", "protected-site", "border", "air-refuelling"]);
export const SEVERITIES = Object.freeze(["info", "warning", "critical"]);
export const REFERENCES = Object.freeze(["AMSL", "AGL", "WGS84"]);
const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const EARTH_RADIUS_M = 6371008.8;

const KIND_COLOUR = {
  restricted: "#ffb347",
  "protected-site": "#ff5c5c",
  border: "#f2b233",
  "air-refuelling": "#5cc8ff",
};

/** Leaflet path options for a zone: colour by kind, a solid heavier line for critical, dashed for info. */
export function zoneStyle(kind, severity) {
  const color = KIND_COLOUR[kind] ?? KIND_COLOUR.restricted;
  return {
    color,
    fillColor: color,
    weight: severity === "critical" ? 2 : 1.5,
    dashArray: severity === "critical" ? null : severity === "info" ? "2 6" : "6 5",
    fillOpacity: severity === "critical" ? 0.12 : 0.05,
  };
}

/** Great-circle distance in metres between [lat, lon] pairs (drawing only; the server measures on the ellipsoid). */
export function distanceM([lat1, lon1], [lat2, lon2]) {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A zone id made from its name: lower case, runs of anything else turned into one "-". */
export function slugify(name) {
  const s = String(name ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
  return s || "zone";
}

export function emptyDraft(shape = "polygon") {
  return {
    id: "",
    name: "",
    kind: "restricted",
    severity: "warning",
    shape,
    vertices: [], // [lat, lon] for a polygon
    centre: null, // [lat, lon] for a circle
    radiusM: null,
    lowerM: "",
    lowerRef: "AMSL",
    upperM: "",
    upperRef: "AMSL",
    existing: false,
  };
}

function number(text) {
  if (text === "" || text === null || text === undefined) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}

/**
 * The GeoJSON Feature the API takes for a draft, or the list of what is wrong with it
 * (each "field: problem"). Polygons are written closed and counter-clockwise (RFC 7946).
 */
export function draftToFeature(draft) {
  const errors = [];
  const id = draft.id || slugify(draft.name);
  if (!ID_PATTERN.test(id)) errors.push("id: 1–64 letters, digits, '.', '_' or '-'");
  if (!String(draft.name ?? "").trim()) errors.push("name: required");
  if (!ZONE_KINDS.includes(draft.kind)) errors.push(`kind: one of ${ZONE_KINDS.join(", ")}`);
  if (!SEVERITIES.includes(draft.severity)) errors.push(`severity: one of ${SEVERITIES.join(", ")}`);
  const lower = number(draft.lowerM);
  const upper = number(draft.upperM);
  if (Number.isNaN(lower)) errors.push("lowerM: a number of metres, or empty");
  if (Number.isNaN(upper)) errors.push("upperM: a number of metres, or empty");
  if (lower !== null && upper !== null && !Number.isNaN(lower) && !Number.isNaN(upper) && lower >= upper) {
    errors.push("lowerM: must be below upperM");
  }

  let geometry = null;
  const properties = { id, name: String(draft.name ?? "").trim(), kind: draft.kind, severity: draft.severity };
  if (draft.shape === "circle") {
    if (!draft.centre) errors.push("centre: click the map to place it");
    if (!(draft.radiusM > 0)) errors.push("radiusM: click a second point, or type a radius");
    else properties.radiusM = Math.round(draft.radiusM);
    if (draft.centre) geometry = { type: "Point", coordinates: [draft.centre[1], draft.centre[0]] };
  } else {
    const ring = draft.vertices.map(([lat, lon]) => [lon, lat]);
    if (ring.length < 3) errors.push(`vertices: at least 3, have ${ring.length}`);
    else {
      if (signedArea(ring) < 0) ring.reverse();
      geometry = { type: "Polygon", coordinates: [[...ring, ring[0]]] };
    }
  }

  if (lower !== null && !Number.isNaN(lower)) Object.assign(properties, { lowerM: lower, lowerRef: draft.lowerRef });
  if (upper !== null && !Number.isNaN(upper)) Object.assign(properties, { upperM: upper, upperRef: draft.upperRef });
  return errors.length ? { errors } : { feature: { type: "Feature", properties, geometry }, errors: [] };
}

/** Shoelace area of [lon, lat] positions: positive counter-clockwise. */
export function signedArea(ring) {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return a / 2;
}

/**
 * Groups a FeatureCollection from GET /api/zones by zone id, in order. A zone with several
 * volumes (several features) is listed once and is not editable here: import a file for it.
 */
export function groupZones(collection) {
  const byId = new Map();
  for (const f of collection?.features ?? []) {
    const id = f?.properties?.id;
    if (!id) continue;
    const entry = byId.get(id) ?? { id, name: f.properties.name ?? id, kind: f.properties.kind, severity: f.properties.severity, features: [] };
    entry.features.push(f);
    byId.set(id, entry);
  }
  return [...byId.values()].map((z) => ({ ...z, editable: z.features.length === 1 && !z.features[0].properties.schedule }));
}

/** The draft for editing one single-volume zone's feature. */
export function featureToDraft(feature) {
  const p = feature.properties ?? {};
  const g = feature.geometry ?? {};
  const draft = {
    ...emptyDraft(g.type === "Point" ? "circle" : "polygon"),
    id: p.id ?? "",
    name: p.name ?? "",
    kind: p.kind ?? "restricted",
    severity: p.severity ?? "warning",
    lowerM: p.lowerM ?? "",
    lowerRef: p.lowerRef ?? "AMSL",
    upperM: p.upperM ?? "",
    upperRef: p.upperRef ?? "AMSL",
    existing: true,
  };
  if (g.type === "Point") {
    draft.centre = [g.coordinates[1], g.coordinates[0]];
    draft.radiusM = p.radiusM ?? null;
  } else if (g.type === "Polygon") {
    draft.vertices = g.coordinates[0].slice(0, -1).map(([lon, lat]) => [lat, lon]);
  }
  return draft;
}

/** The import format a file name suggests: ED-269 files are plain .json, GeoJSON is .geojson. */
export function formatForFile(name) {
  return /\.geojson$/i.test(name) ? "geojson" : /ed.?269/i.test(name) ? "ed269" : "geojson";
}

/** Calls to /api/zones; `fetchFn` is injectable for tests. Errors carry the server's problem detail. */
export function zonesApi(fetchFn = (...a) => fetch(...a)) {
  async function send(method, path, body, contentType = "application/geo+json") {
    const response = await fetchFn(path, {
      method,
      headers: {
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": contentType }),
        ...(method === "GET" ? {} : antiforgeryHeaders()),
      },
      body,
    });
    if (!response.ok) {
      let detail = `HTTP ${response.status}`;
      try {
        const problem = await response.json();
        detail = problem.detail ?? problem.title ?? detail;
      } catch {
        // keep the status
      }
      if (response.status === 401 || response.status === 403) detail = `not permitted (${detail})`;
      throw new Error(`${method} ${path}: ${detail}`);
    }
    return response.status === 204 ? null : response.json();
  }
  return {
    list: () => send("GET", "/api/zones"),
    create: (feature) => send("POST", "/api/zones", JSON.stringify(feature)),
    update: (id, feature) => send("PUT", `/api/zones/${encodeURIComponent(id)}`, JSON.stringify(feature)),
    remove: (id) => send("DELETE", `/api/zones/${encodeURIComponent(id)}`),
    importFile: (text, format) => send("POST", `/api/zones/import?format=${encodeURIComponent(format)}`, text, "application/json"),
  };
}

// --- the editor (browser only) ---------------------------------------------------------

const esc = (t) => String(t ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The zone panel: the list of zones (edit, delete), "new polygon", "new circle", file import,
 * and the form of the zone being drawn. Map clicks add polygon vertices, or place a circle's
 * centre and then its edge. `onChanged` is called after every saved change (reload the layer).
 * `isDrawing()` tells the caller to leave map clicks to the editor.
 */
// canEdit false (a viewer) lists the zones without the controls the server would refuse.
export function createZonesEditor({ L, map, container, api = zonesApi(), onChanged = () => {}, onStatus = () => {}, canEdit = true }) {
  let zones = [];
  let draft = null;
  const sketch = L.layerGroup().addTo(map);

  function drawSketch() {
    sketch.clearLayers();
    if (!draft) return;
    const style = { ...zoneStyle(draft.kind, draft.severity), interactive: false };
    if (draft.shape === "circle" && draft.centre) {
      if (draft.radiusM > 0) L.circle(draft.centre, { ...style, radius: draft.radiusM }).addTo(sketch);
      L.circleMarker(draft.centre, { radius: 4, color: style.color, interactive: false }).addTo(sketch);
    } else if (draft.vertices.length) {
      (draft.vertices.length >= 3 ? L.polygon : L.polyline)(draft.vertices, style).addTo(sketch);
      for (const v of draft.vertices) L.circleMarker(v, { radius: 3, color: style.color, interactive: false }).addTo(sketch);
    }
  }

  function render(message = "") {
    const rows = zones
      .map(
        (z) => `<li data-id="${esc(z.id)}"><span class="zone-swatch" style="background:${zoneStyle(z.kind, z.severity).color}"></span>
          <span class="zone-name">${esc(z.name)}</span> <span class="muted">${esc(z.kind)}</span>
          ${canEdit && z.editable ? `<button data-act="edit">edit</button>` : ""}${canEdit ? `<button data-act="delete">delete</button>` : ""}</li>`,
      )
      .join("");
    const form = !canEdit
      ? `<div class="muted" data-testid="zones-read-only">Zones are changed by operators and admins.</div>`
      : draft
      ? `<form class="zone-form" data-testid="zone-form">
          <div class="muted">${draft.shape === "circle" ? "Click the centre, then a point on the edge." : "Click the map to add corners."}</div>
          <label>name <input name="name" value="${esc(draft.name)}" required /></label>
          <label>id <input name="id" value="${esc(draft.id)}" ${draft.existing ? "readonly" : ""} placeholder="from the name" /></label>
          <label>kind <select name="kind">${ZONE_KINDS.map((k) => `<option ${k === draft.kind ? "selected" : ""}>${k}</option>`).join("")}</select></label>
          <label>severity <select name="severity">${SEVERITIES.map((k) => `<option ${k === draft.severity ? "selected" : ""}>${k}</option>`).join("")}</select></label>
          ${draft.shape === "circle" ? `<label>radius m <input name="radiusM" value="${esc(draft.radiusM === null ? "" : Math.round(draft.radiusM))}" /></label>` : ""}
          <label>lower m <input name="lowerM" value="${esc(draft.lowerM)}" size="6" /> <select name="lowerRef">${REFERENCES.map((r) => `<option ${r === draft.lowerRef ? "selected" : ""}>${r}</option>`).join("")}</select></label>
          <label>upper m <input name="upperM" value="${esc(draft.upperM)}" size="6" /> <select name="upperRef">${REFERENCES.map((r) => `<option ${r === draft.upperRef ? "selected" : ""}>${r}</option>`).join("")}</select></label>
          <div><button type="submit">save</button> <button type="button" data-act="undo">undo corner</button> <button type="button" data-act="cancel">cancel</button></div>
        </form>`
      : `<div><button data-act="new-polygon">new polygon</button> <button data-act="new-circle">new circle</button>
          <label class="zone-import">import <input type="file" accept=".json,.geojson" data-testid="zone-import" /></label></div>`;
    container.innerHTML = `<h2>Zones</h2><ul class="zones-list">${rows}</ul>${form}<div class="zone-message" role="status">${esc(message)}</div>`;
  }

  function readForm() {
    const form = container.querySelector("form.zone-form");
    if (!form || !draft) return;
    const data = new FormData(form);
    for (const key of ["name", "id", "kind", "severity", "lowerM", "lowerRef", "upperM", "upperRef"]) draft[key] = data.get(key) ?? draft[key];
    if (draft.shape === "circle" && data.get("radiusM") !== null) draft.radiusM = number(data.get("radiusM"));
  }

  async function reload(message) {
    try {
      zones = groupZones(await api.list());
    } catch (e) {
      message = e.message;
    }
    render(message);
  }

  async function act(what, fn) {
    try {
      const message = await fn();
      draft = null;
      drawSketch();
      onChanged();
      await reload(message);
    } catch (e) {
      onStatus(`${what}: ${e.message}`);
      render(e.message);
    }
  }

  container.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-act]");
    if (!button) return;
    const id = button.closest("li")?.dataset.id;
    const zone = zones.find((z) => z.id === id);
    switch (button.dataset.act) {
      case "new-polygon":
      case "new-circle":
        draft = emptyDraft(button.dataset.act === "new-circle" ? "circle" : "polygon");
        break;
      case "edit":
        draft = featureToDraft(zone.features[0]);
        break;
      case "delete":
        if (zone && window.confirm(`Delete zone ${zone.name}?`)) act("delete", async () => (await api.remove(zone.id), `deleted ${zone.name}`));
        return;
      case "undo":
        readForm();
        if (draft.shape === "circle") Object.assign(draft, { centre: null, radiusM: null });
        else draft.vertices.pop();
        break;
      case "cancel":
        draft = null;
        break;
      default:
        return;
    }
    drawSketch();
    render();
  });

  container.addEventListener("submit", (e) => {
    e.preventDefault();
    readForm();
    const { feature, errors } = draftToFeature(draft);
    if (errors.length) {
      render(errors.join("; "));
      return;
    }
    const existing = draft.existing;
    act("save", async () => {
      await (existing ? api.update(feature.properties.id, feature) : api.create(feature));
      return `saved ${feature.properties.name}`;
    });
  });

  container.addEventListener("change", (e) => {
    if (e.target.matches("input[type=file]")) {
      const file = e.target.files?.[0];
      if (!file) return;
      act("import", async () => {
        const result = await api.importFile(await file.text(), formatForFile(file.name));
        return `imported ${result.imported} zone(s) from ${file.name}`;
      });
    } else if (draft) {
      readForm();
      drawSketch();
    }
  });

  map.on("click", (e) => {
    if (!draft) return;
    readForm();
    const p = [e.latlng.lat, e.latlng.lng];
    if (draft.shape === "circle") {
      if (!draft.centre) draft.centre = p;
      else draft.radiusM = distanceM(draft.centre, p);
    } else {
      draft.vertices.push(p);
    }
    drawSketch();
    render();
  });

  reload();
  return { isDrawing: () => draft !== null, reload };
}
