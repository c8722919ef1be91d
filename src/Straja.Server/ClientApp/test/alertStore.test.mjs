import { test } from "node:test";
import assert from "node:assert/strict";
import { AlertStore, DEFAULT_ALERT_FILTER, alertsToMark, isEscalated, panelAlerts, ruleNameOf } from "../src/alertStore.js";

const alert = (id, s, extra = {}) => ({
  id, time: new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString(), kind: "border-crossing",
  severity: "critical", trackId: "T1", zone: null, message: id, acknowledged: false,
  acknowledgedAt: null, acknowledgedBy: null, ...extra,
});

test("Alerts are listed newest first whatever order they arrive in", () => {
  const store = new AlertStore();
  store.reset([alert("A1", 1), alert("A3", 3)]);
  store.upsert(alert("A2", 2));
  assert.deepEqual(store.list.map((a) => a.id), ["A3", "A2", "A1"]);
});

test("An alert message with a known id replaces the entry instead of adding one", () => {
  const store = new AlertStore();
  store.reset([alert("A1", 1)]);
  store.upsert(alert("A1", 1, { acknowledged: true, acknowledgedBy: "operator" }));
  assert.equal(store.list.length, 1);
  assert.equal(store.list[0].acknowledgedBy, "operator");
  assert.equal(store.unacknowledged, 0);
});

test("A stale unacknowledged copy does not undo an acknowledgement", () => {
  const store = new AlertStore();
  store.reset([alert("A1", 1, { acknowledged: true })]);
  assert.equal(store.upsert(alert("A1", 1)), false);
  assert.equal(store.list[0].acknowledged, true);
});

test("The unacknowledged count follows the list", () => {
  const store = new AlertStore();
  store.reset([alert("A1", 1), alert("A2", 2), alert("A3", 3, { acknowledged: true })]);
  assert.equal(store.unacknowledged, 2);
});

test("Entries without a string id are ignored and do not bump the version", () => {
  const store = new AlertStore();
  const v = store.version;
  assert.equal(store.upsert({ time: "x" }), false);
  assert.equal(store.upsert(null), false);
  assert.equal(store.version, v);
  store.reset([null, { id: 7 }, alert("A1", 1)]);
  assert.deepEqual(store.list.map((a) => a.id), ["A1"]);
});

test("Only unacknowledged alerts with a position are marked on the map, in list order", () => {
  const store = new AlertStore();
  store.reset([
    alert("A1", 1, { lat: 45.2, lon: 28.4 }),
    alert("A2", 2, { lat: 45.3, lon: 28.5, acknowledged: true }),
    alert("A3", 3, { lat: 45.1, lon: 28.6 }),
    alert("A4", 4),
    alert("A5", 5, { lat: 95, lon: 28.6 }),
  ]);
  assert.deepEqual(alertsToMark(store.list).map((a) => a.id), ["A3", "A1"]);
});

test("Acknowledging an alert takes it off the map", () => {
  const store = new AlertStore();
  store.reset([alert("A1", 1, { lat: 45.2, lon: 28.4 })]);
  assert.equal(alertsToMark(store.list).length, 1);
  store.upsert(alert("A1", 1, { lat: 45.2, lon: 28.4, acknowledged: true }));
  assert.equal(alertsToMark(store.list).length, 0);
});

test("An alert can be looked up by id", () => {
  const store = new AlertStore();
  store.reset([alert("A1", 1), alert("A2", 2)]);
  assert.equal(store.get("A2").id, "A2");
  assert.equal(store.get("A9"), undefined);
});

test("Escalated unacknowledged alerts come first, most recently escalated on top, the rest keep their order", () => {
  const store = new AlertStore();
  store.reset([
    alert("A1", 1, { escalatedAt: "2026-01-01T12:05:00Z" }),
    alert("A2", 2),
    alert("A3", 3, { escalatedAt: "2026-01-01T12:06:00Z" }),
    alert("A4", 4, { escalatedAt: "2026-01-01T12:07:00Z", acknowledged: true }),
    alert("A5", 5),
  ]);
  assert.deepEqual(panelAlerts(store.list).map((a) => a.id), ["A3", "A1", "A5", "A4", "A2"]);
  assert.equal(isEscalated(store.get("A4")), false, "acknowledged: answered, no longer escalated");
});

test("The panel filter hides acknowledged alerts and alerts below the chosen severity", () => {
  const list = [
    alert("A1", 1, { severity: "info" }),
    alert("A2", 2, { severity: "warning" }),
    alert("A3", 3, { severity: "critical", acknowledged: true }),
    alert("A4", 4, { severity: "critical" }),
  ];
  const ids = (filter) => panelAlerts(list, filter).map((a) => a.id);
  assert.deepEqual(ids(DEFAULT_ALERT_FILTER), ["A1", "A2", "A3", "A4"]);
  assert.deepEqual(ids({ show: "unacknowledged", minSeverity: "info" }), ["A1", "A2", "A4"]);
  assert.deepEqual(ids({ show: "all", minSeverity: "warning" }), ["A2", "A3", "A4"]);
  assert.deepEqual(ids({ show: "unacknowledged", minSeverity: "critical" }), ["A4"]);
});

test("A rule alert names its rule; the longest known name wins and a built-in alert has none", () => {
  const rule = (message) => alert("R", 1, { kind: "rule", message });
  assert.equal(ruleNameOf(rule("Swarm: a swarm led by T4"), ["Swarm", "Sensor silent"]), "Swarm");
  assert.equal(ruleNameOf(rule("Base: MK: unknown T2"), ["Base", "Base: MK"]), "Base: MK");
  assert.equal(ruleNameOf(rule("Renamed since: unknown T2"), ["Swarm"]), "Renamed since");
  assert.equal(ruleNameOf(rule("no separator"), []), null);
  assert.equal(ruleNameOf(alert("B", 1, { message: "Crossing: T1" }), ["Crossing"]), null);
});
