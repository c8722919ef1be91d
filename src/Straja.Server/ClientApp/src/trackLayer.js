// All tracks on ONE canvas that this layer owns. No DOM element per track: each frame projects
// the picture with a scale and an offset (positions are pre-projected, see projection.js),
// strokes the trails and speed leaders in one path per identity colour, and stamps cached
// symbol images. Redraws are coalesced into one requestAnimationFrame.
//
// Tentative tracks (not yet confirmed by the tracker; radar clutter makes many of them) are
// drawn as small hollow diamonds, faded, with no trail, leader or label: a full symbol for
// each would turn the picture into a swarm. They can be switched off entirely.

import * as L from "leaflet";
import { mercatorX, mercatorY, viewTransform } from "./projection.js";
import { isTentative, pickIndex } from "./picture.js";
import { FADED_CLASSES, IDENTITY_COLOUR, colourFor, sidcFor, symbolSizeForZoom } from "./symbols.js";

const EARTH_RADIUS_M = 6378137; // the sphere of EPSG:3857
const SPEED_LEADER_S = 60; // a speed leader shows where the track will be in one minute
const HIT_RADIUS_PX = 14;
const CULL_MARGIN_PX = 40;
const LABEL_MIN_ZOOM = 10;
const TRAIL_MIN_STEP_PX = 2;
const STATS_WINDOW = 600; // draw-time samples kept for the statistics
const TENTATIVE_HALF_PX = 3.5; // half-diagonal of a tentative track's diamond
const TENTATIVE_ALPHA = 0.55;

export const TrackLayer = L.Layer.extend({
  initialize(symbols, trails) {
    this._symbols = symbols;
    this._trails = trails;
    this._tracks = [];
    this._nx = new Float64Array(0);
    this._ny = new Float64Array(0);
    this._sx = new Float32Array(0);
    this._sy = new Float32Array(0);
    this._visible = new Uint8Array(0);
    this._tentative = new Uint8Array(0);
    this._groups = new Map(); // confirmed tracks by identity colour: trails, leaders
    this._tentativeGroups = new Map(); // tentative tracks by identity colour: diamonds
    this._selectedId = null;
    this._history = null;
    this._showTrails = true;
    this._showLabels = true;
    this._showTentative = true;
    this._frame = 0;
    this._drawTimes = [];
  },

  onAdd(map) {
    this._canvas = L.DomUtil.create("canvas", "straja-track-canvas");
    map.getContainer().appendChild(this._canvas);
    this._ctx = this._canvas.getContext("2d");
    map.on("move zoom viewreset resize", this.redraw, this);
    this._resize();
    this.redraw();
  },

  onRemove(map) {
    map.off("move zoom viewreset resize", this.redraw, this);
    if (this._frame) cancelAnimationFrame(this._frame);
    this._frame = 0;
    this._canvas.remove();
  },

  /** Replaces the drawn picture (the stream sends a full picture each time). */
  setTracks(tracks) {
    const n = tracks.length;
    this._tracks = tracks;
    if (this._nx.length < n) {
      this._nx = new Float64Array(n);
      this._ny = new Float64Array(n);
      this._sx = new Float32Array(n);
      this._sy = new Float32Array(n);
      this._visible = new Uint8Array(n);
      this._tentative = new Uint8Array(n);
    }
    const byColour = () => new Map(Object.values(IDENTITY_COLOUR).map((c) => [c, []]));
    const groups = byColour();
    const tentativeGroups = byColour();
    for (let i = 0; i < n; i++) {
      const t = tracks[i];
      this._nx[i] = mercatorX(t.lon);
      this._ny[i] = mercatorY(t.lat);
      const tentative = isTentative(t);
      this._tentative[i] = tentative ? 1 : 0;
      (tentative ? tentativeGroups : groups).get(colourFor(t)).push(i);
    }
    this._groups = groups;
    this._tentativeGroups = tentativeGroups;
    this.redraw();
  },

  setSelected(id) {
    this._selectedId = id;
    this._history = null;
    this.redraw();
  },

  /** The selected track's stored history (GET /api/tracks/{id}/history), oldest first. */
  setHistory(id, points) {
    if (id !== this._selectedId) return;
    const xs = [];
    const ys = [];
    for (const p of points) {
      if (!Number.isFinite(p.lat) || !Number.isFinite(p.lon)) continue;
      xs.push(mercatorX(p.lon));
      ys.push(mercatorY(p.lat));
    }
    this._history = { xs, ys };
    this.redraw();
  },

  setOptions({ trails, labels, tentative }) {
    if (trails !== undefined) this._showTrails = trails;
    if (labels !== undefined) this._showLabels = labels;
    if (tentative !== undefined) this._showTentative = tentative;
    this.redraw();
  },

  redraw() {
    if (!this._map || this._frame) return;
    this._frame = requestAnimationFrame(() => {
      this._frame = 0;
      this._draw();
    });
  },

  /** The track under a container point (see pickIndex), or null. */
  hitTest(point) {
    const i = pickIndex(
      { xs: this._sx, ys: this._sy, visible: this._visible, tentative: this._tentative, n: this._tracks.length },
      point.x,
      point.y,
      HIT_RADIUS_PX,
    );
    return i < 0 ? null : this._tracks[i];
  },

  /** Draw-time statistics over the last STATS_WINDOW frames, in milliseconds. */
  stats() {
    const s = [...this._drawTimes].sort((a, b) => a - b);
    if (s.length === 0) return { frames: 0 };
    const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
    const mean = s.reduce((a, b) => a + b, 0) / s.length;
    return { frames: s.length, meanMs: mean, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: s[s.length - 1] };
  },

  resetStats() {
    this._drawTimes = [];
  },

  _resize() {
    const size = this._map.getSize();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(size.x * dpr);
    const h = Math.round(size.y * dpr);
    if (this._canvas.width !== w || this._canvas.height !== h) {
      this._canvas.width = w;
      this._canvas.height = h;
      this._canvas.style.width = `${size.x}px`;
      this._canvas.style.height = `${size.y}px`;
    }
    this._dpr = dpr;
    this._w = size.x;
    this._h = size.y;
  },

  _draw() {
    const started = performance.now();
    this._resize();
    const ctx = this._ctx;
    ctx.setTransform(this._dpr, 0, 0, this._dpr, 0, 0);
    ctx.clearRect(0, 0, this._w, this._h);

    const view = viewTransform(this._map);
    this._project(view);
    if (this._showTrails) this._drawTrails(ctx, view);
    this._drawLeaders(ctx, view);
    this._drawHistory(ctx, view);
    const size = symbolSizeForZoom(view.zoom);
    this._drawTentative(ctx);
    this._drawSymbols(ctx, size);
    if (this._showLabels) this._drawLabels(ctx, view.zoom);
    this._drawSelection(ctx, size);

    this._drawTimes.push(performance.now() - started);
    if (this._drawTimes.length > STATS_WINDOW) this._drawTimes.shift();
  },

  _project({ scale, offsetX, offsetY }) {
    const n = this._tracks.length;
    const minX = -CULL_MARGIN_PX;
    const minY = -CULL_MARGIN_PX;
    const maxX = this._w + CULL_MARGIN_PX;
    const maxY = this._h + CULL_MARGIN_PX;
    const hideTentative = !this._showTentative;
    for (let i = 0; i < n; i++) {
      if (hideTentative && this._tentative[i]) {
        this._visible[i] = 0; // not drawn, so not clickable either
        continue;
      }
      const x = this._nx[i] * scale - offsetX;
      const y = this._ny[i] * scale - offsetY;
      this._sx[i] = x;
      this._sy[i] = y;
      this._visible[i] = x >= minX && x <= maxX && y >= minY && y <= maxY ? 1 : 0;
    }
  },

  // One path per identity colour: four strokes a frame however many tracks there are.
  _strokeByIdentity(ctx, addVisibleTrack, groups = this._groups) {
    for (const [colour, indices] of groups) {
      ctx.strokeStyle = colour;
      ctx.beginPath();
      for (const i of indices) if (this._visible[i]) addVisibleTrack(i);
      ctx.stroke();
    }
  },

  _drawTrails(ctx, { scale, offsetX, offsetY }) {
    ctx.lineWidth = 1.25;
    ctx.globalAlpha = 0.5;
    this._strokeByIdentity(ctx, (i) => {
      const trail = this._trails.get(this._tracks[i].id);
      if (trail === undefined || trail.xs.length < 2) return;
      const last = trail.xs.length - 1;
      let px = trail.xs[0] * scale - offsetX;
      let py = trail.ys[0] * scale - offsetY;
      ctx.moveTo(px, py);
      // Zoomed out, a minute of a slow drone spans a few pixels: points closer than
      // TRAIL_MIN_STEP_PX to the last one drawn add path cost but nothing visible.
      for (let k = 1; k <= last; k++) {
        const x = trail.xs[k] * scale - offsetX;
        const y = trail.ys[k] * scale - offsetY;
        const dx = x - px;
        const dy = y - py;
        if (k === last || dx * dx + dy * dy >= TRAIL_MIN_STEP_PX * TRAIL_MIN_STEP_PX) {
          ctx.lineTo(x, y);
          px = x;
          py = y;
        }
      }
    });
    ctx.globalAlpha = 1;
  },

  _drawLeaders(ctx, { scale }) {
    ctx.lineWidth = 1.5;
    this._strokeByIdentity(ctx, (i) => {
      const t = this._tracks[i];
      if (!Number.isFinite(t.vEastMps) || !Number.isFinite(t.vNorthMps)) return;
      // Mercator is conformal: one metre is the same number of pixels east and north.
      const pxPerM = scale / (2 * Math.PI * EARTH_RADIUS_M * Math.cos((t.lat * Math.PI) / 180));
      const dx = t.vEastMps * SPEED_LEADER_S * pxPerM;
      const dy = -t.vNorthMps * SPEED_LEADER_S * pxPerM;
      if (dx * dx + dy * dy < 4) return;
      ctx.moveTo(this._sx[i], this._sy[i]);
      ctx.lineTo(this._sx[i] + dx, this._sy[i] + dy);
    });
  },

  _drawHistory(ctx, { scale, offsetX, offsetY }) {
    const h = this._history;
    if (h === null || h.xs.length < 2) return;
    ctx.save();
    ctx.strokeStyle = "#ffffff";
    ctx.globalAlpha = 0.85;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(h.xs[0] * scale - offsetX, h.ys[0] * scale - offsetY);
    for (let k = 1; k < h.xs.length; k++) ctx.lineTo(h.xs[k] * scale - offsetX, h.ys[k] * scale - offsetY);
    ctx.stroke();
    ctx.restore();
  },

  _drawTentative(ctx) {
    const r = TENTATIVE_HALF_PX;
    ctx.lineWidth = 1.25;
    ctx.globalAlpha = TENTATIVE_ALPHA;
    this._strokeByIdentity(
      ctx,
      (i) => {
        const x = this._sx[i];
        const y = this._sy[i];
        ctx.moveTo(x, y - r);
        ctx.lineTo(x + r, y);
        ctx.lineTo(x, y + r);
        ctx.lineTo(x - r, y);
        ctx.closePath();
      },
      this._tentativeGroups,
    );
    ctx.globalAlpha = 1;
  },

  _drawSymbols(ctx, size) {
    const n = this._tracks.length;
    for (let i = 0; i < n; i++) {
      if (!this._visible[i] || this._tentative[i]) continue;
      ctx.globalAlpha = FADED_CLASSES.has(this._tracks[i].class) ? 0.45 : 1;
      this._stamp(ctx, i, size);
    }
    ctx.globalAlpha = 1;
  },

  _stamp(ctx, i, size) {
    const s = this._symbols.get(sidcFor(this._tracks[i]), size);
    ctx.drawImage(s.image, this._sx[i] - s.anchorX, this._sy[i] - s.anchorY, s.width, s.height);
  },

  _selectedIndex() {
    if (this._selectedId === null) return -1;
    return this._tracks.findIndex((t) => t.id === this._selectedId);
  },

  // The selected track is stamped again on top, ringed and labelled, so that it stays
  // visible inside a dense cluster. A selected tentative track gets its full (dashed-frame)
  // symbol too: the operator asked to look at it.
  _drawSelection(ctx, size) {
    const i = this._selectedIndex();
    if (i < 0 || !this._visible[i]) return;
    this._stamp(ctx, i, size);
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(this._sx[i], this._sy[i], size + 4, 0, 2 * Math.PI);
    ctx.stroke();
    this._label(ctx, i);
  },

  // At low zoom 1,000 labels are noise; the selected track is labelled at any zoom.
  _drawLabels(ctx, zoom) {
    if (zoom < LABEL_MIN_ZOOM) return;
    for (let i = 0; i < this._tracks.length; i++) if (this._visible[i] && !this._tentative[i]) this._label(ctx, i);
  },

  _label(ctx, i) {
    const t = this._tracks[i];
    const text = t.callsign ? `${t.id} ${t.callsign}` : t.id;
    const x = this._sx[i] + 14;
    const y = this._sy[i] - 12;
    ctx.font = "11px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(0, 0, 0, 0.85)";
    ctx.strokeText(text, x, y);
    ctx.fillStyle = colourFor(t);
    ctx.fillText(text, x, y);
  },
});
