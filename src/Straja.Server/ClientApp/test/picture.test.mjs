import { test } from "node:test";
import assert from "node:assert/strict";
import { STALE_AFTER_MS, countConfirmed, isStale, isTentative, pickIndex } from "../src/picture.js";
import { random } from "../test-helpers/seeded.mjs";

test("Nothing is stale before the first picture has arrived", () => {
  assert.equal(isStale(null, 1e9), false);
});

test("The feed turns stale only after more than 3 s without a picture message", () => {
  assert.equal(STALE_AFTER_MS, 3000);
  assert.equal(isStale(10_000, 13_000), false);
  assert.equal(isStale(10_000, 13_001), true);
  assert.equal(isStale(10_000, 10_400), false);
});

test("Staleness depends only on the gap between receive times, not on when they happen", () => {
  const next = random(7);
  for (let k = 0; k < 500; k++) {
    const received = next() * 1e7;
    const gap = next() * 6000;
    assert.equal(isStale(received, received + gap), gap > STALE_AFTER_MS, `received ${received}, gap ${gap}`);
  }
});

test("Only an explicit tentative status makes a track tentative", () => {
  assert.equal(isTentative({ status: "tentative" }), true);
  assert.equal(isTentative({ status: "confirmed" }), false);
  assert.equal(isTentative({ status: "coasting" }), false);
  assert.equal(isTentative({}), false);
});

test("The confirmed count leaves out tentative tracks only", () => {
  const tracks = [
    { id: "T1", status: "confirmed" },
    { id: "T2", status: "tentative" },
    { id: "T3", status: "tentative" },
    { id: "T4" },
  ];
  assert.equal(countConfirmed(tracks), 2);
  assert.equal(countConfirmed([]), 0);
});

const drawn = (points) => ({
  xs: points.map((p) => p.x),
  ys: points.map((p) => p.y),
  visible: points.map((p) => (p.hidden ? 0 : 1)),
  tentative: points.map((p) => (p.tentative ? 1 : 0)),
  n: points.length,
});

test("A click picks the nearest track within the radius, or none", () => {
  const d = drawn([{ x: 100, y: 100 }, { x: 110, y: 100 }]);
  assert.equal(pickIndex(d, 108, 100, 14), 1);
  assert.equal(pickIndex(d, 101, 100, 14), 0);
  assert.equal(pickIndex(d, 200, 200, 14), -1);
});

test("A confirmed track wins over a nearer tentative one inside the radius", () => {
  const d = drawn([{ x: 100, y: 100, tentative: true }, { x: 110, y: 100 }]);
  assert.equal(pickIndex(d, 101, 100, 14), 1);
  // With no confirmed track in reach, the tentative one is picked.
  assert.equal(pickIndex(d, 90, 100, 14), 0);
});

test("Hidden tracks and entries beyond n cannot be picked", () => {
  const d = drawn([{ x: 100, y: 100, hidden: true }, { x: 300, y: 300 }]);
  assert.equal(pickIndex(d, 100, 100, 14), -1);
  assert.equal(pickIndex({ ...d, n: 1 }, 300, 300, 14), -1);
});
