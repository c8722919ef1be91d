import { test } from "node:test";
import assert from "node:assert/strict";
import { ROLES, canAcknowledge, canViewPicture, isTrustedReporter, canEditRegistry, canEditRules, canEditZones, canInvestigate, describeSession, loadSession, sessionFromResponse } from "../src/session.js";

test("Before accounts exist (404) the user has every role and may edit", () => {
  const s = sessionFromResponse(404, null);
  assert.deepEqual(s.roles, [...ROLES]);
  assert.equal(canEditRegistry(s), true);
  assert.match(describeSession(s), /no accounts/);
});

test("Only a registrar or an admin may edit the registry", () => {
  for (const role of ROLES) {
    const s = sessionFromResponse(200, { user: "ana", roles: [role] });
    assert.equal(canEditRegistry(s), role === "registrar" || role === "admin", role);
  }
});

test("Nobody signed in (401) reads only", () => {
  const s = sessionFromResponse(401, null);
  assert.equal(s.signedIn, false);
  assert.equal(canEditRegistry(s), false);
  assert.match(describeSession(s), /not signed in/);
});

test("An unknown role name grants nothing", () => {
  const s = sessionFromResponse(200, { user: "ion", roles: ["Registrar", "superuser", "viewer"] });
  assert.deepEqual(s.roles, ["viewer"]);
  assert.equal(canEditRegistry(s), false);
});

test("A malformed session answer or a server error is an error naming the endpoint", () => {
  assert.throws(() => sessionFromResponse(200, { name: "ana" }), /\/api\/session/);
  assert.throws(() => sessionFromResponse(500, null), /HTTP 500/);
});

test("loadSession reads the user and roles from GET /api/session", async () => {
  const calls = [];
  const fakeFetch = async (url) => {
    calls.push(url);
    return { status: 200, json: async () => ({ user: "ana", roles: ["registrar"] }) };
  };
  const s = await loadSession(fakeFetch);
  assert.deepEqual(calls, ["/api/session"]);
  assert.equal(s.user, "ana");
  assert.match(describeSession(s), /ana \(registrar\) — may edit/);
});

test("Only an operator or an admin may acknowledge alerts; a viewer may not", () => {
  for (const role of ROLES) {
    const s = sessionFromResponse(200, { user: "ana", roles: [role] });
    assert.equal(canAcknowledge(s), role === "operator" || role === "admin", role);
  }
  assert.equal(canAcknowledge(sessionFromResponse(200, { user: "ion", roles: ["viewer", "operator"] })), true);
  assert.equal(canAcknowledge(undefined), false);
});

test("Only an admin may edit the alert rules", () => {
  for (const role of ROLES) {
    const s = sessionFromResponse(200, { user: "ana", roles: role === "admin" ? [...ROLES] : ["viewer", role] });
    assert.equal(canEditRules(s), role === "admin", role);
  }
  assert.equal(canEditRules(sessionFromResponse(401, null)), false);
});

test("Only an investigator or an admin may open and work incidents", () => {
  for (const role of ROLES) {
    const s = sessionFromResponse(200, { user: "ana", roles: [role] });
    assert.equal(canInvestigate(s), role === "investigator" || role === "admin", role);
  }
  assert.equal(canInvestigate(sessionFromResponse(401, null)), false);
  assert.equal(canInvestigate(null), false);
});

test("Only an operator or an admin may change zones; a viewer reads them", () => {
  for (const role of ROLES) {
    const s = sessionFromResponse(200, { user: "ana", roles: [role] });
    assert.equal(canEditZones(s), role === "operator" || role === "admin", role);
  }
  assert.equal(canEditZones(sessionFromResponse(401, null)), false);
});

test("A border-police officer reads no picture and edits nothing, but is a trusted reporter", () => {
  const officer = sessionFromResponse(200, { user: "matei", roles: ["border-police"] });
  assert.deepEqual(officer.roles, ["border-police"]);
  assert.equal(canViewPicture(officer), false);
  assert.equal(isTrustedReporter(officer), true);
  for (const can of [canAcknowledge, canEditRegistry, canEditRules, canEditZones, canInvestigate]) assert.equal(can(officer), false, can.name);
  assert.match(describeSession(officer), /matei \(border-police\) — read only/);
});

test("Every other role reads the picture; only border police, operators, investigators and admins are trusted reporters", () => {
  for (const role of ROLES.filter((r) => r !== "border-police")) {
    assert.equal(canViewPicture(sessionFromResponse(200, { user: "ana", roles: [role] })), true, role);
  }
  const trusted = ROLES.filter((role) => isTrustedReporter(sessionFromResponse(200, { user: "ana", roles: [role] })));
  assert.deepEqual(trusted, ["operator", "investigator", "border-police", "admin"]);
  assert.equal(canViewPicture(sessionFromResponse(401, null)), false);
  assert.equal(isTrustedReporter(null), false);
});
