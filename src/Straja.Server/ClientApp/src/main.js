// Boot: builds the map and panels, loads the static layers over REST, then follows the live
// feed. The state is the latest picture, the selected track id and the alert store; each
// picture replaces the previous one whole.

import "leaflet/dist/leaflet.css";
import "./styles.css";
import * as L from "leaflet";
import ms from "milsymbol";
import * as api from "./api.js";
import { AlertStore, alertsToMark, hasPosition } from "./alertStore.js";
import { AlertsView } from "./alertsView.js";
import { renderDetail } from "./detailView.js";
import { renderSensors } from "./sensorsView.js";
import { FieldReportsView } from "./fieldReportsView.js";
import * as fmt from "./format.js";
import { alertMarksLayer, countriesLayer, borderLayer, zonesLayer, sensorLayers } from "./geoLayers.js";
import { connectLive, liveUrl } from "./live.js";
import { requireSession, showSignedIn } from "./login.js";
import { PANE_ORDER, paneZIndex } from "./panes.js";
import { mountRegistry } from "./registry.js";
import { mountReplay } from "./replayView.js";
import { mountRules } from "./rules.js";
import { loadRules } from "./rulesApi.js";
import { rulesOf } from "./rulesDoc.js";
import { ruleNames } from "./rulesSummary.js";
import { mountIncidents } from "./incidents.js";
import * as incidentsApi from "./incidentsApi.js";
import { incidentHash, incursionFromAlerts } from "./incidentsModel.js";
import { canAcknowledge, canEditZones, canInvestigate, canViewPicture } from "./session.js";
import { mountViews } from "./views.js";
import { countConfirmed, isStale } from "./picture.js";
import { SymbolCache } from "./symbols.js";
import { TrackLayer } from "./trackLayer.js";
import { TrailStore } from "./trails.js";
import { createZonesEditor } from "./zonesEditor.js";

// The Danube delta border sector: Galați, Isaccea, Tulcea and Mihail Kogălniceanu all in
// view on a 1600 x 900 screen.
const CENTRE = [45.05, 28.55];
const START_ZOOM = 9;
const SENSOR_REFRESH_MS = 10000;
const RETRY_MS = 5000;
const MAX_ALERT_MARKS = 200; // as many as the list shows

const $ = (id) => document.getElementById(id);

// Nothing is fetched or drawn until someone is signed in (every /api read needs the viewer role).
const session = await requireSession();
if (!canViewPicture(session)) {
  // A border-police officer reads no picture: their page is the report form (docs/security.md).
  window.location.replace("/report.html");
  await new Promise(() => {});
}
showSignedIn($("user"), session);

const state = {
  tracks: [],
  byId: new Map(),
  pictureTime: null,
  pictureReceivedAt: null, // performance.now() when the latest picture message arrived
  selectedId: null,
};

// --- map -------------------------------------------------------------------------------
const map = L.map($("map"), {
  center: CENTRE,
  zoom: START_ZOOM,
  minZoom: 5,
  maxZoom: 14,
  preferCanvas: true,
  // The track canvas is redrawn per view change; an animated CSS zoom would scale the
  // vector layers but not it, so both jump together instead.
  zoomAnimation: false,
  attributionControl: false,
});
// One pane per static layer, each vector layer with its own canvas in its pane: the stacking
// order is fixed here, not by which request came back first.
const renderers = {};
for (const name of PANE_ORDER) {
  map.createPane(name).style.zIndex = String(paneZIndex(name));
  renderers[name] = L.canvas({ pane: name, padding: 0.5 });
}
L.control.scale({ metric: true, imperial: false, maxWidth: 160 }).addTo(map);

const CursorControl = L.Control.extend({
  onAdd() {
    const div = L.DomUtil.create("div", "cursor-readout");
    div.setAttribute("data-testid", "cursor");
    return div;
  },
});
const cursor = new CursorControl({ position: "bottomright" }).addTo(map);

const symbols = new SymbolCache((sidc, size) => {
  const symbol = new ms.Symbol(sidc, { size, outlineWidth: 2, outlineColor: "rgba(0,0,0,0.8)" });
  const dpr = window.devicePixelRatio || 1;
  const anchor = symbol.getAnchor();
  const box = symbol.getSize();
  return { image: symbol.asCanvas(dpr), anchorX: anchor.x, anchorY: anchor.y, width: box.width, height: box.height };
});
const trails = new TrailStore(60);
const trackLayer = new TrackLayer(symbols, trails).addTo(map);

const layers = {
  countries: L.layerGroup().addTo(map),
  border: L.layerGroup().addTo(map),
  zones: L.layerGroup(),
  sensors: L.layerGroup(),
  coverage: L.layerGroup(),
  alertMarks: L.layerGroup().addTo(map),
  reports: L.layerGroup().addTo(map),
  debris: L.layerGroup().addTo(map), // a debris ellipse sent from an incident's back-tracking
};
const fieldReports = new FieldReportsView({ map, layer: layers.reports, list: $("field-reports"), onSelectTrack: (id) => select(id, { pan: true }), hidden: () => replay.active() });

// Replay (replayView.js) swaps its own track layer and alert marks in for these while it runs.
const replay = mountReplay({
  map,
  symbols,
  openButton: $("replay-open"),
  clock: { root: $("clock"), utc: $("clock-utc"), local: $("clock-local") },
  counts: { tracks: $("track-count"), confirmed: $("confirmed-count") },
  detail: $("detail"),
  liveLayers: [trackLayer, layers.alertMarks, layers.reports],
  liveReports: layers.reports,
  onExit: () => {
    showPictureHeader();
    showDetail();
  },
});

// --- selection ---------------------------------------------------------------------------
let historyRequest = 0;

function select(id, { pan = false, fitHistory = false } = {}) {
  state.selectedId = id;
  trackLayer.setSelected(id);
  showDetail();
  if (id === null) return;
  const track = state.byId.get(id);
  if (pan && track) map.panTo([track.lat, track.lon]);
  const request = ++historyRequest;
  api
    .getHistory(id)
    .then((points) => {
      if (request !== historyRequest || !Array.isArray(points)) return;
      trackLayer.setHistory(id, points);
      // A track opened from an incident may no longer be live: show where it was.
      if (fitHistory && points.length > 0 && !state.byId.has(id)) map.fitBounds(points.map((p) => [p.lat, p.lon]), { maxZoom: 12 });
    })
    .catch((e) => status(`history of ${id}: ${e.message}`));
}

function showDetail() {
  if (replay.active()) return; // the panel shows the replayed track's recorded state (replayView.js)
  renderDetail($("detail"), state.selectedId, state.byId.get(state.selectedId), state.pictureTime);
  const reports = fieldReports.corroborationFor(state.selectedId);
  if (reports) $("detail").append(reports);
}

map.on("click", (e) => {
  if (replay.active()) replay.select(replay.hitTest(e.containerPoint)?.id ?? null);
  else if (!zonesEditor.isDrawing()) select(trackLayer.hitTest(e.containerPoint)?.id ?? null);
});
map.on("mousemove", (e) => {
  cursor.getContainer().textContent = fmt.latLon(e.latlng.lat, e.latlng.lng);
  map.getContainer().style.cursor = (replay.active() ? replay : trackLayer).hitTest(e.containerPoint) ? "pointer" : "";
});
map.on("mouseout", () => {
  cursor.getContainer().textContent = "";
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape") (replay.active() ? replay.select : select)(null);
});

// --- picture -----------------------------------------------------------------------------
function onPicture(msg) {
  state.tracks = msg.tracks;
  state.byId = new Map(msg.tracks.map((t) => [t.id, t]));
  state.pictureTime = msg.time;
  state.pictureReceivedAt = performance.now();
  trails.update(msg.time, msg.tracks);
  trackLayer.setTracks(msg.tracks);
  fieldReports.update(msg.observations, msg.tracks);
  // While replaying, the header shows the replay; the live state above keeps up for "Back to live".
  if (!replay.active()) showPictureHeader();
  showStale();
  if (state.selectedId !== null) showDetail();
}

function showPictureHeader() {
  $("track-count").textContent = String(state.tracks.length);
  $("confirmed-count").textContent = String(countConfirmed(state.tracks));
  showClock();
}

function showClock() {
  $("clock-utc").textContent = fmt.utcHms(state.pictureTime);
  $("clock-local").textContent = fmt.localHms(state.pictureTime);
}

// Receive times only: picture time runs ahead of the wall clock in a sped-up demo and that
// is not staleness.
function showStale() {
  $("clock").classList.toggle("stale", isStale(state.pictureReceivedAt, performance.now()));
}
setInterval(showStale, 500);

// --- alerts ------------------------------------------------------------------------------
const alerts = new AlertStore();
const alertsView = new AlertsView({
  list: $("alerts"),
  badge: $("unack-count"),
  store: alerts,
  canAck: canAcknowledge(session),
  filters: $("alert-filters"),
  onSelectAlert: (alert) => {
    if (hasPosition(alert)) map.panTo([alert.lat, alert.lon]);
    if (alert.trackId) select(alert.trackId, { pan: !hasPosition(alert) });
  },
  // Investigators tick alerts and open one incursion incident linked to them (and their tracks).
  onOpenIncident: canInvestigate(session)
    ? async (picked) => {
        const incident = await incidentsApi.open(incursionFromAlerts(picked));
        window.location.hash = incidentHash(incident.id);
      }
    : null,
  onAck: async (id) => {
    try {
      alerts.upsert(await api.acknowledgeAlert(id));
      showAlerts();
    } catch (e) {
      alertsView.setAckError(id, e.message);
    }
  },
});

let markedVersion = -1;
function showAlerts() {
  alertsView.render();
  if (markedVersion === alerts.version) return;
  markedVersion = alerts.version;
  const marks = alertMarksLayer(alertsToMark(alerts.list).slice(0, MAX_ALERT_MARKS), "alertMarks");
  layers.alertMarks.clearLayers().addLayer(marks);
}

async function reloadAlerts() {
  try {
    alerts.reset(await api.getAlerts());
    showAlerts();
  } catch (e) {
    status(e.message);
    setTimeout(reloadAlerts, RETRY_MS);
  }
}

// --- static layers -------------------------------------------------------------------------
async function loadWithRetry(what, load) {
  for (;;) {
    try {
      await load();
      return;
    } catch (e) {
      status(`${what}: ${e.message} — retrying`);
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
}

loadWithRetry("countries", async () => {
  const layer = countriesLayer(await api.getCountries(), renderers.countries);
  layers.countries.clearLayers().addLayer(layer);
});
loadWithRetry("border", async () => {
  const layer = borderLayer(await api.getBorder(), renderers.border);
  layers.border.clearLayers().addLayer(layer);
});
const loadZones = async () => {
  const layer = zonesLayer(await api.getZones(), renderers.zones);
  layers.zones.clearLayers().addLayer(layer);
};
loadWithRetry("zones", loadZones);
const zonesEditor = createZonesEditor({
  L,
  map,
  container: $("zones-editor"),
  canEdit: canEditZones(session),
  onChanged: () => loadZones().catch((e) => status(`zones: ${e.message}`)),
  onStatus: status,
});

async function loadSensors() {
  const sensors = await api.getSensors();
  const { markers, coverage } = sensorLayers(sensors, { markerPane: "sensors", coverageRenderer: renderers.coverage });
  layers.sensors.clearLayers().addLayer(markers);
  layers.coverage.clearLayers().addLayer(coverage);
  const silent = sensors.filter((s) => s.status !== "online").length;
  $("sensor-summary").textContent = `${sensors.length} sensors, ${silent} silent`;
  renderSensors($("sensors"), sensors);
}
loadWithRetry("sensors", loadSensors);
setInterval(() => loadSensors().catch((e) => status(`sensors: ${e.message}`)), SENSOR_REFRESH_MS);

// Layer toggles: the checkbox's data-layer names a group in `layers` or a track option.
for (const box of document.querySelectorAll("#toggles input[type=checkbox]")) {
  const apply = () => {
    const name = box.dataset.layer;
    if (name === "trails" || name === "labels" || name === "tentative") {
      trackLayer.setOptions({ [name]: box.checked });
      replay.setTrackOptions({ [name]: box.checked });
    } else if (replay.toggleLive(layers[name], box.checked)) {
      // held off the map by replay until Back to live
    } else if (box.checked) {
      layers[name].addTo(map);
    } else {
      layers[name].remove();
    }
  };
  box.addEventListener("change", apply);
  apply();
}

// --- live feed -----------------------------------------------------------------------------
function status(text) {
  $("status-line").textContent = text;
}

function showConnection(connection, detail) {
  const el = $("connection");
  el.textContent =
    connection === "reconnecting" ? `reconnecting in ${Math.ceil(detail.delayMs / 1000)} s` : connection;
  el.className = `conn conn-${connection}`;
}

let everLive = false;
connectLive(liveUrl(window.location), {
  onPicture,
  onAlert: (alert) => {
    if (alerts.upsert(alert)) showAlerts();
  },
  onState: (connection, detail) => {
    showConnection(connection, detail);
    // Alerts raised while the socket was down are not replayed on it: fetch the list again.
    if (connection === "live") {
      if (everLive) reloadAlerts();
      everLive = true;
      status("");
    }
  },
  onError: status,
});

reloadAlerts();
showDetail();
// Rule alerts name their rule; the names come from the rules document (readable by every role).
const showRuleNames = (text) => alertsView.setRuleNames(ruleNames(rulesOf(text)));
loadRules().then(({ text }) => showRuleNames(text)).catch((e) => status(`alert rules: ${e.message}`));

// --- from the incidents pages: a track ("#/track/<id>") or a debris ellipse on this map -------
let onNextMapShown = null; // a map laid out while hidden must be resized before it can fit bounds
function showDebris({ ellipse, find, path, trackId }) {
  layers.debris.clearLayers();
  // On the border's canvas: the default overlay pane lies under the opaque country fills.
  const style = { renderer: renderers.border, interactive: false };
  L.polyline(path, { ...style, color: "#ff6b6b", weight: 2, dashArray: "4 4" }).addTo(layers.debris);
  L.polygon(ellipse, { ...style, color: "#ff9f43", weight: 2, fillOpacity: 0.15 }).addTo(layers.debris);
  L.circleMarker(find, { ...style, radius: 7, color: "#ffffff", fillColor: "#ffd166", fillOpacity: 1, weight: 2 }).addTo(layers.debris);
  onNextMapShown = () => map.fitBounds(L.latLngBounds(ellipse).extend(find).pad(0.3), { maxZoom: 14 });
  window.location.hash = `#/debris/${encodeURIComponent(trackId)}`;
}
function followTrackHash() {
  const m = /^#\/track\/(.+)$/.exec(window.location.hash);
  if (m) select(decodeURIComponent(m[1]), { pan: true, fitHistory: true });
}

mountViews({
  mapView: document.querySelector("main.layout"),
  onMapShown: () => {
    map.invalidateSize();
    onNextMapShown?.();
    onNextMapShown = null;
  },
  sections: {
    registry: mountRegistry({ root: $("registry") }),
    rules: mountRules({ root: $("rules"), session, onSaved: showRuleNames }),
    incidents: mountIncidents({ root: $("incidents"), session, showOnMap: showDebris }),
  },
});
// After views.js's own listener, so the map is visible (and sized) before it pans.
window.addEventListener("hashchange", followTrackHash);
followTrackHash();

// Hooks for the end-to-end browser test and for measuring the draw cost.
window.__straja = {
  tracks: () => state.tracks,
  observations: () => fieldReports.observations,
  selected: () => state.selectedId,
  select: (id) => select(id),
  drawStats: () => trackLayer.stats(),
  resetDrawStats: () => trackLayer.resetStats(),
  symbolCacheSize: () => symbols.size,
  pictureTime: () => state.pictureTime,
  replay: replay.hooks,
  debrisShown: () => layers.debris.getLayers().length > 0,
  map,
};
