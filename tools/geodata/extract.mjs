// Extracts Straja's country polygons and the Romania–Ukraine border from Natural Earth 1:10m
// (public domain), as redistributed in TopoJSON by the world-atlas package.
// Output goes to src/Straja.Geo/Data/; run `npm ci && npm run extract` in this folder.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import * as topojson from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "..", "src", "Straja.Geo", "Data");
const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve("world-atlas/countries-10m.json"), "utf8"));

// world-atlas keys countries by ISO 3166-1 numeric code; Straja speaks alpha-2.
const countries = new Map([
  ["642", { iso: "RO", name: "Romania" }],
  ["804", { iso: "UA", name: "Ukraine" }],
  ["498", { iso: "MD", name: "Moldova" }],
  ["100", { iso: "BG", name: "Bulgaria" }],
  ["688", { iso: "RS", name: "Serbia" }],
  ["348", { iso: "HU", name: "Hungary" }],
  ["703", { iso: "SK", name: "Slovakia" }],
  ["616", { iso: "PL", name: "Poland" }],
  ["112", { iso: "BY", name: "Belarus" }],
]);

// The source is quantized to about 0.0036° × 0.0017°, so five decimals (about 1 m) lose nothing.
const round = (x) => Math.round(x * 1e5) / 1e5;
const roundDeep = (c) => (typeof c[0] === "number" ? [round(c[0]), round(c[1])] : c.map(roundDeep));

const collection = topology.objects.countries;
const features = [];
for (const geom of collection.geometries) {
  const meta = countries.get(geom.id);
  if (!meta) continue;
  const f = topojson.feature(topology, geom);
  features.push({
    type: "Feature",
    properties: { iso: meta.iso, name: meta.name },
    geometry: { type: f.geometry.type, coordinates: roundDeep(f.geometry.coordinates) },
  });
}
const missing = [...countries.values()].filter((m) => !features.some((f) => f.properties.iso === m.iso));
if (missing.length > 0) throw new Error(`countries missing from the topology: ${missing.map((m) => m.iso).join(", ")}`);
features.sort((a, b) => a.properties.iso.localeCompare(b.properties.iso));

// The mesh of arcs shared by exactly Romania and Ukraine is their common border, stitched into lines.
const isRoUa = (a, b) => (a.id === "642" && b.id === "804") || (a.id === "804" && b.id === "642");
const border = topojson.mesh(topology, collection, isRoUa);
const parts = border.coordinates.map(roundDeep);
if (parts.length !== 2) throw new Error(`expected the RO–UA border in two parts (north and Danube), got ${parts.length}`);
// North part first: a stable order keeps regenerated files diff-clean.
parts.sort((p, q) => Math.max(...q.map((c) => c[1])) - Math.max(...p.map((c) => c[1])));

mkdirSync(outDir, { recursive: true });
const provenance = "Natural Earth 1:10m Admin 0 (public domain) via world-atlas@2.0.2";
writeFileSync(
  join(outDir, "countries.geojson"),
  JSON.stringify({ type: "FeatureCollection", source: provenance, features }) + "\n",
);
writeFileSync(
  join(outDir, "ro-ua-border.geojson"),
  JSON.stringify({
    type: "FeatureCollection",
    source: provenance,
    features: [
      {
        type: "Feature",
        properties: { id: "ro-ua", name: "Romania–Ukraine border" },
        geometry: { type: "MultiLineString", coordinates: parts },
      },
    ],
  }) + "\n",
);

for (const [i, p] of parts.entries()) {
  const lats = p.map((c) => c[1]);
  const lons = p.map((c) => c[0]);
  console.log(
    `border part ${i}: ${p.length} points, lat ${Math.min(...lats)}..${Math.max(...lats)}, lon ${Math.min(...lons)}..${Math.max(...lons)}`,
  );
}
console.log(`countries: ${features.map((f) => f.properties.iso).join(", ")}`);
