// The incidents section of the console (#/incidents…, docs/console.md): the list with its state
// filter and the "New incident" form, and one incident's page — state and its legal moves,
// assignee, linked alerts and tracks, timeline, comments, evidence, exports and, for a ground
// find, forensic back-tracking with its own map. Investigators change incidents; viewers read.
// The rules live in incidentsModel.js; the server's refusals are shown as it words them.

import * as api from "./incidentsApi.js";
import {
  KINDS, STATES, attachmentProblem, attachmentUrl, candidateRow, exportUrl, incidentHash, kindLabel, lastChange,
  legalMoves, listHash, listRows, openRequest, parseIncidentRoute, timelineRows, trackHash, utcInputValue,
} from "./incidentsModel.js";
import { backtrackMap, legend, placePicker } from "./incidentsMap.js";
import { debrisPolygon } from "./incidentsEllipse.js";
import { details, el, form, refusalText, section, table } from "./registryDom.js";
import { canInvestigate } from "./session.js";

const utc = (t) => (t ? `${String(t).slice(0, 19).replace("T", " ")}Z` : "—");

/**
 * The section for views.js. `session` is the signed-in {user, roles}; `showOnMap({ellipse, find,
 * path, trackId})` draws a debris ellipse on the main map and switches to it; `now()` gives the
 * default end of a find's window.
 */
export function mountIncidents({ root, session, showOnMap, now = () => new Date() }) {
  let renderId = 0;
  const maps = []; // Leaflet maps of the page on show, removed when it is replaced

  async function route() {
    const r = parseIncidentRoute(window.location.hash);
    if (r.page === "none") return;
    const id = ++renderId;
    for (const m of maps.splice(0)) m.remove();
    const page = el("div", { class: "reg-page", "data-testid": r.page === "list" ? "incidents-list" : "incident-page" });
    const ctx = {
      canEdit: canInvestigate(session),
      current: () => id === renderId,
      reload: route,
      go: (hash) => (window.location.hash === hash ? route() : (window.location.hash = hash)),
      fail: (e) => page.prepend(el("p", { class: "refusal", role: "alert", "data-testid": "page-error" }, refusalText(e))),
      keep: (map) => maps.push(map),
      showOnMap,
      now,
    };
    // A page re-rendered after a change keeps its place; another page starts at the top.
    const scroll = root.dataset.hash === window.location.hash ? root.scrollTop : 0;
    root.dataset.hash = window.location.hash;
    root.replaceChildren(nav(r, session), page);
    try {
      if (r.page === "list") await listPage(page, ctx, r.state);
      else await incidentPage(page, ctx, r.id);
    } catch (e) {
      if (ctx.current()) ctx.fail(e);
    }
    if (ctx.current()) root.scrollTop = scroll;
  }

  return { root, show: route };
}

function nav(r, session) {
  return el("nav", { class: "reg-nav" },
    el("strong", {}, "Incidents"),
    el("a", { href: listHash(""), class: r.page === "list" && !r.state ? "active" : "", "data-testid": "filter-all" }, "all"),
    STATES.map((s) => el("a", { href: listHash(s), class: r.state === s ? "active" : "", "data-testid": `filter-${s}` }, s)),
    el("span", { class: "muted session" }, `${session.user} — ${canInvestigate(session) ? "may open and change incidents" : "read only"}`));
}

async function listPage(page, ctx, state) {
  const incidents = await api.list(state);
  if (!ctx.current()) return;
  const rows = listRows(incidents).map((i) => el("tr", { "data-testid": "incident-row", "data-incident-id": i.id, "data-state": i.state },
    el("td", {}, el("a", { href: incidentHash(i.id) }, i.id)),
    el("td", {}, kindLabel(i.kind)),
    el("td", {}, i.title),
    el("td", {}, el("span", { class: `inc-state inc-${i.state}` }, i.state)),
    el("td", {}, i.assignee ?? "—"),
    el("td", {}, utc(i.openedAt)),
    el("td", {}, utc(lastChange(i)))));
  page.append(section(state ? `Incidents: ${state}` : "Incidents",
    rows.length > 0
      ? table(["id", "kind", "title", "state", "assignee", "opened", "last change"], rows, { "data-testid": "incidents-table" })
      : el("p", { class: "muted", "data-testid": "no-incidents" }, state ? `No ${state} incidents.` : "No incidents yet.")));
  if (ctx.canEdit) page.append(newIncident(ctx));
}

const FIND_FIELDS = ["lat", "lon", "from", "to", "radiusM"];

function newIncident(ctx) {
  const end = ctx.now();
  const f = form({
    id: "new-incident",
    submitLabel: "Open incident",
    note: "A ground find needs where it was found (type it or click the map) and the window in which it may have come down (UTC).",
    fields: [
      { name: "kind", label: "kind", options: KINDS, value: "airspace-incursion" },
      { name: "title", label: "title", required: true },
      { name: "description", label: "description", type: "textarea" },
      { name: "lat", label: "find latitude °", placeholder: "45.2270" },
      { name: "lon", label: "find longitude °", placeholder: "28.4720" },
      { name: "from", label: "window from (UTC)", type: "datetime-local", step: 1, value: utcInputValue(end.getTime() - 6 * 3600_000) },
      { name: "to", label: "window to (UTC)", type: "datetime-local", step: 1, value: utcInputValue(end) },
      { name: "radiusM", label: "search radius m", type: "number", value: "5000" },
    ],
    onSubmit: async (values) => {
      const { body, description } = openRequest(values);
      const incident = await api.open(body);
      if (description) await api.comment(incident.id, description);
      return incident;
    },
    onDone: (incident) => ctx.go(incidentHash(incident.id)),
  });
  const picker = el("div", { class: "incident-map small", "data-testid": "place-map" });
  const findPart = el("div", { class: "find-fields" }, picker);
  f.querySelector(".fields").after(findPart);
  const kind = f.elements.namedItem("kind");
  const showFind = () => {
    const groundFind = kind.value === "ground-find";
    for (const name of FIND_FIELDS) f.elements.namedItem(name).closest("label").hidden = !groundFind;
    findPart.hidden = !groundFind;
    if (groundFind && !picker.dataset.ready) {
      picker.dataset.ready = "true";
      ctx.keep(placePicker(picker, (lat, lon) => {
        f.elements.namedItem("lat").value = String(lat);
        f.elements.namedItem("lon").value = String(lon);
      }));
    }
  };
  kind.addEventListener("change", showFind);
  f.addEventListener("reset", () => setTimeout(showFind, 0));
  showFind();
  return section("New incident", f);
}

async function incidentPage(page, ctx, id) {
  const i = await api.get(id);
  if (!ctx.current()) return;
  page.dataset.state = i.state;
  page.append(
    el("h1", { class: "inc-title" }, `${i.id} — ${i.title}`),
    section("State",
      details([
        ["state", el("span", { class: `inc-state inc-${i.state}`, "data-testid": "incident-state" }, i.state)],
        ["kind", kindLabel(i.kind)],
        ["opened", `${utc(i.openedAt)} by ${i.openedBy}`],
        ["assignee", el("span", { "data-testid": "incident-assignee" }, i.assignee ?? "—")],
        ["resolution", i.resolution ?? "—"],
      ]),
      ctx.canEdit ? moves(i, ctx) : null,
      ctx.canEdit && i.state !== "closed" ? form({
        id: "assign", submitLabel: "Assign", fields: [{ name: "assignee", label: "assignee", value: i.assignee ?? "", required: true }],
        onSubmit: (v) => api.assign(i.id, v.assignee), onDone: ctx.reload,
      }) : null),
    section("Linked alerts and tracks", linked(i)),
    section("Timeline", timeline(i),
      ctx.canEdit ? form({
        id: "comment", submitLabel: "Add comment", fields: [{ name: "text", label: "comment", type: "textarea" }],
        onSubmit: (v) => api.comment(i.id, v.text), onDone: ctx.reload,
      }) : null),
    section("Evidence", attachments(i, ctx)),
    section("Export",
      el("p", { class: "exports" },
        el("a", { href: exportUrl(i.id, "html"), target: "_blank", "data-testid": "export-html" }, "HTML report"), " · ",
        el("a", { href: exportUrl(i.id, "geojson"), download: `${i.id}.geojson`, "data-testid": "export-geojson" }, "GeoJSON"), " · ",
        el("a", { href: exportUrl(i.id, "kml"), download: `${i.id}.kml`, "data-testid": "export-kml" }, "KML"))),
  );
  if (i.find) page.append(backtrackSection(i, ctx));
}

function moves(i, ctx) {
  const refusal = el("p", { class: "refusal", role: "alert", "data-testid": "move-refusal", hidden: true });
  const resolution = el("input", { name: "resolution", placeholder: "resolution (needed to close)", "data-testid": "resolution", size: 40 });
  const buttons = legalMoves(i.state).map((m) => el("button", {
    type: "button",
    "data-testid": `move-${m.to}`,
    onclick: async (e) => {
      e.target.disabled = true;
      refusal.hidden = true;
      try {
        await api.transition(i.id, m.to, m.needsResolution ? resolution.value : undefined);
        ctx.reload();
      } catch (err) {
        refusal.textContent = refusalText(err);
        refusal.hidden = false;
        e.target.disabled = false;
      }
    },
  }, m.label));
  const closing = legalMoves(i.state).some((m) => m.needsResolution);
  return el("div", { class: "inc-moves" }, closing ? resolution : null, buttons, refusal);
}

function linked(i) {
  const alerts = i.alertIds.length > 0
    ? i.alertIds.map((a) => el("code", { "data-testid": "linked-alert" }, a))
    : ["none"];
  const tracks = i.trackIds.length > 0
    ? i.trackIds.map((t) => el("a", { href: trackHash(t), "data-testid": "track-link", title: "open the map on this track" }, t))
    : ["none"];
  return details([
    ["alerts", el("span", { class: "inc-links" }, alerts)],
    ["tracks", el("span", { class: "inc-links" }, tracks)],
  ]);
}

function timeline(i) {
  return el("ol", { class: "inc-timeline", "data-testid": "timeline" }, timelineRows(i).map((e) =>
    el("li", { "data-testid": "timeline-entry", "data-action": e.action },
      el("span", { class: "muted" }, utc(e.time)), " ", el("strong", {}, e.actor), " ", el("span", { class: "inc-action" }, e.action),
      e.detail ? el("div", { class: "inc-detail" }, e.detail) : null)));
}

function attachments(i, ctx) {
  const rows = i.attachments.map((a) => el("tr", { "data-testid": "attachment-row" },
    el("td", {}, el("a", { href: attachmentUrl(i.id, a.sha256Hex), download: a.name }, a.name)),
    el("td", {}, a.contentType),
    el("td", { class: "num" }, `${a.sizeBytes} B`),
    el("td", {}, el("code", { "data-testid": "attachment-sha" }, a.sha256Hex)),
    el("td", {}, `${utc(a.addedAt)} by ${a.addedBy}`)));
  return [
    rows.length > 0 ? table(["file", "type", "size", "SHA-256", "added"], rows) : el("p", { class: "muted" }, "No evidence attached."),
    ctx.canEdit ? form({
      id: "attach", submitLabel: "Upload",
      note: "Photos (JPEG, PNG) or PDF documents, up to 20 MiB; the SHA-256 proves the file unchanged.",
      fields: [{ name: "file", label: "file", type: "file", accept: "image/jpeg,image/png,application/pdf" }],
      onSubmit: (v) => {
        const problem = attachmentProblem(v.file);
        if (problem) throw new Error(problem);
        return api.attach(i.id, v.file);
      },
      onDone: ctx.reload,
    }) : null,
  ];
}

function backtrackSection(i, ctx) {
  const f = i.find;
  const out = el("div", { "data-testid": "backtrack" });
  const run = el("button", { type: "button", "data-testid": "run-backtrack" }, "Run back-tracking");
  run.addEventListener("click", async () => {
    run.disabled = true;
    out.replaceChildren(el("p", { class: "muted" }, "ranking the recorded tracks…"));
    try {
      const candidates = await api.backtrack(i.id);
      if (ctx.current()) showCandidates(out, f, candidates, ctx);
    } catch (e) {
      out.replaceChildren(el("p", { class: "refusal", role: "alert" }, refusalText(e)));
    } finally {
      run.disabled = false;
    }
  });
  return section("Forensic back-tracking",
    el("p", {}, `Found at ${f.place.latDeg.toFixed(5)}, ${f.place.lonDeg.toFixed(5)}; came down between ${utc(f.from)} and ${utc(f.to)}; tracks lost within ${Math.round(f.radiusM)} m considered.`),
    run, out);
}

function showCandidates(out, find, candidates, ctx) {
  if (candidates.length === 0) {
    out.replaceChildren(el("p", { class: "muted", "data-testid": "no-candidates" }, "No recorded track was lost near the find in its window."));
    return;
  }
  const mapDiv = el("div", { class: "incident-map", "data-testid": "backtrack-map" });
  const rows = candidates.map((c, index) => {
    const r = candidateRow(c);
    const tr = el("tr", { "data-testid": "candidate-row", "data-track-id": c.trackId, class: "candidate" },
      el("td", {}, String(r.rank)),
      el("td", {}, el("a", { href: trackHash(c.trackId) }, r.trackId)),
      el("td", {}, r.distance), el("td", {}, r.before), el("td", {}, r.crossing),
      el("td", {}, r.speed), el("td", {}, r.heading), el("td", { "data-testid": "candidate-sensors" }, r.sensors), el("td", {}, r.ellipse),
      el("td", {}, el("button", { type: "button", "data-testid": "show-on-map", onclick: (e) => {
        e.stopPropagation();
        ctx.showOnMap({
          trackId: c.trackId,
          ellipse: debrisPolygon(c.debris),
          find: [find.place.latDeg, find.place.lonDeg],
          path: c.path.map((p) => [p.position.latDeg, p.position.lonDeg]),
        });
      } }, "Show on map")));
    tr.addEventListener("click", () => choose(index));
    return tr;
  });
  out.replaceChildren(
    table(["#", "track", "lost from find", "lost before window end", "crossed the border", "last speed", "last heading", "sensors", "debris ellipse", ""], rows,
      { "data-testid": "candidates" }),
    mapDiv,
    legend("yellow dot: the find", "lines: candidate paths", "orange: the selected candidate's debris ellipse (click a row to choose)"));
  const view = backtrackMap(mapDiv, find, candidates);
  ctx.keep(view.map);
  function choose(index) {
    rows.forEach((tr, k) => tr.classList.toggle("selected", k === index));
    view.select(index);
  }
  choose(0);
}
