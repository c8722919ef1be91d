import { test } from "node:test";
import assert from "node:assert/strict";
import { mercatorX, mercatorY } from "../src/projection.js";

test("The equator and the prime meridian project to the world centre", () => {
  assert.equal(mercatorX(0), 0.5);
  assert.equal(mercatorY(0), 0.5);
  assert.equal(mercatorX(-180), 0);
  assert.equal(mercatorX(180), 1);
});

test("Latitude projects north-up, monotonically and symmetrically about the equator", () => {
  let previous = Infinity;
  for (let lat = -85; lat <= 85; lat += 0.5) {
    const y = mercatorY(lat);
    assert.ok(y < previous, `not decreasing at ${lat}`);
    assert.ok(Math.abs(y - 0.5 + (mercatorY(-lat) - 0.5)) < 1e-12, `asymmetric at ${lat}`);
    previous = y;
  }
});

test("Web Mercator keeps angles: a small step of equal metres east and north is square", () => {
  const lat = 45.2;
  const metre = 1 / 6378137; // radians of arc on the EPSG:3857 sphere
  const dx = mercatorX(28 + (100 * metre * 180) / Math.PI / Math.cos((lat * Math.PI) / 180)) - mercatorX(28);
  const dy = mercatorY(lat) - mercatorY(lat + (100 * metre * 180) / Math.PI);
  assert.ok(Math.abs(dx / dy - 1) < 1e-4, `east/north scale ratio ${dx / dy}`);
});

test("Latitudes beyond the Mercator limit are clamped, not infinite", () => {
  assert.ok(Number.isFinite(mercatorY(90)));
  assert.equal(mercatorY(90), mercatorY(85.0511287798));
});
