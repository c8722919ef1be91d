// The map's stacking order. Each static layer has its own Leaflet pane (and, for vectors, its
// own canvas renderer in that pane), so what is on top never depends on which REST answer
// arrived first: with one shared canvas, the country fills that loaded last covered the zones.
// The tracks are above all of these on their own canvas (see trackLayer.js).

/** Panes bottom to top. */
export const PANE_ORDER = Object.freeze(["countries", "coverage", "zones", "border", "sensors", "alertMarks"]);

// Leaflet's overlay pane is at 400 and its shadow pane at 500: ours sit between them, below
// the marker, tooltip and popup panes (600-700), so zone labels and tooltips stay readable.
const FIRST_Z = 410;
const STEP_Z = 10;

/** The CSS z-index of a pane of PANE_ORDER; throws on a name that is not in it. */
export function paneZIndex(name) {
  const i = PANE_ORDER.indexOf(name);
  if (i < 0) throw new RangeError(`unknown map pane "${name}" (expected one of ${PANE_ORDER.join(", ")})`);
  return FIRST_Z + STEP_Z * i;
}
