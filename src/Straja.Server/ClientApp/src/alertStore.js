// The alert list as the console holds it: newest first, one entry per alert id. The REST list
// seeds it (and re-seeds it after a reconnect, since alerts raised while the socket was down
// are not replayed); live "alert" messages and acknowledgement responses update it in place.

const timeOf = (alert) => {
  const ms = Date.parse(alert.time ?? "");
  return Number.isNaN(ms) ? -Infinity : ms;
};

export class AlertStore {
  #byId = new Map();
  #ordered = [];
  #version = 0;

  /** Replaces the whole list (the server's GET /api/alerts answer). */
  reset(alerts) {
    this.#byId.clear();
    for (const a of alerts) if (isAlert(a)) this.#byId.set(a.id, a);
    this.#reorder();
  }

  /** Inserts a new alert or replaces the one with the same id (e.g. once acknowledged). */
  upsert(alert) {
    if (!isAlert(alert)) return false;
    const previous = this.#byId.get(alert.id);
    // An older copy must not undo an acknowledgement that a newer message already showed.
    if (previous?.acknowledged && !alert.acknowledged) return false;
    this.#byId.set(alert.id, alert);
    this.#reorder();
    return true;
  }

  get(id) {
    return this.#byId.get(id);
  }

  get list() {
    return this.#ordered;
  }

  get unacknowledged() {
    let n = 0;
    for (const a of this.#ordered) if (!a.acknowledged) n++;
    return n;
  }

  /** Increments on every change, so a renderer can skip work when nothing changed. */
  get version() {
    return this.#version;
  }

  #reorder() {
    // Ties on time fall back to id so the order is stable between redraws.
    this.#ordered = [...this.#byId.values()].sort(
      (a, b) => timeOf(b) - timeOf(a) || String(b.id).localeCompare(String(a.id)),
    );
    this.#version++;
  }
}

/**
 * The alerts to mark on the map: unacknowledged ones that carry a position. Acknowledged
 * alerts have been dealt with and would only clutter the picture.
 */
export function alertsToMark(alerts) {
  return alerts.filter((a) => !a.acknowledged && hasPosition(a));
}

export function hasPosition(a) {
  return Number.isFinite(a?.lat) && Number.isFinite(a?.lon) && Math.abs(a.lat) <= 90 && Math.abs(a.lon) <= 180;
}

function isAlert(a) {
  return a !== null && typeof a === "object" && typeof a.id === "string" && a.id.length > 0;
}
