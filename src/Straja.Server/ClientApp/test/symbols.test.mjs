import { test } from "node:test";
import assert from "node:assert/strict";
import ms from "milsymbol";
import { SymbolCache, colourFor, functionIdFor, sidcFor, symbolSizeForZoom } from "../src/symbols.js";

const classes = ["unknown", "multirotor", "fixed-wing", "manned", "bird", "clutter"];
const identities = ["unknown", "friendly", "neutral", "hostile", "suspect"];
const statuses = ["tentative", "confirmed"];
const every = classes.flatMap((c) => identities.flatMap((i) => statuses.map((s) => ({ class: c, identity: i, status: s }))));

test("Every class, identity and status gives a 15-character air SIDC that milsymbol accepts", () => {
  for (const t of every) {
    const sidc = sidcFor(t);
    assert.equal(sidc.length, 15, sidc);
    assert.equal(sidc[0], "S");
    assert.equal(sidc[2], "A", `${sidc} is not in the air battle dimension`);
    assert.equal(new ms.Symbol(sidc).isValid(), true, `milsymbol rejects ${sidc} for ${JSON.stringify(t)}`);
  }
});

test("Identity sets the standard identity letter", () => {
  const letter = (identity) => sidcFor({ class: "multirotor", identity, status: "confirmed" })[1];
  assert.deepEqual(identities.map(letter), ["U", "F", "N", "H", "S"]);
});

test("Unrecognised identity is drawn as unknown, not dropped", () => {
  assert.equal(sidcFor({ class: "multirotor", identity: "pending-x", status: "confirmed" })[1], "U");
  assert.equal(colourFor({ identity: "pending-x" }), colourFor({ identity: "unknown" }));
});

test("Tentative tracks use the anticipated status (dashed frame), confirmed ones present", () => {
  assert.equal(sidcFor({ class: "fixed-wing", identity: "hostile", status: "tentative" })[3], "A");
  assert.equal(sidcFor({ class: "fixed-wing", identity: "hostile", status: "confirmed" })[3], "P");
});

test("Drones map to the UAV function ids, rotary for multirotor and fixed wing for fixed-wing", () => {
  assert.equal(functionIdFor("multirotor", "hostile"), "MHQ---");
  assert.equal(functionIdFor("fixed-wing", "hostile"), "MFQ---");
});

test("Manned aircraft are civilian when neutral and military otherwise", () => {
  assert.equal(functionIdFor("manned", "neutral"), "CF----");
  for (const identity of ["friendly", "hostile", "unknown"]) assert.equal(functionIdFor("manned", identity), "MF----");
});

test("Classes without an air function id and unknown classes get a bare frame", () => {
  for (const cls of ["unknown", "bird", "clutter", "balloon?", undefined]) assert.equal(functionIdFor(cls, "unknown"), "------");
});

test("Symbol size never shrinks as the map zooms in", () => {
  for (let z = 3; z < 18; z++) assert.ok(symbolSizeForZoom(z + 1) >= symbolSizeForZoom(z), `zoom ${z}`);
});

test("The symbol cache renders each SIDC and size once", () => {
  const calls = [];
  const cache = new SymbolCache((sidc, size) => {
    calls.push(`${sidc}/${size}`);
    return { image: {}, anchorX: 0, anchorY: 0, width: size, height: size };
  });
  for (let i = 0; i < 1000; i++) cache.get(sidcFor(every[i % every.length]), 13);
  cache.get("SHAPMHQ--------", 19);
  assert.equal(calls.length, new Set(calls).size);
  assert.equal(cache.size, new Set(every.map(sidcFor)).size + 1);
});
