import test from "node:test";
import assert from "node:assert/strict";
import {
  attachmentProblem, candidatePath, candidateRow, durationText, incursionFromAlerts, lastChange, legalMoves, listRows, listUrl,
  openRequest, parseIncidentRoute, timeSpanSeconds, timelineRows, utcInputValue, utcInstant,
} from "../src/incidentsModel.js";

test("The hash names the list, a state filter, or one incident", () => {
  assert.deepEqual(parseIncidentRoute("#/incidents"), { page: "list", state: "" });
  assert.deepEqual(parseIncidentRoute("#/incidents?state=closed"), { page: "list", state: "closed" });
  assert.deepEqual(parseIncidentRoute("#/incidents?state=bogus"), { page: "list", state: "" });
  assert.deepEqual(parseIncidentRoute("#/incidents/INC-7"), { page: "incident", id: "INC-7" });
  assert.deepEqual(parseIncidentRoute("#/incidents/a%2Fb"), { page: "incident", id: "a/b" });
  assert.deepEqual(parseIncidentRoute("#/registry"), { page: "none" });
});

test("The buttons are the state machine's legal moves and only closing asks for a resolution", () => {
  assert.deepEqual(legalMoves("open").map((m) => m.to), ["investigating", "closed"]);
  assert.deepEqual(legalMoves("investigating").map((m) => m.to), ["closed"]);
  assert.deepEqual(legalMoves("closed").map((m) => [m.to, m.label]), [["investigating", "Reopen"]]);
  for (const s of ["open", "investigating", "closed"]) {
    for (const m of legalMoves(s)) assert.equal(Boolean(m.needsResolution), m.to === "closed");
    assert.ok(!legalMoves(s).some((m) => m.to === s), "no move to the same state");
  }
  assert.deepEqual(legalMoves("unknown"), []);
});

const inc = (id, state, ...times) => ({ id, state, openedAt: times[0], timeline: times.map((time) => ({ time })) });

test("The list shows the most recently changed first", () => {
  const all = [
    inc("1", "open", "2026-11-27T10:00:00Z"),
    inc("2", "closed", "2026-11-27T09:00:00Z", "2026-11-27T12:00:00Z"),
    inc("3", "open", "2026-11-27T11:00:00Z"),
  ];
  assert.deepEqual(listRows(all).map((i) => i.id), ["2", "3", "1"]);
  assert.deepEqual(listRows([]), []);
  assert.equal(lastChange(all[1]), "2026-11-27T12:00:00Z");
  assert.equal(lastChange({ openedAt: "x", timeline: [] }), "x");
});

test("The list asks the server for one state, or for all when none is chosen", () => {
  assert.equal(listUrl("investigating"), "/api/incidents?limit=1000&state=investigating");
  assert.equal(listUrl(""), "/api/incidents?limit=1000");
  assert.equal(listUrl("open", 50), "/api/incidents?limit=50&state=open");
});

test("The timeline is shown oldest first, newest last, keeping the server's order for equal times", () => {
  const t = { timeline: [
    { time: "2026-11-27T10:00:02Z", action: "comment", detail: "b" },
    { time: "2026-11-27T10:00:00Z", action: "opened" },
    { time: "2026-11-27T10:00:02Z", action: "comment", detail: "c" },
  ] };
  assert.deepEqual(timelineRows(t).map((e) => e.detail ?? e.action), ["opened", "b", "c"]);
});

test("A ground find's form becomes the API request with its place and UTC window", () => {
  const { body, description } = openRequest({
    kind: "ground-find", title: "  Debris near Isaccea ", description: " found by a farmer ",
    lat: "45.227", lon: "28.472", from: "2026-11-27T12:00", to: "2026-11-27T14:30:15", radiusM: "5000",
  });
  assert.deepEqual(body, {
    kind: "ground-find", title: "Debris near Isaccea",
    find: { lat: 45.227, lon: 28.472, from: "2026-11-27T12:00:00.000Z", to: "2026-11-27T14:30:15.000Z", radiusM: 5000 },
  });
  assert.equal(description, "found by a farmer");
});

test("Other kinds send no find even when the place fields are filled", () => {
  const { body } = openRequest({ kind: "sensor-fault", title: "Radar Tulcea silent", lat: "x" });
  assert.deepEqual(body, { kind: "sensor-fault", title: "Radar Tulcea silent" });
});

test("A bad form is refused naming the field", () => {
  const good = { kind: "ground-find", title: "t", lat: "45", lon: "28", from: "2026-11-27T12:00", to: "2026-11-27T13:00", radiusM: "100" };
  assert.throws(() => openRequest({ ...good, kind: "ufo" }), /^Error: kind:/);
  assert.throws(() => openRequest({ ...good, title: "  " }), /^Error: title: required/);
  assert.throws(() => openRequest({ ...good, lat: "" }), /^Error: lat: "" is not a number/);
  assert.throws(() => openRequest({ ...good, lat: "95" }), /^Error: lat: 95 is outside/);
  assert.throws(() => openRequest({ ...good, lon: "east" }), /^Error: lon:/);
  assert.throws(() => openRequest({ ...good, from: "yesterday" }), /^Error: from:/);
  assert.throws(() => openRequest({ ...good, to: "2026-11-27T11:00" }), /^Error: to: the window ends before it starts/);
  assert.throws(() => openRequest({ ...good, radiusM: "0" }), /^Error: radiusM:/);
});

test("Date inputs are read and written in UTC, to the second", () => {
  assert.equal(utcInstant("2026-11-27T14:05", "f"), "2026-11-27T14:05:00.000Z");
  assert.equal(utcInputValue("2026-11-27T14:05:09.700Z"), "2026-11-27T14:05:09");
  assert.equal(utcInstant(utcInputValue("2026-01-02T03:04:05Z"), "f"), "2026-01-02T03:04:05.000Z");
  assert.throws(() => utcInstant("2026-13-45T99:00", "from"), /from:/);
});

test("An incursion from alerts links every alert and each of their tracks once", () => {
  const r = incursionFromAlerts([
    { id: "A1", kind: "border-crossing", trackId: "T7", zone: "RO border" },
    { id: "A2", kind: "zone-entry", trackId: "T7" },
    { id: "A3", kind: "zone-entry", trackId: "T9" },
    { id: "A1", kind: "border-crossing", trackId: "T7" },
  ]);
  assert.equal(r.kind, "airspace-incursion");
  assert.deepEqual(r.alertIds, ["A1", "A2", "A3"]);
  assert.deepEqual(r.trackIds, ["T7", "T9"]);
  assert.match(r.title, /^border-crossing T7 at RO border \(\+3 more alerts\)$/);
  assert.throws(() => incursionFromAlerts([]), /at least one alert/);
});

test(".NET time spans are read, days included", () => {
  assert.equal(timeSpanSeconds("00:00:12"), 12);
  assert.equal(timeSpanSeconds("01:02:03.5000000"), 3723.5);
  assert.equal(timeSpanSeconds("2.00:00:01"), 172801);
  assert.equal(timeSpanSeconds("-00:01:00"), -60);
  assert.throws(() => timeSpanSeconds("soon"), /not a time span/);
  assert.equal(durationText(12), "12 s");
  assert.equal(durationText(250), "4 min 10 s");
  assert.equal(durationText(7500), "2 h 05 min");
});

test("A back-track candidate is shown with its distance, time, crossing, motion and ellipse", () => {
  const point = (lat, lon, time) => ({ trackId: "T3", time, position: { latDeg: lat, lonDeg: lon, altM: 150 }, speedMps: 30, headingDeg: 180 });
  const c = {
    rank: 1, trackId: "T3", score: 0.9, endDistanceM: 1234, endedBeforeFind: "00:04:10",
    last: point(45.21, 28.47, "2026-11-27T12:05:00Z"), lastSpeedMps: 29.96, lastHeadingDeg: 179.6,
    borderCrossing: point(45.23, 28.47, "2026-11-27T12:03:10.5Z"), sensors: ["radar-isaccea"],
    path: [point(45.29, 28.47, "a"), point(45.21, 28.47, "b")],
    debris: { center: { latDeg: 45.2, lonDeg: 28.47 }, semiMajorM: 812.4, semiMinorM: 260.2, orientationDeg: 179.6 },
  };
  const row = candidateRow(c);
  assert.equal(row.distance, "1.23 km");
  assert.equal(row.before, "4 min 10 s");
  assert.equal(row.crossing, "45.2300, 28.4700 at 12:03:10Z");
  assert.equal(row.speed, "30.0 m/s");
  assert.equal(row.heading, "180°");
  assert.equal(row.sensors, "radar-isaccea");
  assert.equal(row.ellipse, "812 × 260 m, 180°");
  assert.equal(candidateRow({ ...c, endDistanceM: 80.4, borderCrossing: null, sensors: [] }).distance, "80 m");
  assert.equal(candidateRow({ ...c, borderCrossing: null }).crossing, "none recorded");
  const seenBy = [
    { trackId: "T3", sensorId: "radar-isaccea", first: "2026-11-27T12:02:40.5Z", last: "2026-11-27T12:04:58Z" },
    { trackId: "T3", sensorId: "radar-tulcea", first: "2026-11-27T12:03:01Z", last: "2026-11-27T12:04:30Z" },
  ];
  assert.equal(candidateRow({ ...c, sensors: ["radar-isaccea", "radar-tulcea"], seenBy }).sensors,
    "radar-isaccea 12:02:40–12:04:58Z, radar-tulcea 12:03:01–12:04:30Z");
  assert.equal(candidateRow({ ...c, sensors: ["eo-1", "radar-isaccea"], seenBy }).sensors, "eo-1, radar-isaccea 12:02:40–12:04:58Z");
  assert.equal(candidateRow({ ...c, sensors: [] }).sensors, "—");
  assert.deepEqual(candidatePath(c), [[45.29, 28.47], [45.21, 28.47]]);
});

test("A file over the limit or empty is refused before upload", () => {
  assert.match(attachmentProblem({ size: 21 * 1024 * 1024 }), /over the limit of 20971520 bytes/);
  assert.match(attachmentProblem({ size: 0 }), /empty/);
  assert.match(attachmentProblem(null), /choose/);
  assert.equal(attachmentProblem({ size: 100 }), null);
});
