// Web Mercator (EPSG:3857, as Leaflet uses it) in normalised world units: x and y in [0, 1],
// origin top-left. A position is projected once, when it arrives; each frame then only
// scales and offsets, which keeps 1,000 tracks with 60 s trails cheap to redraw on every pan.

const MAX_LAT_DEG = 85.0511287798; // Leaflet's SphericalMercator clamp
const DEG = Math.PI / 180;

export function mercatorX(lonDeg) {
  return 0.5 + lonDeg / 360;
}

export function mercatorY(latDeg) {
  const lat = Math.max(-MAX_LAT_DEG, Math.min(MAX_LAT_DEG, latDeg)) * DEG;
  return 0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI);
}

/**
 * The affine map from normalised world units to container pixels for the map's current
 * view: containerX = x * scale - offsetX. `scale` is the world size in pixels at the zoom
 * (256 * 2^zoom) and the offsets place the container's top-left corner.
 */
export function viewTransform(map) {
  const zoom = map.getZoom();
  const scale = map.options.crs.scale(zoom);
  const origin = map.getPixelOrigin();
  const topLeft = map.containerPointToLayerPoint([0, 0]);
  return { scale, offsetX: origin.x + topLeft.x, offsetY: origin.y + topLeft.y, zoom };
}
