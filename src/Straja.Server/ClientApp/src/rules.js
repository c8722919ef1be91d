// The alert-rules section of the console (#/rules, docs/alert-rules.md): every rule as a row in
// plain words, and for an admin the document itself to edit, check and save, plus quick edits per
// rule (on/off, severity, cool-down) that change that one value in the document and save it. The
// server is the judge: its refusal names the JSON path of the fault, which the editor selects and
// scrolls to. Saves carry the version that was loaded, so two admins cannot overwrite each other.

import { locate, rulesOf, setRuleField } from "./rulesDoc.js";
import { loadRules, saveRules, validateRules } from "./rulesApi.js";
import { ruleRow, SEVERITIES } from "./rulesSummary.js";
import { el, section, table } from "./registryDom.js";
import { canEditRules } from "./session.js";

/** The rules section for views.js. `onSaved(text)` runs after every accepted save. */
export function mountRules({ root, session, onSaved }) {
  const admin = canEditRules(session);
  let saved = null; // {text, version} as the server last gave it
  let draft = null; // the editor's text while it differs from `saved`

  const status = el("p", { class: "muted", role: "status", "data-testid": "rules-status" });
  const refusal = el("div", { class: "refusal", role: "alert", "data-testid": "rules-refusal", hidden: true });
  const list = el("div", { "data-testid": "rules-list" });
  const documentView = el("pre", { class: "rules-document", "data-testid": "rules-document" });
  const editor = el("textarea", { class: "rules-editor", spellcheck: "false", rows: 24, "data-testid": "rules-editor" });
  editor.addEventListener("input", () => {
    draft = editor.value === saved?.text ? null : editor.value;
    drawList();
  });

  async function reload(message = "") {
    try {
      saved = await loadRules();
      draft = null;
      editor.value = saved.text;
      status.textContent = message;
      drawList();
    } catch (e) {
      showRefusal(e);
    }
  }

  function showRefusal(e, text = null) {
    const where = e.path && text !== null ? locate(text, e.path) : null;
    const message = e.title && e.detail ? `${e.title}: ${e.detail}` : e.message ?? String(e);
    // The server's detail usually starts with the path already; add it only where it does not.
    const at = e.path && !message.includes(e.path) ? [`at ${e.path}`] : [];
    const place = [...at, ...(where && !/^line /.test(e.path) ? [`line ${where.line}`] : [])];
    const suffix = place.length > 0 ? ` (${place.join(", ")})` : "";
    refusal.replaceChildren(el("span", { "data-testid": "rules-refusal-text" }, message + suffix));
    if (where) {
      const lineText = text.split("\n")[where.line - 1] ?? "";
      refusal.append(el("pre", { class: "fault-line", "data-testid": "rules-fault-line", "data-line": where.line }, `${where.line} | ${lineText}`));
      point(where);
    }
    refusal.hidden = false;
  }

  // Selects the faulty text in the editor and scrolls it into view.
  function point(where) {
    if (!admin) return;
    editor.focus();
    editor.setSelectionRange(where.start, where.end);
    const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 16;
    editor.scrollTop = Math.max(0, (where.line - 3) * lineHeight);
  }

  // `text` is what was sent, so a refusal's path is looked up in the text it is about.
  async function act(busy, text, action) {
    refusal.hidden = true;
    status.textContent = busy;
    try {
      await action();
    } catch (e) {
      status.textContent = "";
      showRefusal(e, text);
    }
  }

  const validate = () => act("checking…", editor.value, async () => {
    const r = await validateRules(editor.value);
    status.textContent = `Valid: ${describe(r)}. Nothing was changed; Save applies it.`;
  });

  const save = (text) => act("saving…", text, async () => {
    const r = await saveRules(text, saved?.version);
    onSaved?.(text);
    await reload(`Saved: ${describe(r.summary)}.`);
  });

  // A quick edit changes the document in force, not the editor's draft: with unsaved edits open
  // the controls are disabled, so a click cannot silently throw that draft away.
  const quick = (index, key, value) => save(setRuleField(saved.text, index, key, value));

  function drawList() {
    if (saved === null) return;
    let rules;
    try {
      rules = rulesOf(saved.text);
    } catch (e) {
      list.replaceChildren(el("p", { class: "refusal" }, `The rules in force cannot be listed here: ${e.message}`));
      return;
    }
    const locked = draft !== null;
    const rows = rules.map((rule, i) => ruleTableRow(ruleRow(rule), i, admin && !locked, quick));
    list.replaceChildren(
      rows.length === 0 ? el("p", { class: "muted" }, "No alert rules: only the built-in border and zone alerts are raised.")
        : table(["Rule", "Enabled", "Severity", "Cool-down (s)", "Raises an alert when"], rows, { "data-testid": "rules-table" }),
      locked ? el("p", { class: "muted", "data-testid": "rules-draft-note" }, "The editor has unsaved changes: save or revert them before using the quick edits.") : null);
    documentView.textContent = saved.text;
  }

  const head = el("div", { class: "rules-head" },
    el("h1", {}, "Alert rules"),
    el("p", { class: "muted" }, "They add to the built-in border-crossing and protected-zone alerts. A rule fires once when its condition becomes true for a track, a swarm or a sensor, then stays quiet for that subject during its cool-down."),
    admin ? null : el("p", { class: "note", "data-testid": "rules-readonly" },
      `Read only: only an admin may change the alert rules${session?.user ? ` (${session.user} is ${(session.roles ?? []).join(", ") || "without roles"})` : ""}.`));
  const body = admin
    ? section("Edit the document",
      el("p", { class: "muted" }, "The rules file as JSON (comments allowed; see docs/alert-rules.md). Validate asks the server without changing anything; Save replaces the rules in force; Revert discards your edits and loads the rules in force."),
      editor,
      el("div", { class: "actions" },
        el("button", { type: "button", "data-testid": "rules-validate", onclick: validate }, "Validate"),
        el("button", { type: "button", "data-testid": "rules-save", onclick: () => save(editor.value) }, "Save"),
        el("button", { type: "button", "data-testid": "rules-revert", onclick: () => { refusal.hidden = true; reload("Reverted to the rules in force."); } }, "Revert")))
    : section("The document", documentView);
  root.replaceChildren(el("div", { class: "reg-page rules-page" }, head, status, refusal, section("Rules", list), body));

  let loaded = false;
  return {
    root,
    show() {
      // The first visit loads; later visits keep an admin's unsaved draft rather than reloading over it.
      if (!loaded || draft === null) reload();
      loaded = true;
    },
  };
}

function ruleTableRow(r, index, editable, quick) {
  const enabled = editable
    ? el("input", { type: "checkbox", checked: r.enabled, "data-testid": "rule-enabled", title: "Enabled", onchange: (e) => quick(index, "enabled", e.target.checked) })
    : r.enabled ? "yes" : "no";
  const severity = editable
    ? el("select", { "data-testid": "rule-severity", onchange: (e) => quick(index, "severity", e.target.value) },
      SEVERITIES.map((s) => el("option", { value: s, selected: s === r.severity }, s)))
    : el("span", { class: `sev-text sev-${r.severity}` }, r.severity);
  const cooldown = editable
    ? el("input", { type: "number", min: 0, step: 1, value: r.cooldownS, class: "num", "data-testid": "rule-cooldown",
      onchange: (e) => {
        const s = Number(e.target.value);
        // The server refuses a bad number too; catching it here keeps a typo from costing a round trip.
        if (e.target.value.trim() !== "" && Number.isFinite(s) && s >= 0) quick(index, "cooldownS", s);
        else e.target.value = r.cooldownS;
      } })
    : String(r.cooldownS);
  return el("tr", { "data-testid": "rule-row", "data-rule-id": r.id, "data-enabled": r.enabled ? "true" : "false", class: r.enabled ? "" : "disabled" },
    el("td", {}, el("strong", {}, r.name), r.name !== r.id ? el("div", { class: "muted" }, r.id) : null),
    el("td", {}, enabled),
    el("td", {}, severity),
    el("td", {}, cooldown),
    el("td", { "data-testid": "rule-summary" }, r.summary));
}

function describe(summary) {
  const n = summary?.count ?? 0;
  const on = summary?.enabled ?? n;
  return `${n} rule${n === 1 ? "" : "s"}, ${on} enabled`;
}
