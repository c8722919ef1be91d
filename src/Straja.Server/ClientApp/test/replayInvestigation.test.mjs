// What an investigator reads in replay: tentative tracks, the recorded state in the detail panel,
// a track's path within the period and the field reports at the replay instant.
import { test } from "node:test";
import assert from "node:assert/strict";
import { detailRows } from "../src/detailView.js";
import { REPORT_CLOCK_SKEW_MS, ReplayHistory, pathInPeriod, reportsAt, toTrack, parsePoint } from "../src/replayModel.js";

const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
const iso = (ms) => new Date(ms).toISOString();
const s = (n) => n * 1000;
const point = (id, t, extra = {}) => ({ id, t: iso(t), lat: 45.2, lon: 28.4, alt: 150, speed: 10, heading: 90, class: "multirotor", identity: "unknown", ...extra });

test("a replayed track is tentative where its recorded point says so, and confirmed from the point that says confirmed", () => {
  const history = new ReplayHistory(T0);
  history.addWindow(0, { points: [point("T1", T0, { confirmed: false }), point("T1", T0 + s(1), { confirmed: false }), point("T1", T0 + s(2), { confirmed: true })] });

  assert.equal(history.frameAt(T0 + 500).tracks[0].status, "tentative");
  // Interpolated towards a confirmed point: still what the picture knew at the earlier one.
  assert.equal(history.frameAt(T0 + 1500).tracks[0].status, "tentative");
  assert.equal(history.frameAt(T0 + s(2)).tracks[0].status, "confirmed");
});

test("a point without the flag (recorded before it was kept) is drawn confirmed", () => {
  assert.equal(toTrack(parsePoint(point("T1", T0)), T0).status, "confirmed");
});

test("a replayed track's detail is its recorded state, marked with the point it was read from", () => {
  const track = toTrack(parsePoint(point("T7", T0, { alt: 120, speed: 12.5, heading: 45, identity: "suspect" })), T0 + 400);
  const rows = Object.fromEntries(detailRows(track, { replayAt: iso(T0 + 400) }));

  assert.equal(rows.Identity, "suspect");
  assert.equal(rows.Class, "multirotor");
  assert.equal(rows.Status, "confirmed");
  assert.equal(rows.Altitude, "120 m / 394 ft");
  assert.equal(rows.Speed, "12.5 m/s (24 kn)");
  assert.equal(rows.Heading, "045°");
  assert.equal(rows["Recorded point"], "14:00:00Z (interpolated to the replay instant)");
  // Nothing the record does not keep is shown as if it were known.
  assert.equal(rows.Sensors, undefined);
  assert.equal(rows["Last update"], undefined);
  assert.equal(Object.fromEntries(detailRows(track, { replayAt: iso(T0) }))["Recorded point"], "14:00:00Z");
});

test("the live detail keeps its live rows", () => {
  const rows = Object.fromEntries(detailRows({ id: "T1", class: "bird", lastUpdate: iso(T0), sensors: ["r1"] }, { pictureTime: iso(T0 + s(3)) }));
  assert.equal(rows.Sensors, "r1");
  assert.ok(rows["Last update"].startsWith("14:00:00Z"));
  assert.equal(rows["Recorded point"], undefined);
});

test("a track's path is cut to the replay period", () => {
  const points = [-2, 0, 30, 60, 61].map((k) => ({ time: iso(T0 + s(k)), lat: 45, lon: 28 + k * 1e-4 }));
  assert.deepEqual(pathInPeriod(points, T0, T0 + s(60)).map((p) => p.time), [0, 30, 60].map((k) => iso(T0 + s(k))));
  assert.deepEqual(pathInPeriod(null, T0, T0 + s(60)), []);
});

const LIVE_MS = 15 * 60_000;
const report = (id, t, extra = {}) => ({ reportId: id, time: iso(t), expiresAt: iso(t + LIVE_MS), lat: 45.1, lon: 28.3, sense: "seen", linkedTrackId: null, ...extra });

test("a report shows from its time until it expires, as the live picture ages it", () => {
  const r = [report("R1", T0)];
  const at = (t) => reportsAt(r, t, new Set()).map((o) => o.reportId);

  assert.deepEqual(at(T0 - REPORT_CLOCK_SKEW_MS - 1), []);
  // A phone's clock a minute ahead of the picture still shows.
  assert.deepEqual(at(T0 - REPORT_CLOCK_SKEW_MS), ["R1"]);
  assert.deepEqual(at(T0 + LIVE_MS - 1), ["R1"]);
  assert.deepEqual(at(T0 + LIVE_MS), []);
});

test("reports at an instant come newest first, each linked to its matched track only while that track is replayed", () => {
  const match = { kind: "track", trackId: "T4", name: "T4", score: 0.8 };
  const r = [report("R1", T0, { bestMatch: match }), report("R2", T0 + s(30)), report("R3", T0 + s(10), { bestMatch: { kind: "planet", name: "Venus" } })];

  const withTrack = reportsAt(r, T0 + s(40), new Set(["T4"]));
  assert.deepEqual(withTrack.map((o) => o.reportId), ["R2", "R3", "R1"]);
  assert.deepEqual(withTrack.map((o) => o.linkedTrackId), [null, null, "T4"]);
  assert.equal(reportsAt(r, T0 + s(40), new Set()).find((o) => o.reportId === "R1").linkedTrackId, null);
  // The answer is not changed by reading it.
  assert.equal(r[0].linkedTrackId, null);
});

test("reports without a readable time are left out", () => {
  assert.deepEqual(reportsAt([{ reportId: "R9", time: "soon", expiresAt: iso(T0) }, null], T0, new Set()), []);
});
