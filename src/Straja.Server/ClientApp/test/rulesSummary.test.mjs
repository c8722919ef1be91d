import test from "node:test";
import assert from "node:assert/strict";
import { ruleRow, summarize } from "../src/rulesSummary.js";

test("Every condition kind of docs/alert-rules.md reads as words", () => {
  const cases = [
    [{ class: ["multirotor", "fixed-wing"] }, "class is multirotor or fixed-wing"],
    [{ identity: ["unknown"] }, "identity is unknown"],
    [{ altitudeM: { min: 50, max: 1000 } }, "altitude between 50 and 1000 m"],
    [{ altitudeM: { max: 1000 } }, "altitude at most 1000 m"],
    [{ speedMps: { min: 25 } }, "ground speed at least 25 m/s"],
    [{ zone: { id: "mk" } }, "is inside zone mk"],
    [{ zone: { id: "mk", relation: "entering" } }, "enters zone mk"],
    [{ zone: { id: "*", relation: "leaving" } }, "leaves any zone"],
    [{ border: { from: "UA", to: "RO" } }, "crosses the border from UA into RO"],
    [{ border: { to: "RO" } }, "crosses the border into RO"],
    [{ border: {} }, "crosses any border"],
    [{ timeToZoneS: { zone: "*", max: 300 } }, "reaches any zone within 300 s on its present course"],
    [{ closingSpeedMps: { zone: "mk", min: 15 } }, "closes on zone mk at 15 m/s or faster"],
    [{ loiterS: { zone: "mk", min: 120 } }, "has stayed inside zone mk for 120 s or more"],
    [{ swarm: { minTracks: 3, radiusM: 2000, of: { identity: ["unknown"] } } },
      "part of a swarm: 3 or more confirmed tracks where identity is unknown within 2000 m"],
    [{ swarm: { minTracks: 3, radiusM: 2000 } }, "part of a swarm: 3 or more confirmed tracks within 2000 m"],
    [{ registeredUnit: { state: ["lost", "destroyed", "decommissioned"] } }, "is a unit of the registry marked lost, destroyed or decommissioned"],
    [{ registeredUnit: { state: ["lost"] } }, "is a unit of the registry marked lost"],
    [{ registeredUnit: {} }, "is a unit of the registry"],
    [{ registeredUnit: "lost" }, '{"registeredUnit":"lost"}'],
    [{ sensorSilent: { sensor: "*" } }, "any sensor is silent"],
    [{ sensorSilent: {} }, "any sensor is silent"],
    [{ sensorSilent: { sensor: "radar-isaccea" } }, "sensor radar-isaccea is silent"],
    [{ not: { identity: ["friendly", "neutral"] } }, "identity is not friendly or neutral"],
    [{ not: { class: ["bird"] } }, "class is not bird"],
    [{ not: { speedMps: { min: 5 } } }, "not (ground speed at least 5 m/s)"],
  ];
  for (const [condition, words] of cases) assert.equal(summarize(condition), words, JSON.stringify(condition));
});

test("All and any join their parts, and a list inside a list keeps its brackets", () => {
  assert.equal(
    summarize({ all: [{ not: { identity: ["friendly", "neutral"] } }, { border: { from: "UA", to: "RO" } }] }),
    "identity is not friendly or neutral and crosses the border from UA into RO");
  assert.equal(
    summarize({ all: [{ registeredUnit: { state: ["lost"] } }, { zone: { id: "mk", relation: "entering" } }] }),
    "is a unit of the registry marked lost and enters zone mk");
  assert.equal(
    summarize({ any: [{ speedMps: { min: 40 } }, { all: [{ class: ["fixed-wing"] }, { altitudeM: { max: 300 } }] }] }),
    "ground speed at least 40 m/s or (class is fixed-wing and altitude at most 300 m)");
  assert.equal(summarize({ all: [{ class: ["bird"] }] }), "class is bird");
});

test("Something the page does not know is shown as its JSON, never guessed at", () => {
  assert.equal(summarize({ lostUnitFlying: { unit: "RU-1" } }), 'lostUnitFlying {"unit":"RU-1"} (unknown condition)');
  assert.equal(summarize({ class: ["bird"], speedMps: { min: 1 } }), '{"class":["bird"],"speedMps":{"min":1}}');
  assert.equal(summarize(undefined), "undefined");
  assert.equal(summarize({ zone: { id: "mk", relation: "near" } }), "is near (unknown relation) zone mk");
});

test("A rule row fills in the server's defaults", () => {
  assert.deepEqual(ruleRow({ id: "fast", when: { speedMps: { min: 80 } } }), {
    id: "fast", name: "fast", enabled: true, severity: "warning", cooldownS: 300, summary: "ground speed at least 80 m/s",
  });
  const row = ruleRow({ id: "s", name: "Swarm", enabled: false, severity: "critical", cooldownS: 600, when: { sensorSilent: {} } });
  assert.equal(row.name, "Swarm");
  assert.equal(row.enabled, false);
  assert.equal(row.severity, "critical");
  assert.equal(row.cooldownS, 600);
});
