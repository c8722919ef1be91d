// The incidents section's rules, pure and node-tested: which page a hash names, the legal moves
// of the state machine (docs/operations.md: open → investigating → closed with a resolution,
// reopen), the "new incident" form turned into the API's request (or a refusal naming the field),
// and the back-track candidates as the page shows them. The server decides; this module only
// spares the investigator buttons and requests it would refuse.

export const STATES = Object.freeze(["open", "investigating", "closed"]);

export const KINDS = Object.freeze([
  ["airspace-incursion", "airspace incursion"],
  ["ground-find", "ground find"],
  ["sensor-fault", "sensor fault"],
  ["other", "other"],
]);

export const kindLabel = (wire) => KINDS.find(([w]) => w === wire)?.[1] ?? wire;

/** The page "#/incidents…" names: the list (optionally filtered by state) or one incident. */
export function parseIncidentRoute(hash) {
  const [path, query = ""] = (hash ?? "").replace(/^#\/?/, "").split("?");
  const parts = path.split("/").filter((p) => p.length > 0);
  if (parts[0] !== "incidents") return { page: "none" };
  if (parts.length >= 2) return { page: "incident", id: decodeURIComponent(parts[1]) };
  const state = new URLSearchParams(query).get("state");
  return { page: "list", state: STATES.includes(state) ? state : "" };
}

export const incidentHash = (id) => `#/incidents/${encodeURIComponent(id)}`;
export const listHash = (state) => (state ? `#/incidents?state=${state}` : "#/incidents");
/** The map, opened on a track (main.js follows "#/track/<id>"). */
export const trackHash = (trackId) => `#/track/${encodeURIComponent(trackId)}`;

/** The moves the state machine allows from `state`, as buttons: closing asks for a resolution. */
export function legalMoves(state) {
  switch (state) {
    case "open": return [{ to: "investigating", label: "Start investigating" }, { to: "closed", label: "Close", needsResolution: true }];
    case "investigating": return [{ to: "closed", label: "Close", needsResolution: true }];
    case "closed": return [{ to: "investigating", label: "Reopen" }];
    default: return [];
  }
}

/** When the incident last changed: its newest timeline entry (the opening when there is no other). */
export const lastChange = (incident) => incident.timeline?.at(-1)?.time ?? incident.openedAt;

/** The list's request: GET /api/incidents with the state filter the server applies (all when empty). */
export function listUrl(state, limit = 1000) {
  const q = new URLSearchParams({ limit: String(limit) });
  if (state) q.set("state", state);
  return `/api/incidents?${q}`;
}

/** The list as shown (the server has filtered it by state): most recently changed first. */
export function listRows(incidents) {
  return incidents
    .toSorted((a, b) => String(lastChange(b)).localeCompare(String(lastChange(a))) || String(a.id).localeCompare(String(b.id)));
}

/** The timeline oldest first (newest last), as the page shows it; the server's order is kept for equal times. */
export const timelineRows = (incident) => (incident.timeline ?? []).map((e, i) => [e, i])
  .toSorted(([a, i], [b, j]) => String(a.time).localeCompare(String(b.time)) || i - j).map(([e]) => e);

function number(values, name, min, max) {
  const text = String(values[name] ?? "").trim();
  const v = Number(text);
  if (text === "" || !Number.isFinite(v)) throw new Error(`${name}: "${text}" is not a number`);
  if (v < min || v > max) throw new Error(`${name}: ${v} is outside ${min}…${max}`);
  return v;
}

/** A datetime-local value ("2026-11-27T14:05" or with seconds) read as UTC, as an ISO instant. */
export function utcInstant(text, name) {
  const t = String(text ?? "").trim();
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z?$/.test(t)) throw new Error(`${name}: "${t}" is not a UTC date and time (YYYY-MM-DDTHH:MM)`);
  const d = new Date(t.endsWith("Z") ? t : `${t}Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`${name}: "${t}" is not a date`);
  return d.toISOString();
}

/** The value a datetime-local input shows for an instant, in UTC, to the second. */
export const utcInputValue = (instant) => new Date(instant).toISOString().slice(0, 19);

/**
 * POST /api/incidents's body from the "New incident" form's values (all text), or an Error naming
 * the field. A ground find needs its place and window; the description becomes the first comment.
 */
export function openRequest(values) {
  const kind = String(values.kind ?? "");
  if (!KINDS.some(([w]) => w === kind)) throw new Error(`kind: "${kind}" is not one of ${KINDS.map(([w]) => w).join(", ")}`);
  const title = String(values.title ?? "").trim();
  if (title === "") throw new Error("title: required");
  const body = { kind, title };
  if (kind === "ground-find") {
    const from = utcInstant(values.from, "from");
    const to = utcInstant(values.to, "to");
    if (to < from) throw new Error("to: the window ends before it starts");
    body.find = {
      lat: number(values, "lat", -90, 90),
      lon: number(values, "lon", -180, 180),
      from,
      to,
      radiusM: number(values, "radiusM", 1, 200_000),
    };
  }
  return { body, description: String(values.description ?? "").trim() };
}

/** An incursion incident opened from alerts: linked to them and to their tracks. */
export function incursionFromAlerts(alerts) {
  if (alerts.length === 0) throw new Error("select at least one alert");
  const alertIds = [...new Set(alerts.map((a) => a.id))];
  const trackIds = [...new Set(alerts.map((a) => a.trackId).filter(Boolean))];
  const first = alerts[0];
  const more = alerts.length > 1 ? ` (+${alerts.length - 1} more alerts)` : "";
  const title = `${first.kind ?? "alert"}${first.trackId ? ` ${first.trackId}` : ""}${first.zone ? ` at ${first.zone}` : ""}${more}`;
  return { kind: "airspace-incursion", title: title.slice(0, 200), alertIds, trackIds };
}

/** Seconds in a .NET TimeSpan as System.Text.Json writes it: "[-][d.]hh:mm:ss[.fffffff]". */
export function timeSpanSeconds(text) {
  const m = /^(-)?(?:(\d+)\.)?(\d+):(\d\d):(\d\d(?:\.\d+)?)$/.exec(String(text ?? ""));
  if (!m) throw new Error(`"${text}" is not a time span`);
  const s = Number(m[2] ?? 0) * 86400 + Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5]);
  return m[1] ? -s : s;
}

/** "2 h 05 min", "4 min 10 s", "12 s". */
export function durationText(seconds) {
  const s = Math.round(Math.abs(seconds));
  const sign = seconds < 0 ? "-" : "";
  if (s >= 3600) return `${sign}${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
  if (s >= 60) return `${sign}${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${sign}${s} s`;
}

const latLon = (p) => (p ? `${p.latDeg.toFixed(4)}, ${p.lonDeg.toFixed(4)}` : "—");

/** A back-track candidate as the table shows it (the API's BackTrackCandidate). */
export function candidateRow(c) {
  return {
    rank: c.rank,
    trackId: c.trackId,
    distance: c.endDistanceM >= 1000 ? `${(c.endDistanceM / 1000).toFixed(2)} km` : `${Math.round(c.endDistanceM)} m`,
    before: durationText(timeSpanSeconds(c.endedBeforeFind)),
    crossing: c.borderCrossing ? `${latLon(c.borderCrossing.position)} at ${String(c.borderCrossing.time).slice(11, 19)}Z` : "none recorded",
    speed: `${c.lastSpeedMps.toFixed(1)} m/s`,
    heading: `${Math.round(c.lastHeadingDeg)}°`,
    sensors: sensorsText(c),
    ellipse: `${Math.round(c.debris.semiMajorM)} × ${Math.round(c.debris.semiMinorM)} m, ${Math.round(c.debris.orientationDeg)}°`,
  };
}

const clock = (iso) => String(iso).slice(11, 19);

/**
 * The sensors that saw a candidate, by name with the span the store recorded ("radar-isaccea 12:03:05–12:09:40Z"),
 * in the server's (sensor id) order; a sensor without a span by name alone.
 */
export function sensorsText(c) {
  const names = c.sensors ?? [];
  if (names.length === 0) return "—";
  return names.map((name) => {
    const seen = (c.seenBy ?? []).find((s) => s.sensorId === name);
    return seen ? `${name} ${clock(seen.first)}–${clock(seen.last)}Z` : name;
  }).join(", ");
}

/** A candidate's recorded path as [lat, lon] pairs. */
export const candidatePath = (c) => (c.path ?? []).map((p) => [p.position.latDeg, p.position.lonDeg]);

const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024; // Incidents.MaxAttachmentBytes on the server
export const ACCEPTED_TYPES = Object.freeze(["image/jpeg", "image/png", "application/pdf"]);

/** Why a file would be refused before uploading it (null when it may go); the server checks again. */
export function attachmentProblem(file) {
  if (!file) return "file: choose a JPEG, PNG or PDF file";
  if (file.size > MAX_ATTACHMENT_BYTES) return `content: ${file.size} bytes is over the limit of ${MAX_ATTACHMENT_BYTES} bytes`;
  if (file.size === 0) return "content: the file is empty";
  return null;
}

export const exportUrl = (id, format) => `/api/incidents/${encodeURIComponent(id)}/export?format=${format}`;
export const attachmentUrl = (id, sha) => `/api/incidents/${encodeURIComponent(id)}/attachments/${encodeURIComponent(sha)}`;
