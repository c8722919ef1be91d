// The "reports" map layer and the "Field reports" list: thin DOM over fieldReports.js. Each
// observation is an eye or ear marker at the reporter's place with a dashed uncertainty circle,
// its sight line and sector when a direction was given, and an arrow for where the thing went.
// Clicking a marker (or a list entry) opens the report with its triage; the matched track, when
// it is still in the picture, opens from there.

import * as L from "leaflet";
import * as fmt from "./format.js";
import * as fr from "./fieldReports.js";
import { el } from "./registryDom.js";

const PANE = "reports";
const PANE_Z = 455; // over the sensors (450), under the alert marks (460): see panes.js

export class FieldReportsView {
  /**
   * `hidden()` true (replay is showing its own reports) keeps the live layer off the map: a click in
   * the list then only brings the report's place into view.
   * @param {{ map: L.Map, layer: L.LayerGroup, list: HTMLElement, onSelectTrack: (id: string) => void, hidden?: () => boolean }} deps
   */
  constructor({ map, layer, list, onSelectTrack, hidden = () => false }) {
    this._hidden = hidden;
    this._map = map;
    this._layer = layer;
    this._list = list;
    this._onSelectTrack = onSelectTrack;
    // Replay draws its reports with a second view in the same pane.
    if (!map.getPane(PANE)) map.createPane(PANE).style.zIndex = String(PANE_Z);
    this._renderer = L.svg({ pane: PANE });
    this._observations = [];
    this._liveTracks = new Set();
    this._markers = new Map();
    this._key = null;
    this.render();
  }

  get observations() {
    return this._observations;
  }

  /** Takes the observations of a picture message; redraws only when the set or its links changed. */
  update(observations, tracks) {
    this._observations = fr.newestFirst(Array.isArray(observations) ? observations : []);
    this._liveTracks = new Set((tracks ?? []).map((t) => t.id));
    const key = fr.drawKey(this._observations);
    if (key === this._key) return;
    this._key = key;
    this.render();
  }

  /** Opens a report's popup and brings it into view. */
  open(reportId) {
    const marker = this._markers.get(reportId);
    if (!marker) return;
    this._map.panTo(marker.getLatLng());
    if (this._hidden()) return;
    if (!this._map.hasLayer(this._layer)) this._layer.addTo(this._map);
    marker.openPopup();
  }

  render() {
    this._layer.clearLayers();
    this._markers.clear();
    for (const o of this._observations) {
      if (!Number.isFinite(o.lat) || !Number.isFinite(o.lon)) continue;
      this._draw(o);
    }
    this._renderList();
  }

  _draw(o) {
    const style = fr.observationStyle(o);
    const line = { renderer: this._renderer, interactive: false, color: style.colour, opacity: style.opacity };
    if (Number.isFinite(o.uncertaintyRadiusM) && o.uncertaintyRadiusM > 0) {
      L.circle([o.lat, o.lon], {
        ...line, radius: o.uncertaintyRadiusM, weight: 1, dashArray: style.dashArray, fillColor: style.colour, fillOpacity: style.fillOpacity,
      }).addTo(this._layer);
    }
    const sight = fr.sightLines(o);
    if (sight) {
      L.polyline(sight.centre, { ...line, weight: 2, dashArray: style.dashArray }).addTo(this._layer);
      for (const edge of sight.edges) L.polyline(edge, { ...line, weight: 1, opacity: style.opacity / 2 }).addTo(this._layer);
    }
    const arrow = fr.headingArrow(o);
    if (arrow) L.polyline([arrow.shaft, arrow.head], { ...line, weight: 2 }).addTo(this._layer);

    const marker = L.marker([o.lat, o.lon], {
      pane: PANE,
      keyboard: false,
      opacity: Math.max(0.6, style.opacity),
      icon: L.divIcon({
        className: `report-mark ${o.linkedTrackId ? "linked" : ""}`,
        iconSize: [0, 0],
        html: `<span class="report-box" data-testid="report-marker-${escapeAttr(o.reportId)}">${fr.glyphSvg(o.sense)}</span>`,
      }),
    });
    marker.bindPopup(() => this._popup(o), { className: "report-popup", maxWidth: 320 });
    marker.addTo(this._layer);
    this._markers.set(o.reportId, marker);
  }

  _popup(o) {
    const badge = fr.verdictBadge(o);
    const target = fr.trackToOpen(o, this._liveTracks);
    return el("div", { "data-testid": "report-popup" },
      el("h3", {}, `Field report ${o.reportId} `, el("span", { class: `verdict-badge ${badge.kind}`, "data-testid": "report-verdict" }, badge.label)),
      el("dl", { class: "report-rows" }, fr.observationRows(o).flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
      target
        ? el("button", { type: "button", class: "link", "data-testid": "report-open-track", onclick: () => this._onSelectTrack(target) }, `Show track ${target}`)
        : null);
  }

  _renderList() {
    if (!this._list) return;
    if (this._observations.length === 0) {
      this._list.replaceChildren(el("li", { class: "muted" }, "No field reports in the picture."));
      return;
    }
    this._list.replaceChildren(...this._observations.map((o) => {
      const badge = fr.verdictBadge(o);
      return el("li", { "data-testid": `report-item-${o.reportId}`, class: "report-item", onclick: () => this.open(o.reportId) },
        el("span", { class: "report-time" }, `${fmt.utcHms(o.time)}Z`),
        el("span", { class: "report-sense" }, o.sense ?? "?"),
        el("span", { class: `verdict-badge ${badge.kind}` }, badge.label),
        el("span", { class: "report-text muted" }, o.description || ""));
    }));
  }

  /** A track detail's "Corroborated by" block: the reports linked to it; null when there are none. */
  corroborationFor(trackId) {
    const reports = fr.corroborating(this._observations, trackId);
    if (reports.length === 0) return null;
    return el("div", { class: "corroboration", "data-testid": "track-reports" },
      el("h3", {}, "Corroborated by field reports"),
      el("ul", {}, reports.map((o) => el("li", {},
        el("button", { type: "button", class: "link", onclick: () => this.open(o.reportId) }, o.reportId),
        ` ${fmt.utcHms(o.time)}Z, ${o.sense}, ${fr.trustText(o)}`))));
  }
}

// Report ids come from the server ("R12"); escaped anyway since they end up in markup.
function escapeAttr(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
