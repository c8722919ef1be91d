import { test } from "node:test";
import assert from "node:assert/strict";
import { linkTime, parseReplayHash, replayHash } from "../src/replayLink.js";
import { viewOf } from "../src/views.js";
import { random } from "../test-helpers/seeded.mjs";

const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);

test("a replay link names the period and the instant to the second", () => {
  const hash = replayHash({ fromMs: T0, toMs: T0 + 15 * 60_000, tMs: T0 + 330_750 });
  assert.equal(hash, "#/?replay=2026-11-27T14:00:00Z..2026-11-27T14:15:00Z@2026-11-27T14:05:30Z");
  assert.deepEqual(parseReplayHash(hash), { fromMs: T0, toMs: T0 + 15 * 60_000, tMs: T0 + 330_000 });
});

test("a replay link opens on the map, not on a section page", () => {
  assert.equal(viewOf(replayHash({ fromMs: T0, toMs: T0 + 60_000, tMs: T0 }), ["registry", "rules", "incidents"]), "map");
});

test("any period up to a day and instant in it survive the link (seeded)", () => {
  const next = random(20261127);
  for (let i = 0; i < 500; i++) {
    const fromMs = T0 + Math.floor(next() * 365 * 86_400) * 1000;
    const toMs = fromMs + (1 + Math.floor(next() * 86_399)) * 1000;
    const tMs = fromMs + Math.floor(next() * (toMs - fromMs + 1));
    const back = parseReplayHash(replayHash({ fromMs, toMs, tMs }));
    assert.deepEqual(back, { fromMs, toMs, tMs: Math.floor(tMs / 1000) * 1000 }, `case ${i}: ${linkTime(fromMs)} ${linkTime(tMs)}`);
  }
});

test("hashes that name no replay are the live map", () => {
  for (const hash of ["", "#", "#/", "#/registry", "#/track/T12", "#/?zoom=9"]) assert.equal(parseReplayHash(hash), null, hash);
});

test("a bad link is refused naming the part that is wrong", () => {
  const cases = [
    ["#/?replay=yesterday", "is not FROM..TO@INSTANT"],
    ["#/?replay=2026-11-27..2026-11-27T14:15:00Z@2026-11-27T14:05:00Z", 'from "2026-11-27"'],
    ["#/?replay=2026-11-27T14:00:00Z..2026-11-27T14:15:00@2026-11-27T14:05:00Z", 'to "2026-11-27T14:15:00"'],
    ["#/?replay=2026-11-27T14:00:00Z..2026-11-27T14:15:00Z@noon", 'instant "noon"'],
    ["#/?replay=2026-11-27T14:15:00Z..2026-11-27T14:00:00Z@2026-11-27T14:05:00Z", "to must be after from"],
    ["#/?replay=2026-11-27T14:00:00Z..2026-11-29T14:00:00Z@2026-11-28T14:00:00Z", "at most 24 hours"],
    ["#/?replay=2026-11-27T14:00:00Z..2026-11-27T14:15:00Z@2026-11-27T14:20:00Z", "outside the period"],
  ];
  for (const [hash, expected] of cases) {
    const r = parseReplayHash(hash);
    assert.ok(r?.error?.includes(expected), `${hash}: ${JSON.stringify(r)}`);
  }
});
