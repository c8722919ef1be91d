import { test } from "node:test";
import assert from "node:assert/strict";
import { sensorRows, sensorState } from "../src/sensorsView.js";

const sensor = (id, extra = {}) => ({
  id, name: `${id} name`, kind: "passive-rf", status: "online", accepted: 10, rejected: 0,
  lastError: null, lastErrorAt: null, sapient: null, ...extra,
});
const node = (extra = {}) => ({ nodeId: "n", registered: true, connected: true, pointable: false, silent: false, silentReason: null, ...extra });

test("A registered SAPIENT node is live or silent by its own heartbeat, not by detections", () => {
  assert.equal(sensorState(sensor("rf", { status: "silent", sapient: node() })), "live");
  assert.equal(sensorState(sensor("rf", { status: "online", sapient: node({ silent: true }) })), "silent");
});

test("Other sensors follow the detection-based status", () => {
  assert.equal(sensorState(sensor("radar", { status: "online" })), "live");
  assert.equal(sensorState(sensor("radar", { status: "silent" })), "silent");
});

test("Silent sensors come first with the reason, then the rest by id", () => {
  const rows = sensorRows([
    sensor("b"),
    sensor("c", { sapient: node({ silent: true, silentReason: "its connection closed" }) }),
    sensor("a"),
  ]);
  assert.deepEqual(rows.map((r) => r.id), ["c", "a", "b"]);
  assert.equal(rows[0].why, "its connection closed");
  assert.equal(rows[1].why, null);
});

test("Counts and the last error are shown, absent counts as a dash", () => {
  const [r] = sensorRows([sensor("rf", { accepted: 42, rejected: 3, lastError: "bad azimuth", lastErrorAt: "2026-05-01T12:34:56Z" })]);
  assert.equal(r.accepted, "42");
  assert.equal(r.rejected, "3");
  assert.equal(r.hasRejects, true);
  assert.equal(r.lastError, "bad azimuth");
  assert.equal(r.lastErrorAt, "12:34:56");
  const [none] = sensorRows([sensor("x", { accepted: null, rejected: null })]);
  assert.equal(none.accepted, "—");
  assert.equal(none.hasRejects, false);
});

test("A pointable SAPIENT node is marked as such", () => {
  const [r] = sensorRows([sensor("eo", { kind: "camera", sapient: node({ pointable: true }) })]);
  assert.equal(r.sapient, true);
  assert.equal(r.pointable, true);
});
