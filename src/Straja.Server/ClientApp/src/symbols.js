// Track symbology: APP-6(B) / MIL-STD-2525C letter SIDCs for air tracks, and a cache of the
// rendered symbols. A symbol is drawn with milsymbol once per distinct SIDC and reused as an
// image for every track that shares it, so 1,000 tracks cost a handful of renders, not 1,000.

/** Standard identity (SIDC position 2) by the server's identity field. */
export const IDENTITY_CODE = Object.freeze({
  friendly: "F",
  hostile: "H",
  neutral: "N",
  unknown: "U",
  // A registered identity broadcast without its proof, or a lost unit flying: drawn with the hostile frame
  // (diamond) and colour, as 2525C and APP-6(B) draw "suspect".
  suspect: "S",
});

/**
 * Function id (SIDC positions 5-10, battle dimension A = air) by the server's class field.
 * Manned aircraft depend on identity (see functionIdFor): a neutral manned track is shown
 * as civilian, any other as military, because a neutral identity is what the cooperative
 * (ADS-B / flight plan) evidence establishes for civil traffic.
 */
export const FUNCTION_ID = Object.freeze({
  multirotor: "MHQ---", // military rotary wing, UAV
  "fixed-wing": "MFQ---", // military fixed wing, UAV
  "manned-military": "MF----", // military fixed wing
  "manned-civil": "CF----", // civilian fixed wing
  unknown: "------", // air track, function not known: frame only
  bird: "------",
  clutter: "------",
});

/** Identity colours used for trails, speed leaders and labels (the APP-6 "light" palette). */
export const IDENTITY_COLOUR = Object.freeze({
  friendly: "#80e0ff",
  hostile: "#ff8080",
  neutral: "#aaffaa",
  unknown: "#ffff80",
  suspect: "#ff8080",
});

const identityOf = (track) =>
  Object.hasOwn(IDENTITY_CODE, track.identity) ? track.identity : "unknown";

export function functionIdFor(cls, identity) {
  if (cls === "manned") {
    return identity === "neutral" ? FUNCTION_ID["manned-civil"] : FUNCTION_ID["manned-military"];
  }
  return Object.hasOwn(FUNCTION_ID, cls) ? FUNCTION_ID[cls] : FUNCTION_ID.unknown;
}

/**
 * The 15-character 2525C SIDC for a track: S (warfighting), identity, A (air), status,
 * function id, then "-----" (no modifier, country or order of battle). A tentative track
 * uses status A (anticipated), which milsymbol draws with a dashed frame: the operator sees
 * at a glance that the track is not yet confirmed.
 */
export function sidcFor(track) {
  const identity = identityOf(track);
  const status = track.status === "tentative" ? "A" : "P";
  return `S${IDENTITY_CODE[identity]}A${status}${functionIdFor(track.class, identity)}-----`;
}

/**
 * Symbol size (milsymbol's size option, about the frame's width in px) by map zoom: small
 * when zoomed out over the whole border so that a dense picture stays readable, larger close in.
 */
export function symbolSizeForZoom(zoom) {
  if (zoom <= 7) return 10;
  if (zoom <= 8) return 13;
  if (zoom <= 9) return 16;
  return 19;
}

/** Classes drawn faded: the tracker keeps them, the operator should not be drawn to them. */
export const FADED_CLASSES = Object.freeze(new Set(["bird", "clutter"]));

export function colourFor(track) {
  return IDENTITY_COLOUR[identityOf(track)];
}

/**
 * Renders each (SIDC, size) once and keeps the image. `render(sidc, size)` must return
 * { image, anchorX, anchorY, width, height } in CSS pixels; it is injected so that the
 * cache can be tested without a browser.
 */
export class SymbolCache {
  #render;
  #images = new Map();

  constructor(render) {
    this.#render = render;
  }

  get(sidc, size) {
    const key = `${sidc}@${size}`;
    let entry = this.#images.get(key);
    if (entry === undefined) {
      entry = this.#render(sidc, size);
      this.#images.set(key, entry);
    }
    return entry;
  }

  get size() {
    return this.#images.size;
  }

  clear() {
    this.#images.clear();
  }
}
