import { test } from "node:test";
import assert from "node:assert/strict";
import * as fmt from "../src/format.js";

test("Picture time is shown as UTC HH:MM:SS", () => {
  assert.equal(fmt.utcHms("2026-11-27T07:05:09.600Z"), "07:05:09");
  assert.equal(fmt.utcHms("2026-11-27T09:05:09+02:00"), "07:05:09");
});

test("A missing or bad time shows dashes rather than NaN", () => {
  assert.equal(fmt.utcHms(null), "--:--:--");
  assert.equal(fmt.localHms("yesterday-ish"), "--:--:--");
});

test("Altitude is shown in metres and feet", () => {
  assert.equal(fmt.altitude(304.8), "305 m / 1000 ft");
  assert.equal(fmt.altitude(undefined), "—");
});

test("Speed is shown in m/s and knots", () => {
  assert.equal(fmt.speed(1852 / 3600 * 100), "51.4 m/s (100 kn)");
});

test("Heading is a three-digit whole degree in [0, 360)", () => {
  assert.equal(fmt.heading(7.2), "007°");
  assert.equal(fmt.heading(359.6), "000°");
  assert.equal(fmt.heading(-90), "270°");
});

test("Class probability is clamped to a whole percentage", () => {
  assert.equal(fmt.classWithProbability("multirotor", 0.874), "multirotor 87%");
  assert.equal(fmt.classWithProbability("bird", 1.7), "bird 100%");
});

test("Age is measured against the picture time, never negative", () => {
  assert.equal(fmt.ageSeconds("2026-01-01T00:00:00Z", "2026-01-01T00:00:04.4Z"), "4 s");
  assert.equal(fmt.ageSeconds("2026-01-01T00:00:05Z", "2026-01-01T00:00:04Z"), "0 s");
});

test("Cursor position names its hemispheres", () => {
  assert.equal(fmt.latLon(45.12346, 28.5), "45.1235 N  28.5000 E");
  assert.equal(fmt.latLon(-1, -2), "1.0000 S  2.0000 W");
});
