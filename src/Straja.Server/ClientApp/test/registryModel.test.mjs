import { test } from "node:test";
import assert from "node:assert/strict";
import * as m from "../src/registryModel.js";

test("Hashes outside #/registry show the map; registry hashes name a page", () => {
  assert.deepEqual(m.parseRoute(""), { view: "map" });
  assert.deepEqual(m.parseRoute("#/"), { view: "map" });
  assert.deepEqual(m.parseRoute("#/registry"), { view: "registry", page: "production" });
  assert.deepEqual(m.parseRoute("#/registry/audit"), { view: "registry", page: "audit" });
  assert.deepEqual(m.parseRoute("#/registry/units"), { view: "registry", page: "units" });
  assert.equal(m.parseRoute("#/registry/nonsense").page, "not-found");
});

test("A unit page route round-trips a serial with reserved characters", () => {
  const serial = "U/1 a%b";
  assert.deepEqual(m.parseRoute(m.unitHash(serial)), { view: "registry", page: "unit", serial });
  assert.equal(m.parseRoute("#/registry/units/%E0%A4%A").serial, "%E0%A4%A");
});

test("Each non-final state proposes the one move the lifecycle allows; final states none", () => {
  assert.equal(m.nextAction("produced").id, "accept");
  assert.equal(m.nextAction("accepted").id, "allocate");
  assert.equal(m.nextAction("allocated").id, "deliver");
  assert.equal(m.nextAction("delivered").id, "in-service");
  assert.equal(m.nextAction("in-service").id, "retire");
  for (const end of ["lost", "destroyed", "decommissioned"]) assert.equal(m.nextAction(end), null);
});

test("A move's body leaves empty fields out, upper-cases the recipient, and is null without fields", () => {
  assert.deepEqual(m.actionBody("allocate", { recipient: " pl ", exportLicence: "EXP-1", licenceExpiresOn: "", endUserCertificate: "  " }),
    { recipient: "PL", exportLicence: "EXP-1" });
  assert.deepEqual(m.actionBody("retire", { end: "lost", reason: "ditched in the Danube" }), { end: "lost", reason: "ditched in the Danube" });
  assert.equal(m.actionBody("deliver", {}), null);
  assert.throws(() => m.actionBody("resurrect", {}), /unknown unit action "resurrect"/);
});

const units = [
  { serial: "U1", modelId: "hawk", batchId: "B1", state: "produced", recipient: null, remoteIdSerial: "STRJ41111", radioIdentifiers: [] },
  { serial: "U2", modelId: "hawk", batchId: "B2", state: "allocated", recipient: "PL", remoteIdSerial: "STRJ42222",
    radioIdentifiers: [{ kind: "wifi-mac", value: "02:00:5E:10:00:01" }] },
  { serial: "X3", modelId: "owl", batchId: "B2", state: "allocated", recipient: "RO", remoteIdSerial: "STRJ43333", radioIdentifiers: [] },
];

test("Units are filtered by every criterion at once", () => {
  assert.deepEqual(m.filterUnits(units, { state: "allocated" }).map((u) => u.serial), ["U2", "X3"]);
  assert.deepEqual(m.filterUnits(units, { state: "allocated", model: "hawk" }).map((u) => u.serial), ["U2"]);
  assert.deepEqual(m.filterUnits(units, { batch: "B2", recipient: "RO" }).map((u) => u.serial), ["X3"]);
  assert.deepEqual(m.filterUnits(units, { recipient: "-" }).map((u) => u.serial), ["U1"]);
  assert.equal(m.filterUnits(units, {}).length, 3);
});

test("The search text matches serial, Remote ID serial or a radio identifier, ignoring case", () => {
  assert.deepEqual(m.filterUnits(units, { text: "x3" }).map((u) => u.serial), ["X3"]);
  assert.deepEqual(m.filterUnits(units, { text: "strj4222" }).map((u) => u.serial), ["U2"]);
  assert.deepEqual(m.filterUnits(units, { text: "5e:10" }).map((u) => u.serial), ["U2"]);
});

test("Filter options are the distinct non-empty values, sorted", () => {
  assert.deepEqual(m.distinct(units, "recipient"), ["PL", "RO"]);
  assert.deepEqual(m.distinct(units, "modelId"), ["hawk", "owl"]);
});

test("Radio identifiers and bands parse from lines or commas; a bad entry is named by its position", () => {
  assert.deepEqual(m.parseRadioIdentifiers("wifi-mac=02:00:5E:10:00:01\n ble-mac = 02:00:5E:10:00:02"),
    [{ kind: "wifi-mac", value: "02:00:5E:10:00:01" }, { kind: "ble-mac", value: "02:00:5E:10:00:02" }]);
  assert.deepEqual(m.parseRadioIdentifiers("  "), []);
  assert.throws(() => m.parseRadioIdentifiers("a=b, nonsense"), /entry 2 "nonsense"/);
  assert.deepEqual(m.parseRadioBands("2400-2483.5, 5725 - 5850"), [{ minMHz: 2400, maxMHz: 2483.5 }, { minMHz: 5725, maxMHz: 5850 }]);
  assert.throws(() => m.parseRadioBands("2400-2483.5\n5.8GHz"), /entry 2 "5.8GHz"/);
});

test("A number field that is not a number is refused naming the field", () => {
  assert.equal(m.parseNumber("mass (kg)", " 6.5 "), 6.5);
  assert.throws(() => m.parseNumber("mass (kg)", "heavy"), /mass \(kg\): "heavy" is not a number/);
  assert.throws(() => m.parseNumber("mass (kg)", ""), /mass \(kg\)/);
});

test("Reconciliation marks a count above the one before it", () => {
  const rows = m.reconciliationRows({ quantity: 5, registered: 3, accepted: 3, allocated: 4, delivered: 1 });
  assert.deepEqual(rows.map((r) => r.ok), [true, true, true, false, true]);
  assert.deepEqual(rows.map((r) => r.count), [5, 3, 3, 4, 1]);
});

test("The private key file names the unit and carries both encodings of the key", () => {
  const text = m.privateKeyFile({ unit: { serial: "U1", remoteIdSerial: "STRJ41111" }, privateKeyBase64: "QUJD", privateKeyHex: "414243" });
  assert.match(text, /serial: U1\n/);
  assert.match(text, /privateKeyBase64: QUJD\n/);
  assert.match(text, /privateKeyHex: 414243\n/);
  assert.match(text, /once/);
});

test("A fingerprint reads in groups of four", () => {
  assert.equal(m.groupFingerprint("0123456789abcdef01"), "0123 4567 89ab cdef 01");
  assert.equal(m.groupFingerprint(null), "—");
});

test("API times read to the second in UTC, whatever their fraction or UTC spelling", () => {
  assert.equal(m.utcSeconds("2026-11-27T12:07:02.6455388+00:00"), "2026-11-27 12:07:02Z");
  assert.equal(m.utcSeconds("2026-11-27T12:07:02.6455388Z"), "2026-11-27 12:07:02Z");
  assert.equal(m.utcSeconds("2026-11-27T14:07:02+02:00"), "2026-11-27 14:07:02+02:00");
  assert.equal(m.utcSeconds(null), "—");
  assert.equal(m.utcSeconds("yesterday"), "yesterday");
});
