// Field reports as the console shows them: pure helpers for the "reports" map layer, the
// "Field reports" list and the report popup. An observation (GET /api/observations, or the live
// feed's picture message) is a person's report, not a track: it is drawn as an eye (seen) or an
// ear (heard), faded by its low confidence, never as an APP-6 symbol. Node tests in
// test/fieldReports.test.mjs.

import * as fmt from "./format.js";

const EARTH_RADIUS_M = 6371008.8; // mean radius: a few metres' error on a few km is far below a report's
const DEG = Math.PI / 180;

/** How long the heading-of-travel arrow is drawn, m: a direction, not a distance. */
export const HEADING_ARROW_M = 2000;

/** Where one gets to going `distanceM` from (lat, lon) on `bearingDeg` (great circle). */
export function destination(lat, lon, bearingDeg, distanceM) {
  const d = distanceM / EARTH_RADIUS_M;
  const b = bearingDeg * DEG;
  const p1 = lat * DEG;
  const l1 = lon * DEG;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return [p2 / DEG, ((((l2 / DEG) + 540) % 360) - 180)];
}

/**
 * The heading-of-travel arrow from the observer: a shaft and a two-stroke head, as [lat, lon]
 * polylines; null when no heading was reported.
 */
export function headingArrow(o, lengthM = HEADING_ARROW_M) {
  if (!Number.isFinite(o?.headingDeg) || !Number.isFinite(o?.lat) || !Number.isFinite(o?.lon)) return null;
  const tip = destination(o.lat, o.lon, o.headingDeg, lengthM);
  const barb = (side) => destination(tip[0], tip[1], o.headingDeg + 180 + side * 25, lengthM * 0.25);
  return { shaft: [[o.lat, o.lon], tip], head: [barb(-1), tip, barb(1)] };
}

/**
 * The reported direction of sight: the centre line and the two edges of its sector, as [lat, lon]
 * polylines from the observer; null without a direction.
 */
export function sightLines(o) {
  const s = o?.sight;
  if (!s || !Number.isFinite(s.bearingDeg) || !Number.isFinite(s.lengthM)) return null;
  const from = [o.lat, o.lon];
  const end = Number.isFinite(s.endLat) ? [s.endLat, s.endLon] : destination(o.lat, o.lon, s.bearingDeg, s.lengthM);
  const half = Number.isFinite(s.halfWidthDeg) ? s.halfWidthDeg : 0;
  return {
    centre: [from, end],
    edges: half > 0
      ? [[from, destination(o.lat, o.lon, s.bearingDeg - half, s.lengthM)], [from, destination(o.lat, o.lon, s.bearingDeg + half, s.lengthM)]]
      : [],
  };
}

/**
 * Low-confidence styling: a report is never drawn as solidly as a track. Opacity follows the
 * confidence within a faint band; the outline is always dashed.
 */
export function observationStyle(o) {
  const c = Number.isFinite(o?.confidence) ? Math.min(1, Math.max(0, o.confidence)) : 0;
  return {
    colour: o?.linkedTrackId ? "#8fd3ff" : "#e0c070",
    opacity: +(0.35 + 0.5 * c).toFixed(2),
    fillOpacity: +(0.03 + 0.07 * c).toFixed(3),
    dashArray: "4 6",
  };
}

/** The verdict badge: a short label and a class name for its colour. */
export function verdictBadge(o) {
  const m = o?.bestMatch;
  if (!m) return { label: "no match", kind: "none" };
  switch (m.kind) {
    case "track":
      return { label: `track ${m.trackId ?? m.name}`, kind: "track" };
    case "aircraft":
      return { label: `aircraft ${m.name}`, kind: "aircraft" };
    case "planet":
    case "star":
      return { label: m.name, kind: "sky" };
    default:
      return { label: String(m.name ?? "?"), kind: "none" };
  }
}

const TRUST_TEXT = { anonymous: "anonymous", "signed-in": "signed-in user", trusted: "border police / operator" };

/** Who stood behind the report, with the confidence the picture gives it: "anonymous (20%)". */
export function trustText(o) {
  const who = TRUST_TEXT[o?.trust] ?? String(o?.trust ?? "unknown");
  return Number.isFinite(o?.confidence) ? `${who} (${Math.round(o.confidence * 100)}%)` : who;
}

/** Term/definition rows of the report popup, in reading order. */
export function observationRows(o) {
  return [
    ["Time", `${fmt.utcHms(o.time)}Z`],
    ["Sense", `${o.sense ?? "?"}${Number.isFinite(o.count) && o.count > 1 ? `, ${o.count} objects` : ""}`],
    ["Description", o.description || "—"],
    ["Looking", o.sight ? `${fmt.heading(o.sight.bearingDeg)}${Number.isFinite(o.elevationDeg) ? `, ${Math.round(o.elevationDeg)}° up` : ""}` : "—"],
    ["Going", Number.isFinite(o.headingDeg) ? fmt.heading(o.headingDeg) : "—"],
    ["Reporter", trustText(o)],
    ["Triage", o.verdict ?? "—"],
    ["Best match", o.bestMatch ? `${o.bestMatch.name} (${Math.round((o.bestMatch.score ?? 0) * 100)}%)` : "—"],
  ];
}

/** The track a click on the popup's match opens, when the match is a track still in the picture. */
export function trackToOpen(o, liveTrackIds) {
  const id = o?.linkedTrackId ?? (o?.bestMatch?.kind === "track" || o?.bestMatch?.kind === "aircraft" ? o.bestMatch.trackId : null);
  return id && liveTrackIds.has(id) ? id : null;
}

/** The reports that corroborate a track (their triage matched it and it is still live), newest first. */
export function corroborating(observations, trackId) {
  return newestFirst((observations ?? []).filter((o) => trackId !== null && o.linkedTrackId === trackId));
}

/** Newest first by report time, then by id, without changing the argument. */
export function newestFirst(observations) {
  return [...(observations ?? [])].sort((a, b) => {
    const dt = Date.parse(b.time ?? "") - Date.parse(a.time ?? "");
    return dt !== 0 && !Number.isNaN(dt) ? dt : String(a.reportId).localeCompare(String(b.reportId));
  });
}

/**
 * A key that changes only when what is drawn changes (a report comes or goes, or is linked or
 * unlinked), so the layer is not rebuilt every picture and an open popup stays open.
 */
export function drawKey(observations) {
  return (observations ?? []).map((o) => `${o.reportId}:${o.linkedTrackId ?? ""}`).sort().join("|");
}

/**
 * The marker glyph as SVG markup: an eye for "seen", an ear for "heard". Built from constants
 * only (no report text goes into it).
 */
export function glyphSvg(sense) {
  const body = sense === "heard"
    ? '<path d="M8 13c0-5 3-8 7-8s7 3 7 7c0 3-2 4-3 6s-1 5-4 5c-2 0-3-1-3-3" fill="none" stroke-width="2"/><path d="M12 13c0-2 1-4 3-4s3 1 3 3" fill="none" stroke-width="1.6"/>'
    : '<path d="M3 14c3-5 7-7 11-7s8 2 11 7c-3 5-7 7-11 7s-8-2-11-7z" fill="none" stroke-width="2"/><circle cx="14" cy="14" r="3.2"/>';
  return `<svg class="report-glyph ${sense === "heard" ? "heard" : "seen"}" viewBox="0 0 28 28" width="22" height="22" aria-hidden="true">${body}</svg>`;
}
