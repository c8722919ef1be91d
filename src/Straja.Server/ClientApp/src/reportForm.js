// The pure part of the field-report page (report.html): compass points to degrees, the request body
// from what was tapped, and the sentence shown back from the triage. Node tests in test/reportForm.test.mjs.

export const COMPASS = Object.freeze(["N", "NE", "E", "SE", "S", "SW", "W", "NW"]);

/** Degrees clockwise from north of a compass point, or null for none. */
export function compassToDeg(point) {
  const i = COMPASS.indexOf(point);
  return i < 0 ? null : i * 45;
}

/** "Low", "half-way up", "high": the elevation a person can tell, as degrees above the horizon. */
export const ELEVATIONS = Object.freeze({ low: 10, mid: 35, high: 65 });

/**
 * The POST /api/field-reports body, or the list of what is missing. `state` holds what the reporter tapped:
 * position {lat, lon}, sense, look (compass point), elevation (low/mid/high), went (compass point), count, text.
 */
export function buildReport(state) {
  const missing = [];
  if (!state.position || !Number.isFinite(state.position.lat) || !Number.isFinite(state.position.lon)) missing.push("where you are");
  if (state.sense !== "seen" && state.sense !== "heard") missing.push("seen or heard");
  if (missing.length) return { missing };
  const body = { lat: round(state.position.lat), lon: round(state.position.lon), sense: state.sense, count: state.count ?? 1 };
  const look = compassToDeg(state.look);
  if (look !== null) body.bearingDeg = look;
  if (state.elevation && ELEVATIONS[state.elevation] !== undefined) body.elevationDeg = ELEVATIONS[state.elevation];
  const went = compassToDeg(state.went);
  if (went !== null) body.headingDeg = went;
  if (state.text && state.text.trim()) body.description = state.text.trim().slice(0, 1000);
  return { body };
}

/** What the reporter is told once the report is in: its id, whose it is when signed in, and the triage's first look. */
export function thanks(report) {
  const verdict = report?.triage?.verdict ?? "";
  const who = filedAs(report);
  return `Report ${report.id} received${who ? `, ${who}` : ""}. ${verdict ? `First look: ${verdict}.` : ""}`.trim();
}

/** "filed as matei (trusted)" for a signed-in reporter's report, as the server recorded it; null for an anonymous one. */
export function filedAs(report) {
  const reporter = report?.reporter;
  if (typeof reporter !== "string" || reporter === "" || reporter.startsWith(ANONYMOUS)) return null;
  return `filed as ${reporter}${report.trusted === true ? " (trusted)" : ""}`;
}

/** The line under the officer's sign-in once signed in. */
export function signedInText(user, trusted) {
  return trusted ? `Signed in as ${user}: your reports are filed as trusted.` : `Signed in as ${user}: your reports are filed under your name.`;
}

// The server names an anonymous reporter by address (FieldReportsApi); the page never echoes it back.
const ANONYMOUS = "anonymous@";

function round(deg) {
  return Math.round(deg * 1e5) / 1e5;
}
