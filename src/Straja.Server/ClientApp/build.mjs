// Bundles the console into dist/: main.js (ES module), main.css (Leaflet's CSS and ours),
// the few images that Leaflet's CSS refers to (copied beside it, so nothing is fetched from
// outside), and index.html. Run by ClientApp.targets during `dotnet build`.

import * as esbuild from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await esbuild.build({
  entryPoints: [join(here, "src", "main.js"), join(here, "src", "report.js")],
  outdir: dist,
  bundle: true,
  format: "esm",
  target: ["es2022"],
  minify: true,
  sourcemap: true,
  legalComments: "linked",
  loader: { ".png": "file" },
  assetNames: "assets/[name]-[hash]",
  logLevel: "warning",
});
await copyFile(join(here, "src", "index.html"), join(dist, "index.html"));
await copyFile(join(here, "src", "report.html"), join(dist, "report.html"));
