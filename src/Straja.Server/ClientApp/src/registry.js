// The registry section of the console (#/registry…): production sites, models, batches with
// their reconciliation, units, the summary report, the audit log and CSV import/export. The map
// stays mounted underneath (hidden), so going back to it loses neither the picture nor the feed.

import * as api from "./registryApi.js";
import { details, el, form, refusalText, section, table } from "./registryDom.js";
import { PAGES, parseNumber, parseRadioBands, parseRoute, reconciliationRows, unitHash, utcSeconds } from "./registryModel.js";
import { reportPage } from "./registryReportView.js";
import { unitPage, unitsPage } from "./registryUnits.js";
import { canEditRegistry, describeSession, loadSession, sessionFromResponse } from "./session.js";

const AUDIT_PAGE = 200;

/** The registry section for views.js: `show` renders the page "#/registry…" names into `root`. */
export function mountRegistry({ root }) {
  let session = null;
  let renderId = 0;

  async function route() {
    const r = parseRoute(window.location.hash);
    if (r.view !== "registry") return;
    const id = ++renderId;
    if (session === null) {
      try {
        session = await loadSession();
      } catch (e) {
        // Cannot tell who this is: show the pages read-only rather than not at all.
        session = { ...sessionFromResponse(401, null), error: e.message };
      }
    }
    const page = el("div", { class: "reg-page", "data-testid": `registry-${r.page}` });
    const ctx = {
      canEdit: canEditRegistry(session),
      go: (hash) => {
        if (window.location.hash === hash) route();
        else window.location.hash = hash;
      },
      fail: (e) => page.prepend(el("p", { class: "refusal", role: "alert", "data-testid": "page-error" }, refusalText(e))),
    };
    // A page re-rendered after a change keeps its place; another page starts at the top.
    const samePage = root.dataset.hash === window.location.hash;
    const scroll = samePage ? root.scrollTop : 0;
    root.dataset.hash = window.location.hash;
    root.replaceChildren(nav(r.page, session), page);
    try {
      await render(r, page, ctx);
    } catch (e) {
      if (id === renderId) ctx.fail(e);
    }
    if (id === renderId) root.scrollTop = scroll;
  }

  return { root, show: route };
}

function nav(current, session) {
  const active = current === "unit" ? "units" : current;
  return el("nav", { class: "reg-nav" },
    el("strong", {}, "Registry"),
    PAGES.map(([id, label]) => el("a", { href: `#/registry/${id}`, class: id === active ? "active" : "", "data-testid": `nav-${id}` }, label)),
    el("span", { class: "muted session", "data-testid": "session" }, describeSession(session) + (session.error ? ` (${session.error})` : "")));
}

function render(r, page, ctx) {
  switch (r.page) {
    case "production": return productionPage(page, ctx);
    case "units": return unitsPage(page, ctx);
    case "unit": return unitPage(page, ctx, r.serial);
    case "report": return reportPage(page);
    case "audit": return auditPage(page);
    case "import": return importPage(page, ctx);
    case "recipients": return recipientsPage(page, ctx);
    default:
      page.append(el("p", { class: "refusal" }, `No registry page at "${r.path}".`));
      return Promise.resolve();
  }
}

const reload = (ctx) => () => ctx.go(window.location.hash);

async function productionPage(page, ctx) {
  const [sites, models, batches, reconciled] = await Promise.all([api.sites(), api.models(), api.batches(), api.reconciliations()]);
  // Matched by id, not position: a batch added between the two calls must not shift the counts.
  const byBatch = new Map(reconciled.map((r) => [r.batchId, r]));
  const recs = batches.map((b) => byBatch.get(b.id) ?? { quantity: b.quantity, registered: 0, accepted: 0, allocated: 0, delivered: 0, violations: [] });
  const edit = (...nodes) => (ctx.canEdit ? nodes : []);

  page.append(section("Production sites",
    table(["Id", "Name", "Country", "Operator"], sites.map((s) => [s.id, s.name, s.country, s.operator]), { "data-testid": "sites" }),
    edit(form({
      id: "site", submitLabel: "Add site", onDone: reload(ctx),
      fields: [
        { name: "id", label: "Id", required: true },
        { name: "name", label: "Name", required: true },
        { name: "country", label: "Run by", options: [["RO", "RO (Romania)"], ["UA", "UA (Ukraine)"]] },
        { name: "operator", label: "Operator", required: true },
      ],
      onSubmit: (v) => api.addSite({ id: v.id.trim(), name: v.name.trim(), country: v.country, operator: v.operator.trim() }),
    }))));

  page.append(section("Drone models",
    table(["Id", "Name", "Kind", "Mass", "Endurance", "Radio bands (MHz)", "Remote ID"],
      models.map((m) => [m.id, m.name, m.kind, `${m.massKg} kg`, `${m.enduranceMin} min`,
        m.radioBands.map((b) => `${b.minMHz}–${b.maxMHz}`).join(", ") || "—", m.broadcastsRemoteId ? "yes" : "no"]),
      { "data-testid": "models" }),
    edit(form({
      id: "model", submitLabel: "Add model", onDone: reload(ctx),
      fields: [
        { name: "id", label: "Id", required: true },
        { name: "name", label: "Name", required: true },
        { name: "kind", label: "Kind", options: ["multirotor", "fixed-wing", "vtol"] },
        { name: "massKg", label: "Mass (kg)", type: "number", step: "any", required: true },
        { name: "enduranceMin", label: "Endurance (min)", type: "number", step: "any", required: true },
        { name: "radioBands", label: "Radio bands, MHz (e.g. 2400-2483.5, 5725-5850)" },
        { name: "broadcastsRemoteId", label: "Broadcasts Remote ID", type: "checkbox", value: true },
      ],
      onSubmit: (v) => api.addModel({
        id: v.id.trim(), name: v.name.trim(), kind: v.kind, massKg: parseNumber("mass (kg)", v.massKg),
        enduranceMin: parseNumber("endurance (min)", v.enduranceMin), radioBands: parseRadioBands(v.radioBands),
        broadcastsRemoteId: v.broadcastsRemoteId,
      }),
    }))));

  const batchRows = batches.map((b, i) => {
    const rows = reconciliationRows(recs[i]);
    const ok = recs[i].violations.length === 0;
    return el("tr", { "data-testid": "batch-row", "data-batch": b.id, class: ok ? "" : "bad" },
      [b.id, b.modelId, b.siteId, b.producedOn].map((t) => el("td", {}, t)),
      rows.map((r) => el("td", { class: r.ok ? "num" : "num bad", "data-count": r.label.split(" ")[0] }, String(r.count))),
      el("td", { title: recs[i].violations.join("\n") }, ok ? "reconciled" : recs[i].violations.join("; ")));
  });
  page.append(section("Batches",
    table(["Id", "Model", "Site", "Produced on", "Produced", "Registered", "Accepted", "Allocated", "Delivered", "Reconciliation"], batchRows,
      { "data-testid": "batches" }),
    edit(models.length === 0 || sites.length === 0
      ? el("p", { class: "muted" }, "A batch needs a site and a model: add them first.")
      : form({
        id: "batch", submitLabel: "Add batch", onDone: reload(ctx),
        fields: [
          { name: "id", label: "Id", required: true },
          { name: "modelId", label: "Model", options: models.map((m) => [m.id, `${m.id} — ${m.name}`]) },
          { name: "siteId", label: "Site", options: sites.map((s) => [s.id, `${s.id} — ${s.name}`]) },
          { name: "producedOn", label: "Produced on", type: "date", required: true },
          { name: "quantity", label: "Quantity", type: "number", required: true },
        ],
        onSubmit: (v) => api.addBatch({
          id: v.id.trim(), modelId: v.modelId, siteId: v.siteId,
          producedOn: v.producedOn || null, quantity: parseNumber("quantity", v.quantity),
        }),
      }))));
}

async function recipientsPage(page, ctx) {
  const members = await api.members();
  const chips = el("ul", { class: "chips", "data-testid": "members" }, members.map((code) =>
    el("li", { "data-code": code }, code, ctx.canEdit
      ? el("button", { type: "button", class: "chip-x", title: `remove ${code}`, "aria-label": `remove ${code}`,
        onclick: async (e) => {
          if (!window.confirm(`Remove ${code} from the allowed recipients? The change is audited.`)) return;
          try {
            await api.removeMember(code);
            reload(ctx)();
          } catch (err) {
            e.target.replaceWith(el("span", { class: "refusal" }, refusalText(err)));
          }
        } }, "×")
      : null)));
  page.append(section(`Allowed recipients (${members.length} EU and NATO members, ISO 3166-1 codes)`, chips,
    ctx.canEdit ? form({
      id: "member", submitLabel: "Add recipient", onDone: reload(ctx),
      fields: [{ name: "code", label: "ISO 3166-1 alpha-2 code", required: true }],
      onSubmit: (v) => api.addMember(v.code.trim().toUpperCase()),
    }) : null));
}

async function auditPage(page) {
  const verification = await api.verifyAudit();
  page.append(section("Audit chain",
    el("p", { class: verification.ok ? "verify ok" : "verify bad", "data-testid": "audit-verify", "data-ok": String(verification.ok) },
      verification.ok
        ? `Chain intact: ${verification.count} records, head hash ${verification.headHash}`
        : `TAMPERED — first bad record ${verification.firstBadId}: ${verification.problem}`),
    el("p", { class: "muted" }, "Removing records from the end leaves a shorter valid chain: compare the count and head hash with a copy kept elsewhere.")));
  const body = el("tbody");
  const more = el("button", { type: "button", "data-testid": "audit-more" }, "Load more");
  let after = 0;
  async function load() {
    more.disabled = true;
    const records = await api.audit(after, AUDIT_PAGE);
    for (const r of records) {
      const entity = r.entity.startsWith("unit:") ? el("a", { href: unitHash(r.entity.slice(5)) }, r.entity) : r.entity;
      body.append(el("tr", { "data-testid": "audit-row" },
        el("td", { class: "num" }, String(r.id)), el("td", {}, utcSeconds(r.timeUtc)), el("td", {}, r.actor), el("td", {}, r.action),
        el("td", {}, entity), el("td", { title: r.hash }, el("code", {}, r.hash.slice(0, 12)))));
      after = r.id;
    }
    more.disabled = false;
    more.hidden = records.length < AUDIT_PAGE;
  }
  page.append(section("Records",
    el("table", { class: "reg-table", "data-testid": "audit" },
      el("thead", {}, el("tr", {}, ["#", "Time (UTC)", "Actor", "Action", "Entity", "Hash"].map((h) => el("th", {}, h)))), body),
    more));
  more.addEventListener("click", () => load().catch((e) => more.replaceWith(el("p", { class: "refusal" }, refusalText(e)))));
  await load();
}

function importPage(page, ctx) {
  const report = el("div", { "data-testid": "import-report" });
  page.append(section("Export",
    el("p", {}, el("a", { href: api.EXPORT_URL, download: "straja-units.csv", "data-testid": "export-link" }, "Download every unit as CSV"),
      " (the import format; see docs/registry.md).")));
  if (!ctx.canEdit) return Promise.resolve();
  page.append(section("Import units from CSV",
    form({
      id: "import", submitLabel: "Import",
      note: "Every row is checked before any is written: one bad row and nothing is imported.",
      fields: [{ name: "file", label: "CSV file", type: "file", accept: ".csv,text/csv" }],
      onSubmit: async (v) => {
        report.replaceChildren();
        if (!v.file) throw new Error("choose a CSV file first");
        try {
          return await api.importCsv(await v.file.text());
        } catch (e) {
          if (e.errors?.length) {
            report.replaceChildren(table(["Line", "Field", "Problem"], e.errors.map((x) => [String(x.line), x.field, x.message]),
              { "data-testid": "import-errors" }));
          }
          throw e;
        }
      },
      onDone: (result) => report.replaceChildren(el("p", { class: "done", "data-testid": "import-done" },
        `Imported ${result.imported} units.`), details([["Next", el("a", { href: "#/registry/units" }, "see the units")]])),
    }),
    report));
  return Promise.resolve();
}
