import { test } from "node:test";
import assert from "node:assert/strict";
import { classRows } from "../src/detailView.js";

test("the runner-up classes above 5 % are listed, most likely first, without the shown class", () => {
  const rows = classRows({
    class: "multirotor",
    classProbabilities: { multirotor: 0.7, bird: 0.2, "fixed-wing": 0.07, manned: 0.01, clutter: 0.01, unknown: 0.01 },
  });
  assert.deepEqual(rows, [["Or", "bird 20 %, fixed-wing 7 %"]]);
});

test("the class evidence is shown with its sources and weights", () => {
  const rows = classRows({
    class: "bird",
    classEvidence: [
      { source: "radar-isaccea", class: "bird", weight: 0.55 },
      { source: "speed", class: "bird", weight: 0.3 },
    ],
  });
  assert.deepEqual(rows, [["Class evidence", "radar-isaccea → bird (0.55); speed → bird (0.30)"]]);
});

test("a track without estimates adds no rows", () => {
  assert.deepEqual(classRows({ class: "unknown" }), []);
});
