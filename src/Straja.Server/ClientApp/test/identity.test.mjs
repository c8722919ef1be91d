import { test } from "node:test";
import assert from "node:assert/strict";
import { identityRows, identityText } from "../src/detailView.js";
import { colourFor, sidcFor } from "../src/symbols.js";

const friend = {
  identity: "friendly",
  identityDetail: { basis: "registry-proof", allied: false, unitSerial: "RU-2026-0007", model: "Sokil-4", recipient: "RO", unitState: "in-service" },
};

test("A signed friend shows its unit, model and recipient", () => {
  assert.deepEqual(identityRows(friend.identityDetail), [["Unit", "RU-2026-0007"], ["Model", "Sokil-4"], ["Recipient", "RO"]]);
  assert.equal(identityText(friend), "friendly — signed by a registered unit");
});

test("An allied friend says so", () => {
  const ally = { identity: "friendly", identityDetail: { ...friend.identityDetail, allied: true, recipient: "PL" } };
  assert.match(identityText(ally), /^friendly \(allied\)/);
});

test("A lost unit shows its registry state, a civil drone its operator id", () => {
  const lost = { basis: "registry-not-in-service", unitSerial: "RU-2026-0003", unitState: "lost" };
  assert.deepEqual(identityRows(lost), [["Unit", "RU-2026-0003"], ["Unit state", "lost"]]);
  assert.deepEqual(identityRows({ basis: "civil-remote-id", operatorId: "ROUrx7s2bq4k9m1p" }), [["Operator id", "ROUrx7s2bq4k9m1p"]]);
});

test("A suspect is drawn with the suspect identity code and the hostile colour", () => {
  const suspect = { identity: "suspect", class: "multirotor", status: "confirmed", identityDetail: { basis: "registry-unproven" } };
  assert.equal(sidcFor(suspect)[1], "S");
  assert.equal(colourFor(suspect), colourFor({ identity: "hostile" }));
  assert.match(identityText(suspect), /possible spoofing/);
});

test("A track without identity detail shows the bare identity", () => {
  assert.equal(identityText({ identity: "unknown" }), "unknown");
  assert.deepEqual(identityRows(undefined), []);
});
