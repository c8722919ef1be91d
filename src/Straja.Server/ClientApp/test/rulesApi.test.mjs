import test from "node:test";
import assert from "node:assert/strict";
import { RulesApiError, rulesError } from "../src/rulesApi.js";

test("A refused document keeps the server's reason and its JSON path apart", () => {
  const body = JSON.stringify({ title: "invalid alert rules", detail: "rules[0].when.class[0]: 'helicopter' is not one of …", path: "rules[0].when.class[0]" });
  const e = rulesError("PUT", "/api/rules", 400, body);
  assert.ok(e instanceof RulesApiError);
  assert.equal(e.status, 400);
  assert.equal(e.title, "invalid alert rules");
  assert.equal(e.path, "rules[0].when.class[0]");
  assert.match(e.message, /helicopter/);
});

test("A save over a newer version is a 412 saying the rules changed, with no path", () => {
  const e = rulesError("PUT", "/api/rules", 412, JSON.stringify({ title: "alert rules changed", detail: "reload them", path: null }));
  assert.equal(e.status, 412);
  assert.equal(e.title, "alert rules changed");
  assert.equal(e.path, null);
});

test("A refusal without a problem body still says what failed", () => {
  assert.match(rulesError("PUT", "/api/rules", 403, "").detail, /only an admin/);
  const e = rulesError("POST", "/api/rules/validate", 502, "<html>bad gateway</html>");
  assert.equal(e.title, "HTTP 502");
  assert.match(e.detail, /POST \/api\/rules\/validate failed with HTTP 502/);
});
