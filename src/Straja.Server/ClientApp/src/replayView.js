// The replay bar over the map (docs/console.md, Replay): period, time slider, play/pause, speed,
// step and "Back to live". While replaying, a second track layer and its own alert marks take the
// live ones' place on the map and the header clock shows the replay instant; the live feed keeps
// running underneath, so going back to live is only a swap of layers. The playback rules are
// replayModel.js's; this module reads the wall clock, fetches and touches the DOM.

import * as L from "leaflet";
import { alertsToMark } from "./alertStore.js";
import * as fmt from "./format.js";
import { alertMarksLayer } from "./geoLayers.js";
import { sessionEnded } from "./login.js";
import { countConfirmed } from "./picture.js";
import { el } from "./registryDom.js";
import * as model from "./replayModel.js";
import { TrackLayer } from "./trackLayer.js";

const TICK_MS = 100;
const STEP_MS = 10_000;
const MAX_IN_FLIGHT = 2;
const RETRY_MS = 3000;
const MAX_ALERT_MARKS = 200;

/** GET a replay endpoint; a refusal carries the server's problem text (it names the parameter). */
async function getReplay(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (response.status === 401) sessionEnded();
  let body = null;
  try {
    body = await response.json();
  } catch {
    // reported below
  }
  if (!response.ok) throw new Error(body?.detail ? `${body.title}: ${body.detail}` : `GET ${path}: HTTP ${response.status}`);
  if (body === null) throw new Error(`GET ${path}: response is not JSON`);
  return body;
}

const q = (ms) => encodeURIComponent(new Date(ms).toISOString());

/**
 * Mounts the replay mode. `liveLayers` are taken off the map while replaying and put back after;
 * `clock` is the header's { root, utc, local } and `counts` its { tracks, confirmed } elements;
 * `onExit` lets the caller redraw the live header at once.
 */
export function mountReplay({ map, symbols, openButton, clock, counts, liveLayers, onExit }) {
  let trails = new Map();
  const layer = new TrackLayer(symbols, { get: (id) => trails.get(id) });
  const marks = L.layerGroup();
  const marker = el("span", { class: "replay-mark", "data-testid": "replay-mark", hidden: true }, "REPLAY");
  clock.root.prepend(marker);

  const ui = {
    from: el("input", { type: "datetime-local", step: "1", "data-testid": "replay-from", title: "Period start (UTC)" }),
    to: el("input", { type: "datetime-local", step: "1", "data-testid": "replay-to", title: "Period end (UTC)" }),
    load: el("button", { type: "button", "data-testid": "replay-load" }, "Load"),
    slider: el("input", { type: "range", min: "0", max: "0", step: "1", value: "0", class: "replay-slider", "data-testid": "replay-slider" }),
    play: el("button", { type: "button", class: "replay-play", "data-testid": "replay-play" }, "▶ Play"),
    back: el("button", { type: "button", "data-testid": "replay-step-back", title: "Back 10 s" }, "◀ 10 s"),
    forward: el("button", { type: "button", "data-testid": "replay-step-forward", title: "Forward 10 s" }, "10 s ▶"),
    speed: el("select", { "data-testid": "replay-speed", title: "Replay speed" },
      model.SPEEDS.map((s) => el("option", { value: String(s) }, `${s}×`))),
    time: el("span", { class: "replay-time", "data-testid": "replay-time" }, "--:--:--"),
    live: el("button", { type: "button", class: "replay-live", "data-testid": "replay-live" }, "Back to live"),
    status: el("span", { class: "replay-status", role: "status", "data-testid": "replay-status" }),
  };
  const bar = el("div", { class: "replay-bar", "data-testid": "replay-bar" },
    el("div", { class: "replay-row" },
      el("strong", { class: "replay-title" }, "REPLAY"),
      el("label", {}, "from ", ui.from), el("label", {}, "to ", ui.to, " UTC"), ui.load,
      el("span", { class: "replay-spacer" }), ui.live),
    el("div", { class: "replay-row" }, ui.back, ui.play, ui.forward, ui.speed, ui.slider, ui.time),
    ui.status);
  const Bar = L.Control.extend({
    onAdd: () => {
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.disableScrollPropagation(bar);
      return bar;
    },
  });
  const control = new Bar({ position: "bottomleft" });

  let active = false;
  let generation = 0; // answers for an earlier period are dropped
  let replay = null; // { clock, history, inFlight, failedAt }
  let frame = { tracks: [], trails: new Map() };
  let marksKey = "";
  let timer = 0;
  let dragging = false; // the slider follows the clock, except under the operator's hand

  const status = (text) => {
    ui.status.textContent = text;
  };

  async function open() {
    if (active) return;
    active = true;
    for (const l of liveLayers) l.remove();
    layer.addTo(map);
    marks.addTo(map);
    control.addTo(map);
    marker.hidden = false;
    clock.root.classList.add("replay");
    openButton.classList.add("active");
    timer = setInterval(tick, TICK_MS);
    status("finding the recorded period…");
    try {
      const period = model.defaultPeriod(await getReplay("/api/replay/range"));
      if (!active) return;
      if (period === null) {
        status("nothing has been recorded yet");
        return;
      }
      ui.from.value = model.toInputValue(period.fromMs);
      ui.to.value = model.toInputValue(period.toMs);
      load(period);
    } catch (e) {
      status(e.message);
    }
  }

  function load({ fromMs, toMs }) {
    const mine = ++generation;
    replay = { clock: model.newClock(fromMs, toMs), history: new model.ReplayHistory(fromMs), inFlight: new Set(), failedAt: new Map() };
    replay.clock = model.setSpeed(replay.clock, Number(ui.speed.value), performance.now());
    ui.slider.max = String(Math.round((toMs - fromMs) / 1000));
    marksKey = "";
    status("");
    getReplay(`/api/replay/alerts?from=${q(fromMs)}&to=${q(toMs)}`)
      .then((alerts) => mine === generation && replay.history.addAlerts(alerts))
      .catch((e) => mine === generation && status(`alerts: ${e.message}`));
    tick();
  }

  function exit() {
    if (!active) return;
    active = false;
    generation++;
    replay = null;
    clearInterval(timer);
    layer.remove();
    marks.clearLayers().remove();
    control.remove();
    for (const l of liveLayers) l.addTo(map);
    marker.hidden = true;
    clock.root.classList.remove("replay");
    openButton.classList.remove("active");
    onExit();
  }

  function fetchAhead(tMs, now) {
    const { clock: c, history, inFlight, failedAt } = replay;
    for (const [k, at] of failedAt) if (now - at > RETRY_MS) failedAt.delete(k);
    const have = new Set([...history.loaded, ...inFlight, ...failedAt.keys()]);
    const plan = model.planChunks({ fromMs: c.fromMs, toMs: c.toMs, tMs, speed: c.speed, have });
    const mine = generation;
    for (const chunk of plan.slice(0, Math.max(0, MAX_IN_FLIGHT - inFlight.size))) {
      inFlight.add(chunk.index);
      getReplay(`/api/replay/window?from=${q(chunk.fromMs)}&to=${q(chunk.toMs)}`)
        .then((window) => {
          if (mine !== generation) return;
          const skipped = replay.history.addWindow(chunk.index, window);
          if (window.truncated || skipped > 0) status(`window ${chunk.index}: ${window.truncated ? "cut at the server's point limit" : `${skipped} unusable points skipped`}`);
        })
        .catch((e) => {
          if (mine !== generation) return;
          replay.failedAt.set(chunk.index, performance.now());
          status(e.message);
        })
        .finally(() => {
          if (mine === generation) replay.inFlight.delete(chunk.index);
        });
    }
    const keep = model.keepRange(c.fromMs, tMs);
    history.keepOnly(keep.lo, keep.hi);
  }

  function tick() {
    if (!active || replay === null) return;
    const now = performance.now();
    if (replay.clock.playing && model.atEnd(replay.clock, now)) replay.clock = model.pause(replay.clock, now);
    const tMs = model.clockTime(replay.clock, now);
    fetchAhead(tMs, now);
    frame = replay.history.frameAt(tMs);
    trails = frame.trails;
    layer.setTracks(frame.tracks);
    const iso = new Date(tMs).toISOString();
    clock.utc.textContent = fmt.utcHms(iso);
    clock.local.textContent = fmt.localHms(iso);
    counts.tracks.textContent = String(frame.tracks.length);
    counts.confirmed.textContent = String(countConfirmed(frame.tracks));
    ui.time.textContent = `${iso.slice(0, 10)} ${fmt.utcHms(iso)} UTC`;
    if (!dragging) ui.slider.value = String(Math.round((tMs - replay.clock.fromMs) / 1000));
    ui.play.textContent = replay.clock.playing ? "❚❚ Pause" : "▶ Play";
    const toMark = alertsToMark(replay.history.alertsAt(tMs)).slice(0, MAX_ALERT_MARKS);
    const key = toMark.map((a) => a.id).join(",");
    if (key !== marksKey) {
      marksKey = key;
      marks.clearLayers().addLayer(alertMarksLayer(toMark, "alertMarks"));
    }
  }

  const change = (f) => () => {
    if (replay === null) return;
    replay.clock = f(replay.clock, performance.now());
    tick();
  };
  ui.play.addEventListener("click", change((c, now) => (c.playing ? model.pause(c, now) : model.play(c, now))));
  ui.back.addEventListener("click", change((c, now) => model.step(c, -STEP_MS, now)));
  ui.forward.addEventListener("click", change((c, now) => model.step(c, STEP_MS, now)));
  ui.speed.addEventListener("change", change((c, now) => model.setSpeed(c, Number(ui.speed.value), now)));
  ui.slider.addEventListener("pointerdown", () => {
    dragging = true;
  });
  window.addEventListener("pointerup", () => {
    dragging = false;
  });
  ui.slider.addEventListener("input", change((c, now) => model.seek(c, c.fromMs + Number(ui.slider.value) * 1000, now)));
  ui.load.addEventListener("click", () => {
    const period = model.parsePeriod(ui.from.value, ui.to.value);
    if (period.error) status(period.error);
    else load(period);
  });
  ui.live.addEventListener("click", exit);
  openButton.addEventListener("click", () => (active ? exit() : open()));

  return {
    active: () => active,
    /** Replay's track options follow the layer toggles, as the live layer's do. */
    setTrackOptions: (options) => layer.setOptions(options),
    /** The replayed track under a map point, for selection while replaying. */
    hitTest: (point) => layer.hitTest(point),
    setSelected: (id) => layer.setSelected(id),
    // Hooks for the browser test.
    hooks: {
      active: () => active,
      time: () => (replay === null ? null : new Date(model.clockTime(replay.clock, performance.now())).toISOString()),
      period: () => (replay === null ? null : { from: new Date(replay.clock.fromMs).toISOString(), to: new Date(replay.clock.toMs).toISOString() }),
      playing: () => replay?.clock.playing ?? false,
      speed: () => replay?.clock.speed ?? null,
      tracks: () => frame.tracks,
      drawStats: () => layer.stats(),
      open,
      exit,
    },
  };
}
