import test from "node:test";
import assert from "node:assert/strict";
import { viewOf } from "../src/views.js";

test("A section's hash prefix selects it; anything else is the map", () => {
  const names = ["registry", "incidents"];
  assert.equal(viewOf("#/registry/units", names), "registry");
  assert.equal(viewOf("#/incidents", names), "incidents");
  assert.equal(viewOf("#/incidents?x=1", names), "incidents");
  assert.equal(viewOf("", names), "map");
  assert.equal(viewOf("#/", names), "map");
  assert.equal(viewOf("#/registryx", names), "map");
  assert.equal(viewOf(undefined, names), "map");
});
