import { test } from "node:test";
import assert from "node:assert/strict";
import { AlertStore, alertsToMark } from "../src/alertStore.js";

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
