import { test } from "node:test";
import assert from "node:assert/strict";
import { RegistryApiError, errorFromResponse } from "../src/registryApi.js";

test("A problem body becomes an error carrying the registry's rule, reason and row errors", () => {
  const e = errorFromResponse("POST", "/api/registry/units/import", 400, {
    title: "import rejected", detail: "1 error(s); nothing was imported.", errors: [{ line: 3, field: "remoteIdSerial", message: "bad" }],
  });
  assert.ok(e instanceof RegistryApiError);
  assert.equal(e.status, 400);
  assert.equal(e.title, "import rejected");
  assert.equal(e.message, "1 error(s); nothing was imported.");
  assert.deepEqual(e.errors, [{ line: 3, field: "remoteIdSerial", message: "bad" }]);
});

test("An answer without a problem body still names the call and the status", () => {
  const e = errorFromResponse("GET", "/api/registry/units/U1", 502, null);
  assert.equal(e.title, "HTTP 502");
  assert.match(e.message, /GET \/api\/registry\/units\/U1 failed with HTTP 502/);
  assert.deepEqual(e.errors, []);
});
