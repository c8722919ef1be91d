import { test } from "node:test";
import assert from "node:assert/strict";
import { antiforgeryHeaders, loginErrorText } from "../src/login.js";

test("The XSRF-TOKEN cookie is echoed in the X-XSRF-TOKEN header, decoded", () => {
  const headers = antiforgeryHeaders("straja.theme=dark; XSRF-TOKEN=CfDJ8%2Babc%3D; other=1");
  assert.deepEqual(headers, { "X-XSRF-TOKEN": "CfDJ8+abc=" });
});

test("Without the cookie no anti-forgery header is sent", () => {
  assert.deepEqual(antiforgeryHeaders(""), {});
  assert.deepEqual(antiforgeryHeaders("NOT-XSRF-TOKEN=x"), {});
});

test("A refused sign-in says why: wrong credentials, or locked with the server's reason", async () => {
  const response = (status, body) => new Response(JSON.stringify(body), { status });
  assert.equal(await loginErrorText(response(401, { detail: "x" })), "Wrong user name or password.");
  assert.equal(
    await loginErrorText(response(423, { detail: "try again after 2026-03-01 08:15 UTC" })),
    "Account locked: try again after 2026-03-01 08:15 UTC",
  );
  assert.equal(await loginErrorText(new Response("oops", { status: 500 })), "Sign-in failed (HTTP 500)");
});
