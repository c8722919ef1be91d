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

// --- the operator's view of the list -------------------------------------------------------

const SEVERITY_RANK = { info: 1, warning: 2, critical: 3 };

/** The panel's default filter: every alert, every severity (acknowledged ones are greyed, not hidden). */
export const DEFAULT_ALERT_FILTER = Object.freeze({ show: "all", minSeverity: "info" });

/** An unacknowledged alert that has waited past the escalation time (the server set escalatedAt). */
export function isEscalated(a) {
  return !a.acknowledged && typeof a.escalatedAt === "string" && a.escalatedAt.length > 0;
}

/**
 * The alerts the panel lists, in the order it lists them: escalated ones first (most recently
 * escalated on top) because they are the ones nobody has answered, then the rest in the store's
 * order. `show` is "unacknowledged" or "all"; `minSeverity` hides alerts below it.
 */
export function panelAlerts(list, filter = DEFAULT_ALERT_FILTER) {
  const floor = SEVERITY_RANK[filter.minSeverity] ?? 1;
  const shown = list.filter((a) => (filter.show !== "unacknowledged" || !a.acknowledged) && (SEVERITY_RANK[a.severity] ?? 1) >= floor);
  const escalated = shown.filter(isEscalated).sort((a, b) => Date.parse(b.escalatedAt) - Date.parse(a.escalatedAt) || 0);
  return escalated.length === 0 ? shown : [...escalated, ...shown.filter((a) => !isEscalated(a))];
}

/**
 * The name of the rule that raised an alert of kind "rule", whose message starts "<rule name>: ".
 * The longest known name that fits wins (a name may itself contain ": "); without one that fits
 * (a rule renamed or removed since), the text before the first ": ". Null for built-in alerts.
 */
export function ruleNameOf(alert, ruleNames = []) {
  if (alert?.kind !== "rule" || typeof alert.message !== "string") return null;
  let best = null;
  for (const name of ruleNames) {
    if (alert.message.startsWith(`${name}: `) && (best === null || name.length > best.length)) best = name;
  }
  if (best !== null) return best;
  const cut = alert.message.indexOf(": ");
  return cut > 0 ? alert.message.slice(0, cut) : null;
}
