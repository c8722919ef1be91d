import { test } from "node:test";
import assert from "node:assert/strict";
import { TrailStore } from "../src/trails.js";
import { mercatorX, mercatorY } from "../src/projection.js";

const at = (s) => new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString();
const track = (id, s, lat = 45, lon = 28.5) => ({ id, lat, lon, lastUpdate: at(s) });

test("A trail keeps only the positions inside the window before the picture time", () => {
  const store = new TrailStore(60);
  for (let s = 0; s <= 100; s++) store.update(at(s), [track("T1", s, 45 + s * 1e-3)]);
  const trail = store.get("T1");
  assert.equal(trail.times.length, 61); // 40 s .. 100 s inclusive
  assert.equal(trail.times[0], Date.parse(at(40)));
  assert.equal(trail.xs.length, trail.times.length);
  assert.equal(trail.ys.length, trail.times.length);
});

test("A picture that repeats a track's last update adds no point", () => {
  const store = new TrailStore(60);
  store.update(at(1), [track("T1", 1)]);
  store.update(at(2), [track("T1", 1)]);
  assert.equal(store.get("T1").times.length, 1);
});

test("A track missing from the picture loses its trail", () => {
  const store = new TrailStore(60);
  store.update(at(1), [track("T1", 1), track("T2", 1)]);
  store.update(at(2), [track("T2", 2)]);
  assert.equal(store.get("T1"), undefined);
  assert.equal(store.size, 1);
});

test("Trail points are stored projected to Web Mercator", () => {
  const store = new TrailStore(60);
  store.update(at(1), [track("T1", 1, 44.362, 28.488)]);
  const trail = store.get("T1");
  assert.equal(trail.xs[0], mercatorX(28.488));
  assert.equal(trail.ys[0], mercatorY(44.362));
});

test("Tracks without a finite position are skipped", () => {
  const store = new TrailStore(60);
  store.update(at(1), [{ id: "T9", lat: null, lon: 28, lastUpdate: at(1) }]);
  assert.equal(store.size, 0);
});

test("A non-positive window is rejected with the value named", () => {
  assert.throws(() => new TrailStore(0), /windowS must be > 0, got 0/);
});
