// Formatting helpers shared by the header, the detail panel and the alert list.
// Pure functions of their arguments: the picture clock is data from the server, never the
// browser's wall clock, so an operator reads the time the picture describes.

export const FEET_PER_METRE = 1 / 0.3048;
export const KNOTS_PER_MPS = 3600 / 1852;

const pad2 = (n) => String(n).padStart(2, "0");

/** "HH:MM:SS" of an ISO time in UTC, or "--:--:--" when absent or unparsable. */
export function utcHms(iso) {
  const ms = Date.parse(iso ?? "");
  if (Number.isNaN(ms)) return "--:--:--";
  const d = new Date(ms);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** "HH:MM:SS" of an ISO time in the browser's local zone, or "--:--:--". */
export function localHms(iso) {
  const ms = Date.parse(iso ?? "");
  if (Number.isNaN(ms)) return "--:--:--";
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** Altitude as "1234 m / 4049 ft" (rounded); "—" when not a finite number. */
export function altitude(altM) {
  if (!Number.isFinite(altM)) return "—";
  return `${Math.round(altM)} m / ${Math.round(altM * FEET_PER_METRE)} ft`;
}

/** Ground speed as "42.0 m/s (82 kn)". */
export function speed(speedMps) {
  if (!Number.isFinite(speedMps)) return "—";
  return `${speedMps.toFixed(1)} m/s (${Math.round(speedMps * KNOTS_PER_MPS)} kn)`;
}

/** Heading as a zero-padded whole degree "007°", normalised to [0, 360). */
export function heading(headingDeg) {
  if (!Number.isFinite(headingDeg)) return "—";
  const h = ((Math.round(headingDeg) % 360) + 360) % 360;
  return `${String(h).padStart(3, "0")}°`;
}

/** Class with its probability as a whole percentage: "multirotor 87%". */
export function classWithProbability(cls, probability) {
  if (!Number.isFinite(probability)) return String(cls ?? "unknown");
  const p = Math.round(Math.min(1, Math.max(0, probability)) * 100);
  return `${cls ?? "unknown"} ${p}%`;
}

/** Latitude/longitude as "45.1234 N  28.5678 E" for the cursor readout. */
export function latLon(lat, lon) {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return "";
  const ns = lat >= 0 ? "N" : "S";
  const ew = lon >= 0 ? "E" : "W";
  return `${Math.abs(lat).toFixed(4)} ${ns}  ${Math.abs(lon).toFixed(4)} ${ew}`;
}

/** Age of an ISO time relative to the picture time, as "3 s" (never negative). */
export function ageSeconds(iso, pictureIso) {
  const t = Date.parse(iso ?? "");
  const now = Date.parse(pictureIso ?? "");
  if (Number.isNaN(t) || Number.isNaN(now)) return "—";
  return `${Math.max(0, Math.round((now - t) / 1000))} s`;
}
