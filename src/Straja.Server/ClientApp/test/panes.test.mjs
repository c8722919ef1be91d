import { test } from "node:test";
import assert from "node:assert/strict";
import { PANE_ORDER, paneZIndex } from "../src/panes.js";

test("Panes stack countries < coverage < zones < border < sensors < alert marks", () => {
  const expected = ["countries", "coverage", "zones", "border", "sensors", "alertMarks"];
  for (let i = 1; i < expected.length; i++) {
    assert.ok(paneZIndex(expected[i - 1]) < paneZIndex(expected[i]), `${expected[i - 1]} below ${expected[i]}`);
  }
  assert.deepEqual([...PANE_ORDER], expected);
});

test("All panes sit above Leaflet's overlay pane and below its marker and tooltip panes", () => {
  for (const name of PANE_ORDER) {
    assert.ok(paneZIndex(name) > 400 && paneZIndex(name) < 600, `${name} at ${paneZIndex(name)}`);
  }
});

test("An unknown pane name is an error that names it", () => {
  assert.throws(() => paneZIndex("tracks"), /unknown map pane "tracks"/);
});
