import { test } from "node:test";
import assert from "node:assert/strict";
import { buildReport, compassToDeg, filedAs, signedInText, thanks } from "../src/reportForm.js";

test("compass points are 45 degrees apart clockwise from north", () => {
  assert.equal(compassToDeg("N"), 0);
  assert.equal(compassToDeg("E"), 90);
  assert.equal(compassToDeg("NW"), 315);
  assert.equal(compassToDeg(null), null);
  assert.equal(compassToDeg("up"), null);
});

test("a report needs a position and seen-or-heard, and says which is missing", () => {
  assert.deepEqual(buildReport({}).missing, ["where you are", "seen or heard"]);
  assert.deepEqual(buildReport({ position: { lat: 45, lon: 28 } }).missing, ["seen or heard"]);
});

test("what was tapped becomes the API body, with only the fields given", () => {
  const { body } = buildReport({
    position: { lat: 45.4351234, lon: 28.0081234 }, sense: "seen", look: "W", elevation: "low", went: "S", count: 2, text: "  light ",
  });
  assert.deepEqual(body, { lat: 45.43512, lon: 28.00812, sense: "seen", count: 2, bearingDeg: 270, elevationDeg: 10, headingDeg: 180, description: "light" });
  assert.deepEqual(buildReport({ position: { lat: 45, lon: 28 }, sense: "heard" }).body, { lat: 45, lon: 28, sense: "heard", count: 1 });
});

test("the reporter is told the report id and the first look of the triage", () => {
  assert.equal(thanks({ id: "R7", triage: { verdict: "probably Venus: low in the west" } }), "Report R7 received. First look: probably Venus: low in the west.");
  assert.equal(thanks({ id: "R8" }), "Report R8 received.");
});

test("a signed-in officer's report says whose it is and that it is trusted; an anonymous one shows no address", () => {
  const officer = { id: "R9", reporter: "matei", trusted: true, triage: { verdict: "no match" } };
  assert.equal(filedAs(officer), "filed as matei (trusted)");
  assert.equal(thanks(officer), "Report R9 received, filed as matei (trusted). First look: no match.");
  assert.equal(filedAs({ id: "R10", reporter: "ana", trusted: false }), "filed as ana");
  const anonymous = { id: "R11", reporter: "anonymous@192.0.2.7", trusted: false, triage: { verdict: "no match" } };
  assert.equal(filedAs(anonymous), null);
  assert.equal(thanks(anonymous), "Report R11 received. First look: no match.");
  assert.doesNotMatch(thanks(anonymous), /192\.0\.2\.7/);
});

test("the sign-in line says whether the officer's reports count as trusted", () => {
  assert.equal(signedInText("matei", true), "Signed in as matei: your reports are filed as trusted.");
  assert.equal(signedInText("ana", false), "Signed in as ana: your reports are filed under your name.");
});
