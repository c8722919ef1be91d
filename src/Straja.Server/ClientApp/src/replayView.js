// The replay bar over the map (docs/console.md, Replay): period, time slider, play/pause, speed,
// step, share link and "Back to live". While replaying, a second track layer, its own alert marks
// and its own field reports take the live ones' place on the map, the header clock shows the
// replay instant and the detail panel a replayed track's recorded state; the live feed keeps
// running underneath, so going back to live is only a swap of layers. The playback rules are
// replayModel.js's and the link's replayLink.js's; this module reads the wall clock, fetches and
// touches the DOM.

import * as L from "leaflet";
import { alertsToMark } from "./alertStore.js";
import * as fmt from "./format.js";
import { renderDetail } from "./detailView.js";
import { FieldReportsView } from "./fieldReportsView.js";
import { alertMarksLayer } from "./geoLayers.js";
import { sessionEnded } from "./login.js";
import { countConfirmed } from "./picture.js";
import { el } from "./registryDom.js";
import { parseReplayHash, replayHash } from "./replayLink.js";
import * as model from "./replayModel.js";
import { TrackLayer } from "./trackLayer.js";

const TICK_MS = 100;
const STEP_MS = 10_000;
const MAX_IN_FLIGHT = 2;
const RETRY_MS = 3000;
const MAX_ALERT_MARKS = 200;
const MAX_PATH_POINTS = 86_400; // a day of one point a second: the longest period

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

/** Whether a key press belongs to a text field or list the operator is typing in, not to the replay keys. */
const typing = (target) => target instanceof Element && (target.closest("input, select, textarea, [contenteditable]") !== null);

/**
 * Mounts the replay mode. `liveLayers` are taken off the map while replaying and those that were
 * on it put back after (`liveReports` among them: replay shows its own reports when that one was
 * shown); `clock` is the header's { root, utc, local }, `counts` its { tracks, confirmed } elements
 * and `detail` the detail panel; `onExit` lets the caller redraw the live header and detail at once.
 */
export function mountReplay({ map, symbols, openButton, clock, counts, detail, liveLayers, liveReports, onExit }) {
  let trails = new Map();
  const layer = new TrackLayer(symbols, { get: (id) => trails.get(id) });
  const marks = L.layerGroup();
  const reportsLayer = L.layerGroup();
  const reports = new FieldReportsView({ map, layer: reportsLayer, list: null, onSelectTrack: (id) => select(id) });
  let restore = new Set(); // the live layers that were on the map when replay opened
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
    share: el("button", { type: "button", "data-testid": "replay-share", title: "Put this moment in the address bar and copy the link" }, "Link"),
    status: el("span", { class: "replay-status", role: "status", "data-testid": "replay-status" }),
  };
  const bar = el("div", { class: "replay-bar", "data-testid": "replay-bar" },
    el("div", { class: "replay-row" },
      el("strong", { class: "replay-title" }, "REPLAY"),
      el("label", {}, "from ", ui.from), el("label", {}, "to ", ui.to, " UTC"), ui.load,
      el("span", { class: "replay-spacer" }), ui.share, ui.live),
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
  let replay = null; // { clock, history, reports, inFlight, failedAt }
  let frame = { tracks: [], trails: new Map() };
  let selectedId = null;
  let detailKey = ""; // the detail is redrawn when the instant or the selection changes
  let linkKey = ""; // the hash last written, so it is not rewritten every tick
  let pathRequest = 0;
  let pathPoints = 0; // how many points of the selected track's recorded path are drawn
  let marksKey = "";
  let timer = 0;
  let dragging = false; // the slider follows the clock, except under the operator's hand

  const status = (text) => {
    ui.status.textContent = text;
  };

  /** Opens replay: at `start` ({ fromMs, toMs, tMs }, from a share link) or on the last quarter of an hour recorded. */
  async function open(start = null) {
    if (active) {
      if (start !== null) load(start, start.tMs);
      return;
    }
    active = true;
    restore = new Set(liveLayers.filter((l) => map.hasLayer(l)));
    for (const l of liveLayers) l.remove();
    layer.addTo(map);
    marks.addTo(map);
    if (restore.has(liveReports)) reportsLayer.addTo(map);
    control.addTo(map);
    marker.hidden = false;
    clock.root.classList.add("replay");
    openButton.classList.add("active");
    timer = setInterval(tick, TICK_MS);
    select(null);
    if (start !== null) {
      load(start, start.tMs);
      return;
    }
    status("finding the recorded period…");
    try {
      const period = model.defaultPeriod(await getReplay("/api/replay/range"));
      if (!active) return;
      if (period === null) {
        status("nothing has been recorded yet");
        return;
      }
      load(period);
    } catch (e) {
      status(e.message);
    }
  }

  function load({ fromMs, toMs }, tMs = fromMs) {
    const mine = ++generation;
    const now = performance.now();
    replay = { clock: model.newClock(fromMs, toMs), history: new model.ReplayHistory(fromMs), reports: [], inFlight: new Set(), failedAt: new Map() };
    replay.clock = model.seek(model.setSpeed(replay.clock, Number(ui.speed.value), now), tMs, now);
    ui.from.value = model.toInputValue(fromMs);
    ui.to.value = model.toInputValue(toMs);
    ui.slider.max = String(Math.round((toMs - fromMs) / 1000));
    marksKey = "";
    detailKey = "";
    status("");
    getReplay(`/api/replay/alerts?from=${q(fromMs)}&to=${q(toMs)}`)
      .then((alerts) => mine === generation && replay.history.addAlerts(alerts))
      .catch((e) => mine === generation && status(`alerts: ${e.message}`));
    getReplay(`/api/replay/reports?from=${q(fromMs)}&to=${q(toMs)}`)
      .then((list) => {
        if (mine === generation) replay.reports = Array.isArray(list) ? list : [];
      })
      .catch((e) => mine === generation && status(`field reports: ${e.message}`));
    if (selectedId !== null) showPath(selectedId);
    tick();
  }

  function exit() {
    if (!active) return;
    active = false;
    generation++;
    replay = null;
    selectedId = null;
    clearInterval(timer);
    layer.remove();
    marks.clearLayers().remove();
    reports.update([], []);
    reportsLayer.remove();
    control.remove();
    for (const l of restore) l.addTo(map);
    marker.hidden = true;
    clock.root.classList.remove("replay");
    openButton.classList.remove("active");
    // The link named the replay; live, the address names the map again (unless another page is showing).
    if (parseReplayHash(window.location.hash) !== null) history.replaceState(null, "", "#/");
    linkKey = "";
    onExit();
  }

  /** Selects a replayed track (null clears): ringed, its recorded path in the period drawn, its state in the detail panel. */
  function select(id) {
    selectedId = id;
    pathPoints = 0;
    layer.setSelected(id);
    detailKey = "";
    if (id !== null && replay !== null) showPath(id);
    if (active) showDetail(replay === null ? null : model.clockTime(replay.clock, performance.now()));
  }

  function showPath(id) {
    const request = ++pathRequest;
    const { fromMs, toMs } = replay.clock;
    getReplay(`/api/tracks/${encodeURIComponent(id)}/history?limit=${MAX_PATH_POINTS}`)
      .then((points) => {
        if (request !== pathRequest || !active || id !== selectedId) return;
        const path = model.pathInPeriod(points, fromMs, toMs);
        pathPoints = path.length;
        layer.setHistory(id, path);
      })
      .catch((e) => request === pathRequest && status(`recorded path of ${id}: ${e.message}`));
  }

  function showDetail(tMs) {
    const at = tMs === null ? "—" : new Date(tMs).toISOString(); // "—": no period loaded yet
    renderDetail(detail, selectedId, frame.tracks.find((t) => t.id === selectedId), null, { replayAt: at });
    const corroboration = selectedId === null ? null : reports.corroborationFor(selectedId);
    if (corroboration) detail.append(corroboration);
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
    const ids = new Set(frame.tracks.map((t) => t.id));
    reports.update(model.reportsAt(replay.reports, tMs, ids), frame.tracks);
    const shown = `${selectedId}@${Math.floor(tMs / 1000)}`;
    if (shown !== detailKey) {
      detailKey = shown;
      showDetail(tMs);
    }
    // The address follows the replay while it stands still, so it can be copied as it is; not
    // while playing (a history write ten times a second is throttled by the browser).
    if (!replay.clock.playing) writeLink(tMs);
  }

  function writeLink(tMs) {
    const hash = replayHash({ fromMs: replay.clock.fromMs, toMs: replay.clock.toMs, tMs });
    if (hash === linkKey) return hash;
    linkKey = hash;
    // Only while the map is showing: another page's hash is not replay's to rewrite.
    const here = window.location.hash;
    if (here === "" || here === "#" || here === "#/" || parseReplayHash(here) !== null) history.replaceState(null, "", hash);
    return hash;
  }

  /** Follows a share link opened in this tab (typed or pasted: a hashchange), or at start. */
  function followLink() {
    const link = parseReplayHash(window.location.hash);
    if (link === null) return;
    if (link.error) {
      if (!active) open().then(() => status(link.error));
      else status(link.error);
      return;
    }
    if (active && replay !== null && linkKey === window.location.hash) return; // our own
    linkKey = window.location.hash;
    open(link);
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
  ui.share.addEventListener("click", async () => {
    if (replay === null) return;
    const hash = writeLink(model.clockTime(replay.clock, performance.now()));
    const url = `${window.location.origin}${window.location.pathname}${hash}`;
    try {
      await navigator.clipboard.writeText(url);
      status(`link to this moment copied: ${url}`);
    } catch {
      status(`link to this moment: ${url}`);
    }
  });
  openButton.addEventListener("click", () => (active ? exit() : open()));

  // Space plays or pauses, ← and → step 10 s, while the bar is showing and no text field has the keys.
  // Captured before the map sees them: its own arrow keys would pan it as well.
  document.addEventListener("keydown", (e) => {
    if (!active || replay === null || e.altKey || e.ctrlKey || e.metaKey || typing(e.target) || bar.offsetParent === null) return;
    const act = { " ": (c, now) => (c.playing ? model.pause(c, now) : model.play(c, now)),
      ArrowLeft: (c, now) => model.step(c, -STEP_MS, now),
      ArrowRight: (c, now) => model.step(c, STEP_MS, now) }[e.key];
    if (act === undefined) return;
    // Also keeps a focused button from taking the space as a click, and the map from panning.
    e.preventDefault();
    e.stopPropagation();
    change(act)();
  }, true);
  window.addEventListener("hashchange", followLink);
  queueMicrotask(followLink);

  return {
    active: () => active,
    /** Replay's track options follow the layer toggles, as the live layer's do. */
    setTrackOptions: (options) => layer.setOptions(options),
    /** The replayed track under a map point, for selection while replaying. */
    hitTest: (point) => layer.hitTest(point),
    select,
    /**
     * A layer toggle while replaying: a live layer replay holds off the map is put back on Back to
     * live only if its box is then ticked (the reports toggle shows or hides replay's reports at
     * once). False when replay is not holding it, so the caller toggles it as usual.
     */
    toggleLive: (liveLayer, shown) => {
      if (!active || !liveLayers.includes(liveLayer)) return false;
      if (shown) restore.add(liveLayer);
      else restore.delete(liveLayer);
      if (liveLayer === liveReports) {
        if (shown) reportsLayer.addTo(map);
        else reportsLayer.remove();
      }
      return true;
    },
    // Hooks for the browser test.
    hooks: {
      active: () => active,
      time: () => (replay === null ? null : new Date(model.clockTime(replay.clock, performance.now())).toISOString()),
      period: () => (replay === null ? null : { from: new Date(replay.clock.fromMs).toISOString(), to: new Date(replay.clock.toMs).toISOString() }),
      playing: () => replay?.clock.playing ?? false,
      speed: () => replay?.clock.speed ?? null,
      tracks: () => frame.tracks,
      selected: () => selectedId,
      pathPoints: () => pathPoints,
      reports: () => reports.observations,
      drawStats: () => layer.stats(),
      open,
      exit,
    },
  };
}
