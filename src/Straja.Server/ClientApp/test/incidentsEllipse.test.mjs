import test from "node:test";
import assert from "node:assert/strict";
import { debrisPolygon, destination, ellipsePolygon, inverse } from "../src/incidentsEllipse.js";
import { random } from "../test-helpers/seeded.mjs";

function randomEllipse(r) {
  const semiMinorM = 50 + r() * 2000;
  return {
    centerLat: 43.5 + r() * 4.5, // Romania's latitudes
    centerLon: 20.5 + r() * 9.5,
    semiMinorM,
    semiMajorM: semiMinorM * (1 + r() * 4),
    orientationDeg: r() * 360,
  };
}

const angleDiff = (a, b) => Math.abs(((a - b + 540) % 360) - 180);

test("A point walked from another is found again at the same distance and bearing", () => {
  const r = random(7);
  for (let i = 0; i < 200; i++) {
    const lat = 43 + r() * 5, lon = 20 + r() * 10, bearing = r() * 360, d = 10 + r() * 20000;
    const [lat2, lon2] = destination(lat, lon, bearing, d);
    const back = inverse(lat, lon, lat2, lon2);
    assert.ok(Math.abs(back.distanceM - d) < 1e-6 * d + 1e-6, `distance ${back.distanceM} vs ${d}`);
    assert.ok(angleDiff(back.bearingDeg, bearing) < 1e-6, `bearing ${back.bearingDeg} vs ${bearing}`);
  }
});

test("One kilometre north is 1/111.2 of a degree of latitude", () => {
  const [lat, lon] = destination(45, 28, 0, 1000);
  assert.ok(Math.abs(lat - 45 - 1000 / 111195) < 1e-6);
  assert.ok(Math.abs(lon - 28) < 1e-12);
});

test("The ellipse's axes have their lengths and the major axis points along the orientation", () => {
  const r = random(20261127);
  for (let i = 0; i < 100; i++) {
    const e = randomEllipse(r);
    const pts = ellipsePolygon(e, 72); // 72 points: index 0, 18, 36, 54 are the four axis ends
    const at = (k) => inverse(e.centerLat, e.centerLon, pts[k][0], pts[k][1]);
    const tol = (m) => 1e-6 * m + 1e-6;
    assert.ok(Math.abs(at(0).distanceM - e.semiMajorM) < tol(e.semiMajorM), "forward major end");
    assert.ok(Math.abs(at(36).distanceM - e.semiMajorM) < tol(e.semiMajorM), "rear major end");
    assert.ok(Math.abs(at(18).distanceM - e.semiMinorM) < tol(e.semiMinorM), "right minor end");
    assert.ok(Math.abs(at(54).distanceM - e.semiMinorM) < tol(e.semiMinorM), "left minor end");
    assert.ok(angleDiff(at(0).bearingDeg, e.orientationDeg) < 1e-6, `major axis at ${at(0).bearingDeg}, not ${e.orientationDeg}`);
    assert.ok(angleDiff(at(36).bearingDeg, e.orientationDeg + 180) < 1e-6);
    assert.ok(angleDiff(at(18).bearingDeg, e.orientationDeg + 90) < 1e-6, "the minor axis is square to the major one, clockwise");
    // End to end the major axis is twice the semi-axis: its two ends are opposite each other.
    const span = inverse(pts[0][0], pts[0][1], pts[36][0], pts[36][1]).distanceM;
    assert.ok(Math.abs(span - 2 * e.semiMajorM) < 1e-5 * e.semiMajorM);
  }
});

test("Every outline point lies on the ellipse: normalised distance 1 in the ellipse's own axes", () => {
  const r = random(42);
  for (let i = 0; i < 50; i++) {
    const e = randomEllipse(r);
    for (const [lat, lon] of ellipsePolygon(e, 48)) {
      const { distanceM, bearingDeg } = inverse(e.centerLat, e.centerLon, lat, lon);
      const rel = (bearingDeg - e.orientationDeg) * Math.PI / 180;
      const along = distanceM * Math.cos(rel), across = distanceM * Math.sin(rel);
      const normalised = Math.hypot(along / e.semiMajorM, across / e.semiMinorM);
      assert.ok(Math.abs(normalised - 1) < 1e-6, `normalised distance ${normalised}`);
    }
  }
});

test("A circle's outline is equally far from the centre everywhere", () => {
  const pts = ellipsePolygon({ centerLat: 45.2, centerLon: 28.47, semiMajorM: 500, semiMinorM: 500, orientationDeg: 30 }, 36);
  assert.equal(pts.length, 36);
  for (const [lat, lon] of pts) assert.ok(Math.abs(inverse(45.2, 28.47, lat, lon).distanceM - 500) < 1e-6);
});

test("The API's candidate ellipse is read from its field names", () => {
  const debris = { center: { latDeg: 45.2, lonDeg: 28.47, altM: 0 }, semiMajorM: 900, semiMinorM: 300, orientationDeg: 180 };
  const pts = debrisPolygon(debris, 8);
  assert.equal(pts.length, 8);
  assert.ok(pts[0][0] < 45.2, "an ellipse oriented south starts south of its centre");
  assert.ok(Math.abs(inverse(45.2, 28.47, pts[0][0], pts[0][1]).distanceM - 900) < 1e-6);
});

test("What is not an ellipse is refused, naming the field", () => {
  const ok = { centerLat: 45, centerLon: 28, semiMajorM: 10, semiMinorM: 5, orientationDeg: 0 };
  assert.throws(() => ellipsePolygon({ ...ok, semiMinorM: 0 }), /semi-axes must be positive/);
  assert.throws(() => ellipsePolygon({ ...ok, orientationDeg: "north" }), /orientationDeg is not a number/);
  assert.throws(() => ellipsePolygon({ ...ok, centerLat: NaN }), /centerLat/);
  assert.throws(() => ellipsePolygon(ok, 3), /too few/);
  assert.throws(() => debrisPolygon(null), /missing/);
});
