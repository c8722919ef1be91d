import test from "node:test";
import assert from "node:assert/strict";
import { JsoncError, lineAt, locate, parseJsonc, parsePath, rulesOf, setRuleField, toValue } from "../src/rulesDoc.js";

const DOC = `{
  // The demo's rules
  "rules": [
    { "id": "swarm", "name": "Swarm", "severity": "critical",
      "when": { "swarm": { "minTracks": 3, "radiusM": 3000 } } },
    /* a block comment */
    { "id": "fast", "when": { "all": [ { "speedMps": { "min": 25 } }, { "class": ["helicopter"] } ] } },
  ]
}
`;

test("Comments and trailing commas are read as the server reads them", () => {
  const rules = rulesOf(DOC);
  assert.equal(rules.length, 2);
  assert.equal(rules[1].when.all[1].class[0], "helicopter");
  assert.deepEqual(toValue(parseJsonc('{"a": [1, -2.5e3, true, null, "x\\"y"]}')), { a: [1, -2500, true, null, 'x"y'] });
});

test("A document that is not JSON fails naming its line", () => {
  for (const [text, line] of [['{\n  "rules": [\n    { "id" "x" }\n  ]\n}', 3], ['{\n "rules": [', 2], ['{ "a": 1 } x', 1], ['{ "a": "open\n" }', 1]]) {
    assert.throws(() => parseJsonc(text), (e) => e instanceof JsoncError && e.line === line, text);
  }
  assert.throws(() => rulesOf('{ "rule": [] }'), /"rules" array/);
});

test("The server's fault path points at the line and text it names", () => {
  const at = locate(DOC, "rules[1].when.all[1].class[0]");
  assert.equal(at.exact, true);
  assert.equal(DOC.slice(at.start, at.end), '"helicopter"');
  assert.equal(at.line, 7);
  const key = locate(DOC, "rules[0].severity");
  assert.equal(DOC.slice(key.start, key.end), '"severity": "critical"');
  assert.equal(key.line, 4);
});

test("A path to something missing points at the deepest part that exists", () => {
  const at = locate(DOC, "rules[0].when.swarm.of");
  assert.equal(at.exact, false);
  assert.equal(DOC.slice(at.start, at.end), '{ "minTracks": 3, "radiusM": 3000 }');
  assert.equal(locate(DOC, "rules[5]").line, 3);
  assert.equal(locate(DOC, "$").start, 0);
});

test("A 'line N' fault selects that line; unreadable text gives no place", () => {
  const at = locate(DOC, "line 7");
  assert.equal(at.line, 7);
  assert.match(DOC.slice(at.start, at.end), /^\s+\{ "id": "fast"/);
  assert.equal(locate(DOC, "line 99"), null);
  assert.equal(locate("{ oops", "rules[0]"), null);
});

test("Paths split into keys and indexes", () => {
  assert.deepEqual(parsePath("rules[0].when.all[12].class[0]"), ["rules", 0, "when", "all", 12, "class", 0]);
  assert.deepEqual(parsePath("$"), []);
  assert.equal(lineAt("a\nb\nc", 4), 3);
});

test("A quick edit changes that one value and keeps the comments and layout", () => {
  const severe = setRuleField(DOC, 0, "severity", "warning");
  assert.equal(severe, DOC.replace('"severity": "critical"', '"severity": "warning"'));
  const off = setRuleField(DOC, 1, "enabled", false);
  assert.equal(off, DOC.replace('{ "id": "fast",', '{ "id": "fast", "enabled": false,'));
  assert.equal(rulesOf(off)[1].enabled, false);
  const on = setRuleField(off, 1, "enabled", true);
  assert.equal(rulesOf(on)[1].enabled, true);
  assert.match(on, /\/\* a block comment \*\//);
  assert.equal(setRuleField('{"rules":[{}]}', 0, "cooldownS", 60), '{"rules":[{ "cooldownS": 60}]}');
  assert.equal(setRuleField('{"rules":[{"when":{}}]}', 0, "cooldownS", 60), '{"rules":[{ "cooldownS": 60,"when":{}}]}');
  assert.throws(() => setRuleField(DOC, 4, "enabled", false), /rules\[4\]/);
});

test("Any sequence of quick edits equals the same edits made on the parsed value", () => {
  // Seeded, so a failure repeats.
  let seed = 20261127;
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const edits = [["enabled", () => rnd(2) === 0], ["severity", () => ["info", "warning", "critical"][rnd(3)]], ["cooldownS", () => rnd(3600)], ["name", () => `r"${rnd(9)}\\`]];
  for (let run = 0; run < 200; run++) {
    let text = DOC;
    const expected = rulesOf(DOC);
    for (let k = 0; k < 6; k++) {
      const index = rnd(expected.length);
      const [key, make] = edits[rnd(edits.length)];
      const value = make();
      text = setRuleField(text, index, key, value);
      expected[index][key] = value;
    }
    assert.deepEqual(rulesOf(text), expected);
    assert.match(text, /\/\/ The demo's rules/);
  }
});
