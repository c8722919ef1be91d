// A debris ellipse (centre, semi-axes in metres, major-axis direction in degrees clockwise from
// true north, as GET /api/incidents/{id}/backtrack gives it) as a polygon of WGS84 points that
// Leaflet can draw. Pure: no Leaflet, no DOM, so the geometry is tested in node.
//
// Each boundary point is found by walking from the centre along a great circle of a sphere with
// the Earth's mean radius. For ellipses a few kilometres across the sphere differs from the
// ellipsoid by well under 1 %, far below the uncertainty the ellipse itself expresses.

export const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/** The point `distanceM` from (latDeg, lonDeg) along initial bearing `bearingDeg` on the sphere. */
export function destination(latDeg, lonDeg, bearingDeg, distanceM) {
  const d = distanceM / EARTH_RADIUS_M;
  const lat1 = latDeg * RAD;
  const b = bearingDeg * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 = lonDeg * RAD + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return [lat2 / RAD, ((lon2 / RAD + 540) % 360) - 180];
}

/** Great-circle distance (m) and initial bearing (degrees, 0–360) from the first point to the second. */
export function inverse(lat1Deg, lon1Deg, lat2Deg, lon2Deg) {
  const p1 = lat1Deg * RAD;
  const p2 = lat2Deg * RAD;
  const dp = p2 - p1;
  const dl = (lon2Deg - lon1Deg) * RAD;
  const h = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  const distanceM = 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  return { distanceM, bearingDeg: ((Math.atan2(y, x) / RAD) + 360) % 360 };
}

/**
 * The ellipse's boundary as `n` [lat, lon] points, the first at the forward end of the major axis,
 * going clockwise (as seen from above). Refuses what is not an ellipse, naming the field.
 */
export function ellipsePolygon({ centerLat, centerLon, semiMajorM, semiMinorM, orientationDeg }, n = 72) {
  for (const [name, v] of Object.entries({ centerLat, centerLon, semiMajorM, semiMinorM, orientationDeg })) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`debris ellipse: ${name} is not a number (${v})`);
  }
  if (!(semiMajorM > 0) || !(semiMinorM > 0)) throw new Error("debris ellipse: the semi-axes must be positive");
  if (!Number.isInteger(n) || n < 8) throw new Error(`debris ellipse: ${n} points are too few for an outline`);
  const points = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const along = semiMajorM * Math.cos(t);
    const across = semiMinorM * Math.sin(t);
    const bearing = orientationDeg + Math.atan2(across, along) / RAD;
    points.push(destination(centerLat, centerLon, bearing, Math.hypot(along, across)));
  }
  return points;
}

/** The ellipse of a back-track candidate as the API sends it ({center: {latDeg, lonDeg}, semiMajorM, …}). */
export function debrisPolygon(debris, n = 72) {
  if (!debris || typeof debris !== "object" || !debris.center) throw new Error("debris ellipse: missing from the candidate");
  return ellipsePolygon({
    centerLat: debris.center.latDeg,
    centerLon: debris.center.lonDeg,
    semiMajorM: debris.semiMajorM,
    semiMinorM: debris.semiMinorM,
    orientationDeg: debris.orientationDeg,
  }, n);
}
