// The sensors panel: one row per sensor with its state (live or silent, and why), what its feed
// has accepted and refused, and the last error, so the watch sees at once which sensor is failing.
// sensorRows() is pure (the node tests pin it); renderSensors() only draws its output.

import { utcHms } from "./format.js";

/** "live", "silent" or "no feed" (a sensor no listener has heard from, e.g. in-process). */
export function sensorState(s) {
  if (s.sapient?.registered) return s.sapient.silent ? "silent" : "live";
  if (s.status === "silent") return "silent";
  return s.status === "online" ? "live" : "no feed";
}

const count = (n) => (Number.isFinite(n) ? String(n) : "—");

/** Row models, silent sensors first (they need attention), then by id. */
export function sensorRows(sensors) {
  const rows = (sensors ?? []).map((s) => {
    const state = sensorState(s);
    const why = state === "silent" ? s.sapient?.silentReason ?? "no detections lately" : null;
    return {
      id: s.id,
      name: s.name ?? s.id,
      kind: s.kind ?? "",
      state,
      why,
      accepted: count(s.accepted),
      rejected: count(s.rejected),
      hasRejects: Number.isFinite(s.rejected) && s.rejected > 0,
      lastError: s.lastError ?? null,
      lastErrorAt: s.lastErrorAt ? utcHms(s.lastErrorAt) : null,
      sapient: Boolean(s.sapient),
      pointable: Boolean(s.sapient?.pointable),
    };
  });
  rows.sort((a, b) => (a.state === "silent") !== (b.state === "silent") ? (a.state === "silent" ? -1 : 1) : a.id.localeCompare(b.id));
  return rows;
}

/** Replaces the children of `list` (a <ul>) with one <li> per sensor. */
export function renderSensors(list, sensors, doc = document) {
  const el = (tag, cls, text) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const items = sensorRows(sensors).map((r) => {
    const li = el("li", `sensor state-${r.state.replace(" ", "-")}`);
    li.setAttribute("data-testid", "sensor-item");
    li.dataset.sensorId = r.id;
    li.dataset.state = r.state;
    const head = el("div", "sensor-head");
    head.append(
      el("span", "sensor-state", r.state.toUpperCase()),
      el("span", "sensor-name", r.name),
      el("span", "sensor-kind", r.sapient ? `${r.kind} · SAPIENT${r.pointable ? " · pointable" : ""}` : r.kind),
    );
    const counts = el("div", "sensor-counts", `accepted ${r.accepted} · rejected ${r.rejected}`);
    if (r.hasRejects) counts.classList.add("has-rejects");
    li.append(head, counts);
    if (r.why) li.append(el("div", "sensor-why", r.why));
    if (r.lastError) li.append(el("div", "sensor-error", `${r.lastErrorAt ?? ""} ${r.lastError}`.trim()));
    return li;
  });
  list.replaceChildren(...items);
}
