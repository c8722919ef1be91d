// Small DOM helpers for the registry pages: elements built from data (text is always set as
// text, never as HTML: serials and names come from users), tables, and the one form component
// every registry change goes through, which shows the registry's refusal next to the fields.

import { RegistryApiError } from "./registryApi.js";

/** el("td", {class: "num", "data-testid": "x"}, "text", child) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (k === "class") node.className = v;
    else if (k === "value") node.value = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A table from column headers and rows of cells (text or nodes). */
export function table(headers, rows, attrs = {}) {
  return el("table", { class: "reg-table", ...attrs },
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))),
    el("tbody", {}, rows.map((r) => (r instanceof Node ? r : el("tr", {}, r.map((c) => el("td", {}, c)))))));
}

/** Term/definition pairs. */
export function details(pairs, attrs = {}) {
  return el("dl", { class: "reg-details", ...attrs }, pairs.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v ?? "—")]));
}

export const section = (title, ...children) => el("section", { class: "reg-section" }, el("h2", {}, title), ...children);

/** What a failed call says to the operator: the registry's rule and reason when it gave them. */
export function refusalText(e) {
  if (e instanceof RegistryApiError) return e.detail ? `${e.title}: ${e.detail}` : e.title;
  return e?.message ?? String(e);
}

function field(f) {
  const id = `reg-${f.form}-${f.name}`;
  let input;
  if (f.options) {
    input = el("select", { id, name: f.name, required: f.required }, f.options.map((o) => {
      const [value, label] = Array.isArray(o) ? o : [o, o];
      return el("option", { value, selected: value === f.value }, label);
    }));
  } else if (f.type === "textarea") {
    input = el("textarea", { id, name: f.name, rows: 2, placeholder: f.placeholder });
  } else if (f.type === "checkbox") {
    input = el("input", { id, name: f.name, type: "checkbox", checked: f.value === true });
  } else {
    input = el("input", { id, name: f.name, type: f.type ?? "text", required: f.required, placeholder: f.placeholder, value: f.value, step: f.step, accept: f.accept });
  }
  return el("label", { for: id, class: f.type === "checkbox" ? "check" : "" }, el("span", {}, f.label), input);
}

/**
 * A form whose submit calls onSubmit(values) (checkboxes as booleans, files as File, the rest as
 * text). A thrown error — the registry's refusal or a field the page could not parse — is shown
 * inline and the values stay for correction; on success the form is cleared and onDone runs.
 */
export function form({ id, fields, submitLabel, onSubmit, onDone, note }) {
  const refusal = el("p", { class: "refusal", role: "alert", "data-testid": "refusal", hidden: true });
  const button = el("button", { type: "submit" }, submitLabel);
  const f = el("form", { class: "reg-form", "data-testid": `form-${id}`, novalidate: true },
    note ? el("p", { class: "muted" }, note) : null,
    el("div", { class: "fields" }, fields.map((x) => field({ ...x, form: id }))),
    el("div", { class: "actions" }, button),
    refusal);
  f.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = {};
    for (const x of fields) {
      const input = f.elements.namedItem(x.name);
      values[x.name] = x.type === "checkbox" ? input.checked : x.type === "file" ? input.files?.[0] ?? null : input.value;
    }
    refusal.hidden = true;
    button.disabled = true;
    try {
      const result = await onSubmit(values);
      f.reset();
      onDone?.(result);
    } catch (e) {
      refusal.textContent = refusalText(e);
      refusal.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  return f;
}

/** Saves text as a file through a temporary object URL, without a server round trip. */
export function download(filename, text, type = "text/plain") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
