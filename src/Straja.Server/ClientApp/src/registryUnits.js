// The registry's unit pages: the filterable list with the registration form, and one unit's page
// with its identity, papers, lifecycle moves and history. Acceptance shows the private key here
// once; nothing can show it again, so it sits in its own panel that a refresh does not clear.

import * as api from "./registryApi.js";
import { details, download, el, form, section, table } from "./registryDom.js";
import {
  ACTIONS, STATES, actionBody, actionById, distinct, filterUnits, groupFingerprint, nextAction,
  parseRadioIdentifiers, privateKeyFile, unitHash, utcSeconds as when,
} from "./registryModel.js";

export async function unitsPage(page, ctx) {
  const [units, batches] = await Promise.all([api.units(), api.batches()]);
  const filters = { text: "", model: "", batch: "", state: "", recipient: "" };
  const body = el("div");
  const count = el("span", { class: "muted", "data-testid": "unit-count" });
  const choose = (name, label, values) =>
    el("select", { name, "aria-label": label, onchange: (e) => { filters[name] = e.target.value; show(); } },
      el("option", { value: "" }, `any ${label}`), values.map((v) => (Array.isArray(v) ? el("option", { value: v[0] }, v[1]) : el("option", { value: v }, v))));
  const bar = el("div", { class: "reg-filters", "data-testid": "unit-filters" },
    el("input", { type: "search", name: "text", placeholder: "serial, Remote ID or radio id", "aria-label": "search units",
      oninput: (e) => { filters.text = e.target.value; show(); } }),
    choose("model", "model", distinct(units, "modelId")),
    choose("batch", "batch", distinct(units, "batchId")),
    choose("state", "state", STATES),
    choose("recipient", "recipient", [["-", "none yet"], ...distinct(units, "recipient")]),
    count);

  function show() {
    const shown = filterUnits(units, filters);
    count.textContent = `${shown.length} of ${units.length} units`;
    body.replaceChildren(table(["Serial", "Model", "Batch", "State", "Recipient", "Remote ID serial"],
      shown.map((u) => el("tr", { "data-testid": "unit-row", "data-serial": u.serial },
        el("td", {}, el("a", { href: unitHash(u.serial) }, u.serial)), el("td", {}, u.modelId), el("td", {}, u.batchId),
        el("td", {}, el("span", { class: `state state-${u.state}` }, u.state)), el("td", {}, u.recipient ?? "—"),
        el("td", {}, u.remoteIdSerial)))));
  }
  show();
  page.append(section("Units", bar, body));

  if (!ctx.canEdit) return;
  page.append(section("Register a produced unit", batches.length === 0
    ? el("p", { class: "muted" }, "Add a production batch first.")
    : form({
      id: "unit",
      submitLabel: "Register unit",
      fields: [
        { name: "serial", label: "Serial", required: true },
        { name: "batchId", label: "Batch", options: batches.map((b) => [b.id, `${b.id} (${b.modelId})`]) },
        { name: "remoteIdSerial", label: "Remote ID serial (ANSI/CTA-2063-A)", required: true, placeholder: "STRJ8000000001" },
        { name: "radioIdentifiers", label: "Other radio identifiers (kind=value per line)", type: "textarea", placeholder: "wifi-mac=02:00:5E:10:00:01" },
      ],
      onSubmit: (v) => api.registerUnit({
        serial: v.serial.trim(), batchId: v.batchId, remoteIdSerial: v.remoteIdSerial.trim(),
        radioIdentifiers: parseRadioIdentifiers(v.radioIdentifiers),
      }),
      onDone: (u) => ctx.go(unitHash(u.serial)),
    })));
}

export async function unitPage(page, ctx, serial) {
  const keyPanel = el("div", { class: "key-slot" });
  const info = el("div");
  const history = el("div");
  page.append(el("p", {}, el("a", { href: "#/registry/units" }, "← all units")), keyPanel, info, history);

  async function refresh() {
    const [unit, events] = await Promise.all([api.unit(serial), api.unitHistory(serial)]);
    info.replaceChildren(unitDetails(unit), ctx.canEdit ? moves(unit) : el("p", { class: "muted" }, "Read only: lifecycle changes need the registrar role."));
    history.replaceChildren(section("History (from the audit log)", table(["#", "Time (UTC)", "By", "What", "Reason"],
      events.map((r) => [String(r.id), when(r.timeUtc), r.actor, r.action, reasonOf(r)]), { "data-testid": "unit-history" })));
  }

  function moves(unit) {
    const proposed = nextAction(unit.state);
    const slot = el("div");
    // Every move is offered, not only the legal one: the page may be stale, and the registry's own
    // refusal says what is allowed from the state it actually holds.
    const select = el("select", { "data-testid": "move-action", "aria-label": "move", onchange: () => showForm(select.value) },
      ACTIONS.map((a) => el("option", { value: a.id, selected: a === proposed },
        a === proposed || a.from === unit.state ? a.label : `${a.label} — not allowed from ${unit.state}`)));
    function showForm(actionId) {
      const action = actionById(actionId);
      slot.replaceChildren(form({
        id: "move",
        submitLabel: action.label.split(" (")[0],
        fields: action.fields,
        onSubmit: (v) => api.move(serial, action.id, actionBody(action.id, v)),
        onDone: (result) => {
          if (action.id === "accept") showKey(result);
          refresh().catch(ctx.fail);
        },
      }));
    }
    showForm(select.value);
    return section("Lifecycle", proposed ? null : el("p", { class: "muted" }, `${unit.state} is a final state.`),
      el("label", { class: "move" }, el("span", {}, "Move"), select), slot);
  }

  function showKey(accepted) {
    const file = privateKeyFile(accepted);
    keyPanel.replaceChildren(el("section", { class: "reg-section key-panel", "data-testid": "private-key", role: "alert" },
      el("h2", {}, `Private key of ${accepted.unit.serial} — shown once`),
      el("p", { class: "warning" }, accepted.warning),
      el("p", {}, "Base64: ", el("code", { "data-testid": "private-key-base64" }, accepted.privateKeyBase64)),
      el("p", {}, "Hex: ", el("code", {}, accepted.privateKeyHex)),
      el("div", { class: "actions" },
        el("button", { type: "button", "data-testid": "private-key-download", onclick: () => download(`${accepted.unit.serial}.key`, file) }, "Download key file"),
        el("button", { type: "button", "data-testid": "private-key-dismiss", onclick: () => keyPanel.replaceChildren() }, "I have stored it — hide"))));
  }

  await refresh();
}

function unitDetails(u) {
  return section(`Unit ${u.serial}`, details([
    ["State", el("span", { class: `state state-${u.state}`, "data-testid": "unit-state" }, u.state)],
    ["Model", u.modelId],
    ["Batch", u.batchId],
    ["Remote ID serial", u.remoteIdSerial],
    ["Radio identifiers", u.radioIdentifiers.length ? u.radioIdentifiers.map((r) => `${r.kind}=${r.value}`).join(", ") : "—"],
    ["Accepted", u.inspector ? `${when(u.acceptedAt)} by ${u.inspector}` : "—"],
    ["Public key (SHA-256)", el("code", { "data-testid": "unit-fingerprint" }, groupFingerprint(u.publicKeyFingerprint))],
    ["Recipient", u.recipient ?? "—"],
    ["Allocated", when(u.allocatedAt)],
    ["Export licence", u.exportLicence ? `${u.exportLicence} (expires ${u.licenceExpiresOn ?? "?"})` : "—"],
    ["End-user certificate", u.endUserCertificate ?? "—"],
    ["Delivered", when(u.deliveredAt)],
  ], { "data-testid": "unit-details" }));
}

/** The reason a unit was retired, from its audit payload ({unit, reason}); empty otherwise. */
function reasonOf(record) {
  try {
    return JSON.parse(record.payloadJson)?.reason ?? "";
  } catch {
    return "";
  }
}
