// The alert list: escalated alerts first (badged), then newest first, one row per alert, severity
// colour on the left edge, the rule that raised it, and an Acknowledge button on each
// unacknowledged row for those who may acknowledge (a viewer gets none: the server would refuse).
// A filter above the list narrows it to unacknowledged alerts or a minimum severity. Rows carry the
// data-* hooks that the end-to-end browser tests read. Rebuilt only when the store or filter changes.
// For an investigator (onOpenIncident given) each row also has a checkbox, and "Open incident"
// above the list opens one incident linked to the checked alerts.

import { DEFAULT_ALERT_FILTER, isEscalated, panelAlerts, ruleNameOf } from "./alertStore.js";
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
  #canAck;
  #filter = { ...DEFAULT_ALERT_FILTER };
  #ruleNames = [];
  #picked = new Set(); // alert ids checked for a new incident
  #incidentBar = null; // { button } when the user may open incidents

  constructor({ list, badge, store, onSelectAlert, onAck, canAck = true, filters = null, onOpenIncident = null }) {
    this.#list = list;
    this.#badge = badge;
    this.#store = store;
    this.#onSelectAlert = onSelectAlert;
    this.#onAck = onAck;
    this.#canAck = canAck;
    list.addEventListener("click", (e) => this.#click(e));
    if (filters) this.#mountFilters(filters);
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

  /** The alert rules' names, so a rule alert can name the rule that raised it. */
  setRuleNames(names) {
    this.#ruleNames = names;
    this.#redraw();
  }

  #redraw() {
    this.#drawnVersion = -1;
    this.render();
  }

  #mountFilters(container) {
    const choice = (testid, label, key, options) => {
      const select = document.createElement("select");
      select.setAttribute("data-testid", testid);
      select.title = label;
      for (const [value, text] of options) select.append(new Option(text, value, false, value === this.#filter[key]));
      select.addEventListener("change", () => {
        this.#filter = { ...this.#filter, [key]: select.value };
        this.#redraw();
      });
      return select;
    };
    container.replaceChildren(
      choice("alert-filter-show", "Which alerts", "show", [["all", "all"], ["unacknowledged", "unacknowledged"]]),
      choice("alert-filter-severity", "Lowest severity shown", "minSeverity", [["info", "any severity"], ["warning", "warning and up"], ["critical", "critical only"]]),
    );
  }

  setAckError(alertId, message) {
    this.#errors.set(alertId, message);
    this.#redraw();
  }

  render() {
    if (this.#drawnVersion === this.#store.version) return;
    this.#drawnVersion = this.#store.version;
    const rows = panelAlerts(this.#store.list, this.#filter).slice(0, MAX_ROWS).map((a) => this.#row(a));
    this.#list.replaceChildren(...rows);
    const n = this.#store.unacknowledged;
    this.#badge.textContent = String(n);
    this.#badge.classList.toggle("zero", n === 0);
  }

  #row(a) {
    const li = document.createElement("li");
    const escalated = isEscalated(a);
    li.className = `alert sev-${a.severity ?? "info"}${a.acknowledged ? " acked" : ""}${escalated ? " escalated" : ""}`;
    li.setAttribute("data-testid", "alert-item");
    li.dataset.alertId = a.id;
    li.dataset.kind = a.kind ?? "";
    li.dataset.acknowledged = a.acknowledged ? "true" : "false";
    li.dataset.escalated = escalated ? "true" : "false";
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
    if (escalated) {
      const badge = el("span", "alert-escalated", "ESCALATED");
      badge.setAttribute("data-testid", "alert-escalated");
      badge.title = `unacknowledged past the escalation time; escalated ${utcHms(a.escalatedAt)}Z`;
      head.append(badge);
    }
    head.append(
      el("span", "alert-time", utcHms(a.time)),
      el("span", "alert-sev", (a.severity ?? "info").toUpperCase()),
      el("span", "alert-kind", a.kind ?? ""),
    );
    if (a.trackId) head.append(el("span", "alert-track", a.trackId));
    li.append(head, el("div", "alert-msg", a.message ?? ""));

    const foot = el("div", "alert-foot");
    const rule = ruleNameOf(a, this.#ruleNames);
    if (rule) {
      const r = el("span", "alert-rule", rule);
      r.setAttribute("data-testid", "alert-rule");
      foot.append(r);
    }
    if (a.zone) foot.append(el("span", "alert-zone", a.zone));
    if (a.acknowledged) {
      const who = a.acknowledgedBy ? ` by ${a.acknowledgedBy}` : "";
      const when = a.acknowledgedAt ? ` ${utcHms(a.acknowledgedAt)}Z` : "";
      foot.append(el("span", "alert-acked", `acknowledged${who}${when}`));
    } else if (this.#canAck) {
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
