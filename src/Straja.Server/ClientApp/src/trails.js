// Per-track history kept client-side from the picture stream: the last `windowS` seconds of
// positions, already projected (see projection.js). Tracks absent from a picture lose their
// trail, since the full picture is authoritative: a dropped track is gone.

import { mercatorX, mercatorY } from "./projection.js";

export class TrailStore {
  #windowMs;
  #trails = new Map(); // id -> { times: number[], xs: number[], ys: number[] }

  constructor(windowS = 60) {
    if (!(windowS > 0)) throw new RangeError(`TrailStore windowS must be > 0, got ${windowS}`);
    this.#windowMs = windowS * 1000;
  }

  /**
   * Adds each track's position at its lastUpdate (or the picture time when it has none),
   * skips a position identical in time to the previous one, prunes points older than the
   * window before the picture time, and forgets tracks not in the picture.
   */
  update(pictureIso, tracks) {
    const now = Date.parse(pictureIso);
    const seen = new Set();
    for (const t of tracks) {
      if (!Number.isFinite(t.lat) || !Number.isFinite(t.lon)) continue;
      seen.add(t.id);
      let trail = this.#trails.get(t.id);
      if (trail === undefined) {
        trail = { times: [], xs: [], ys: [] };
        this.#trails.set(t.id, trail);
      }
      const parsed = Date.parse(t.lastUpdate ?? "");
      const time = Number.isNaN(parsed) ? now : parsed;
      const last = trail.times.length - 1;
      if (last < 0 || time > trail.times[last]) {
        trail.times.push(time);
        trail.xs.push(mercatorX(t.lon));
        trail.ys.push(mercatorY(t.lat));
      }
      if (Number.isFinite(now)) prune(trail, now - this.#windowMs);
    }
    for (const id of this.#trails.keys()) {
      if (!seen.has(id)) this.#trails.delete(id);
    }
  }

  get(id) {
    return this.#trails.get(id);
  }

  get size() {
    return this.#trails.size;
  }

  *entries() {
    yield* this.#trails.entries();
  }
}

function prune(trail, oldestMs) {
  let drop = 0;
  while (drop < trail.times.length && trail.times[drop] < oldestMs) drop++;
  if (drop > 0) {
    trail.times.splice(0, drop);
    trail.xs.splice(0, drop);
    trail.ys.splice(0, drop);
  }
}
