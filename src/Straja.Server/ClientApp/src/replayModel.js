// Replay playback, pure: the replay clock (a replay instant that advances at a chosen speed while
// playing), which windows of history to fetch around the playhead, and the picture at a replay
// instant, interpolated from the recorded points (about one per track per second). Every reading
// of the wall clock is an argument, so the rules can be tested; the DOM is in replayView.js.

import { mercatorX, mercatorY } from "./projection.js";

export const SPEEDS = Object.freeze([1, 2, 5, 10, 30, 60]);
/** One fetched window of history. The server serves at most 10 minutes at once. */
export const CHUNK_MS = 60_000;
/** Points further apart than this are a gap in the track (not seen), not a segment to interpolate. */
export const MAX_GAP_MS = 20_000;
/** A track stays at its last point this long: its next point is usually a second or two away. */
export const HOLD_MS = 2_000;
/** Trails are the last minute of a track, as in the live picture. */
export const TRAIL_MS = 60_000;
/** The period the replay bar opens on: the last quarter of an hour recorded. */
export const DEFAULT_PERIOD_MS = 15 * 60_000;
/** The longest period replayed at once: its alerts and reports come in one request each. */
export const MAX_PERIOD_MS = 24 * 3600_000;
/** Fetch this much wall time of playback ahead of the playhead, at least one chunk. */
export const AHEAD_WALL_MS = 10_000;

const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

// --- the clock ---------------------------------------------------------------------------------

/** A paused clock at the start of [fromMs, toMs] at 1×. */
export function newClock(fromMs, toMs) {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs < fromMs) {
    throw new RangeError(`replay period: ${fromMs}..${toMs} is not a period`);
  }
  return Object.freeze({ fromMs, toMs, speed: 1, playing: false, anchorMs: fromMs, anchorWallMs: 0 });
}

/** The replay instant at wall time `wallMs`: it stops at the end of the period. */
export function clockTime(clock, wallMs) {
  const run = clock.playing ? (wallMs - clock.anchorWallMs) * clock.speed : 0;
  return clamp(clock.anchorMs + run, clock.fromMs, clock.toMs);
}

/** Whether playing has run into the end of the period (the view then shows it paused). */
export function atEnd(clock, wallMs) {
  return clockTime(clock, wallMs) >= clock.toMs;
}

const anchored = (clock, wallMs, changes) =>
  Object.freeze({ ...clock, anchorMs: clockTime(clock, wallMs), anchorWallMs: wallMs, ...changes });

/** Plays from where it stands; from the start again when it stood at the end. */
export function play(clock, wallMs) {
  const next = anchored(clock, wallMs, { playing: true });
  return next.anchorMs >= clock.toMs ? Object.freeze({ ...next, anchorMs: clock.fromMs }) : next;
}

export function pause(clock, wallMs) {
  return anchored(clock, wallMs, { playing: false });
}

/** Moves the playhead to `tMs` (clamped to the period), playing on if it was playing. */
export function seek(clock, tMs, wallMs) {
  if (!Number.isFinite(tMs)) throw new RangeError(`seek: ${tMs} is not an instant`);
  return Object.freeze({ ...clock, anchorMs: clamp(tMs, clock.fromMs, clock.toMs), anchorWallMs: wallMs });
}

export function setSpeed(clock, speed, wallMs) {
  if (!SPEEDS.includes(speed)) throw new RangeError(`speed: ${speed} is not one of ${SPEEDS.join(", ")}`);
  return anchored(clock, wallMs, { speed });
}

/** Pauses and moves by `deltaMs` (negative steps back). */
export function step(clock, deltaMs, wallMs) {
  const paused = pause(clock, wallMs);
  return seek(paused, paused.anchorMs + deltaMs, wallMs);
}

// --- which windows to fetch ------------------------------------------------------------------

/** The chunk holding `tMs`: chunks are CHUNK_MS long, counted from the period's start. */
export function chunkIndex(fromMs, tMs, chunkMs = CHUNK_MS) {
  return Math.floor((tMs - fromMs) / chunkMs);
}

/** The span of chunk `index`, cut at the end of the period. */
export function chunkSpan(fromMs, toMs, index, chunkMs = CHUNK_MS) {
  return { index, fromMs: fromMs + index * chunkMs, toMs: Math.min(toMs, fromMs + (index + 1) * chunkMs) };
}

/**
 * The chunks to fetch now: those covering the minute of trail behind the playhead and the next
 * AHEAD_WALL_MS of playback at `speed` ahead of it, not already loaded or on their way (`have`),
 * the playhead's own chunk first, then ahead nearest first, then behind.
 */
export function planChunks({ fromMs, toMs, tMs, speed, have, chunkMs = CHUNK_MS, aheadWallMs = AHEAD_WALL_MS }) {
  const last = Math.max(1, Math.ceil((toMs - fromMs) / chunkMs)) - 1;
  const here = clamp(chunkIndex(fromMs, tMs, chunkMs), 0, last);
  const ahead = Math.max(chunkMs, speed * aheadWallMs);
  const hi = clamp(chunkIndex(fromMs, tMs + ahead, chunkMs), 0, last);
  const lo = clamp(chunkIndex(fromMs, tMs - TRAIL_MS - MAX_GAP_MS, chunkMs), 0, last);
  const order = [here];
  for (let k = here + 1; k <= hi; k++) order.push(k);
  for (let k = here - 1; k >= lo; k--) order.push(k);
  return order.filter((k) => !have.has(k)).map((k) => chunkSpan(fromMs, toMs, k, chunkMs));
}

/** The chunk indices worth keeping around the playhead; the rest may be dropped to bound memory. */
export function keepRange(fromMs, tMs, chunkMs = CHUNK_MS) {
  return {
    lo: chunkIndex(fromMs, tMs - TRAIL_MS - MAX_GAP_MS, chunkMs) - 1,
    hi: chunkIndex(fromMs, tMs + 60 * AHEAD_WALL_MS, chunkMs) + 1,
  };
}

// --- the picture at an instant ---------------------------------------------------------------

/** A recorded point as the window API sends it, or null when it lacks what drawing needs. */
export function parsePoint(p) {
  const t = Date.parse(p?.t ?? "");
  if (typeof p?.id !== "string" || p.id === "" || Number.isNaN(t) || !Number.isFinite(p.lat) || !Number.isFinite(p.lon)) {
    return null;
  }
  return {
    id: p.id,
    t,
    lat: p.lat,
    lon: p.lon,
    alt: Number.isFinite(p.alt) ? p.alt : NaN,
    speed: Number.isFinite(p.speed) ? p.speed : NaN,
    heading: Number.isFinite(p.heading) ? p.heading : NaN,
    class: typeof p.class === "string" ? p.class : "unknown",
    identity: typeof p.identity === "string" ? p.identity : "unknown",
    // Only an explicit false is tentative: points recorded before the flag was kept carry true.
    confirmed: p.confirmed !== false,
  };
}

/** The index of the last point at or before `tMs` in time-ordered `points`, or -1. */
function lastAtOrBefore(points, tMs) {
  let lo = 0;
  let hi = points.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].t <= tMs) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

const lerp = (a, b, f) => a + (b - a) * f;

function lerpDeg(a, b, f) {
  const d = ((((b - a) % 360) + 540) % 360) - 180; // the short way round
  return (((a + d * f) % 360) + 360) % 360;
}

/**
 * A track's state at `tMs` from its time-ordered points: interpolated between the points either
 * side when they are at most MAX_GAP_MS apart, held at the last point for HOLD_MS, otherwise null
 * (the track did not exist then, or was not seen). Class and identity are those of the earlier
 * point: what the picture knew at that instant.
 */
export function stateAt(points, tMs) {
  const i = lastAtOrBefore(points, tMs);
  if (i < 0) return null;
  const p = points[i];
  const q = points[i + 1];
  if (q !== undefined && q.t - p.t <= MAX_GAP_MS && q.t > p.t) {
    const f = (tMs - p.t) / (q.t - p.t);
    return {
      ...p,
      lat: lerp(p.lat, q.lat, f),
      lon: lerp(p.lon, q.lon, f),
      alt: lerp(p.alt, q.alt, f),
      speed: lerp(p.speed, q.speed, f),
      heading: Number.isFinite(p.heading) && Number.isFinite(q.heading) ? lerpDeg(p.heading, q.heading, f) : p.heading,
    };
  }
  return tMs - p.t <= HOLD_MS ? p : null;
}

/** A state as the track layer draws it (the live feed's track fields). */
export function toTrack(s, tMs) {
  const rad = (s.heading * Math.PI) / 180;
  return {
    id: s.id,
    lat: s.lat,
    lon: s.lon,
    altM: s.alt,
    speedMps: s.speed,
    headingDeg: s.heading,
    vEastMps: s.speed * Math.sin(rad),
    vNorthMps: s.speed * Math.cos(rad),
    class: s.class,
    identity: s.identity,
    // As the picture knew it at the earlier point: tentative ones are drawn as live draws them.
    status: s.confirmed === false ? "tentative" : "confirmed",
    lastUpdate: new Date(tMs).toISOString(),
    // The recorded point the state comes from (the earlier one when interpolated), for the detail panel.
    recordedAt: new Date(s.t).toISOString(),
  };
}

/** The points of a recorded path (GET /api/tracks/{id}/history) that fall within [fromMs, toMs]. */
export function pathInPeriod(points, fromMs, toMs) {
  return (Array.isArray(points) ? points : []).filter((p) => {
    const t = Date.parse(p?.time ?? "");
    return t >= fromMs && t <= toMs && Number.isFinite(p.lat) && Number.isFinite(p.lon);
  });
}

// --- field reports at an instant ------------------------------------------------------------

/** How far ahead of the picture a report's time may be and still show: the server's ObservationOptions.ClockSkew. */
export const REPORT_CLOCK_SKEW_MS = 60_000;

/**
 * The field reports (GET /api/replay/reports: observations) that were in the picture at `tMs`, as
 * the live picture ages them (docs/operations.md): from their time (a minute early for a phone's
 * clock) until `expiresAt`, newest first; each linked to its matched track when that track is in
 * the replayed picture (`trackIds`), as the live picture links them.
 */
export function reportsAt(reports, tMs, trackIds) {
  const out = [];
  for (const o of Array.isArray(reports) ? reports : []) {
    const t = Date.parse(o?.time ?? "");
    const expires = Date.parse(o?.expiresAt ?? "");
    if (Number.isNaN(t) || Number.isNaN(expires) || t - REPORT_CLOCK_SKEW_MS > tMs || tMs >= expires) continue;
    const m = o.bestMatch;
    const matched = (m?.kind === "track" || m?.kind === "aircraft") && trackIds.has(m.trackId) ? m.trackId : null;
    out.push({ ...o, linkedTrackId: matched });
  }
  return out.sort((a, b) => Date.parse(b.time) - Date.parse(a.time) || String(a.reportId).localeCompare(String(b.reportId)));
}

/**
 * What has been fetched of one replay period: points by chunk and track, and the alerts of the
 * period. Chunks are kept apart so that dropping old ones is cheap.
 */
export class ReplayHistory {
  #fromMs;
  #chunkMs;
  #chunks = new Map(); // chunk index -> Map(track id -> points in time order)
  #alerts = new Map(); // alert id -> alert

  constructor(fromMs, chunkMs = CHUNK_MS) {
    this.#fromMs = fromMs;
    this.#chunkMs = chunkMs;
  }

  /** Adds chunk `index` from a window answer; returns how many points were unusable and skipped. */
  addWindow(index, window) {
    const byTrack = new Map();
    let skipped = 0;
    for (const raw of Array.isArray(window?.points) ? window.points : []) {
      const p = parsePoint(raw);
      if (p === null) {
        skipped++;
        continue;
      }
      let list = byTrack.get(p.id);
      if (list === undefined) byTrack.set(p.id, (list = []));
      list.push(p);
    }
    for (const list of byTrack.values()) list.sort((a, b) => a.t - b.t);
    this.#chunks.set(index, byTrack);
    this.addAlerts(window?.alerts);
    return skipped;
  }

  addAlerts(alerts) {
    for (const a of Array.isArray(alerts) ? alerts : []) {
      if (typeof a?.id === "string" && !Number.isNaN(Date.parse(a.time ?? ""))) this.#alerts.set(a.id, a);
    }
  }

  has(index) {
    return this.#chunks.has(index);
  }

  get loaded() {
    return new Set(this.#chunks.keys());
  }

  /** Drops the chunks outside [lo, hi]. */
  keepOnly(lo, hi) {
    for (const k of [...this.#chunks.keys()]) if (k < lo || k > hi) this.#chunks.delete(k);
  }

  /** Each track's points from the loaded chunks lo..hi, in time order (a point on a chunk boundary once). */
  #pointsBetween(lo, hi) {
    const tracks = new Map();
    for (let k = lo; k <= hi; k++) {
      const chunk = this.#chunks.get(k);
      if (chunk === undefined) continue;
      for (const [id, points] of chunk) {
        let list = tracks.get(id);
        if (list === undefined) tracks.set(id, (list = []));
        for (const p of points) if (list.length === 0 || p.t > list[list.length - 1].t) list.push(p);
      }
    }
    return tracks;
  }

  /**
   * The picture at `tMs`: the tracks that existed then (see stateAt), in the live feed's shape,
   * and each one's trail (its last TRAIL_MS of points and where it is now, projected as the
   * track layer wants them), ordered by track id so the drawing order does not flicker.
   */
  frameAt(tMs) {
    const index = (t) => chunkIndex(this.#fromMs, t, this.#chunkMs);
    const tracks = [];
    const trails = new Map();
    const around = this.#pointsBetween(index(tMs - TRAIL_MS - MAX_GAP_MS), index(tMs + MAX_GAP_MS));
    const ids = [...around.keys()].sort();
    for (const id of ids) {
      const points = around.get(id);
      const s = stateAt(points, tMs);
      if (s === null) continue;
      tracks.push(toTrack(s, tMs));
      const xs = [];
      const ys = [];
      for (const p of points) {
        if (p.t > tMs) break;
        if (p.t < tMs - TRAIL_MS) continue;
        xs.push(mercatorX(p.lon));
        ys.push(mercatorY(p.lat));
      }
      xs.push(mercatorX(s.lon));
      ys.push(mercatorY(s.lat));
      trails.set(id, { xs, ys });
    }
    return { tracks, trails };
  }

  /**
   * The alerts raised at or before `tMs`, newest first, each as it stood then: acknowledged only if
   * its acknowledgement came by `tMs`, so the marks are those an operator saw at that instant.
   */
  alertsAt(tMs) {
    const out = [];
    for (const a of this.#alerts.values()) {
      if (Date.parse(a.time) > tMs) continue;
      const ackMs = Date.parse(a.acknowledgedAt ?? "");
      out.push({ ...a, acknowledged: Boolean(a.acknowledged) && !Number.isNaN(ackMs) && ackMs <= tMs });
    }
    return out.sort((a, b) => Date.parse(b.time) - Date.parse(a.time) || String(b.id).localeCompare(String(a.id)));
  }
}

// --- the period ------------------------------------------------------------------------------

/** The period the bar opens on: the last DEFAULT_PERIOD_MS of the recorded range, or null if nothing is recorded. */
export function defaultPeriod(range) {
  const first = Date.parse(range?.first ?? "");
  const last = Date.parse(range?.last ?? "");
  if (Number.isNaN(first) || Number.isNaN(last)) return null;
  return { fromMs: Math.max(first, last - DEFAULT_PERIOD_MS), toMs: last };
}

const pad2 = (n) => String(n).padStart(2, "0");

/** A UTC instant as a datetime-local input value ("2026-11-27T14:05:09"). */
export function toInputValue(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** The inputs' period, read as UTC; a refusal names the field. Periods over a day are refused (alerts are fetched for the whole period). */
export function parsePeriod(fromText, toText) {
  const read = (text) => (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text ?? "") ? Date.parse(`${text}Z`) : NaN);
  const fromMs = read(fromText);
  const toMs = read(toText);
  if (Number.isNaN(fromMs)) return { error: `from: "${fromText ?? ""}" is not a date and time (UTC)` };
  if (Number.isNaN(toMs)) return { error: `to: "${toText ?? ""}" is not a date and time (UTC)` };
  if (toMs <= fromMs) return { error: "to: must be after from" };
  if (toMs - fromMs > MAX_PERIOD_MS) return { error: "to: a replay period is at most 24 hours" };
  return { fromMs, toMs };
}
