import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CHUNK_MS,
  HOLD_MS,
  MAX_GAP_MS,
  ReplayHistory,
  SPEEDS,
  TRAIL_MS,
  atEnd,
  chunkSpan,
  clockTime,
  defaultPeriod,
  newClock,
  parsePeriod,
  pause,
  planChunks,
  play,
  seek,
  setSpeed,
  stateAt,
  step,
  toInputValue,
} from "../src/replayModel.js";
import { mercatorX } from "../src/projection.js";

const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
const iso = (ms) => new Date(ms).toISOString();
const s = (n) => n * 1000;

// --- clock -----------------------------------------------------------------------------------

test("A new clock is paused at the start of its period and does not move with the wall clock", () => {
  const c = newClock(T0, T0 + s(600));
  assert.equal(clockTime(c, 0), T0);
  assert.equal(clockTime(c, 5000), T0);
});

test("Playing at 60x advances one replay minute per wall second, and pausing holds the instant", () => {
  let c = setSpeed(newClock(T0, T0 + s(900)), 60, 1000);
  c = play(c, 1000);
  assert.equal(clockTime(c, 2000), T0 + s(60));
  assert.equal(clockTime(c, 3500), T0 + s(150));
  c = pause(c, 3500);
  assert.equal(clockTime(c, 99_000), T0 + s(150));
});

test("Changing speed while playing keeps the instant reached and runs on at the new speed", () => {
  let c = play(newClock(T0, T0 + s(900)), 0);
  c = setSpeed(c, 10, 2000); // 2 s at 1x
  assert.equal(clockTime(c, 2000), T0 + s(2));
  assert.equal(clockTime(c, 3000), T0 + s(12));
});

test("Only the offered speeds are accepted", () => {
  assert.deepEqual(SPEEDS, [1, 2, 5, 10, 30, 60]);
  assert.throws(() => setSpeed(newClock(T0, T0 + 1), 3, 0), /speed: 3/);
});

test("The clock stops at the end of the period, and playing again starts over", () => {
  let c = play(setSpeed(newClock(T0, T0 + s(60)), 60, 0), 0);
  assert.equal(clockTime(c, 5000), T0 + s(60));
  assert.ok(atEnd(c, 5000));
  c = play(pause(c, 5000), 5000);
  assert.equal(clockTime(c, 5000), T0);
});

test("Seeking clamps to the period and keeps playing if it was playing", () => {
  let c = play(newClock(T0, T0 + s(600)), 0);
  c = seek(c, T0 + s(300), 1000);
  assert.equal(clockTime(c, 2000), T0 + s(301));
  assert.equal(clockTime(seek(c, T0 - s(50), 0), 0), T0);
  assert.equal(clockTime(seek(c, T0 + s(5000), 0), 0), T0 + s(600));
  assert.throws(() => seek(c, NaN, 0), /seek/);
});

test("A step pauses and moves by the step either way", () => {
  let c = play(newClock(T0, T0 + s(600)), 0);
  c = step(c, s(10), 5000); // playing 5 s, then +10 s
  assert.equal(c.playing, false);
  assert.equal(clockTime(c, 60_000), T0 + s(15));
  assert.equal(clockTime(step(c, -s(10), 0), 0), T0 + s(5));
});

// --- chunk planning ----------------------------------------------------------------------------

test("At the start, the playhead's chunk comes first, then the chunks ahead; nothing before the period", () => {
  const plan = planChunks({ fromMs: T0, toMs: T0 + s(900), tMs: T0, speed: 1, have: new Set() });
  assert.deepEqual(plan.map((c) => c.index), [0, 1]);
  assert.deepEqual(plan[0], { index: 0, fromMs: T0, toMs: T0 + CHUNK_MS });
});

test("At 60x the plan reaches ten minutes of replay ahead, and keeps the trail's chunk behind", () => {
  const plan = planChunks({ fromMs: T0, toMs: T0 + s(3600), tMs: T0 + s(300), speed: 60, have: new Set() });
  const ahead = plan.filter((c) => c.index > 5).map((c) => c.index);
  assert.deepEqual(ahead, [6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  assert.equal(plan[0].index, 5);
  assert.ok(plan.some((c) => c.index === 4), "the chunk holding the last minute of trail");
  assert.ok(plan.some((c) => c.index === 3), "and the gap allowance before it");
});

test("Chunks already loaded or on their way are not planned again, and the last chunk ends with the period", () => {
  const plan = planChunks({ fromMs: T0, toMs: T0 + s(150), tMs: T0 + s(100), speed: 1, have: new Set([0, 1]) });
  assert.deepEqual(plan, [{ index: 2, fromMs: T0 + s(120), toMs: T0 + s(150) }]);
  assert.deepEqual(chunkSpan(T0, T0 + s(150), 2), { index: 2, fromMs: T0 + s(120), toMs: T0 + s(150) });
});

test("Every planned chunk is within the period and no longer than the server's ten-minute window", () => {
  for (let i = 0; i < 200; i++) {
    const length = 1 + Math.floor(((i * 7919) % 7200) * 1000);
    const tMs = T0 + ((i * 104729) % (length + 1));
    const speed = SPEEDS[i % SPEEDS.length];
    for (const c of planChunks({ fromMs: T0, toMs: T0 + length, tMs, speed, have: new Set() })) {
      assert.ok(c.fromMs >= T0 && c.toMs <= T0 + length && c.fromMs <= c.toMs, JSON.stringify(c));
      assert.ok(c.toMs - c.fromMs <= 10 * 60_000);
    }
  }
});

// --- the picture at an instant -----------------------------------------------------------------

const pt = (id, sec, lon, extra = {}) => ({ id, t: T0 + s(sec), lat: 45.2, lon, alt: 100, speed: 10, heading: 90, class: "multirotor", identity: "unknown", ...extra });

test("A track is interpolated between its recorded points", () => {
  const points = [pt("T1", 0, 28.0), pt("T1", 2, 28.2, { alt: 200, heading: 110 })];
  const at = stateAt(points, T0 + s(0.5));
  assert.ok(Math.abs(at.lon - 28.05) < 1e-12);
  assert.equal(at.alt, 125);
  assert.equal(at.heading, 95);
});

test("Heading is interpolated the short way round north", () => {
  const points = [pt("T1", 0, 28.0, { heading: 350 }), pt("T1", 1, 28.1, { heading: 10 })];
  assert.ok(Math.abs(stateAt(points, T0 + s(0.5)).heading - 0) < 1e-9 || Math.abs(stateAt(points, T0 + s(0.5)).heading - 360) < 1e-9);
});

test("A track does not exist before its first point, is held briefly after its last, then is gone", () => {
  const points = [pt("T1", 10, 28.0), pt("T1", 11, 28.1)];
  assert.equal(stateAt(points, T0 + s(9.9)), null);
  assert.equal(stateAt(points, T0 + s(11) + HOLD_MS).lon, 28.1);
  assert.equal(stateAt(points, T0 + s(11) + HOLD_MS + 1), null);
});

test("Across a gap longer than MAX_GAP_MS the track is not drawn (it was not seen)", () => {
  const gap = MAX_GAP_MS / 1000 + 5;
  const points = [pt("T1", 0, 28.0), pt("T1", gap, 28.5)];
  assert.equal(stateAt(points, T0 + s(gap / 2)), null);
  assert.equal(stateAt(points, T0 + s(gap)).lon, 28.5);
});

function history(points, alerts = []) {
  const h = new ReplayHistory(T0);
  const byChunk = new Map();
  for (const p of points) {
    const k = Math.floor((p.t - T0) / CHUNK_MS);
    if (!byChunk.has(k)) byChunk.set(k, []);
    byChunk.get(k).push({ ...p, t: iso(p.t) });
  }
  for (const [k, list] of byChunk) h.addWindow(k, { points: list, alerts });
  return h;
}

test("The frame at an instant holds the tracks that existed then, in the live feed's shape", () => {
  const h = history([pt("T2", 0, 28.0), pt("T2", 1, 28.1), pt("T1", 5, 29.0), pt("T1", 6, 29.1)]);
  const early = h.frameAt(T0 + s(0.5));
  assert.deepEqual(early.tracks.map((t) => t.id), ["T2"]);
  const later = h.frameAt(T0 + s(5.5));
  assert.deepEqual(later.tracks.map((t) => t.id), ["T1"]);
  const t1 = later.tracks[0];
  assert.equal(t1.status, "confirmed");
  assert.equal(t1.class, "multirotor");
  assert.equal(t1.lastUpdate, iso(T0 + s(5.5)));
  assert.ok(Math.abs(t1.vEastMps - 10) < 1e-9 && Math.abs(t1.vNorthMps) < 1e-9, "heading 090 at 10 m/s is due east");
});

test("A track is interpolated across a chunk boundary, and a point on the boundary counts once", () => {
  const h = new ReplayHistory(T0);
  h.addWindow(0, { points: [{ ...pt("T1", 59, 28.0), t: iso(T0 + s(59)) }, { ...pt("T1", 60, 28.1), t: iso(T0 + s(60)) }] });
  h.addWindow(1, { points: [{ ...pt("T1", 60, 28.1), t: iso(T0 + s(60)) }, { ...pt("T1", 61, 28.2), t: iso(T0 + s(61)) }] });
  assert.ok(Math.abs(h.frameAt(T0 + s(60.5)).tracks[0].lon - 28.15) < 1e-12);
  const trail = h.frameAt(T0 + s(61)).trails.get("T1");
  assert.equal(trail.xs.length, 4); // 59, 60, 61 and the position now (61 again)
});

test("A trail is the last minute of points up to the instant, ending at the track", () => {
  const points = [];
  for (let k = 0; k <= 120; k++) points.push(pt("T1", k, 28 + k * 1e-3));
  const { trails, tracks } = history(points).frameAt(T0 + s(100.5));
  const trail = trails.get("T1");
  assert.equal(trail.xs[0], mercatorX(28 + 41 * 1e-3)); // 40.5 s is the window's start: the first point inside is 41 s
  assert.equal(trail.xs.at(-1), mercatorX(tracks[0].lon));
  assert.equal(trail.xs.length, 61); // 41..100, and now
  assert.ok(TRAIL_MS === 60_000);
});

test("Unusable points are skipped and counted", () => {
  const h = new ReplayHistory(T0);
  const skipped = h.addWindow(0, { points: [{ id: "T1", t: "never", lat: 45, lon: 28 }, { id: "T1", t: iso(T0), lat: null, lon: 28 }, { ...pt("T1", 0, 28), t: iso(T0) }] });
  assert.equal(skipped, 2);
  assert.equal(h.frameAt(T0).tracks.length, 1);
});

test("Dropping chunks outside a range forgets their points", () => {
  const h = history([pt("T1", 0, 28.0), pt("T1", 1, 28.1), pt("T2", 200, 28.0), pt("T2", 201, 28.1)]);
  assert.deepEqual([...h.loaded].sort(), [0, 3]);
  h.keepOnly(2, 5);
  assert.deepEqual([...h.loaded], [3]);
  assert.equal(h.frameAt(T0 + s(0.5)).tracks.length, 0);
});

// --- alerts at an instant -------------------------------------------------------------------------

test("Alerts appear once raised, and count as acknowledged only from their acknowledgement on", () => {
  const alert = { id: "A1", time: iso(T0 + s(30)), lat: 45.2, lon: 28.1, acknowledged: true, acknowledgedAt: iso(T0 + s(90)) };
  const other = { id: "A2", time: iso(T0 + s(40)), lat: 45.2, lon: 28.2, acknowledged: false, acknowledgedAt: null };
  const h = new ReplayHistory(T0);
  h.addAlerts([alert, other, { id: "bad", time: "?" }]);
  assert.deepEqual(h.alertsAt(T0 + s(29)), []);
  assert.deepEqual(h.alertsAt(T0 + s(60)).map((a) => [a.id, a.acknowledged]), [["A2", false], ["A1", false]]);
  assert.deepEqual(h.alertsAt(T0 + s(90)).map((a) => [a.id, a.acknowledged]), [["A2", false], ["A1", true]]);
});

// --- the period ----------------------------------------------------------------------------------

test("The default period is the last fifteen minutes recorded, or all of it when less is recorded", () => {
  assert.deepEqual(defaultPeriod({ first: iso(T0), last: iso(T0 + s(3600)) }), { fromMs: T0 + s(2700), toMs: T0 + s(3600) });
  assert.deepEqual(defaultPeriod({ first: iso(T0), last: iso(T0 + s(60)) }), { fromMs: T0, toMs: T0 + s(60) });
  assert.equal(defaultPeriod({ first: null, last: null }), null);
});

test("Period inputs are read as UTC and a refusal names the field", () => {
  assert.equal(toInputValue(T0 + s(9)), "2026-11-27T14:00:09");
  assert.deepEqual(parsePeriod("2026-11-27T14:00:00", "2026-11-27T14:15"), { fromMs: T0, toMs: T0 + s(900) });
  assert.match(parsePeriod("", "2026-11-27T14:15").error, /^from:/);
  assert.match(parsePeriod("2026-11-27T14:00", "tomorrow").error, /^to: "tomorrow"/);
  assert.match(parsePeriod("2026-11-27T14:00", "2026-11-27T13:00").error, /^to: must be after from/);
  assert.match(parsePeriod("2026-11-25T14:00", "2026-11-27T13:00").error, /^to: .*24 hours/);
});
