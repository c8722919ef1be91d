import { test } from "node:test";
import assert from "node:assert/strict";
import { dispatch, liveUrl } from "../src/live.js";
import { reconnectDelayMs } from "../src/backoff.js";

const recorder = () => {
  const seen = { pictures: [], alerts: [], errors: [] };
  return {
    seen,
    handlers: {
      onPicture: (m) => seen.pictures.push(m),
      onAlert: (a) => seen.alerts.push(a),
      onError: (e) => seen.errors.push(e),
    },
  };
};

test("Picture and alert messages reach their handlers", () => {
  const { seen, handlers } = recorder();
  dispatch(JSON.stringify({ type: "picture", time: "2026-01-01T00:00:00Z", tracks: [{ id: "T1" }] }), handlers);
  dispatch(JSON.stringify({ type: "alert", alert: { id: "A1" } }), handlers);
  assert.equal(seen.pictures[0].tracks[0].id, "T1");
  assert.equal(seen.alerts[0].id, "A1");
  assert.deepEqual(seen.errors, []);
});

test("Malformed messages are reported, naming what was wrong, and not dispatched", () => {
  const { seen, handlers } = recorder();
  dispatch("{not json", handlers);
  dispatch(JSON.stringify({ type: "picture", time: "x" }), handlers);
  dispatch(JSON.stringify({ type: "alert" }), handlers);
  dispatch(JSON.stringify({ type: "weather" }), handlers);
  assert.equal(seen.pictures.length + seen.alerts.length, 0);
  assert.match(seen.errors[0], /not JSON/);
  assert.match(seen.errors[1], /"tracks"/);
  assert.match(seen.errors[2], /"alert"/);
  assert.match(seen.errors[3], /unknown message type "weather"/);
});

test("The live URL follows the page's scheme and host", () => {
  assert.equal(liveUrl({ protocol: "http:", host: "127.0.0.1:8080" }), "ws://127.0.0.1:8080/api/live");
  assert.equal(liveUrl({ protocol: "https:", host: "straja.example" }), "wss://straja.example/api/live");
});

test("Reconnect delays grow, stay within the jitter band and never pass the cap", () => {
  for (const r of [0, 0.25, 0.999]) {
    let previousBase = 0;
    for (let attempt = 0; attempt < 20; attempt++) {
      const base = Math.min(15000, 500 * 2 ** attempt);
      const d = reconnectDelayMs(attempt, () => r);
      assert.ok(d >= base / 2 - 1 && d <= base + 1, `attempt ${attempt}: ${d}`);
      assert.ok(d <= 15000);
      assert.ok(base >= previousBase);
      previousBase = base;
    }
  }
});
