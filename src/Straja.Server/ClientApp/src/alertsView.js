// The alert list: newest first, one row per alert, severity colour on the left edge, an
// Acknowledge button on each unacknowledged row. Rows carry the data-* hooks that the
// end-to-end browser test reads. Rebuilt only when the store changes. For an investigator
// (onOpenIncident given) each row also has a checkbox, and "Open incident" above the list opens
// one incident linked to the checked alerts.

import { utcHms } from "./format.js";

const MAX_ROWS = 200; // the list is for the watch; the full record is in the store

export class AlertsView {
  #list;
  #badge;
  #store;
  #onSelectAlert;
  #onAck;
  #drawnVersion = -1;
  #errors = new Map(); // alert id -> last acknowledgement error
  #picked = new Set(); // alert ids checked for a new incident
  #incidentBar = null; // { button, error } when the user may open incidents

  constructor({ list, badge, store, onSelectAlert, onAck, onOpenIncident }) {
    this.#list = list;
    this.#badge = badge;
    this.#store = store;
    this.#onSelectAlert = onSelectAlert;
    this.#onAck = onAck;
    list.addEventListener("click", (e) => this.#click(e));
    if (onOpenIncident) this.#incidentBar = this.#mountIncidentBar(onOpenIncident);
  }

  #mountIncidentBar(onOpenIncident) {
    const bar = el("div", "alert-incident-bar");
    const button = el("button", "open-incident", "Open incident");
    button.type = "button";
    button.disabled = true;
    button.setAttribute("data-testid", "open-incident");
    const error = el("span", "alert-error");
    error.setAttribute("data-testid", "open-incident-error");
    button.addEventListener("click", async () => {
      button.disabled = true;
      error.textContent = "";
      try {
        await onOpenIncident([...this.#picked].map((id) => this.#store.get(id)).filter(Boolean));
        this.#picked.clear();
        this.#drawnVersion = -1;
        this.render();
      } catch (e) {
        error.textContent = e.message;
      }
      button.disabled = this.#picked.size === 0;
    });
    bar.append(button, error);
    this.#list.before(bar);
    return { button };
  }

  setAckError(alertId, message) {
    this.#errors.set(alertId, message);
    this.#drawnVersion = -1;
    this.render();
  }

  render() {
    if (this.#drawnVersion === this.#store.version) return;
    this.#drawnVersion = this.#store.version;
    const rows = this.#store.list.slice(0, MAX_ROWS).map((a) => this.#row(a));
    this.#list.replaceChildren(...rows);
    const n = this.#store.unacknowledged;
    this.#badge.textContent = String(n);
    this.#badge.classList.toggle("zero", n === 0);
  }

  #row(a) {
    const li = document.createElement("li");
    li.className = `alert sev-${a.severity ?? "info"}${a.acknowledged ? " acked" : ""}`;
    li.setAttribute("data-testid", "alert-item");
    li.dataset.alertId = a.id;
    li.dataset.kind = a.kind ?? "";
    li.dataset.acknowledged = a.acknowledged ? "true" : "false";
    if (a.trackId) li.dataset.trackId = a.trackId;

    const head = el("div", "alert-head");
    if (this.#incidentBar) {
      const pick = el("input", "alert-pick");
      pick.type = "checkbox";
      pick.checked = this.#picked.has(a.id);
      pick.title = "Select for a new incident";
      pick.setAttribute("data-testid", "alert-pick");
      head.append(pick);
    }
    head.append(
      el("span", "alert-time", utcHms(a.time)),
      el("span", "alert-sev", (a.severity ?? "info").toUpperCase()),
      el("span", "alert-kind", a.kind ?? ""),
    );
    if (a.trackId) head.append(el("span", "alert-track", a.trackId));
    li.append(head, el("div", "alert-msg", a.message ?? ""));

    const foot = el("div", "alert-foot");
    if (a.zone) foot.append(el("span", "alert-zone", a.zone));
    if (a.acknowledged) {
      const who = a.acknowledgedBy ? ` by ${a.acknowledgedBy}` : "";
      const when = a.acknowledgedAt ? ` ${utcHms(a.acknowledgedAt)}Z` : "";
      foot.append(el("span", "alert-acked", `acknowledged${who}${when}`));
    } else {
      const button = el("button", "ack", "Acknowledge");
      button.type = "button";
      button.setAttribute("data-testid", "ack-button");
      foot.append(button);
    }
    const error = this.#errors.get(a.id);
    if (error && !a.acknowledged) foot.append(el("span", "alert-error", error));
    li.append(foot);
    return li;
  }

  async #click(e) {
    const row = e.target.closest("li.alert");
    if (!row) return;
    const id = row.dataset.alertId;
    if (e.target.matches("input.alert-pick")) {
      if (e.target.checked) this.#picked.add(id);
      else this.#picked.delete(id);
      this.#incidentBar.button.disabled = this.#picked.size === 0;
      return;
    }
    if (e.target.closest("button.ack")) {
      e.target.disabled = true;
      this.#errors.delete(id);
      await this.#onAck(id);
      return;
    }
    const alert = this.#store.get(id);
    if (alert) this.#onSelectAlert(alert);
  }
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
