import { test } from "node:test";
import assert from "node:assert/strict";
import * as fr from "../src/fieldReports.js";

const base = {
  reportId: "R1", time: "2026-11-27T12:00:00Z", lat: 45.27, lon: 28.46, sense: "heard", count: 2,
  headingDeg: 225, description: "buzzing", trust: "anonymous", confidence: 0.2, uncertaintyRadiusM: 1500,
  sight: { bearingDeg: 40, halfWidthDeg: 10, lengthM: 1500, endLat: 45.2803, endLon: 28.4723 },
  verdict: "no match: nothing known explains it", bestMatch: null, linkedTrackId: null,
};

// Distance between two [lat, lon] on the same sphere, to check the geometry without re-using its code.
function haversineM([a1, b1], [a2, b2]) {
  const r = 6371008.8, d = Math.PI / 180;
  const h = Math.sin(((a2 - a1) * d) / 2) ** 2 + Math.cos(a1 * d) * Math.cos(a2 * d) * Math.sin(((b2 - b1) * d) / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

test("The destination lies at the given distance in the given direction", () => {
  for (const bearing of [0, 45, 90, 180, 225, 359]) {
    const end = fr.destination(45, 28, bearing, 5000);
    assert.ok(Math.abs(haversineM([45, 28], end) - 5000) < 0.5, `bearing ${bearing}`);
  }
  const north = fr.destination(45, 28, 0, 5000);
  assert.ok(north[0] > 45 && Math.abs(north[1] - 28) < 1e-9);
  const east = fr.destination(45, 28, 90, 5000);
  assert.ok(east[1] > 28);
});

test("The heading arrow starts at the reporter and points the way the thing went", () => {
  const arrow = fr.headingArrow(base);
  assert.deepEqual(arrow.shaft[0], [45.27, 28.46]);
  const tip = arrow.shaft[1];
  assert.ok(tip[0] < 45.27 && tip[1] < 28.46, "225° is south-west");
  assert.deepEqual(arrow.head[1], tip);
  assert.equal(fr.headingArrow({ ...base, headingDeg: null }), null);
});

test("A reported direction draws a centre line and the edges of its sector; none without one", () => {
  const s = fr.sightLines(base);
  assert.deepEqual(s.centre, [[45.27, 28.46], [45.2803, 28.4723]]);
  assert.equal(s.edges.length, 2);
  assert.ok(Math.abs(haversineM([45.27, 28.46], s.edges[0][1]) - 1500) < 0.5);
  assert.equal(fr.sightLines({ ...base, sight: null }), null);
});

test("A more trusted report is drawn more solidly, but always dashed and faint", () => {
  const low = fr.observationStyle(base);
  const high = fr.observationStyle({ ...base, trust: "trusted", confidence: 0.6 });
  assert.ok(high.opacity > low.opacity);
  assert.ok(high.opacity < 1 && high.fillOpacity < 0.2);
  assert.equal(low.dashArray, high.dashArray);
  assert.notEqual(fr.observationStyle({ ...base, linkedTrackId: "T4" }).colour, low.colour);
});

test("The verdict badge names the best match by kind", () => {
  assert.deepEqual(fr.verdictBadge(base), { label: "no match", kind: "none" });
  assert.deepEqual(fr.verdictBadge({ ...base, bestMatch: { kind: "track", name: "T4", trackId: "T4" } }), { label: "track T4", kind: "track" });
  assert.deepEqual(fr.verdictBadge({ ...base, bestMatch: { kind: "planet", name: "Venus" } }), { label: "Venus", kind: "sky" });
  assert.equal(fr.verdictBadge({ ...base, bestMatch: { kind: "aircraft", name: "T9 (ROT123)", trackId: "T9" } }).kind, "aircraft");
});

test("The popup rows carry time, sense, count, description, reporter trust and triage", () => {
  const rows = new Map(fr.observationRows(base));
  assert.equal(rows.get("Time"), "12:00:00Z");
  assert.equal(rows.get("Sense"), "heard, 2 objects");
  assert.equal(rows.get("Description"), "buzzing");
  assert.equal(rows.get("Reporter"), "anonymous (20%)");
  assert.equal(rows.get("Looking"), "040°");
  assert.equal(rows.get("Going"), "225°");
  assert.match(rows.get("Triage"), /^no match/);
  assert.equal(rows.get("Best match"), "—");
});

test("Only a matched track still in the picture can be opened from a report", () => {
  const matched = { ...base, bestMatch: { kind: "track", name: "T4", trackId: "T4", score: 0.7 }, linkedTrackId: "T4" };
  assert.equal(fr.trackToOpen(matched, new Set(["T4"])), "T4");
  assert.equal(fr.trackToOpen(matched, new Set(["T5"])), null);
  assert.equal(fr.trackToOpen({ ...base, bestMatch: { kind: "star", name: "Sirius" } }, new Set(["T4"])), null);
});

test("A track's corroborating reports are those linked to it, newest first", () => {
  const list = [
    { ...base, reportId: "R1", time: "2026-11-27T12:00:00Z", linkedTrackId: "T4" },
    { ...base, reportId: "R2", time: "2026-11-27T12:05:00Z", linkedTrackId: "T4" },
    { ...base, reportId: "R3", time: "2026-11-27T12:06:00Z", linkedTrackId: "T5" },
  ];
  assert.deepEqual(fr.corroborating(list, "T4").map((o) => o.reportId), ["R2", "R1"]);
  assert.deepEqual(fr.corroborating(list, null), []);
  assert.deepEqual(fr.newestFirst(list).map((o) => o.reportId), ["R3", "R2", "R1"]);
  assert.equal(list[0].reportId, "R1", "the argument is not reordered");
});

test("The draw key changes when a report comes, goes or is linked, not otherwise", () => {
  const a = fr.drawKey([base]);
  assert.equal(fr.drawKey([{ ...base, confidence: 0.2 }]), a);
  assert.notEqual(fr.drawKey([{ ...base, linkedTrackId: "T4" }]), a);
  assert.notEqual(fr.drawKey([base, { ...base, reportId: "R2" }]), a);
  assert.notEqual(fr.drawKey([]), a);
});

test("Seen and heard reports have different glyphs", () => {
  assert.notEqual(fr.glyphSvg("seen"), fr.glyphSvg("heard"));
  assert.match(fr.glyphSvg("heard"), /class="report-glyph heard"/);
});
