import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ZONE_KINDS,
  distanceM,
  draftToFeature,
  emptyDraft,
  featureToDraft,
  formatForFile,
  groupZones,
  signedArea,
  slugify,
  zoneStyle,
  zonesApi,
} from "../src/zonesEditor.js";

const polygonDraft = () => ({
  ...emptyDraft("polygon"),
  name: "Tulcea port",
  // Clockwise as clicked: the feature must come out counter-clockwise.
  vertices: [
    [45.19, 28.78],
    [45.19, 28.83],
    [45.17, 28.83],
    [45.17, 28.78],
  ],
  lowerM: "0",
  upperM: "500",
});

test("A polygon draft becomes a closed counter-clockwise GeoJSON polygon with its band", () => {
  const { feature, errors } = draftToFeature(polygonDraft());
  assert.deepEqual(errors, []);
  const ring = feature.geometry.coordinates[0];
  assert.equal(feature.geometry.type, "Polygon");
  assert.deepEqual(ring[0], ring[ring.length - 1]);
  assert.equal(ring.length, 5);
  assert.ok(signedArea(ring) > 0);
  assert.equal(feature.properties.id, "tulcea-port");
  assert.deepEqual([feature.properties.lowerM, feature.properties.upperM, feature.properties.upperRef], [0, 500, "AMSL"]);
});

test("A circle draft becomes a Point with radiusM in longitude, latitude order", () => {
  const draft = { ...emptyDraft("circle"), name: "Disc", centre: [45.2, 28.4], radiusM: 1234.4, kind: "protected-site", severity: "critical" };
  const { feature } = draftToFeature(draft);
  assert.deepEqual(feature.geometry, { type: "Point", coordinates: [28.4, 45.2] });
  assert.equal(feature.properties.radiusM, 1234);
  assert.equal(feature.properties.lowerM, undefined);
});

test("An incomplete or inconsistent draft lists every field that is wrong", () => {
  const { errors, feature } = draftToFeature({ ...emptyDraft("polygon"), vertices: [[45, 28]], lowerM: "900", upperM: "100", kind: "airport" });
  assert.equal(feature, undefined);
  assert.ok(errors.some((e) => e.startsWith("name:")));
  assert.ok(errors.some((e) => e.startsWith("vertices: at least 3, have 1")));
  assert.ok(errors.some((e) => e.startsWith("lowerM: must be below")));
  assert.ok(errors.some((e) => e.startsWith("kind:")));
  const circle = draftToFeature({ ...emptyDraft("circle"), name: "c", upperM: "high" }).errors;
  assert.ok(circle.some((e) => e.startsWith("centre:")));
  assert.ok(circle.some((e) => e.startsWith("upperM:")));
});

test("Editing a saved zone gives back the draft it was made from", () => {
  const { feature } = draftToFeature(polygonDraft());
  const again = draftToFeature(featureToDraft(feature)).feature;
  assert.deepEqual(again, feature);
  const circle = draftToFeature({ ...emptyDraft("circle"), name: "Disc", centre: [45.2, 28.4], radiusM: 900 }).feature;
  assert.deepEqual(draftToFeature(featureToDraft(circle)).feature, circle);
});

test("Zones with several volumes or a schedule are listed once and not editable here", () => {
  const f = (id, extra = {}) => ({ type: "Feature", properties: { id, name: id, kind: "border", ...extra }, geometry: null });
  const zones = groupZones({ features: [f("a"), f("b"), f("a"), f("c", { schedule: [{}] })] });
  assert.deepEqual(zones.map((z) => [z.id, z.features.length, z.editable]), [["a", 2, false], ["b", 1, true], ["c", 1, false]]);
});

test("Each kind has its own colour, and critical zones draw solid", () => {
  const colours = new Set(ZONE_KINDS.map((k) => zoneStyle(k, "warning").color));
  assert.equal(colours.size, ZONE_KINDS.length);
  assert.equal(zoneStyle("border", "critical").dashArray, null);
  assert.notEqual(zoneStyle("border", "warning").dashArray, null);
  assert.equal(zoneStyle("something-new", "warning").color, zoneStyle("restricted", "warning").color);
});

test("Distances are great-circle metres: one degree of latitude is about 111 km", () => {
  assert.ok(Math.abs(distanceM([45, 28], [46, 28]) - 111195) < 10);
  assert.equal(distanceM([45, 28], [45, 28]), 0);
});

test("Ids are made from names without diacritics and odd characters", () => {
  assert.equal(slugify("Câmpia Turzii — est"), "campia-turzii-est");
  assert.equal(slugify("***"), "zone");
  assert.equal(slugify("x".repeat(80)).length, 64);
});

test("A .geojson upload imports as GeoJSON and an ED-269 file by its name", () => {
  assert.equal(formatForFile("zones.geojson"), "geojson");
  assert.equal(formatForFile("UASZones_ED269_2026.json"), "ed269");
  assert.equal(formatForFile("export.json"), "geojson");
});

test("A refused change reports the server's problem detail, and 403 as not permitted", async () => {
  const reply = (status, body) => async () => ({ ok: status < 300, status, json: async () => body });
  await assert.rejects(zonesApi(reply(400, { title: "invalid zone", detail: "$.properties.radiusM: missing" })).create({}), /POST \/api\/zones: \$\.properties\.radiusM: missing/);
  await assert.rejects(zonesApi(reply(403, {})).remove("mk"), /DELETE \/api\/zones\/mk: not permitted/);
  assert.equal(await zonesApi(reply(204, null)).remove("mk"), null);
});
